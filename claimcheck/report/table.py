"""The terminal table: one row per claim, its flags, its verdict and the best evidence.

Cells are built as rich `Text` objects, never markup strings, so a draft that says `[bold]` is
shown literally; escape sequences and control characters are stripped first (`clean`).
"""

from __future__ import annotations

import io
import os
import shutil
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Claim, Evidence, Report, by_file
from .findings import clean, counted

VERDICT_STYLE = {
    "supported": "green",
    "partly_supported": "yellow",
    "contradicted": "bold red",
    "misquoted": "bold magenta",
    "no_evidence": "yellow",
    "not_checkable": "dim",
}
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
DEFAULT_WIDTH = 120
_CONTEXT = 60  # characters of evidence shown either side of the matched words


def use_color(color: bool | None) -> bool:
    """Explicit choice wins; otherwise colour only on a terminal and never with NO_COLOR."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def table_width() -> int:
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return DEFAULT_WIDTH


def styled(raw: str, spans: list[tuple[int, int, str]]) -> Text:
    """`raw` with styles on (start, end) spans, cleaned piece by piece so that stripping escape
    sequences cannot shift a style onto the wrong words."""
    cuts = sorted({0, len(raw)} | {x for a, b, _ in spans for x in (a, b) if 0 <= x <= len(raw)})
    out = Text()
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        style = " ".join(st for a, b, st in spans if a <= lo and hi <= b)
        out.append(clean(raw[lo:hi]), style=style or None)
    return out


def _claim_text(claim: Claim) -> Text:
    """The claim, with each live flag's cue underlined where it falls inside the claim."""
    spans = []
    for flag in claim.flags:
        start, end = flag.start - claim.start, flag.end - claim.start
        if not flag.suppressed_by and 0 <= start < end <= len(claim.text):
            spans.append((start, end, f"underline {SEVERITY_STYLE[flag.severity]}"))
    return styled(claim.text, spans)


def _flags(claim: Claim) -> Text:
    out = Text()
    for flag in sorted(claim.flags, key=lambda f: (f.start, f.rule)):
        if flag.suppressed_by:
            continue
        if out:
            out.append("\n")
        out.append(f"{flag.rule} {flag.name} ", style="bold")
        label = "supported" if flag.supported else flag.severity
        out.append(f"({label})", style="dim" if flag.supported else SEVERITY_STYLE[flag.severity])
    return out


def _verdict(claim: Claim) -> Text:
    verdict = claim.verdict
    if verdict is None:
        return Text("-", style="dim")
    if verdict.suppressed_by:
        return Text(f"{verdict.label.replace('_', ' ')} (suppressed)", style="dim")
    out = Text(verdict.label.replace("_", " "), style=VERDICT_STYLE.get(verdict.label, ""))
    if verdict.label != "not_checkable":  # its score is always 0 and says nothing
        out.append(f" {verdict.score:.2f}", style="dim")
    for diff in verdict.differences:
        out.append(f"\n{clean(diff.claim)} → {clean(diff.evidence)}", style="dim")
    if verdict.diff:
        out.append("\n" + clean(verdict.diff), style="dim")
    return out


def evidence_text(ev: Evidence) -> Text:
    """Source, then the snippet around the best-matching span with the matched words bold."""
    start = max(0, min(ev.start, len(ev.text)))
    end = max(start, min(ev.end, len(ev.text)))
    lo, hi = max(0, start - _CONTEXT), min(len(ev.text), end + _CONTEXT)
    out = Text()
    out.append(clean(ev.source), style="cyan")
    out.append("\n" + ("…" if lo > 0 else ""))
    out.append_text(styled(ev.text[lo:hi], [(start - lo, end - lo, "bold reverse")]))
    if hi < len(ev.text):
        out.append("…")
    return out


def _summary(report: Report) -> Text:
    s = report.summary
    out = Text(f"{counted(s.claims, 'claim')} ({s.checkable} checkable) in "
               f"{counted(s.files, 'file')}")
    if s.verdicts:
        out.append(" · verdicts: ")
        for i, (label, count) in enumerate(s.verdicts.items()):
            out.append(", " if i else "")
            out.append(f"{count} {label.replace('_', ' ')}", style=VERDICT_STYLE.get(label, ""))
    flags = sum(s.flags.values())
    out.append(f" · {counted(flags, 'flag')}")
    if s.flags:
        out.append(" (" + ", ".join(f"{n} {sev}" for sev, n in s.flags.items()) + ")")
    if s.suppressed:
        out.append(f" · {s.suppressed} suppressed", style="dim")
    out.append(" · ")
    out.append("FAILED" if s.failed else "passed", style="bold red" if s.failed else "green")
    return out


def _console(buffer: io.StringIO, color: bool | None, width: int | None) -> Console:
    colored = use_color(color)
    return Console(
        file=buffer, width=width or table_width(), force_terminal=colored,
        color_system="standard" if colored else None, no_color=not colored, highlight=False,
        markup=False, emoji=False, legacy_windows=False,
    )


def _closing(console: Console, report: Report) -> None:
    for warning in report.warnings:
        console.print(Text("warning: ", style="yellow") + Text(clean(warning)))
    console.print(_summary(report))


def render_summary(report: Report, *, color: bool | None = None,
                   width: int | None = None) -> str:
    """The table's closing lines alone (warnings and the one-line summary): what a CI log wants
    beside a report file, where a row per claim would run to megabytes on a large draft."""
    buffer = io.StringIO()
    _closing(_console(buffer, color, width), report)
    return buffer.getvalue()


def render_table(report: Report, *, color: bool | None = None, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = _console(buffer, color, width)
    checked = any(c.verdict for c in report.claims)  # no refs: no verdict/evidence columns
    grouped = by_file(report.claims)
    for path in report.files:
        claims = grouped.get(path, [])
        if not claims:
            console.print(Text(f"{clean(path)}: no claims", style="dim"))
            continue
        table = Table(title=clean(path), title_justify="left", show_lines=True, expand=True)
        table.add_column("ID", no_wrap=True)
        table.add_column("Line:Col", no_wrap=True)
        table.add_column("Kind", no_wrap=True)
        table.add_column("Claim", ratio=3, overflow="fold")
        wide = console.width >= 110  # fixed widths keep rule names and labels unbroken
        table.add_column("Flags", width=27 if wide else None, ratio=None if wide else 2,
                         overflow="fold")
        if checked:
            table.add_column("Verdict", width=16 if wide else None, ratio=None if wide else 1,
                             overflow="fold")
            table.add_column("Evidence", ratio=3, overflow="fold")
        for claim in claims:
            row = [Text(claim.id), Text(f"{claim.line}:{claim.column}"), Text(claim.kind),
                   _claim_text(claim), _flags(claim)]
            if checked:
                evidence = (evidence_text(claim.verdict.evidence[0])
                            if claim.verdict and claim.verdict.evidence else Text(""))
                row += [_verdict(claim), evidence]
            table.add_row(*row)
        console.print(table)
    _closing(console, report)
    return buffer.getvalue()
