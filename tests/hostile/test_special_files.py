"""Special files, size caps and encodings of every input: a FIFO, a device or /dev/zero as a
draft, a reference, the config or the baseline is one line and exit 2, never a hang or a
MemoryError; caps name their config key; BOMs are fine, other encodings are named."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from .clirun import Run, run_cli

DRAFT = "The harbour handled 4.2 million containers in 2023.\n"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


class _Hung(BaseException):
    """Not an Exception, so the command's own catch-all cannot turn it into an exit code."""


def _bounded(cwd: Path, *args: str) -> Run:
    """In this process, under a 30 s alarm: on a FIFO the old code blocked forever in open()
    or read(), and the alarm's handler ends that wait with a failure instead of a hang."""
    def hung(signum: int, frame: object) -> None:
        raise _Hung(f"claimcheck {' '.join(args)} still running after 30 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        return run_cli(args, cwd)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "draft.txt").write_text(DRAFT)
    (tmp_path / "refs").mkdir()
    (tmp_path / "refs" / "port.txt").write_text(DRAFT)
    return tmp_path


def _one_line_error(result: Run, *parts: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimcheck: error: ")
    for part in parts:
        assert part in lines[0]


@needs_fifo
@pytest.mark.parametrize("role", ["draft", "ref", "ref-folder", "baseline", "config"])
def test_a_fifo_is_refused_in_every_role(work: Path, role: str) -> None:
    fifo = work / ("refs/pipe.txt" if role == "ref-folder" else "pipe.txt")
    os.mkfifo(fifo)
    args = {"draft": ["check", "pipe.txt"],
            "ref": ["check", "draft.txt", "--refs", "pipe.txt"],
            "ref-folder": ["check", "draft.txt", "--refs", "refs"],
            "baseline": ["check", "draft.txt", "--baseline", "pipe.txt"],
            "config": ["check", "draft.txt", "--config", "pipe.txt"]}[role]
    _one_line_error(_bounded(work, *args), "pipe.txt", "FIFO")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("flag", ["draft", "--refs", "--baseline", "--config"])
def test_dev_zero_is_refused_in_every_role(work: Path, flag: str) -> None:
    args = ["check", "/dev/zero"] if flag == "draft" else ["check", "draft.txt", flag,
                                                           "/dev/zero"]
    _one_line_error(_bounded(work, *args), "/dev/zero", "character device")


def test_config_dev_null_says_what_it_is(work: Path) -> None:
    result = run_cli(["check", "draft.txt", "--config", os.devnull], work)
    assert result.code == 2
    assert "not found" not in result.err
    assert result.err.count("\n") == 1


def test_a_sparse_gigabyte_reference_is_refused_at_once(work: Path) -> None:
    with (work / "refs" / "huge.txt").open("wb") as fh:
        fh.truncate(1 << 30)
    result = run_cli(["check", "draft.txt", "--refs", "refs"], work)
    assert result.code == 2
    assert "refs/huge.txt: too large (1,073,741,824 bytes; max_reference_bytes is " in result.err


def test_the_draft_cap_is_set_in_config_and_named(work: Path) -> None:
    (work / ".claimcheck.toml").write_text("max_draft_bytes = 20\n")
    result = run_cli(["check", "draft.txt"], work)
    assert result.code == 2
    assert result.err == ("claimcheck: error: draft.txt: too large (52 bytes; max_draft_bytes "
                          "is 20 bytes; raise max_draft_bytes in the config to read it)\n")
    piped = run_cli(["check", "-"], work, stdin=DRAFT.encode())
    assert piped.code == 2 and "standard input: too large" in piped.err


@pytest.mark.parametrize("text", ["\ufeff", "\ufeff\u200b\n", "\u200b \u2060\n"])
def test_a_draft_of_invisible_characters_is_empty(work: Path, text: str) -> None:
    (work / "blank.txt").write_text(text, encoding="utf-8")
    result = run_cli(["check", "blank.txt"], work)
    assert (result.code, result.err) == (2, "claimcheck: error: blank.txt: the draft is empty\n")


# --- config -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "message"), [
    ("offline = true\n".encode("utf-16"), "the file is UTF-16"),
    ("# café\noffline = true\n".encode("latin-1"), ".claimcheck.toml:1: not valid UTF-8"),
    (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "invalid TOML: nested too deeply"),
    (b'offline = "yes"\n', "'offline': Input should be a valid boolean"),
    (b"[thresholds]\nsupport = true\n", "'thresholds.support': Input should be a valid number"),
    (b"[thresholds]\ncandidates = 2.5\n", "'thresholds.candidates': Input should be a valid"),
    (b"timeout = false\n", "'timeout': Input should be a valid number"),
])
def test_bad_config_files_are_one_line(work: Path, data: bytes, message: str) -> None:
    (work / ".claimcheck.toml").write_bytes(data)
    result = run_cli(["check", "draft.txt"], work)
    assert result.code == 2, result.err
    assert message in result.err and result.err.count("\n") == 1


def test_a_config_with_a_bom_is_read(work: Path) -> None:
    (work / ".claimcheck.toml").write_bytes(b"\xef\xbb\xbffail_on = ['none']\nrefs = ['refs']\n")
    result = run_cli(["check", "draft.txt", "--format", "json"], work)
    assert result.code == 0, result.err


@pytest.mark.parametrize("pyproject", ["tool = 5\n", "[tool]\nblack = 1\n", "not toml at all [\n"])
def test_an_unrelated_parent_pyproject_is_ignored(work: Path, pyproject: str) -> None:
    (work / "pyproject.toml").write_text(pyproject)
    (work / "sub").mkdir()
    (work / "sub" / "draft.txt").write_text(DRAFT)
    result = run_cli(["check", "draft.txt"], work / "sub")
    assert result.code == 0, result.err


# --- baseline -----------------------------------------------------------------------------------


def test_a_baseline_with_a_bom_is_read(work: Path) -> None:
    (work / "b.json").write_bytes(b'\xef\xbb\xbf{"baseline_version": 1, "findings": []}')
    assert run_cli(["check", "draft.txt", "--baseline", "b.json"], work).code == 0


@pytest.mark.parametrize("count", ["true", "1.0", "0", '"1"'])
def test_a_baseline_count_must_be_a_positive_integer(work: Path, count: str) -> None:
    (work / "b.json").write_text('{"baseline_version": 1, "findings": [{"fingerprint": "ab", '
                                 f'"count": {count}}}]}}')
    result = run_cli(["check", "draft.txt", "--baseline", "b.json"], work)
    assert result.code == 2
    assert "b.json: baseline finding 1 has a bad count" in result.err


@pytest.mark.parametrize("data", ['{"baseline_version": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}",
                                  '{"baseline_version": ' + "9" * 5000 + "}"])
def test_a_hostile_baseline_is_one_line(work: Path, data: str) -> None:
    (work / "b.json").write_text(data)
    result = run_cli(["check", "draft.txt", "--baseline", "b.json"], work)
    assert result.code == 2 and "b.json: baseline is not valid JSON" in result.err
