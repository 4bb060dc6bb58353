"""The line formats (text, concise, github) written claim by claim as the run settles them.

`LineWriter` is the one place these formats are produced: `render` feeds it the whole report at
once, and `claimcheck check` feeds it claims as soon as they are final (see `pipeline.run`'s
`emit`: a few at a time, or each file's with a ledger), so the first findings appear
while the rest is still being checked. Both give the same text, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from ..config import FailOn
from ..models import Claim, Report
from .findings import Finding, clean, collect_claims, relative_path, review_text
from .github import Annotations
from .text import closing_lines, findings_lines

STREAMING_FORMATS = ("text", "concise", "github")


class LineWriter:
    def __init__(self, fmt: str, fail_on: FailOn, *, color: bool = False,
                 out: TextIO | None = None) -> None:
        if fmt not in STREAMING_FORMATS:
            raise ValueError(f"not a line format: {fmt}")
        self.fmt, self.fail_on, self.color, self.out = fmt, fail_on, color, out
        self.findings: list[Finding] = []
        self.annotations = Annotations()
        self.parts: list[str] = []

    def _write(self, lines: list[str]) -> None:
        text = "".join(line + "\n" for line in lines)
        if not text:
            return
        if self.out is None:
            self.parts.append(text)
        else:
            self.out.write(text)
            self.out.flush()

    def claims(self, claims: Sequence[Claim]) -> None:
        """Lines for these claims' findings, in report order."""
        found = collect_claims(claims, self.fail_on)
        self.findings += found
        if self.fmt == "github":
            self._write(self.annotations.lines(found))
            return
        by_claim: dict[str, list[Finding]] = {}
        for finding in found:
            by_claim.setdefault(finding.claim.id, []).append(finding)
        lines: list[str] = []
        for claim in claims:
            mine = by_claim.get(claim.id, ())
            lines += findings_lines(mine, concise=self.fmt == "concise", color=self.color)
            if claim.review and not mine:  # else the decision ends its findings' messages
                lines.append(f"{clean(relative_path(claim.file))}:{claim.line}:{claim.column}: "
                             f"review [{claim.review.decision}] {clean(review_text(claim))}")
        self._write(lines)

    def close(self, report: Report) -> str:
        """The closing lines (the run's warnings, a summary or the count of what GitHub would
        not show); returns everything written when there is no stream to write to."""
        if self.fmt == "github":
            self._write(self.annotations.closing(report))
        else:
            self._write(closing_lines(report, self.findings, color=self.color))
        return "".join(self.parts)


def render_lines(report: Report, fmt: str, fail_on: FailOn, color: bool = False) -> str:
    writer = LineWriter(fmt, fail_on, color=color)
    writer.claims(report.claims)
    return writer.close(report)
