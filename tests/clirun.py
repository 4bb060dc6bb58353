"""Running the command line in this process, as a user runs it: argv in; exit code, stdout and
stderr out. No interpreter start and no imports again, so a CLI test costs what its work costs.

The environment is a developer's prompt (no colour settings, not in CI); `env` adds to it for
one run. Standard output and error are pipes as far as the program can tell (not terminals):
tests that need a terminal, a signal or the installed entry point start a process instead.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from claimcheck.cli import main

# Set in CI or by a user's shell; each changes what the command does (colour, --changed-only's
# base, the table's width), so no run inherits them unless the test sets them.
NOT_INHERITED = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "CI", "GITHUB_ACTIONS",
                 "GITHUB_BASE_REF", "GITHUB_STEP_SUMMARY", "CLAIMCHECK_DEBUG")


@dataclass
class Run:
    """What a finished command left: the names of `subprocess.CompletedProcess` too, so a test
    reads the same whichever way the command ran."""

    code: int
    out: str
    err: str

    @property
    def returncode(self) -> int:
        return self.code

    @property
    def stdout(self) -> str:
        return self.out

    @property
    def stderr(self) -> str:
        return self.err


@contextlib.contextmanager
def _cwd(path: Path | None) -> Iterator[None]:
    before = Path.cwd()
    if path is not None:
        os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _environment(env: Mapping[str, str] | None) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    return {**base, **(env or {})}


def _pipe() -> io.TextIOWrapper:
    """A text stream with a byte buffer under it, as sys.stdout is when piped."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer
    assert isinstance(raw, io.BytesIO)
    return raw.getvalue().decode("utf-8", "surrogateescape")


def run_cli(argv: Sequence[str], cwd: Path | None = None, stdin: bytes | str = b"",
            env: Mapping[str, str] | None = None) -> Run:
    """`claimcheck ARGV` run in `cwd`: its exit code, stdout and stderr."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    out, err = _pipe(), _pipe()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with (mock.patch.dict(os.environ, _environment(env), clear=True), _cwd(cwd),
              contextlib.redirect_stdout(out), contextlib.redirect_stderr(err)):
            try:
                code = main(list(argv))
            except SystemExit as exc:  # --help, --version: argparse exits
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = saved
    return Run(code, _text(out), _text(err))
