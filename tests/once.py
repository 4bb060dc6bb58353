"""Work a test run does once, however many pytest-xdist workers need its result.

`once(tmp_path_factory, name, make)` returns the text `make()` returns. Without xdist it simply
calls `make()`. Under xdist (`-n 2`) the first worker to ask makes it and writes it to a file in
the run's own temporary folder (the parent of each worker's, unique to this run), under an
exclusive lock; a worker asking later, or while it is being made, waits for the lock and reads
the file. A failure in `make()` writes nothing, so every worker that asks fails the same way.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable

import pytest


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[], str]) -> str:
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return make()
    folder = factory.getbasetemp().parent  # this run's, shared by its workers
    done = folder / f"once-{name}"
    with open(folder / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if done.exists():
            return done.read_text(encoding="utf-8")
        text = make()
        partial = folder / f"once-{name}.partial"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, done)
        return text
