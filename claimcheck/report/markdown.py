"""A Markdown summary for a pull-request comment or a CI step summary, sized to fit.

GitHub takes at most 65,536 characters in a comment (and a step summary is read there too), so
the summary is capped at `LIMIT` characters: the status and counts, the run's warnings, the
worst findings first (failing, then by severity, then in file order) as a table, the count of
findings per rule, and a note of how many findings were left out of the table.

Cell text is escaped so a draft cannot break the table (pipes, newlines) or inject HTML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .. import verdicts
from ..config import FailOn
from ..models import SEVERITY_RANK, Report
from .findings import Finding, clean, collect, counted, review_text, shorten

_STATUS = {True: "❌ failed", False: "✅ passed"}
LIMIT = 60_000  # characters; GitHub's limit is 65,536, the rest is headroom for the caller
_MAX_WARNINGS = 20
_MAX_REVIEWS = 50
_HEADER = ["| | File | Line | Rule | Claim | Message |", "|---|---|---|---|---|---|"]


def md_cell(text: str) -> str:
    text = clean(text)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(char, entity)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def worst_first(findings: Sequence[Finding]) -> list[Finding]:
    """Failing findings first, then by severity, then in report order (a stable sort)."""
    return sorted(findings, key=lambda f: (not f.failing, -SEVERITY_RANK[f.severity]))


def _row(f: Finding) -> str:
    mark = "❌" if f.failing else "⚠️"
    return (f"| {mark} | {md_cell(f.file)} | {f.line}:{f.column} | "
            f"{md_cell(f.rule)} {md_cell(f.name)} | {md_cell(shorten(f.claim.text))} | "
            f"{md_cell(shorten(f.message, 300))} |")


def _head(report: Report, findings: Sequence[Finding]) -> list[str]:
    s = report.summary
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
            f"{n} {verdicts.words(label)}" for label, n in s.verdicts.items()))
    if s.flags:
        lines.append("Flags: " + ", ".join(f"{n} {sev}" for sev, n in s.flags.items()))
    if s.verdicts or s.flags:
        lines.append("")
    shown = report.warnings[:_MAX_WARNINGS]
    for warning in shown:
        lines += [f"> warning: {md_cell(shorten(warning, 500))}", ""]
    if len(report.warnings) > len(shown):
        lines += [f"> … and {counted(len(report.warnings) - len(shown), 'more warning')}", ""]
    return lines


def _by_rule(findings: Sequence[Finding]) -> list[str]:
    counts = Counter((f.rule, f.name) for f in findings)
    lines = ["", "| Rule | Findings |", "|---|---:|"]
    lines += [f"| {md_cell(rule)} {md_cell(name)} | {n:,} |"
              for (rule, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return lines


def _reviews(report: Report) -> list[str]:
    """Claims with a review decision (see `claimcheck review`), the first `_MAX_REVIEWS`."""
    reviewed = [c for c in report.claims if c.review]
    if not reviewed:
        return []
    lines = ["", "### Review decisions", "", "| Claim | File | Line | Decision |",
             "|---|---|---|---|"]
    lines += [f"| `{c.id}` {md_cell(shorten(c.text, 80))} | {md_cell(c.file)} | {c.line} | "
              f"{md_cell(shorten(review_text(c), 300))} |" for c in reviewed[:_MAX_REVIEWS]]
    if len(reviewed) > _MAX_REVIEWS:
        lines += ["", f"*… and {len(reviewed) - _MAX_REVIEWS:,} more review decisions.*"]
    return lines


def _cut_note(left_out: Sequence[Finding]) -> list[str]:
    severities = Counter(f.severity for f in left_out)
    detail = ", ".join(f"{severities[s]:,} {s}" for s in ("error", "warning", "info")
                       if severities[s])
    failing = sum(f.failing for f in left_out)
    return ["", f"*{len(left_out):,} more findings are not in the table ({detail}; "
                f"{failing:,} of them failing) to keep this summary under GitHub's 65,536 "
                "characters. Run `claimcheck check --format text` for every finding.*"]


def render_markdown(report: Report, fail_on: FailOn, *, limit: int = LIMIT) -> str:
    findings = collect(report, fail_on)
    lines = _head(report, findings)
    reviews = _reviews(report)
    if not findings:
        lines.append("No findings.")
        return "\n".join(lines + reviews) + "\n"
    ordered = worst_first(findings)
    counts = _by_rule(findings) + reviews
    # Room for the table: the limit less what always follows it (counts and the note).
    budget = limit - sum(len(x) + 1 for x in lines + counts) - len(_cut_note(ordered)[1]) - 8
    rows = list(_HEADER)
    used = sum(len(x) + 1 for x in rows)
    for finding in ordered:
        row = _row(finding)
        if used + len(row) + 1 > budget:
            break
        rows.append(row)
        used += len(row) + 1
    shown = len(rows) - len(_HEADER)
    lines += rows if shown else []
    lines += counts
    if shown < len(ordered):
        lines += _cut_note(ordered[shown:])
    return "\n".join(lines) + "\n"
