"""Reporters: turn a Report into text in one output format; nothing here checks anything.

Suppressed flags and verdicts (inline directives or the baseline) are kept in the JSON report with
`suppressed_by` set, but no other format shows them and they never fail a run.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import UserError
from ..models import Report
from .findings import DEFAULT_FAIL_ON

FORMATS = ("table", "json", "sarif", "github", "markdown", "junit")


def render(report: Report, fmt: str, *, color: bool | None = None,
           fail_on: Sequence[str] = DEFAULT_FAIL_ON, width: int | None = None) -> str:
    """The report in `fmt`. `color=None` means: colour only when stdout is a terminal and
    NO_COLOR is unset. `fail_on` decides which findings the JUnit format counts as failures."""
    if fmt == "table":
        from .table import render_table

        return render_table(report, color=color, width=width)
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
    """Write via a temporary file in the same folder and rename it over `path`, so a reader
    never sees half a file and a crash never leaves one behind."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{path}: cannot write: folder '{folder}' does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
