"""Process-level decisions shared by the stages: how many processes judge, when and how a
process may be forked, and when the cycle collector is only in the way. The collector handling
(`gc.freeze`) lives here and nowhere else."""

from __future__ import annotations

import gc
import importlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Native thread pools of numerical libraries (OpenBLAS, OpenMP, MKL) and of the tokenizer under
# wordllama (Hugging Face tokenizers' Rayon pool): claimcheck spreads work over processes
# instead, so threads would only compete with them for the cores, and a process that has one may
# not be forked safely. Each is read when its library starts its pool.
NATIVE_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                  "TOKENIZERS_PARALLELISM": "false"}


def cores() -> int:
    """The cores this process may run on (its affinity mask, where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def judge_workers(configured: int | None) -> int:
    """Processes that judge claims: the `workers` config key, else one per core."""
    return configured or cores()


def can_fork() -> bool:
    """More than one core, and the fork start method (forked workers inherit large read-only
    state, the references and their index, without pickling it)."""
    import multiprocessing  # only a run that may fork pays for the import

    return cores() > 1 and "fork" in multiprocessing.get_all_start_methods()


def threads() -> int:
    """Threads of this process as the kernel counts them (native ones too: a BLAS pool), as
    Python 3.12 does before it warns that fork() may deadlock; Python's own count elsewhere."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[1].split()[17])
    except (OSError, IndexError, ValueError):
        return threading.active_count()


def fork_is_safe() -> bool:
    """Fork is available and this process has one thread: a forked child cannot inherit a lock
    another thread held at that moment (what Python 3.12's DeprecationWarning is about)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threads() == 1


def start_method() -> str:
    """How to start a process that must not inherit a lock: fork while this process has one
    thread (the child inherits what it needs for free), else a fork server (a single-threaded
    process started afresh forks it), else spawn."""
    import multiprocessing

    if fork_is_safe():
        return "fork"
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def one_native_thread(force: bool = False) -> None:
    """Libraries start no thread pool from now on (numpy's starts when it is imported, so this
    must come first). `force` overrides a user's setting: in the judging process that forks
    the others."""
    for name, value in NATIVE_THREADS.items():
        if force:
            os.environ[name] = value
        else:
            os.environ.setdefault(name, value)


def in_one_thread(target: str, *args: object) -> None:
    """The entry of a process that will fork others: thread pools off (`one_native_thread`)
    before `target` ("module:function") is imported, since importing it may load numpy, and
    then `target(*args)`. A process started afresh imports the module of its entry function
    before running it: this module loads nothing heavy."""
    one_native_thread(force=True)
    module, name = target.split(":")
    getattr(importlib.import_module(module), name)(*args)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the block, restored as it was after.

    For stages that build many long-lived objects and free almost none (splitting a draft,
    loading and indexing references): each full pass walks the whole growing heap and finds
    nothing, which cost a fifth of the split and a third of loading 100,000 snippets, measured.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_collector() -> None:
    """Everything alive now moved out of the cycle collector's reach for good.

    For long-lived records that later work only adds to (the references and their index in a
    judging process, what each judged chunk added to the span cache): full passes would walk
    them again and again and free nothing, a quarter of the judging time, measured; in forked
    processes they would also write to, and so copy, the pages shared with the parent.
    """
    gc.freeze()


def thaw_collector() -> None:
    """Everything `freeze_collector` moved given back to the collector (a caller done with it:
    the review app on exit)."""
    gc.unfreeze()


@contextmanager
def collector_frozen() -> Iterator[None]:
    """`freeze_collector` on entry, and everything frozen given back to the collector on exit
    (for a caller that goes on after the block: claims getting flags and verdicts)."""
    freeze_collector()
    try:
        yield
    finally:
        gc.unfreeze()
