"""A Markdown summary for a pull-request comment: counts first, then a table of findings.

Cell text is escaped so a draft cannot break the table (pipes, newlines) or inject HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Report
from .findings import clean, collect, counted, review_text, shorten

_STATUS = {True: "❌ failed", False: "✅ passed"}


def md_cell(text: str) -> str:
    text = clean(text)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(char, entity)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def render_markdown(report: Report, fail_on: Sequence[str]) -> str:
    s = report.summary
    findings = collect(report, fail_on)
    lines = [
        "## claimcheck report",
        "",
        f"**{_STATUS[s.failed]}** · {counted(s.files, 'file')} · "
        f"{counted(s.claims, 'claim')} ({s.checkable} checkable) · "
        f"{counted(len(findings), 'finding')}"
        + (f" · {s.suppressed} suppressed" if s.suppressed else ""),
        "",
    ]
    if s.verdicts:
        lines.append("Verdicts: " + ", ".join(
            f"{n} {label.replace('_', ' ')}" for label, n in s.verdicts.items()))
    if s.flags:
        lines.append("Flags: " + ", ".join(f"{n} {sev}" for sev, n in s.flags.items()))
    if s.verdicts or s.flags:
        lines.append("")
    if findings:
        lines += [
            "| | File | Line | Rule | Claim | Message |",
            "|---|---|---|---|---|---|",
        ]
        for f in findings:
            mark = "❌" if f.failing else "⚠️"
            lines.append(
                f"| {mark} | {md_cell(f.file)} | {f.line}:{f.column} | "
                f"{md_cell(f.rule)} {md_cell(f.name)} | {md_cell(shorten(f.claim.text))} | "
                f"{md_cell(f.message)} |"
            )
    else:
        lines.append("No findings.")
    reviewed = [c for c in report.claims if c.review]
    if reviewed:
        lines += ["", "### Review decisions", "", "| Claim | File | Line | Decision |",
                  "|---|---|---|---|"]
        lines += [f"| `{c.id}` {md_cell(shorten(c.text, 80))} | {md_cell(c.file)} | {c.line} | "
                  f"{md_cell(review_text(c))} |" for c in reviewed]
    for warning in report.warnings:
        lines += ["", f"> warning: {md_cell(warning)}"]
    return "\n".join(lines) + "\n"
