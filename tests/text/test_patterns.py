"""patterns.alternation: the prefix tree matches what the flat longest-first list matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import claimcheck
from claimcheck.text import patterns
from claimcheck.text.patterns import alternation, prose_atom

ENTRIES = ["may", "maybe", "might", "march", "mar", "all of", "all", "a", "it's"]
TEXT = "Maybe in March, or may be; all of them might mar it's all. A mar-mar maybe."


def _flat(entries: list[str], atom=re.escape) -> str:  # type: ignore[no-untyped-def]
    ordered = sorted(dict.fromkeys(entries), key=len, reverse=True)
    return "(?:" + "|".join("".join(map(atom, e)) for e in ordered) + ")"


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("atom", [re.escape, prose_atom])
def test_same_matches_as_the_flat_list(flags: int, atom) -> None:  # type: ignore[no-untyped-def]
    for wrap in ("{}", r"\b{}\b", r"{}\w*"):
        tree = re.compile(wrap.format(alternation(ENTRIES, atom)), flags)
        flat = re.compile(wrap.format(_flat(ENTRIES, atom)), flags)
        assert [m.span() for m in tree.finditer(TEXT)] == [m.span() for m in flat.finditer(TEXT)]


def test_written_as_a_tree() -> None:
    assert alternation(["may", "maybe", "might"]) == "(?:m(?:ay(?:be)?|ight))"


def test_prose_phrases_take_any_spaces_and_either_apostrophe() -> None:
    pattern = re.compile(alternation(["it's all"], prose_atom))
    assert pattern.fullmatch("it’s \n all")


def test_other_entries_keep_the_flat_list() -> None:
    assert alternation(["Paris", "Pa"]) == "(?:Paris|Pa)"
    assert alternation(["€", "eur"]) == "(?:eur|€)"
    assert re.fullmatch(alternation([]), "") is None


def test_word_edges_are_written_once() -> None:
    # The rules, the splitter's evaluation and the exemptions build on EDGE_L/EDGE_R/whole_words;
    # a second copy of the literal would drift from them.
    package = Path(claimcheck.__file__).parent
    copies = [str(path.relative_to(package)) for path in sorted(package.rglob("*.py"))
              for literal in (patterns.EDGE_L, patterns.EDGE_R)
              if literal in path.read_text(encoding="utf-8")]
    assert copies == ["text/patterns.py", "text/patterns.py"]
    assert patterns.whole_words("all|every") == r"(?<![\w'’-])(?:all|every)(?![\w'’-])"
