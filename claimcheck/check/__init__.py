"""Check claims against the user's reference snippets and give each a verdict with evidence.

Stages: retrieve (BM25 candidates from the index, in batches) -> score (best sentence span per
candidate) -> compare (numbers, dates, names, polarity, quantifiers) / quotes -> verdict. Claims
go through all of them chunk by chunk, so on a large draft both cores retrieve and judge.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator

from ..config import Config, Thresholds
from ..models import Claim, Verdict
from .normalize import pool_stems
from .retrieve import SearchIndex, candidates
from .score import SpanCache
from .verdict import judge, not_checkable

Progress = Callable[[str, int, int], None]
CHUNK = 256  # claims judged between progress calls
# Below this many claims a second process costs more (fork, result pickling) than it saves.
PARALLEL_MIN = 2000

__all__ = ["SearchIndex", "check_all"]

# What forked workers read: set just before the pool starts, inherited copy-on-write.
_SHARED: tuple[list[Claim], SearchIndex, Thresholds, frozenset[str]] | None = None


def check_all(claims: list[Claim], index: SearchIndex, config: Config,
              progress: Progress | None = None) -> None:
    """Set `claim.verdict` on every claim; mark the flags of supported sentences `supported`.

    Claims that are not checkable get `not_checkable`, but are still matched when they carry a
    generalization flag: a reference that backs the sentence should clear the flag.
    """
    global _SHARED
    thresholds = config.thresholds
    todo = [c for c in claims if c.checkable or c.flags]
    for claim in claims:
        if not claim.checkable:
            claim.verdict = not_checkable(claim)

    chunks = [(begin, min(begin + CHUNK, len(todo))) for begin in range(0, len(todo), CHUNK)]
    # The references' vocabulary is worked out once, here, so forked workers inherit it.
    known = pool_stems([s.text for s in index.snippets]) if todo else frozenset()
    _SHARED = (todo, index, thresholds, known)
    try:
        done = 0
        for (begin, _), verdicts in zip(chunks, _judged(chunks), strict=True):
            for claim, verdict in zip(todo[begin:], verdicts, strict=False):
                if claim.checkable:
                    claim.verdict = verdict
                if verdict.label == "supported":
                    for flag in claim.flags:
                        flag.supported = True
            done += len(verdicts)
            if progress:
                progress("check", done, len(todo))
    finally:
        _SHARED = None


def _judged(chunks: list[tuple[int, int]]) -> Iterator[list[Verdict]]:
    """Verdicts chunk by chunk, in order: in two forked processes when it pays, else here.

    The references and the span caches are millions of long-lived objects that the cyclic
    garbage collector would otherwise walk again and again (a quarter of the judging time,
    measured); they are frozen out of its reach, which also keeps its passes in forked workers
    from writing to, and so copying, the pages they share with this process.
    """
    assert _SHARED is not None
    total = chunks[-1][1] if chunks else 0
    cpus = os.cpu_count() or 1
    gc.freeze()
    try:
        if (total < PARALLEL_MIN or cpus < 2
                or "fork" not in multiprocessing.get_all_start_methods()):
            cache = SpanCache([s.text for s in _SHARED[1].snippets], _SHARED[3])
            for bounds in chunks:
                yield _judge_chunk(bounds, cache)
            return
        with multiprocessing.get_context("fork").Pool(min(2, cpus)) as pool:
            yield from pool.imap(_judge_chunk, chunks)
    finally:
        gc.unfreeze()


_WORKER_CACHE: SpanCache | None = None


def _judge_chunk(bounds: tuple[int, int], cache: SpanCache | None = None) -> list[Verdict]:
    global _WORKER_CACHE
    assert _SHARED is not None
    claims, index, thresholds, known = _SHARED
    if cache is None:  # in a worker: one cache per process, kept across its chunks
        if _WORKER_CACHE is None:
            _WORKER_CACHE = SpanCache([s.text for s in index.snippets], known)
        cache = _WORKER_CACHE
    begin, end = bounds
    found = candidates([c.text for c in claims[begin:end]], index, thresholds.candidates)
    verdicts = [judge(claim, hits, index.snippets, cache, thresholds)
                for claim, hits in zip(claims[begin:end], found, strict=True)]
    gc.freeze()  # what this chunk added to the span cache stays out of the collector's way
    return verdicts
