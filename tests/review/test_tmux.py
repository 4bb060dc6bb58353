"""End to end, as a user does it: the installed `claimcheck review` in a real terminal (tmux),
keys sent to it, then the ledger on disk and the next `claimcheck check`'s exit code."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from .helpers import ledger_records, make_project

TMUX = shutil.which("tmux")
CLAIMCHECK = shutil.which("claimcheck")


def _needed() -> None:
    missing = [name for name, path in (("tmux", TMUX), ("claimcheck", CLAIMCHECK)) if not path]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{' and '.join(missing)} not installed (.ci/run installs tmux)")
        pytest.skip(f"{' and '.join(missing)} not installed: the end-to-end review test needs "
                    "a terminal multiplexer and the installed command")


class Terminal:
    """One tmux server of our own (its own socket), one 80x24 window."""

    def __init__(self, cwd: Path, command: list[str]) -> None:
        self.socket = f"claimcheck-test-{uuid.uuid4().hex[:8]}"
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX")}
        self.env = env
        self.tmux("new-session", "-d", "-s", "review", "-x", "80", "-y", "24", "-c", str(cwd),
                  " ".join(command))

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True,
                              timeout=30, env=self.env, check=False)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "review").stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "review", key)
            time.sleep(0.3)

    def text(self, text: str) -> None:
        self.tmux("send-keys", "-t", "review", "-l", text)
        time.sleep(0.3)

    def wait_for(self, needle: str, timeout: float = 180.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.25)
        raise AssertionError(f"{needle!r} never appeared; the screen:\n{self.screen()}")

    def running(self) -> bool:
        return self.tmux("has-session", "-t", "review").returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.mark.slow(6)
def test_review_in_a_real_terminal_then_check(tmp_path: Path) -> None:
    _needed()
    assert CLAIMCHECK is not None
    project = make_project(tmp_path)
    term = Terminal(project, [CLAIMCHECK, "review", "draft.md", "--refs", "refs.txt"])
    try:
        first = term.wait_for("draft.md", timeout=30)
        assert "j/k move" in first  # the key line is on the first screen
        screen = term.wait_for("CONT 1 MISQ 0")  # checked
        assert "▶" in screen
        term.keys("j", "a")
        term.wait_for("✓1 ✗0")
        term.keys("j", "j", "x")
        term.wait_for("Mark wrong")
        term.text("it was Tuesday")
        term.keys("Enter")
        screen = term.wait_for("✓1 ✗1")
        assert "it was Tuesday" in screen
        term.keys("q")
        deadline = time.monotonic() + 30
        while term.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not term.running()
    finally:
        term.close()
    records = ledger_records(project)
    assert [(r["decision"], r["claim"], r["note"]) for r in records] == [
        ("accepted", "The port handled 1.2 million containers in 2023.", None),
        ("wrong", "The union met on Monday.", "it was Tuesday")]

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run([CLAIMCHECK, "check", "draft.md", "--refs", "refs.txt",
                               "--format", "table"],
                              cwd=project, capture_output=True, text=True, timeout=300,
                              check=False)

    marked = check()
    assert marked.returncode == 1, marked.stdout + marked.stderr  # the claim marked wrong
    assert "✎ MARKED WRONG" in marked.stdout and "✎ ACCEPTED" in marked.stdout
    draft = project / "draft.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("on Monday", "on that Monday"),
                     encoding="utf-8")
    fixed = check()
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr  # fixed; the figure accepted
    assert "(STALE)" in fixed.stdout
