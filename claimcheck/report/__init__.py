"""Reporters: turn a Report into text in one output format; nothing here checks anything.

Suppressed flags and verdicts (inline directives or the baseline) are kept in the JSON report with
`suppressed_by` set, but no other format shows them and they never fail a run.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..atomic import replace_atomically
from ..config import FailOn
from ..errors import UserError
from ..models import Report

FORMATS = ("table", "text", "concise", "json", "sarif", "github", "markdown", "junit")


def render(report: Report, fmt: str, *, color: bool | None = None,
           fail_on: FailOn = None, width: int | None = None) -> str:
    """The report in `fmt`. `color=None` means: decide from NO_COLOR, FORCE_COLOR and whether
    stdout is a terminal (see `report.color`). `fail_on` decides which findings fail (None:
    the default policy, see `config.FailPolicy`)."""
    if fmt == "table":
        from .table import render_table

        return render_table(report, color=color, width=width)
    if fmt in ("text", "concise"):
        from .text import render_text

        return render_text(report, fail_on, concise=fmt == "concise", color=color)
    if fmt == "json":
        from .safe import json_escaped

        return json_escaped(report.model_dump_json(indent=2)) + "\n"
    if fmt == "sarif":
        from .safe import json_escaped
        from .sarif import render_sarif

        return json_escaped(render_sarif(report, fail_on))
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


def write_atomic(path: Path, text: str, inputs: Iterable[str | Path] = ()) -> None:
    """Write the user's output file; any failure is a one-line UserError.

    - A new file, or a regular file already there, is written to a temporary file in the same
      folder and renamed over it (see `replace_atomically`): readers see the old report or the
      new one, never half. A file already there keeps its permissions; a new one gets 0666
      less the umask.
    - A character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe with a reader) is
      written in place, as a shell redirection would: it is never replaced by a file.
    - A symbolic link to anything else is refused (claimcheck never writes through a link to
      a file somewhere else), and so are folders, block devices and sockets.
    - A path that is one of `inputs` (the drafts, the config, the baseline, reference files)
      is refused: the report would overwrite what it was made from.
    """
    data = text.encode("utf-8")
    kind = check_output(path, inputs)
    if kind == "stream":
        _write_in_place(path, data)
        return
    umask = os.umask(0)
    os.umask(umask)
    mode = 0o666 & ~umask
    if kind == "file":
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            pass
    try:
        replace_atomically(path, data, mode=mode, durable=True)
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None


def check_output(path: Path, inputs: Iterable[str | Path] = ()) -> str:
    """What is at the output path: "new", "file" (a regular file, replaced) or "stream" (a
    character device or FIFO, written in place); anything else is a UserError. Called before
    the run too, so a bad --output fails before the work."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{path}: cannot write: folder '{folder}' does not exist")
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return "new"
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        info = os.stat(path)
    except OSError:
        info = None  # a dangling link
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        return "stream"
    if stat.S_ISLNK(link.st_mode):
        raise UserError(f"{path}: is a symbolic link; claimcheck does not write through links "
                        f"(name the file itself)")
    assert info is not None
    if not stat.S_ISREG(info.st_mode):
        from ..files import kind_of

        raise UserError(f"{path}: cannot write: it is {kind_of(info.st_mode)}")
    for given in inputs:
        try:
            same = os.path.samefile(path, given)
        except (OSError, ValueError):
            continue
        if same:
            raise UserError(f"{path}: is one of the inputs ({given}); refusing to overwrite "
                            f"it with the report")
    return "file"


def _write_in_place(path: Path, data: bytes) -> None:
    """A device or FIFO: opened without creating or truncating anything. A FIFO nobody reads
    is an error at once rather than a wait."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UserError(f"{path}: is a FIFO with no reader; nothing to write to") from None
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        os.close(fd)


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
