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


def test_clean_strips_escape_sequences_and_controls() -> None:
    assert clean("a\x1b[31mred\x1b[0m\x07b\nc") == "ared b c"
    assert clean("x\x1b]0;title\x07y") == "xy"
    assert clean("tab\tline\nend", one_line=False) == "tab\tline\nend"


def test_relative_uri_uses_forward_slashes_and_percent_encoding() -> None:
    assert relative_uri(PATH) == "docs/draft%20one.md"
    assert relative_uri("-") == "stdin"
    assert relative_uri("/nonexistent/x.md").startswith("file:///")
