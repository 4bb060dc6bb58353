"""processes: fork decisions and the collector pause."""

from __future__ import annotations


def test_collector_paused_restores_the_collector_as_it_was() -> None:
    import gc

    import pytest

    from claimcheck.processes import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is not undone
    finally:
        gc.enable()


# Python 3.12's check before every fork (emulated on older versions: the same thread count, the
# same warning), turned into an error. It is a sitecustomize module, so it runs in every
# interpreter the test starts, a fork server included, and forked processes inherit it. Each
# fork is logged with the threads it saw.
_FORK_GUARD = r'''
import os, sys, warnings

LOG = os.environ["FORK_LOG"]
warnings.filterwarnings("error", message=r".*use of fork\(\) may lead to deadlocks",
                        category=DeprecationWarning)
real_fork = os.fork


def guarded_fork():
    from claimcheck.processes import threads

    seen = threads()
    with open(LOG, "a") as log:
        log.write(f"{os.getpid()} {seen}\n")
    if sys.version_info < (3, 12) and seen > 1:
        warnings.warn(f"This process (pid={os.getpid()}) is multi-threaded, use of fork() may "
                      "lead to deadlocks in the child.", DeprecationWarning, stacklevel=2)
    return real_fork()


os.fork = guarded_fork
'''

# The command line, with the thresholds lowered so that a small draft takes each route.
_RUN = r'''
import sys, threading
from claimcheck.processes import one_native_thread

one_native_thread()  # what the command line does first; the imports below load numpy
from claimcheck import pipeline
from claimcheck.check import judges
from claimcheck.cli import main

route = sys.argv[1]
if route == "stdin":
    judges.PARALLEL_MIN = 0  # standard input: judged by processes after the split
else:
    pipeline.OVERLAP_MIN_BYTES = 0  # the reference side starts before the draft is read
if route == "threaded":  # a caller with a thread of its own
    threading.Thread(target=threading.Event().wait, daemon=True).start()
sys.exit(main(sys.argv[2:]))
'''


def _run_guarded(tmp_path, route: str, draft: str) -> tuple[int, str, str, list[int]]:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    (tmp_path / "sitecustomize.py").write_text(_FORK_GUARD)
    log = tmp_path / f"{route}.log"
    argv = [sys.executable, "-c", _RUN, route, "check", draft, "--refs",
            str(root / "fixtures" / "refs" / "news"), "--format", "json", "--markdown"]
    path = os.pathsep.join(p for p in (str(tmp_path), os.environ.get("PYTHONPATH")) if p)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, cwd=root,
                          input=(root / "fixtures" / "check" / "news_draft.md").read_text(),
                          env={**os.environ, "FORK_LOG": str(log), "PYTHONPATH": path})
    seen = [int(line.split()[1]) for line in log.read_text().splitlines()] if log.exists() else []
    return done.returncode, done.stdout, done.stderr, seen


def test_judging_never_forks_a_process_that_has_threads(tmp_path) -> None:
    """Python 3.12 warns that fork() in a multi-threaded process may deadlock the child (a
    BLAS or tokenizer pool, a queue's feeder thread, a progress thread). With that warning an
    error, every route still judges in several processes (the reference child and the judge it
    forks), and every fork saw one thread; a caller that has a thread of its own gets the child
    from a fork server (whose forks are checked too)."""
    import json
    from pathlib import Path

    import pytest

    if not Path("/proc/self/stat").exists():
        pytest.skip("counts threads in /proc")
    draft = str(Path(__file__).resolve().parents[1] / "fixtures" / "check" / "news_draft.md")
    outputs = {}
    for route, source in (("overlapped", draft), ("stdin", "-"), ("threaded", draft)):
        code, out, err, seen = _run_guarded(tmp_path, route, source)
        assert code == 1, (route, err)  # the fixture has contradicted claims
        assert "Traceback" not in err and "DeprecationWarning" not in err, (route, err)
        assert len(seen) >= 2 and all(threads == 1 for threads in seen), (route, seen)
        outputs[route] = [(c["text"], c["flags"], c["verdict"])  # ids name the file
                          for c in json.loads(out)["claims"]]
    assert outputs["overlapped"] == outputs["stdin"] == outputs["threaded"]
