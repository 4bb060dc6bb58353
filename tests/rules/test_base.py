"""Every rule documents itself with examples; the examples must be true of the code."""

from __future__ import annotations

import re

import pytest

from claimcheck.rules import FAMILIES, RULES
from claimcheck.rules.base import _examples

from .helpers import ALL_ON, flags_for

CASES = [(r.id, text, True) for r in RULES for text in r.flagged] + [
    (r.id, text, False) for r in RULES for text in r.not_flagged
]


@pytest.mark.parametrize(("rule_id", "text", "flagged"), CASES)
def test_docstring_examples_hold(rule_id: str, text: str, flagged: bool) -> None:
    fired = [f.rule for f in flags_for(text, ALL_ON)]  # what each rule does when on
    assert (rule_id in fired) is flagged, (rule_id, text, fired)


def test_every_rule_is_documented_and_well_formed() -> None:
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)
    prefixes = {"sweeping": "CC1", "vague": "CC2", "weasel": "CC3", "collective": "CC4",
                "individual": "CC5", "superlative": "CC6", "hedge": "CC7"}
    for r in RULES:
        assert r.id.startswith(prefixes[r.family]) and re.fullmatch(r"CC\d{3}", r.id)
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", r.name)
        assert r.family in FAMILIES
        assert r.summary and len(r.flagged) >= 2 and len(r.not_flagged) >= 2
        # a whole sentence, even when the docstring wraps it over two lines
        assert r.summary.endswith((".", "!", "?")) and "\n" not in r.summary, r.id
        assert "{cue}" in r.message
    assert [r for r in RULES if r.family == "hedge"][0].severity == "info"


def test_examples_parser_stops_at_next_heading() -> None:
    doc = "Title.\n\nFLAGGED:\n- one\n- two\n\nNOT FLAGGED:\n- three\n"
    assert _examples(doc, "FLAGGED") == ["one", "two"]
    assert _examples(doc, "NOT FLAGGED") == ["three"]
