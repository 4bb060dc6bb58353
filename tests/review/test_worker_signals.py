"""The review worker's process: its SIGTERM handler stays in the worker (a process it forks,
the reference side, gets the default action back, so terminating that child ends it at once),
and it runs at the lowest priority in the app's own session."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from claimcheck.config import Config
from claimcheck.review.worker import NICENESS, Checker

SCRIPT = textwrap.dedent("""
    import os, signal, sys, time
    from claimcheck.review.worker import install_signals

    install_signals()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        term = signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        interrupt = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        os.write(write, f"{term} {interrupt}".encode())
        time.sleep(60)  # a busy reference side: SIGTERM must end it now
        os._exit(3)
    seen = os.read(read, 100).decode()
    started = time.monotonic()
    os.kill(child, signal.SIGTERM)
    _, status = os.waitpid(child, 0)
    print(seen, os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM,
          time.monotonic() - started < 5, callable(signal.getsignal(signal.SIGTERM)))
""")


def test_a_forked_child_gets_the_default_sigterm_and_the_worker_keeps_its_own() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    # child: default SIGTERM, SIGINT still ignored; killed by the signal at once; parent's
    # handler kept
    assert done.stdout.split() == ["True", "True", "True", "True", "True"]


def test_checking_runs_at_the_lowest_priority_in_the_apps_session(tmp_path: Path) -> None:
    # Autogroup scheduling weighs sessions against each other and applies nice only inside one:
    # in a session of its own the checking process competed with the app as an equal.
    draft = tmp_path / "draft.md"
    draft.write_text("The port handled 1.2 million containers in 2023.\n", encoding="utf-8")
    checker = Checker([str(draft)], Config())
    try:
        frames = checker.frames()
        assert next(frames)[0] == "progress"  # sent after the worker lowered its priority
        pid = checker.process.pid
        assert os.getsid(pid) == os.getsid(0)  # the app's session: the same autogroup
        assert os.getpgid(pid) == pid != os.getpgid(0)  # the terminal's signals pass it by
        assert NICENESS == 19
        assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, os.nice(0) + NICENESS)
        assert [f[0] for f in frames][-1] == "done"
    finally:
        checker.stop()
