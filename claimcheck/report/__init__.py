"""Reporters: turn a Report into text in one output format; nothing here checks anything.

Suppressed flags and verdicts (inline directives or the baseline) are kept in the JSON report with
`suppressed_by` set, but no other format shows them and they never fail a run.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..atomic import replace_atomically
from ..errors import UserError
from ..models import Report
from .findings import DEFAULT_FAIL_ON

FORMATS = ("table", "text", "concise", "json", "sarif", "github", "markdown", "junit")


def render(report: Report, fmt: str, *, color: bool | None = None,
           fail_on: Sequence[str] = DEFAULT_FAIL_ON, width: int | None = None) -> str:
    """The report in `fmt`. `color=None` means: decide from NO_COLOR, FORCE_COLOR and whether
    stdout is a terminal (see `report.color`). `fail_on` decides which findings fail."""
    if fmt == "table":
        from .table import render_table

        return render_table(report, color=color, width=width)
    if fmt in ("text", "concise"):
        from .text import render_text

        return render_text(report, fail_on, concise=fmt == "concise", color=color)
    if fmt == "json":
        return report.model_dump_json(indent=2) + "\n"
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(report, fail_on)
    if fmt == "github":
        from .github import render_github

        return render_github(report, fail_on)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report, fail_on)
    if fmt == "junit":
        from .junit import render_junit

        return render_junit(report, fail_on)
    raise UserError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")


def write_atomic(path: Path, text: str) -> None:
    """Write the user's output file atomically (see `replace_atomically`), with the usual
    permissions; any failure is a one-line UserError."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{path}: cannot write: folder '{folder}' does not exist")
    umask = os.umask(0)
    os.umask(umask)
    try:
        replace_atomically(path, text.encode("utf-8"), mode=0o666 & ~umask, durable=True)
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None


def append_durably(path: Path, text: str) -> None:
    """Append to a file others write too (GitHub's `$GITHUB_STEP_SUMMARY`), flushed to disk
    before returning; any failure is a one-line UserError."""
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise UserError(f"{path}: cannot append: {exc.strerror}") from None
