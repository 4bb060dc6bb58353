from claimcheck.report import render

from .sample import make_report


def test_summary_then_table_with_escaped_cells() -> None:
    out = render(make_report(), "markdown")
    lines = out.splitlines()
    assert lines[0] == "## claimcheck report"
    assert lines[2] == ("**❌ failed** · 1 file · 3 claims (3 checkable) · 4 findings · "
                        "1 suppressed")
    rows = [line for line in lines if line.startswith("| ")]
    assert rows[0] == "| | File | Line | Rule | Claim | Message |"
    assert len(rows) == 1 + 4
    assert "All experts agree the \\| tax [bold]works[/bold]." in rows[1]
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in rows[3]  # draft HTML is shown, not rendered
    assert "\x1b" not in out
    for row in rows:  # every row has exactly 6 cells: no unescaped pipe leaked
        assert row.replace("\\|", "").count("|") == 7


def test_no_findings() -> None:
    report = make_report()
    report.claims = report.claims[1:2]
    assert "No findings." in render(report, "markdown")
