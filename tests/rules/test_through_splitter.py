"""The rules behind the real splitter: same findings on our draft as with one claim a sentence.

Skipped only while `claimcheck.split` / `claimcheck.document` are not installed yet.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest

from claimcheck.rules import find_flags

from .test_fixture_draft import DRAFT


def _stage(module: str, name: str):  # type: ignore[no-untyped-def]
    try:
        found = getattr(import_module(module), name, None)
    except ImportError:
        found = None
    if found is None:
        pytest.skip(f"{module}.{name} not available yet")
    return found


def test_split_then_rules_on_the_draft() -> None:
    load_document = _stage("claimcheck.document", "load_document")
    split_document = _stage("claimcheck.split", "split_document")
    doc = load_document(str(DRAFT), markdown=False)
    found = set()
    for claim in split_document(doc):
        for flag in find_flags(claim, doc, {}):
            assert doc.text[flag.start:flag.end] == flag.cue
            found.add((flag.rule, flag.cue))
    assert found == {
        ("CC401", "Dockers are furious"),
        ("CC701", "seems to"),
        ("CC201", "A large number of"),
        ("CC201", "significant"),
        ("CC501", "is someone who"),
        ("CC501", "persistently"),
        ("CC501", "convinced that"),
        ("CC401", "The Dutch hope"),
        ("CC601", "the longest strike in history"),
        ("CC701", "could mean"),
    }


def test_draft_fixture_exists() -> None:
    assert Path(DRAFT).is_file()
