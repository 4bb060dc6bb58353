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


def test_unusual_whitespace_keeps_offsets_on_every_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # blingfire rewrites tabs, no-break and ideographic spaces; offsets must still be exact,
    # whether found by walking the sentences, by counting characters, or via blingfire's own API
    text = "First\tone\u00a0here.\u3000Second\u2003one.\n\nThird  one."
    want = ["First\tone\u00a0here.", "Second\u2003one.", "Third  one."]
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == want
    from claimcheck.adapters import blingfire
    from claimcheck.split import sentences

    monkeypatch.setattr(blingfire, "_LIB", None)  # blingfire's module, not its library
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == want
    monkeypatch.setattr(sentences, "_fast_offsets",
                        lambda chunk: sentences._counted_offsets(
                            chunk, blingfire.text_to_sentences(chunk).split("\n")))
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == want
