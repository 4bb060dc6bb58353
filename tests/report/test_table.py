from claimcheck.report import render
from claimcheck.report.table import render_summary, render_table

from .sample import make_report


def test_plain_table_has_no_ansi_and_shows_markup_literally() -> None:
    out = render(make_report(), "table", color=False, width=160)
    assert "\x1b" not in out
    assert "[bold]works[/bold]" in out
    assert "CC101 sweeping-quantifier" in out and "(warning)" in out
    assert "CC102" not in out  # suppressed flags are not shown
    assert "contradicted" in out
    assert "refs/budget.txt" in out
    assert "warning: refs/x.txt: empty  reference" in out


def test_summary_line_counts_verdicts_and_flags() -> None:
    out = render_table(make_report(), color=False, width=200)
    last = out.strip().splitlines()[-1]
    assert last == ("3 claims (3 checkable) in 1 file · verdicts: 1 contradicted, 1 no evidence, "
                    "1 supported · 2 flags (1 info, 1 warning) · 1 suppressed · FAILED")


def test_summary_alone_is_the_tables_closing_lines() -> None:
    report = make_report()
    out = render_summary(report, color=False, width=200)
    table = render_table(report, color=False, width=200)
    assert table.endswith(out)  # the same warnings and summary line, nothing else
    assert out.splitlines() == ["warning: refs/x.txt: empty  reference", table.splitlines()[-1]]


def test_colour_only_when_asked_and_draft_escapes_stripped() -> None:
    out = render_table(make_report(), color=True, width=160)
    assert "\x1b[" in out
    assert "\x1b[31mred" not in out  # the draft's own escape codes never reach the terminal


def test_width_is_respected() -> None:
    out = render_table(make_report(), color=False, width=90)
    assert max(len(line) for line in out.splitlines()) <= 90


def test_no_colour_env_and_non_tty_default(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in render_table(make_report(), width=120)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("COLUMNS", "100")
    out = render_table(make_report())  # pytest's stdout is not a TTY
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) == 100


def test_evidence_match_is_highlighted() -> None:
    out = render_table(make_report(), color=True, width=200)
    assert "\x1b[1;7mtax works" in out  # bold reverse on evidence.text[start:end]


def test_cue_underline_survives_stripped_escape_codes() -> None:
    out = render_table(make_report(), color=True, width=200)
    assert "\x1b[4;36meveryone knows\x1b[0m" in out
