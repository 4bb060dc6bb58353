"""find_flags: exact spans, positions, settings and their errors."""

from __future__ import annotations

import pytest

from claimcheck.errors import UserError
from claimcheck.rules import find_flags

from .helpers import flags_for, make_claims, make_document


def test_flag_points_at_the_cue_exactly() -> None:
    text = "Intro line.\nThe talks stalled. Everyone is tired."
    doc = make_document(text)
    flags = [f for c in make_claims(doc) for f in find_flags(c, doc, {})]
    assert [(f.rule, f.cue) for f in flags] == [("CC101", "Everyone")]
    flag = flags[0]
    assert text[flag.start:flag.end] == "Everyone"
    assert (flag.line, flag.column) == (2, 20)
    assert flag.name == "sweeping-quantifier" and flag.family == "sweeping"
    assert flag.severity == "warning"
    assert "'Everyone'" in flag.message and "figure" in flag.message
    assert flag.hint


def test_only_the_claims_own_span_is_searched() -> None:
    text = "Everyone agrees. Talks stalled."
    doc = make_document(text)
    second = make_claims(doc)[1]
    assert find_flags(second, doc, {}) == []


def test_settings_switch_rules_off_by_id_or_name() -> None:
    text = "Everyone is probably tired."
    assert {f.rule for f in flags_for(text)} == {"CC101"}  # CC701 is opt-in (rules v2)
    assert {f.rule for f in flags_for(text, {"CC701": "on"})} == {"CC101", "CC701"}
    assert {f.rule for f in flags_for(text, {"CC101": "off", "CC701": "on"})} == {"CC701"}
    assert {f.rule for f in flags_for(text, {"hedge-speculation": "off"})} == {"CC101"}


def test_settings_change_severity() -> None:
    text = "Everyone is probably tired."
    by_rule = {f.rule: f.severity for f in flags_for(text, {"CC101": "error", "CC701": "on"})}
    assert by_rule == {"CC101": "error", "CC701": "info"}


def test_unknown_rule_or_setting_is_a_user_error() -> None:
    with pytest.raises(UserError, match="unknown rule 'CC999'"):
        flags_for("Fine.", {"CC999": "off"})
    with pytest.raises(UserError, match="must be one of"):
        flags_for("Fine.", {"CC101": "loud"})


def test_flags_come_in_file_order() -> None:
    flags = flags_for("It seems everyone is tired and many are angry.", {"CC701": "on"})
    assert [f.cue for f in flags] == ["It seems", "everyone", "many"]


def test_quote_claim_with_speaker_is_not_flagged() -> None:
    assert flags_for("Everyone is tired.", kind="quote", speaker="Kirby") == []


def test_questions_assert_nothing_but_headlines_do() -> None:
    assert flags_for("Does everyone agree?", kind="question") == []
    assert [f.cue for f in flags_for("Does everyone agree?")] == ["everyone"]
    assert [f.cue for f in flags_for("Everyone Hates the New Tax", kind="non_claim")] == [
        "Everyone"]


def test_settings_are_validated_even_for_claims_without_flags() -> None:
    with pytest.raises(UserError):
        flags_for("Is it?", {"nope": "off"}, kind="question")
