"""A whole news-style draft of our own: what is flagged, what is left alone, exact spans."""

from __future__ import annotations

from pathlib import Path

from claimcheck.rules import find_flags

from .helpers import ALL_ON, make_claims, make_document

DRAFT = Path(__file__).parents[2] / "fixtures" / "rules" / "news_draft.txt"


def _flags() -> list[tuple[str, str]]:
    doc = make_document(DRAFT.read_text(encoding="utf-8"), path=str(DRAFT))
    out = []
    for claim in make_claims(doc):
        for flag in find_flags(claim, doc, ALL_ON):  # the opt-in hedge rules too
            assert doc.text[flag.start:flag.end] == flag.cue
            assert doc.position(flag.start) == (flag.line, flag.column)
            out.append((flag.rule, flag.cue))
    return out


EXPECTED = [
    ("CC401", "Dockers are furious"),
    ("CC701", "seems to"),
    # Issue 14b: "A large number of ships are waiting offshore" sizes things in a news event
    # (let through as about-things); "significant" is a magnitude word, CC202's (opt-in).
    ("CC202", "significant"),
    ("CC501", "is someone who"),
    ("CC501", "persistently"),
    ("CC501", "convinced that"),
    ("CC401", "The Dutch hope"),
    ("CC601", "the longest strike in history"),
    ("CC701", "could mean"),
]


def test_the_drafts_generalizations_are_flagged() -> None:
    assert _flags() == EXPECTED


def test_sourced_quoted_and_institutional_sentences_are_left_alone() -> None:
    cues = " ".join(cue for _, cue in _flags())
    assert "every" not in cues  # "The port authority confirmed that every berth had closed"
    assert "No one" not in cues  # inside Voss's attributed quotation
    assert "All" not in cues  # "All 14 cranes", with port figures
    assert "Ministry" not in cues and "union" not in cues  # institutions acting
