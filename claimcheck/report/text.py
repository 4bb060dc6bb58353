"""One line per finding, as ruff, proselint, Vale and markdownlint print them.

    text:     path:line:col: CODE [severity] message. hint
    concise:  path:line:col: CODE message

Findings come in report order (files as given, then by position); the run's warnings and one
summary line follow. Both are line formats: `findings_lines` makes the lines of one claim, so
the CLI can print each claim's findings as soon as it is final (see `claimcheck.stream`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from ..config import FailOn
from ..models import Report
from .color import paint, use_color
from .findings import Finding, clean, counted, relative_path, with_hint

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def finding_line(finding: Finding, *, concise: bool = False, color: bool = False) -> str:
    where = f"{clean(relative_path(finding.file))}:{finding.line}:{finding.column}:"
    code = paint(finding.rule, SEVERITY_STYLE[finding.severity], color)
    if concise:
        return f"{paint(where, 'bold', color)} {code} {clean(finding.message)}"
    severity = paint(f"[{finding.severity}]", SEVERITY_STYLE[finding.severity].split()[-1],
                     color)
    return f"{paint(where, 'bold', color)} {code} {severity} {clean(with_hint(finding))}"


def findings_lines(findings: Iterable[Finding], *, concise: bool = False,
                   color: bool = False) -> list[str]:
    """Lines for findings, ordered by position (a claim's verdict sits at the claim's start)."""
    ordered = sorted(findings, key=lambda f: (f.line, f.column, f.rule))
    return [finding_line(f, concise=concise, color=color) for f in ordered]


def summary_line(report: Report, findings: Sequence[Finding], *, color: bool = False) -> str:
    """'Found 3 findings (1 error, 2 warnings) in 1 file; 12 claims, 8 checkable; FAILED.'"""
    s = report.summary
    by_severity = Counter(f.severity for f in findings)
    parts = [f"{n} {sev}{'' if n == 1 else 's'}" for sev in ("error", "warning", "info")
             if (n := by_severity[sev])]
    head = (f"Found {counted(len(findings), 'finding')} ({', '.join(parts)})" if findings
            else "No findings")
    text = (f"{head} in {counted(s.files, 'file')}; {counted(s.claims, 'claim')}, "
            f"{s.checkable} checkable")
    if s.suppressed:
        text += f"; {s.suppressed} suppressed"
    if s.reviews:
        text += "; reviewed: " + ", ".join(f"{n} {d}" for d, n in s.reviews.items())
    status = paint("FAILED", "bold red", color) if s.failed else paint("passed", "green", color)
    return f"{text}; {status}."


def closing_lines(report: Report, findings: Sequence[Finding], *, color: bool = False) -> list[str]:
    """The run's warnings, then the summary line."""
    lines = [f"{paint('claimcheck: warning:', 'yellow', color)} {clean(w)}"
             for w in report.warnings]
    return [*lines, summary_line(report, findings, color=color)]


def render_text(report: Report, fail_on: FailOn = None, *,
                concise: bool = False, color: bool | None = None) -> str:
    from .stream import render_lines

    return render_lines(report, "concise" if concise else "text", fail_on, use_color(color))
