"""`--engine local`: a pool of worker processes on this machine.

The parent packs the references once and saves the arrays as `.npy` files; every worker
memory-maps them at start-up (`packed.load`), so the index is neither rebuilt nor pickled per
task, and the operating system holds one copy of it however many workers read it. Tasks carry only
a few documents' texts; results come back as Arrow tables.

A worker that dies (a crash in native code, the out-of-memory killer) breaks the pool: the
documents it may have been holding are then checked again one at a time in a fresh pool, and the
one that kills its worker again is recorded with that error; the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..config import Config
from ..processes import start_method
from .corpus import Item
from .schema import DocumentSummary
from .work import Checker, LocalSearcher, Result

_CHECKER: Checker | None = None  # the worker process's own


def checker_for(arrays: dict[str, Any], config: Config) -> Checker:
    from .packed import known_stems, search_index

    return Checker(LocalSearcher(search_index(arrays), known_stems(arrays)), config)


def _start_worker(pack: str, config_json: str) -> None:
    global _CHECKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, if forked
    from ..processes import freeze_collector
    from .packed import load

    _CHECKER = checker_for(load(Path(pack)), Config.model_validate_json(config_json))
    freeze_collector()  # what start-up made stays out of the collector's passes


def _check(items: list[Item]) -> Result:
    assert _CHECKER is not None
    return _CHECKER.check(items)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class LocalEngine:
    name = "local"

    def __init__(self, pack: Path, snippets: int, config: Config, workers: int,
                 batch_size: int) -> None:
        self.pack = pack
        self.snippets = snippets
        self.config = config
        self.workers = workers
        self.batch_size = batch_size

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        if self.workers == 1:  # no pool: the same work in this process
            from .packed import load

            checker = checker_for(load(self.pack), self.config)
            for chunk in _chunks(items, self.batch_size):
                yield checker.check(chunk)
            return
        pool = _Pool(self.pack, self.config, self.workers)
        try:
            pending: dict[Future[Result], list[Item]] = {}
            chunks = _chunks(items, self.batch_size)
            more = True
            while more or pending:
                while more and len(pending) < 2 * self.workers:  # a bounded read-ahead
                    chunk = next(chunks, [])
                    if not chunk:
                        more = False
                    else:
                        pending[pool.submit(chunk)] = chunk
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                lost: list[list[Item]] = []
                for future in finished:
                    chunk = pending.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        lost.append(chunk)
                if lost:  # every chunk in flight went down with the pool
                    lost.extend(pending.values())
                    pending.clear()
                    yield from pool.isolate([item for chunk in lost for item in chunk])
        finally:
            pool.close()


class _Pool:
    """A process pool that can be replaced when a worker dies."""

    def __init__(self, pack: Path, config: Config, workers: int) -> None:
        self._args = (str(pack), config.model_dump_json())
        self._workers = workers
        # fork while this process has one thread (native ones counted: a BLAS pool too), else
        # a fork server: a fork copies whatever lock another thread holds (a threaded caller,
        # a Ray driver); workers map the packed references by path either way
        self._context = multiprocessing.get_context(start_method())
        self._executor = self._new(workers)

    def _new(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=self._context,
                                   initializer=_start_worker, initargs=self._args)

    def submit(self, chunk: list[Item]) -> Future[Result]:
        return self._executor.submit(_check, chunk)

    def isolate(self, items: list[Item]) -> Iterator[Result]:
        """Check `items` one at a time in a fresh single process; the one that kills it is
        recorded as an error. The full pool comes back afterwards."""
        self.close()
        self._executor = self._new(1)
        for item in items:
            try:
                yield self._executor.submit(_check, [item]).result()
            except BrokenProcessPool:
                self.close()
                self._executor = self._new(1)
                yield Result([DocumentSummary(
                    id=item.id, hash=item.hash, status="error",
                    error="the worker process died while checking this document")])
        self.close()
        self._executor = self._new(self._workers)

    def close(self) -> None:
        """Stop the workers now: an interrupted batch must not leave them running."""
        processes = dict(getattr(self._executor, "_processes", None) or {})
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes.values():
            if process.is_alive():
                try:
                    os.kill(process.pid, signal.SIGTERM)
                except (ProcessLookupError, TypeError):
                    pass
        for process in processes.values():
            process.join(timeout=5)
