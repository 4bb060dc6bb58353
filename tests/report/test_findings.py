import json
from pathlib import Path

import pytest

from claimcheck.config import Config
from claimcheck.pipeline import run
from claimcheck.report import render
from claimcheck.report.findings import clean, collect, end_position, relative_uri

from .sample import PATH, make_report


def test_collect_order_levels_and_suppression() -> None:
    found = collect(make_report())
    assert [(f.claim.id, f.rule) for f in found] == [
        ("C1", "CC101"), ("C1", "verdict/contradicted"),
        ("C3", "CC701"), ("C3", "verdict/no_evidence"),
    ]  # CC102 is suppressed; "supported" is not a finding
    assert [f.failing for f in found] == [False, True, False, False]


def test_fail_on_changes_failing_and_adds_verdicts() -> None:
    found = collect(make_report(), ["info", "supported"])
    assert [f.rule for f in found if f.failing] == ["CC101", "verdict/supported", "CC701"]


def test_positions_are_exclusive_end_columns() -> None:
    first = collect(make_report())[0]
    assert (first.line, first.column, first.end_line, first.end_column) == (3, 1, 3, 4)
    assert end_position(2, 5, "ab\ncde") == (3, 4)


def test_clean_shows_escape_sequences_and_controls_visibly() -> None:
    assert clean("a\x1b[31mred\x1b[0m\x07b\nc") == "a\\x1b[31mred\\x1b[0m\\x07b c"
    assert clean("x\x1b]0;title\x07y") == "x\\x1b]0;title\\x07y"
    assert clean("tab\tline\nend", one_line=False) == "tab\tline\nend"
    assert clean("a\u202eb\u2066c\u200bd\x9be") == "a<U+202E>b<U+2066>c<U+200B>d\\x9be"


def test_relative_uri_uses_forward_slashes_and_percent_encoding() -> None:
    assert relative_uri(PATH) == "docs/draft%20one.md"
    assert relative_uri("-") == "stdin"
    assert relative_uri("/nonexistent/x.md").startswith("file:///")


def test_end_position_counts_every_kind_of_line_break() -> None:
    assert end_position(2, 5, "ab\rcde") == (3, 4)
    assert end_position(2, 5, "ab\r\ncde") == (3, 4)
    assert end_position(2, 5, "a\r\rb") == (4, 2)
    assert end_position(2, 5, "abc") == (2, 8)


# Line 3 "All experts", line 4 "agree that ... family." (53 characters): the claim and the
# "experts agree" flag both cross the line break.
_LINES = ["Budget Report", "", "All experts",
          "agree that the new policy misses every single family."]


@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["cr-only", "crlf"])
def test_positions_in_json_and_sarif_on_cr_and_crlf_drafts(tmp_path: Path, newline: str) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes((newline.join(_LINES) + newline).encode())
    refs = tmp_path / "refs.txt"
    refs.write_text("The harbour opened in spring after a long repair.\n", encoding="utf-8")
    report = run([str(draft)], Config(refs=[str(refs)], offline=True))

    data = json.loads(render(report, "json"))
    claim = next(c for c in data["claims"] if c["text"].startswith("All experts"))
    assert (claim["line"], claim["column"]) == (3, 1)
    assert [(f["cue"].replace(newline, " "), f["line"], f["column"]) for f in claim["flags"]] == [
        ("All", 3, 1), ("experts agree", 3, 5), ("every", 4, 34)]

    sarif = json.loads(render(report, "sarif"))
    regions = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"])
               for r in sarif["runs"][0]["results"]]
    assert regions == [
        ("CC101", {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 4}),
        ("CC301", {"startLine": 3, "startColumn": 5, "endLine": 4, "endColumn": 6}),
        ("CC101", {"startLine": 4, "startColumn": 34, "endLine": 4, "endColumn": 39}),
        ("verdict/no_evidence", {"startLine": 3, "startColumn": 1, "endLine": 4,
                                 "endColumn": 54}),
    ]
