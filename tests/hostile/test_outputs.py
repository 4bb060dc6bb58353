"""--output and `baseline --output`: atomic, never through a symlink to a file, never replacing
a device or FIFO, keeping a file's permissions, and never overwriting an input."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from .clirun import run_cli

DRAFT = "All experts agree that the harbour is the largest in the world.\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "draft.txt").write_text(DRAFT)
    (tmp_path / "refs").mkdir()
    (tmp_path / "refs" / "port.txt").write_text("The harbour handled 4.2 million containers.\n")
    return tmp_path


def test_a_private_file_keeps_its_mode(work: Path) -> None:
    out = work / "report.json"
    out.write_text("old")
    out.chmod(0o600)
    assert run_cli(["check", "draft.txt", "--format", "json", "--output", "report.json"],
                   work).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("{")


def test_a_new_file_gets_the_umask_mode(work: Path) -> None:
    old = os.umask(0o027)
    try:
        run_cli(["check", "draft.txt", "--output", "new.txt"], work)
    finally:
        os.umask(old)
    assert stat.S_IMODE((work / "new.txt").stat().st_mode) == 0o640


def test_a_symlink_to_a_file_is_refused_and_both_are_kept(work: Path) -> None:
    (work / "precious.txt").write_text("keep me")
    (work / "link.json").symlink_to(work / "precious.txt")
    result = run_cli(["check", "draft.txt", "--output", "link.json"], work)
    assert result.code == 2 and "is a symbolic link" in result.err
    assert (work / "link.json").is_symlink()
    assert (work / "precious.txt").read_text() == "keep me"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="making a device node needs root")
def test_a_character_device_is_written_in_place_not_replaced(work: Path) -> None:
    """A null device of our own (never the machine's /dev/null: code that replaced it, as
    the old code did as root, would break every shell on the machine)."""
    null = work / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = run_cli(["check", "draft.txt", "--format", "json", "--output", str(null)], work)
    assert result.code == 0, result.err
    assert stat.S_ISCHR(null.lstat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_written_in_place_and_one_without_a_reader_is_refused(work: Path) -> None:
    fifo = work / "pipe.json"
    os.mkfifo(fifo)
    result = run_cli(["check", "draft.txt", "--format", "json", "--output", "pipe.json"], work)
    assert result.code == 2 and "FIFO with no reader" in result.err
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    for _ in range(200):  # wait until the reader has the FIFO open
        result = run_cli(["check", "draft.txt", "--format", "json", "--output", "pipe.json"],
                         work)
        if result.code != 2:
            break
    reader.join(30)
    assert result.code == 0 and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b"{")


@pytest.mark.parametrize("target", ["draft.txt", "refs/port.txt", ".claimcheck.toml",
                                    "base.json"])
def test_an_input_is_never_overwritten(work: Path, target: str) -> None:
    (work / ".claimcheck.toml").write_text("refs = ['refs']\n")
    (work / "base.json").write_text('{"baseline_version": 1, "findings": []}')
    before = (work / target).read_bytes()
    result = run_cli(["check", "draft.txt", "--baseline", "base.json", "--output", target], work)
    assert result.code == 2 and "is one of the inputs" in result.err
    assert (work / target).read_bytes() == before


def test_baseline_output_refuses_inputs_and_other_files(work: Path) -> None:
    (work / "notes.md").write_text("my notes")
    for target, message in (("draft.txt", "is one of the inputs"),
                            ("notes.md", "exists and is not a claimcheck baseline")):
        result = run_cli(["baseline", "draft.txt", "--output", target], work)
        assert result.code == 2 and message in result.err
    assert (work / "notes.md").read_text() == "my notes"
    assert (work / "draft.txt").read_text() == DRAFT
    assert run_cli(["baseline", "draft.txt", "--output", "b.json"], work).code == 0
    assert run_cli(["baseline", "draft.txt", "--output", "b.json"], work).code == 0  # replaced


@pytest.mark.parametrize("target", ["draft.txt", "refs/port.txt"])
def test_review_export_never_overwrites_an_input(work: Path, target: str) -> None:
    before = (work / target).read_bytes()
    result = run_cli(["review", "draft.txt", "--refs", "refs", "--export", "markdown",
                      "--output", target], work)
    assert result.code == 2 and "is one of the inputs" in result.err
    assert (work / target).read_bytes() == before


def test_review_export_output_is_checked_like_check_output(work: Path) -> None:
    (work / "precious.txt").write_text("keep me")
    (work / "link.md").symlink_to(work / "precious.txt")
    argv = ["review", "draft.txt", "--export", "markdown", "--output"]
    result = run_cli([*argv, "link.md"], work)
    assert result.code == 2 and "is a symbolic link" in result.err
    assert (work / "precious.txt").read_text() == "keep me"
    out = work / "review.md"
    out.write_text("old")
    out.chmod(0o600)
    assert run_cli([*argv, "review.md"], work).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text() != "old"
