"""The hard segmentation cases, run through document blocks + blingfire + our post-rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.document import build_document
from claimcheck.split.sentences import split_sentences

CASES = json.loads((Path(__file__).parent / "segmentation_cases.json").read_text("utf-8"))


def _sentences(text: str) -> list[str]:
    doc = build_document("case.txt", text, markdown=False)
    spans = [span for b in doc.blocks for span in split_sentences(doc.masked, b.start, b.end)]
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hard_case(case: dict[str, object]) -> None:
    assert _sentences(str(case["text"])) == case["sentences"]


def test_spans_are_absolute_and_trimmed() -> None:
    masked = "xx  First one.  Second one.  yy"
    assert split_sentences(masked, 2, 29) == [(4, 14), (16, 27)]
    assert split_sentences("   ", 0, 3) == []


def test_non_ascii_offsets() -> None:
    text = "Ünïcode café “quoted.” Next one."
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "Ünïcode café “quoted.”", "Next one."]


def test_lower_case_continuation_is_not_a_new_sentence() -> None:
    text = "Prices rose... then they fell. Good."
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "Prices rose... then they fell.", "Good."]


def test_no_is_a_sentence_end_before_a_word() -> None:
    text = "The answer was no. They left."
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "The answer was no.", "They left."]
