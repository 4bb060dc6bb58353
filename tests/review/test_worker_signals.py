"""The review worker's SIGTERM handler stays in the worker: a process it forks (the reference
side) gets the default action back, so terminating that child ends it at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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
