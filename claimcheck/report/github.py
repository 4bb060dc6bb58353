"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.

Values are escaped as the runner expects: `%`, CR and LF in the message; additionally `:` and `,`
in properties. Escape sequences and other control characters are stripped first, because the
runner log is a terminal too.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Report
from .findings import Finding, clean, collect, relative_path, with_hint

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


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


def render_github(report: Report, fail_on: Sequence[str]) -> str:
    lines = [annotation(f) for f in collect(report, fail_on)]
    return "".join(line + "\n" for line in lines)
