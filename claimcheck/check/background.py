"""Judging in a child process tree that prepares the references itself, while the caller is still
splitting and flagging the draft.

Why this shape: a forked child inherits what its parent holds for free, but whatever it sends
back is pickled, and pickling 15,000 claim records costs more than a second. So the claims are
made in the caller (the report needs them there), and the references and their index in the
child, whose second judging process inherits them. Only small things cross the pipes: what
judging reads of each claim going out (`Asked`, a tuple of strings), verdicts coming back.
Checkable claims can be sent as soon as the draft is split, so judging overlaps the rules stage.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any

from ..config import Thresholds
from ..errors import UserError
from ..models import Claim, Verdict
from . import CHUNK, Progress, judge_many, pack, record, span_cache, unpack
from .retrieve import SearchIndex, prepare_dense
from .verdict import Asked

Prepare = Callable[[list[str]], SearchIndex]  # appends warnings to the list it is given
JUDGES = 2  # the child and one process it forks: one per core of the machines we aim at
POLL_SECONDS = 1.0  # how often a wait checks that the child is still alive
STOP_SECONDS = 5.0  # how long a stopped child may take before it is killed


class Background:
    """Send claims with `submit`, then `finish` to wait for and record every verdict.

    Use as a context manager: leaving it early (an error in the draft side, Ctrl-C) stops the
    child and its worker instead of leaving them behind.
    """

    def __init__(self, prepare: Prepare, thresholds: Thresholds) -> None:
        context = multiprocessing.get_context("fork")
        self._jobs: Any = context.Queue()
        self._results: Any = context.Queue()
        self._sent: list[list[Claim]] = []
        self._done: dict[int, list[Verdict]] = {}
        self._ready = False
        self._finished = False
        self.warnings: list[str] = []
        # Not daemonic: a daemonic process may not start the second judge.
        self._child = context.Process(target=_child, name="claimcheck-references",
                                      args=(prepare, thresholds, self._jobs, self._results))
        self._child.start()

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._finished and self._child.is_alive():
            self._child.terminate()  # the child's SIGTERM handler stops its worker too
            self._child.join(STOP_SECONDS)
            if self._child.is_alive():
                # The SIGTERM came before the child had its handler, while it still ran one
                # inherited from this process (a test runner's, an app's): it was swallowed.
                # Its worker notices the orphaning within POLL_SECONDS and stops too.
                self._child.kill()
                self._child.join()
        # A child that has sent everything is only exiting: giving back the memory of the
        # references takes it a few tenths of a second, which this process spends writing the
        # report instead of waiting. multiprocessing joins it at interpreter exit, or reaps it
        # when the next process starts.
        for channel in (self._jobs, self._results):
            channel.close()
            channel.cancel_join_thread()  # unsent jobs of an aborted run are dropped

    def submit(self, claims: list[Claim]) -> None:
        """Queue claims for judging, in chunks; errors already reported are raised here."""
        for begin in range(0, len(claims), CHUNK):
            chunk = claims[begin:begin + CHUNK]
            self._jobs.put((len(self._sent), [Asked.of(c) for c in chunk]))
            self._sent.append(chunk)
        self._drain(block=False)

    def finish(self, progress: Progress | None = None) -> None:
        """Wait for every verdict and record it, in the order the claims were submitted.

        What has already arrived is recorded before any wait: on a large draft every verdict
        may be in before the rules stage ends, and the child exits once it has the end
        markers, so a wait then would find it gone with nothing left to send.
        """
        for _ in range(JUDGES):
            self._jobs.put(None)
        total = sum(map(len, self._sent))
        recorded = claims = 0  # chunks recorded, and the claims in them
        while True:
            while recorded in self._done:
                record(self._sent[recorded], self._done.pop(recorded))
                claims += len(self._sent[recorded])
                recorded += 1
                if progress:
                    progress("check", claims, total)
            if self._ready and recorded == len(self._sent):
                break
            self._drain(block=True)
        self._finished = True

    def _drain(self, block: bool) -> None:
        """Take what the child has sent: with `block`, wait until something arrives."""
        while True:
            try:
                message = self._results.get(block=block, timeout=POLL_SECONDS)
            except queue.Empty:
                if not block:
                    return
                if not self._child.is_alive():
                    # What it sent just before exiting may still be in the pipe.
                    try:
                        message = self._results.get(timeout=POLL_SECONDS)
                    except queue.Empty:
                        raise RuntimeError(
                            f"the reference process stopped unexpectedly (exit code "
                            f"{self._child.exitcode})") from None
                else:
                    continue
            self._take(message)
            block = False

    def _take(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            self._ready = True
            self.warnings.extend(message[1])
        elif kind == "done":
            self._done[message[1]] = unpack(message[2])
        elif kind == "error":
            raise UserError(message[1])
        else:
            raise _crash(message[1], message[2] if len(message) > 2 else "")


def _crash(summary: str, details: str) -> RuntimeError:
    """A failure in the child tree as one line; its traceback is kept as a note, which Python
    prints only with the traceback itself (CLAIMCHECK_DEBUG=1), never in the message."""
    error = RuntimeError(f"judging failed in the reference process: {summary}")
    if details:
        error.add_note(f"in the reference process:\n{details.rstrip()}")
    return error


def _crashed() -> tuple[str, str, str]:
    """The "crash" message for the exception being handled: a one-line summary, and the
    traceback for debugging."""
    kind, value = sys.exc_info()[:2]
    name = kind.__name__ if kind is not None else "Exception"
    text = " ".join(str(value).split()) if value is not None else ""
    return ("crash", f"{name}: {text}" if text else name, traceback.format_exc())


def _child(prepare: Prepare, thresholds: Thresholds, jobs: Any, results: Any) -> None:
    """Load and index the references, then judge chunks with a forked second process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    worker: multiprocessing.process.BaseProcess | None = None
    starting = stop_asked = False

    def stop(*_: object) -> None:
        # Exit at once, from wherever the signal landed (raising SystemExit there can be
        # swallowed and printed), and take the worker along. While the worker is being
        # started its pid may not be known yet: then stop as soon as start() returns.
        nonlocal stop_asked
        if starting:
            stop_asked = True
            return
        if worker is not None and worker.pid is not None:
            try:
                os.kill(worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)
    warnings: list[str] = []
    try:
        index = prepare(warnings)
        cache = span_cache(index)
        dense = prepare_dense(index)  # snippet vectors made before the worker forks
    except UserError as error:
        results.put(("error", str(error)))
        return
    except Exception:
        results.put(_crashed())
        return
    results.put(("ready", warnings))
    gc.freeze()  # the references stay out of the collector's reach, here and in the worker
    worker = multiprocessing.get_context("fork").Process(
        target=_worker, name="claimcheck-judge", daemon=True,
        args=(index, thresholds, cache, dense, jobs, results))
    # Until start() returns, `worker.pid` is unknown to `stop`: a SIGTERM then would leave the
    # new process behind, so `stop` only notes it and acts here. (Blocking SIGTERM is not
    # enough: the queue's feeder thread does not block it, and Python runs the handler in this
    # thread whenever the signal reaches the process.)
    starting = True
    try:
        worker.start()
    finally:
        starting = False
    if stop_asked:
        stop()
    if not _judge(index, thresholds, cache, dense, jobs, results):
        worker.kill()  # the caller is gone, and with it the point of judging
    worker.join()
    if worker.exitcode:
        results.put(("crash", f"the second judging process exited with {worker.exitcode}", ""))


def _worker(index: SearchIndex, thresholds: Thresholds, cache: Any, dense: bool, jobs: Any,
            results: Any) -> None:
    """The second judging process: the parent's SIGTERM handler (copied by fork, with the
    parent's state) is not its own; a SIGTERM simply ends it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _judge(index, thresholds, cache, dense, jobs, results)


def _judge(index: SearchIndex, thresholds: Thresholds, cache: Any, dense: bool, jobs: Any,
           results: Any) -> bool:
    """Judge chunks until the end marker; a failure is reported, never swallowed. Stops too when
    this process's parent is gone (killed before the marker came): False then, else True."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sender = os.getppid()
    while True:
        try:
            job = jobs.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != sender:  # orphaned: re-parented to init or a subreaper
                return False
            continue
        if job is None:
            return True
        number, asked = job
        try:
            results.put(("done", number, pack(judge_many(asked, index, thresholds, cache, dense))))
        except Exception:
            results.put(_crashed())
            return True
        gc.freeze()  # what this chunk added to the span cache stays out of the way
