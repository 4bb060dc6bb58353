"""The packed references every batch worker shares: the same snippets and the same search
results as the records and index they were packed from, memory-mapped from disk."""

from __future__ import annotations

import datetime
import mmap
from pathlib import Path

import pytest

from claimcheck.batch import packed
from claimcheck.models import Snippet
from claimcheck.references.index import _build, cache_key
from claimcheck.text.stems import pool_stems

from .conftest import synth

SNIPPETS = [
    Snippet(id="a", text="The council approved 12 schools in 2021.", source="refs/a.md",
            url="https://example.org/a", date="2021-05-01",
            extra={"verbatim": True, "when": datetime.date(2021, 5, 1), "tags": ["x", 1]}),
    Snippet(id="b", text="Ünïcödé and a lone surrogate \udc80 survive.", source="refs/b.md"),
    Snippet(id="c", text="", source="refs/c.md", url=""),
]


def test_snippets_come_back_equal(tmp_path: Path) -> None:
    arrays = packed.pack_snippets(SNIPPETS)
    back = packed.PackedSnippets(arrays)
    assert list(back) == SNIPPETS
    assert back[-1] == SNIPPETS[-1] and back[0:2] == SNIPPETS[0:2]
    assert back.texts[1] == SNIPPETS[1].text
    with pytest.raises(IndexError):
        back[3]


def test_saved_arrays_are_mapped_and_search_the_same(tmp_path: Path) -> None:
    made = synth.make_snippets(800, 40, seed=3)
    snippets = [Snippet(id=s.id, text=s.text, source=s.source) for s in made]
    index = _build(snippets)
    known = pool_stems([s.text for s in snippets])
    packed.save(packed.pack_references(snippets, index, known, cache_key(snippets)),
                tmp_path / "pack")
    arrays = packed.load(tmp_path / "pack")
    data = arrays["bm25_data"]
    assert isinstance(data.base, mmap.mmap) or isinstance(getattr(data.base, "base", None),
                                                          mmap.mmap)
    assert not data.flags.writeable
    again = packed.search_index(arrays)
    queries = [s.text for s in snippets[::37]] + ["council schools", "nothing zzqx"]
    assert again.search_many(queries, 8) == index.search_many(queries, 8)
    assert list(again.snippets) == snippets
    assert packed.known_stems(arrays) == known
    assert packed.meta(arrays)["snippets"] == 800


def test_an_empty_reference_set_packs(tmp_path: Path) -> None:
    index = _build([])
    packed.save(packed.pack_references([], index, frozenset(), "k"), tmp_path / "pack")
    arrays = packed.load(tmp_path / "pack")
    assert len(packed.PackedSnippets(arrays)) == 0
    assert packed.search_index(arrays).search_many(["anything"], 8) == [[]]
    assert arrays["field_set"].shape == (0, 2)
