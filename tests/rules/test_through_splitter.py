"""The rules behind the real splitter: same findings on our draft as with one claim a sentence."""

from __future__ import annotations

from pathlib import Path

from claimcheck.document import load_document
from claimcheck.rules import find_flags
from claimcheck.split import split_document

from .helpers import ALL_ON
from .test_fixture_draft import DRAFT, EXPECTED


def test_split_then_rules_on_the_draft() -> None:
    doc = load_document(str(DRAFT), markdown=False)
    found = set()
    for claim in split_document(doc):
        for flag in find_flags(claim, doc, ALL_ON):  # the opt-in hedge rules too
            assert doc.text[flag.start:flag.end] == flag.cue
            found.add((flag.rule, flag.cue))
    assert found == set(EXPECTED)


def test_draft_fixture_exists() -> None:
    assert Path(DRAFT).is_file()
