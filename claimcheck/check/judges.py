"""One way to judge claims, two implementations: `SerialJudge` in this process, `ProcessJudge`
in a tree of processes that prepares the references itself while the caller is still splitting
and flagging the draft. Callers ask `open_judge` for the one that pays, `submit` claims as they
are ready, and `finish` to have every verdict recorded, in submission order.

Why the process tree has this shape: a forked child inherits what its parent holds for free, but
whatever it sends back is pickled, and pickling 15,000 claim records costs more than a second.
So the claims are made in the caller (the report needs them there), and the references and their
index in the child, whose other judging processes it forks inherit them. Only small things cross
the pipes: what judging reads of each claim going out (`Asked`, a tuple of strings), verdicts
coming back. Checkable claims can be sent as soon as the draft is split, so judging overlaps the
rules stage.

Forking is safe only from a process with one thread (a child cannot inherit a lock another
thread held; Python 3.12 warns). The child is forked while the caller has one thread, else it is
started by a fork server; it keeps numerical libraries to one thread and forks its judges before
any thread of its own starts (the results queue's feeder starts with the first result). Child
processes are taken along on SIGTERM, SIGINT (the caller's to handle) and the caller's death.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any, Protocol

from ..config import Config, Thresholds
from ..errors import UserError
from ..models import Claim, Verdict
from ..processes import (
    collector_frozen,
    fork_is_safe,
    freeze_collector,
    in_one_thread,
    judge_workers,
    start_method,
)
from . import CHUNK, Progress, Repeats, judge_many, pack, span_cache, unpack
from .retrieve import SearchIndex, prepare_dense
from .verdict import Asked

Prepare = Callable[[list[str]], SearchIndex]  # appends warnings to the list it is given
# Below this many claims a second process costs more (fork, result pickling) than it saves.
PARALLEL_MIN = 2000
POLL_SECONDS = 1.0  # how often a wait checks that the child is still alive
STOP_SECONDS = 5.0  # how long a stopped child may take before it is killed


class Judge(Protocol):
    """Verdicts for claims: `submit` them (in chunks, as they are ready), then `finish` to
    record every verdict onto its claim, in submission order (any claim found supported has its
    flags cleared). A context manager: leaving it early stops whatever judging is under way.
    `warnings` holds what preparing the references said, once `finish` returned."""

    warnings: list[str]

    def __enter__(self) -> Judge: ...

    def __exit__(self, *exc: object) -> None: ...

    def submit(self, claims: list[Claim]) -> None: ...

    def finish(self, progress: Progress | None = None) -> None: ...


class Given:
    """A `Prepare` for an index already built (inherited by a forked child)."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def __call__(self, warnings: list[str]) -> SearchIndex:
        return self.index


def open_judge(prepare: Prepare, config: Config, claims: int, *,
               inherited: bool = False) -> Judge:
    """The judge that pays for `claims` claims: processes when there are enough of them and more
    than one `workers` (config; default one per core), else this process. `inherited`: the
    index exists only in this process, so processes are used only if they can be forked now
    (pickling it to a fresh process would cost more than judging here)."""
    workers = judge_workers(config.workers)
    if workers > 1 and claims >= PARALLEL_MIN and (not inherited or fork_is_safe()):
        return ProcessJudge(prepare, config.thresholds, workers)
    return SerialJudge(prepare, config.thresholds)


class SerialJudge:
    """Judging in this process: the references are prepared at `finish`."""

    def __init__(self, prepare: Prepare, thresholds: Thresholds) -> None:
        self._prepare = prepare
        self._thresholds = thresholds
        self._sent: list[Claim] = []  # the claims to judge: repeats are `_repeats`'
        self._asked: list[Asked] = []
        self._repeats = Repeats()
        self.warnings: list[str] = []

    def __enter__(self) -> SerialJudge:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def submit(self, claims: list[Claim]) -> None:
        judged, asked = self._repeats.fresh(claims)
        self._sent.extend(judged)
        self._asked.extend(asked)

    def finish(self, progress: Progress | None = None) -> None:
        index = self._prepare(self.warnings)  # even for no claims: its errors are reported
        if not self._sent:
            return
        dense = prepare_dense(index)
        cache = span_cache(index)
        asked = self._asked
        with collector_frozen():
            for begin in range(0, len(asked), CHUNK):
                end = min(begin + CHUNK, len(asked))
                done = self._repeats.record(begin, self._sent[begin:end], judge_many(
                    asked[begin:end], index, self._thresholds, cache, dense))
                freeze_collector()  # what this chunk added to the span cache stays out of the way
                if progress:
                    progress("check", done, self._repeats.submitted)


class ProcessJudge:
    """Judging in `workers` processes: a child that prepares the references, and the judges it
    forks once they are ready (fewer if it could not fork safely)."""

    def __init__(self, prepare: Prepare, thresholds: Thresholds, workers: int,
                 method: str | None = None) -> None:
        context: Any = multiprocessing.get_context(method or start_method())
        self._jobs: Any = context.Queue()
        self._results: Any = context.Queue()
        self._sent: list[list[Claim]] = []  # chunks of claims to judge (repeats aside)
        self._first: list[int] = []  # each chunk's first claim's number among those judged
        self._repeats = Repeats()
        self._done: dict[int, list[Verdict]] = {}
        self._workers = workers
        self._ready = False
        self._finished = False
        self.warnings: list[str] = []
        # Not daemonic: a daemonic process may not start the other judges.
        self._child = context.Process(target=in_one_thread, name="claimcheck-references",
                                      args=(f"{__name__}:_child", prepare, thresholds, workers,
                                            self._jobs, self._results))
        self._child.start()

    @classmethod
    def of(cls, prepare: Prepare, config: Config) -> ProcessJudge:
        """With the thresholds and `workers` of `config`."""
        return cls(prepare, config.thresholds, judge_workers(config.workers))

    def __enter__(self) -> ProcessJudge:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._finished and self._child.is_alive():
            self._child.terminate()  # the child's SIGTERM handler stops its judges too
            self._child.join(STOP_SECONDS)
            if self._child.is_alive():
                # The SIGTERM came before the child had its handler, while it still ran one
                # inherited from this process (a test runner's, an app's): it was swallowed.
                # Its judges notice the orphaning within POLL_SECONDS and stop too.
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
        judged, asked = self._repeats.fresh(claims)
        for begin in range(0, len(judged), CHUNK):
            self._jobs.put((len(self._sent), asked[begin:begin + CHUNK]))
            self._first.append(sum(map(len, self._sent)))
            self._sent.append(judged[begin:begin + CHUNK])
        self._drain(block=False)

    def finish(self, progress: Progress | None = None) -> None:
        """Wait for every verdict and record it, in the order the claims were submitted.

        What has already arrived is recorded before any wait: on a large draft every verdict
        may be in before the rules stage ends, and the child exits once it has the end
        markers, so a wait then would find it gone with nothing left to send.
        """
        for _ in range(self._workers):  # one end marker per judge (the child may run fewer)
            self._jobs.put(None)
        recorded = 0  # chunks recorded
        while True:
            while recorded in self._done:
                claims = self._repeats.record(self._first[recorded], self._sent[recorded],
                                              self._done.pop(recorded))
                recorded += 1
                if progress:
                    progress("check", claims, self._repeats.submitted)
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


class _Tree:
    """The child's judges, and its SIGTERM handler: exit at once, from wherever the signal
    landed (raising SystemExit there can be swallowed and printed), and take the judges along.
    While a judge is being started its pid may not be known yet: then stop as soon as start()
    returns."""

    def __init__(self) -> None:
        self.judges: list[multiprocessing.process.BaseProcess] = []
        self.starting = self.stop_asked = False

    def stop(self, *_: object) -> None:
        if self.starting:
            self.stop_asked = True
            return
        for judge in self.judges:
            if judge.pid is not None:
                try:
                    os.kill(judge.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        os._exit(1)

    def fork(self, count: int, args: tuple[Any, ...]) -> None:
        """Start `count` judges. Until start() returns, a judge's pid is unknown to `stop`: a
        SIGTERM then would leave the new process behind, so `stop` only notes it and acts
        here. (Blocking SIGTERM is not enough: a queue's feeder thread does not block it, and
        Python runs the handler in this thread whenever the signal reaches the process.)"""
        context = multiprocessing.get_context("fork")
        for number in range(count):
            judge = context.Process(target=_worker, name=f"claimcheck-judge-{number + 1}",
                                    daemon=True, args=args)
            self.judges.append(judge)
            self.starting = True
            try:
                judge.start()
            finally:
                self.starting = False
            if self.stop_asked:
                self.stop()


def _child(prepare: Prepare, thresholds: Thresholds, workers: int, jobs: Any,
           results: Any) -> None:
    """Load and index the references, then judge chunks with the judges it forks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    tree = _Tree()
    signal.signal(signal.SIGTERM, tree.stop)
    warnings: list[str] = []
    try:
        index = prepare(warnings)
        cache = span_cache(index)
        dense = prepare_dense(index)  # snippet vectors made before the judges fork
    except UserError as error:
        results.put(("error", str(error)))
        return
    except Exception:
        results.put(_crashed())
        return
    freeze_collector()  # the references stay out of the collector's reach, here and in judges
    # Forked before the first result starts this process's queue feeder thread; a process that
    # has another thread already (a library's pool) judges alone rather than fork unsafely.
    if fork_is_safe():
        tree.fork(workers - 1, (index, thresholds, cache, dense, jobs, results))
    results.put(("ready", warnings))
    if not _judge(index, thresholds, cache, dense, jobs, results):
        for judge in tree.judges:
            judge.kill()  # the caller is gone, and with it the point of judging
    for judge in tree.judges:
        judge.join()
        if judge.exitcode:
            results.put(("crash", f"the judging process {judge.name} exited with "
                                  f"{judge.exitcode}", ""))


def _worker(index: SearchIndex, thresholds: Thresholds, cache: Any, dense: bool, jobs: Any,
            results: Any) -> None:
    """A judge the child forked: the child's SIGTERM handler (copied by fork, with the child's
    state) is not its own; a SIGTERM simply ends it."""
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
        freeze_collector()  # what this chunk added to the span cache stays out of the way
