"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding,
up to what GitHub shows.

GitHub shows 10 annotations of each type per step and drops the rest silently. So at most 10
errors, 9 warnings and 9 notices are annotations: one warning is kept for the run's own warnings
(all in one annotation) and one notice for a line that counts what was not annotated. Findings
past the cap are still printed, as plain `path:line:col: CODE [severity] message` log lines.

Values are escaped as the runner expects: `%`, CR and LF in the message; additionally `:` and `,`
in properties. Escape sequences and other control characters are stripped first, because the
runner log is a terminal too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..config import FailOn
from ..models import Report
from .findings import Finding, clean, counted, relative_path, with_hint

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
PER_TYPE = 10  # GitHub shows this many annotations of each type per step
_CAP = {"error": PER_TYPE, "warning": PER_TYPE - 1, "info": PER_TYPE - 1}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _clean(text: str) -> str:
    return clean(text, one_line=False).replace("\t", " ")


def annotation(finding: Finding) -> str:
    props = {
        "file": relative_path(finding.file),
        "line": str(finding.line),
        "col": str(finding.column),
        "endLine": str(finding.end_line),
        "endColumn": str(finding.end_column),
        "title": f"{finding.rule} {finding.name}",
    }
    prop_text = ",".join(f"{k}={escape_property(_clean(v))}" for k, v in props.items())
    message = with_hint(finding, sep="\n")
    return f"::{COMMAND[finding.severity]} {prop_text}::{escape_data(_clean(message))}"


class Annotations:
    """Annotation lines for findings as they come (a claim at a time when streaming), within
    GitHub's cap, then the closing lines for the run's warnings and what was cut."""

    def __init__(self) -> None:
        self.shown: Counter[str] = Counter()
        self.cut: Counter[str] = Counter()

    def lines(self, findings: Iterable[Finding]) -> list[str]:
        from .text import finding_line

        out = []
        for finding in findings:
            if self.shown[finding.severity] < _CAP[finding.severity]:
                self.shown[finding.severity] += 1
                out.append(annotation(finding))
            else:
                self.cut[finding.severity] += 1
                out.append(finding_line(finding))
        return out

    def closing(self, report: Report) -> list[str]:
        out = []
        if report.warnings:
            text = "\n".join(_clean(w) for w in report.warnings)
            out.append(f"::warning title={escape_property('claimcheck')}::{escape_data(text)}")
        cut = sum(self.cut.values())
        if cut:
            detail = ", ".join(f"{self.cut[s]} {COMMAND[s]}{'s' if self.cut[s] > 1 else ''}"
                               for s in ("error", "warning", "info") if self.cut[s])
            note = (f"{counted(cut, 'more finding')} ({detail}) are in the log as "
                    f"path:line:col lines, not annotations: GitHub shows {PER_TYPE} "
                    "annotations of each type per step")
            out.append(f"::notice title=claimcheck::{escape_data(note)}")
        return out


def render_github(report: Report, fail_on: FailOn) -> str:
    from .stream import render_lines

    return render_lines(report, "github", fail_on)
