"""`claimcheck rules`: generated from the rule records in every format."""

from __future__ import annotations

import json

import pytest

from claimcheck.cli import main
from claimcheck.errors import UserError
from claimcheck.report.rules_list import render_rules
from claimcheck.rules import RULES


def test_json_lists_every_rule_with_examples() -> None:
    data = json.loads(render_rules("json"))
    assert [r["id"] for r in data] == [r.id for r in RULES]
    first = data[0]
    assert first["name"] == "sweeping-quantifier" and first["severity"] == "warning"
    assert "Everyone loves going to the movies." in first["flagged"]
    assert "All 12 members voted for the motion." in first["not_flagged"]


def test_markdown_table_has_a_row_per_rule_and_escapes_pipes() -> None:
    md = render_rules("markdown")
    lines = md.splitlines()
    assert lines[0].startswith("| ID | Name |") and len(lines) == 2 + len(RULES)
    for rule in RULES:
        assert f"| {rule.id} | `{rule.name}` |" in md


def test_table_renders_plain_text() -> None:
    table = render_rules("table")
    assert "CC101" in table and "sweeping-quantifier" in table
    assert "\x1b[" not in table


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(UserError):
        render_rules("yaml")


def test_cli_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(RULES)
