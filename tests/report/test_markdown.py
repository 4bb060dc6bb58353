from claimcheck.models import Report
from claimcheck.report import render

from .sample import make_report


def test_summary_then_table_with_escaped_cells() -> None:
    out = render(make_report(), "markdown")
    lines = out.splitlines()
    assert lines[0] == "## claimcheck report"
    assert lines[2] == ("**❌ failed** · 1 file · 3 claims (3 checkable) · 4 findings · "
                        "1 suppressed")
    rows = [line for line in lines if line.startswith("| ")]
    rows = rows[:rows.index("| Rule | Findings |")]
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


def test_worst_findings_first_then_counts_per_rule() -> None:
    lines = render(make_report(), "markdown").splitlines()
    table = [line for line in lines if line.startswith("| ❌") or line.startswith("| ⚠️")]
    assert "verdict/contradicted" in table[0]  # the one failing finding leads
    assert "CC701" in table[-1]  # info last
    counts = lines[lines.index("| Rule | Findings |") + 2:]
    assert counts[:1] == ["| CC101 sweeping-quantifier | 1 |"] and len(counts) == 4
    assert not any("more findings are not in the table" in line for line in lines)


def _many(n: int) -> Report:
    report = make_report()
    first = report.claims[0]
    report.claims = []
    for i in range(n):
        claim = first.model_copy(deep=True)
        claim.id = f"C{i + 1}"
        claim.text = f"{i} " + "x" * 200
        if i % 7:
            claim.verdict = None  # most carry only the CC101 warning; every 7th fails too
        report.claims.append(claim)
    report.warnings = [f"warning {i}" for i in range(30)]
    return report


def test_capped_below_githubs_limit_with_a_note_of_what_was_cut() -> None:
    out = render(_many(5000), "markdown")
    assert len(out) < 65_536
    lines = out.splitlines()
    table = [line for line in lines if line.startswith("| ❌") or line.startswith("| ⚠️")]
    assert 50 < len(table) < 5000
    failing = 5000 // 7 + 1
    assert all(row.startswith("| ❌") for row in table[:min(failing, len(table))])
    assert "| CC101 sweeping-quantifier | 5,000 |" in lines
    note = [line for line in lines if "more findings are not in the table" in line]
    left = 5000 + failing - len(table)
    assert note and note[0].startswith(f"*{left:,} more findings")
    assert sum("> warning:" in line for line in lines) == 20
    assert "> … and 10 more warnings" in lines


def test_a_tight_limit_still_keeps_counts_and_note() -> None:
    from claimcheck.report.markdown import render_markdown

    out = render_markdown(_many(300), ["error"], limit=9000)
    assert len(out) <= 9000
    assert "| CC101 sweeping-quantifier | 300 |" in out
    assert "more findings are not in the table" in out
