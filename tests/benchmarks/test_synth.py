"""The benchmark generator must be reproducible and honour the sizes asked for, or the scaling
curve compares different inputs and means nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .scripts import load

synth = load("synth")


@pytest.mark.parametrize("size", [64, 1_000, 65_536, 300_001])
def test_draft_has_exactly_the_requested_bytes(size: int) -> None:
    assert len(synth.make_draft(size, seed=3).text.encode("utf-8")) == size


def test_draft_is_deterministic_for_a_seed() -> None:
    assert synth.make_draft(50_000, seed=11) == synth.make_draft(50_000, seed=11)


def test_different_seeds_give_different_drafts() -> None:
    assert synth.make_draft(20_000, seed=1).text != synth.make_draft(20_000, seed=2).text


def test_draft_is_rejected_below_minimum_size() -> None:
    with pytest.raises(ValueError):
        synth.make_draft(10)


def test_draft_looks_like_a_markdown_news_story() -> None:
    text = synth.make_draft(60_000, seed=5).text
    assert text.startswith("# ")
    assert re.search(r"^## ", text, re.M)  # section headings
    assert re.search(r"^> “", text, re.M)  # block quotes with a speaker line
    assert re.search(r"^> — \w", text, re.M)
    assert re.search(r"^- ", text, re.M)  # lists
    assert "```python\n" in text  # code blocks
    assert re.search(r"\d{1,3},\d{3}", text)  # numbers with thousands separators
    assert re.search(r"\b(19|20)\d\d\b", text)  # years
    assert re.search(r"said", text)  # attributed quotes
    assert re.search(r"^\| Place \| Year \| Count \|$", text, re.M)  # tables


def test_smaller_draft_uses_a_prefix_of_the_larger_drafts_facts() -> None:
    small, large = synth.make_draft(10_000, seed=4), synth.make_draft(80_000, seed=4)
    assert 0 < small.facts < large.facts
    # Same seed, same stream: the small draft's text opens the large one (up to its padding).
    body = small.text[: small.text.rfind("\n\n")]
    assert large.text.startswith(body)


def test_fact_depends_only_on_seed_and_index() -> None:
    assert synth.fact(9, 123) == synth.fact(9, 123)
    assert synth.fact(9, 123) != synth.fact(9, 124)
    assert synth.fact(9, 123).index == 123


def test_snippets_are_deterministic_and_counted() -> None:
    first = synth.make_snippets(2_000, facts=300, seed=8)
    assert first == synth.make_snippets(2_000, facts=300, seed=8)
    assert len(first) == 2_000
    assert len({s.id for s in first}) == 2_000


def test_snippets_partly_support_and_contradict_the_draft() -> None:
    snippets = synth.make_snippets(5_000, facts=400, seed=8)
    relations = {s.relation for s in snippets}
    assert relations == {"supports", "contradicts", "quote", "misquote", "distractor"}
    for s in snippets:
        related = s.relation != "distractor"
        assert (s.fact < 400) == related  # distractors never render a draft fact
    share = sum(s.relation != "distractor" for s in snippets) / len(snippets)
    assert 0.2 < share < 0.32  # RELATIONS add up to 0.25


def test_supporting_snippet_carries_the_facts_number() -> None:
    snippets = synth.make_snippets(3_000, facts=200, seed=2)
    support = next(s for s in snippets if s.relation == "supports"
                   and "percent" not in s.text and "million" not in s.text)
    f = synth.fact(2, support.fact)
    assert f"{f.count:,}" in support.text and f.place in support.text


def test_misquote_differs_from_the_quote() -> None:
    snippets = synth.make_snippets(3_000, facts=200, seed=2)
    mis = next(s for s in snippets if s.relation == "misquote")
    quote = synth.fact(2, mis.fact).quote
    assert quote not in mis.text


def test_written_files_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "refs.jsonl"
    snippets = synth.make_snippets(50, facts=10, seed=1)
    synth.write_snippets(out, snippets)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == [s.record() for s in snippets]


@pytest.mark.parametrize(("text", "size"), [("65536", 65_536), ("64KB", 65_536),
                                             ("1MB", 1_048_576), ("0.5mb", 524_288)])
def test_parse_size(text: str, size: int) -> None:
    assert synth.parse_size(text) == size
