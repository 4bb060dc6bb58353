import re

from claimcheck.report import render
from claimcheck.report.table import render_claim, render_summary, render_table

from .sample import make_report


def test_plain_table_has_no_ansi_and_shows_markup_literally() -> None:
    out = render(make_report(), "table", color=False, width=160)
    assert "\x1b" not in out
    assert "[bold]works[/bold]" in out
    assert "CC101 sweeping-quantifier (warning)" in out
    assert "CC102" not in out  # suppressed flags are not shown
    assert "CONTRADICTED 0.81" in out
    assert "= contradicted: the source says it failed" in out  # the verdict's reason
    assert "refs/budget.txt" in out
    assert "warning: refs/x.txt: empty \\x1b[2J reference" in out


def test_one_block_per_claim_with_findings_one_line_for_the_rest() -> None:
    out = render_table(make_report(), color=False, width=80)
    lines = out.splitlines()
    supported = [line for line in lines if line.startswith("C2 ")]
    assert len(supported) == 1 and "SUPPORTED" in supported[0]
    assert lines[1].startswith("C1  L3:1  factual  CONTRADICTED")
    assert "    ⟦All⟧ experts agree the | tax [bold]works[/bold]." in lines


def test_cue_and_evidence_markers_survive_without_colour() -> None:
    out = render_table(make_report(), color=False, width=200)
    assert "⟦All⟧ experts" in out and "⟦everyone knows⟧" in out
    assert "Officials said the «tax works» poorly overall." in out


def test_summary_line_counts_verdicts_and_flags() -> None:
    out = render_table(make_report(), color=False, width=200)
    last = out.strip().splitlines()[-1]
    assert last == ("3 claims (3 checkable) in 1 file · verdicts: 1 contradicted, 1 no evidence, "
                    "1 supported · 2 flags (1 info, 1 warning) · 1 suppressed · FAILED")


def test_summary_wraps_at_narrow_widths() -> None:
    out = render_summary(make_report(), color=False, width=80)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert " · ".join(out.splitlines()[1:]).endswith("1 suppressed · FAILED")


def test_summary_alone_is_the_tables_closing_lines() -> None:
    report = make_report()
    out = render_summary(report, color=False, width=200)
    table = render_table(report, color=False, width=200)
    assert table.endswith(out)  # the same warnings and summary line, nothing else
    assert out.splitlines() == ["warning: refs/x.txt: empty \\x1b[2J reference",
                                table.splitlines()[-1]]


def test_colour_only_when_asked_and_draft_escapes_stripped() -> None:
    out = render_table(make_report(), color=True, width=160)
    assert "\x1b[" in out
    assert "\x1b[31mred" not in out  # the draft's own escape codes never reach the terminal
    assert "\x1b[2J" not in out


def test_width_is_respected_at_80_and_120() -> None:
    for width in (80, 120, 90):
        out = render_table(make_report(), color=False, width=width)
        assert max(len(line) for line in out.splitlines()) <= width


def test_no_colour_env_and_non_tty_default(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in render_table(make_report(), width=120)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("COLUMNS", "100")
    out = render_table(make_report())  # pytest's stdout is not a TTY
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) == 100  # the file rule fills the width


def test_evidence_match_and_cue_are_styled_in_colour() -> None:
    out = render_table(make_report(), color=True, width=200)
    assert "\x1b[1;4m«tax works»\x1b[0m" in out
    assert "\x1b[1;4m⟦everyone knows⟧\x1b[0m" in out


def test_show_prints_every_candidate_and_the_rule_description() -> None:
    claim = make_report().claims[0]
    out = render_claim(claim, color=False, width=80)
    assert out.startswith("docs/draft one.md:3:1\n")
    assert "evidence 1/1" in out
    assert "Rule: A sweeping quantifier" in out
    assert not re.search(r"\x1b", out)


def test_a_difference_side_with_no_words_reads_absent() -> None:
    from claimcheck.models import Difference
    from claimcheck.report.table import difference_sides

    missing = Difference(kind="negation", claim="", evidence="did not  get\x1b[2J it")
    said, found = difference_sides(missing)
    assert said == "(absent)" and found.startswith("did not get") and "\x1b" not in found
    report = make_report()
    claim = next(c for c in report.claims if c.verdict and c.verdict.label == "contradicted")
    claim.verdict.differences = [missing]  # type: ignore[union-attr]
    text = render_claim(claim, width=80, color=False)
    assert "differs (negation): (absent) → did not get" in text
