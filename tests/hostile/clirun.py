"""Running the command line in this process (fast: no interpreter start, no imports again),
with its standard streams captured, for tests that run it many times."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimcheck.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@contextlib.contextmanager
def _cwd(path: Path | None) -> Iterator[None]:
    before = Path.cwd()
    if path is not None:
        os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_cli(argv: Sequence[str], cwd: Path | None = None, stdin: bytes = b"") -> Run:
    """`claimcheck ARGV` as the user runs it: exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with _cwd(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        sys.stdin = saved
    return Run(code, out.getvalue(), err.getvalue())
