"""`claimcheck batch`: check a whole corpus, resumably, on this machine or on a Ray cluster.

Top to bottom: the corpus is read as a stream (`corpus`), the references are loaded and indexed
once and packed into flat arrays every worker shares (`packed`), the engine (`local` process pool,
or `ray_engine`) checks documents in small groups exactly as `claimcheck check` would (`work`),
and the output folder (`output`) commits one Parquet part and one log line at a time, so a killed
run resumes where it stopped. Layout and schema: docs/batch.md; scaling and shards: docs/scale.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .. import __version__
from ..config import Config
from ..errors import UserError
from .corpus import Corpus, Item
from .output import Key, Output
from .schema import BatchSummary, DocumentSummary
from .work import Result

COMMIT_SECONDS = 30.0  # a part is also committed after this long, so a kill loses little
PACK_PREFIX = ".claimcheck-refs-"  # the run's packed references, inside the output folder


class Engine(Protocol):
    name: str
    snippets: int  # in the reference set

    def run(self, items: Iterator[Item]) -> Iterator[Result]: ...


@dataclass
class Options:
    corpus: str
    out: Path
    engine: str = "local"
    workers: int | None = None
    address: str | None = None
    shards: int = 1
    batch_size: int = 8
    part_documents: int = 1000
    overwrite: bool = False


ProgressFn = Callable[[int, int, int, float], None]  # (done, total, errors, docs per second)


def signature(config: Config, references_key: str) -> dict[str, Any]:
    """What decides a document's rows: resuming with anything else changed would mix results.
    The version alone does not say which code wrote them (a checkout, an edited word list or a
    refitted verdict model keeps it), so the installed package's files are fingerprinted too."""
    from ..references.cache import code_fingerprint

    settings = config.model_dump(include={"markdown", "rules", "thresholds", "fail_on"})
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]
    return {"claimcheck": __version__, "code": code_fingerprint("claimcheck"),
            "references": references_key, "settings": digest}


def run_batch(options: Options, config: Config,
              progress: ProgressFn | None = None) -> tuple[BatchSummary, list[str]]:
    """Check every document of the corpus not already in the output folder; (summary,
    warnings). Raises UserError for anything that stops the whole batch."""
    _preflight(options, config)
    started = time.perf_counter()
    corpus = Corpus(options.corpus, config)
    from ..references import load_references
    from ..references.index import cache_key

    warnings: list[str] = []
    snippets = load_references(config.refs, config, warnings)
    key = cache_key(snippets)
    output = Output(options.out, signature(config, key), options.overwrite)
    total = corpus.count()
    order: list[Key | DocumentSummary] = []
    counts = {"done": 0, "errors": 0, "resumed": 0, "checked": 0}

    def tick() -> None:
        if progress:
            rate = counts["checked"] / max(time.perf_counter() - checking, 1e-9)
            progress(counts["done"], total, counts["errors"], rate)

    buffer = _Buffer(output, options.part_documents)
    workers = options.workers or os.cpu_count() or 1
    engine, cleanup = _engine(options, config, snippets, key, workers)
    del snippets  # the engine holds what it needs, packed
    checking = time.perf_counter()
    try:
        for result in engine.run(_pending(corpus, output, buffer, order, counts)):
            buffer.add(result)
            counts["done"] += len(result.summaries)
            counts["checked"] += len(result.summaries)
            counts["errors"] += sum(s.status != "ok" for s in result.summaries)
            tick()
        buffer.flush()
        tick()
        current = output.finish(order)
    finally:
        cleanup()
    seconds = time.perf_counter() - started
    summary = _summarize(current, options, engine, workers, counts, seconds)
    output.write_summary(summary.model_dump())
    return summary, warnings


def _preflight(options: Options, config: Config) -> None:
    """Say a missing extra or an impossible option before any work."""
    from .arrow import pyarrow

    pyarrow()
    if options.engine == "ray":
        from .ray_engine import ray_module

        ray_module()
    if options.shards > 1 and options.engine != "ray":
        raise UserError("--shards needs --engine ray (the local engine holds one index)")
    if options.shards > 1 and config.thresholds.candidates < 1:
        raise UserError("--shards needs thresholds.candidates >= 1")


def _pending(corpus: Corpus, output: Output, buffer: _Buffer,
             order: list[Key | DocumentSummary], counts: dict[str, int]) -> Iterator[Item]:
    """The corpus's documents still to check, in order; each document's key (or its error
    summary, committed through `buffer`) is appended to `order`, and `counts` kept."""
    for item in corpus:
        if item.error is not None:  # the corpus could not give this document
            summary = DocumentSummary(id=item.id, hash=item.hash, status="error",
                                      error=item.error)
            order.append(summary)
            buffer.add(Result([summary]))
            counts["done"] += 1
            counts["errors"] += 1
            continue
        order.append((item.id, item.hash))
        if output.is_done((item.id, item.hash)):
            counts["done"] += 1
            counts["resumed"] += 1
            continue
        yield item


class _Buffer:
    """Results waiting to be committed as one part: after `size` documents, or
    `COMMIT_SECONDS` after the first of them arrived."""

    def __init__(self, output: Output, size: int) -> None:
        self.output = output
        self.size = size
        self.summaries: list[DocumentSummary] = []
        self.rows: list[Any] = []
        self.since = time.monotonic()

    def add(self, result: Result) -> None:
        if not self.summaries:
            self.since = time.monotonic()
        self.summaries.extend(result.summaries)
        if result.rows is not None:
            self.rows.append(result.rows)
        if (len(self.summaries) >= self.size
                or time.monotonic() - self.since >= COMMIT_SECONDS):
            self.flush()

    def flush(self) -> None:
        self.output.commit(self.summaries, self.rows)
        self.summaries, self.rows = [], []


def _engine(options: Options, config: Config, snippets: list[Any], key: str,
            workers: int) -> tuple[Engine, Callable[[], None]]:
    """The engine, and what to do when the run ends however it ends."""
    from . import packed

    if options.engine == "ray":
        from .ray_engine import RayEngine

        ray_engine = RayEngine(snippets, key, config, options.workers, options.batch_size,
                               options.address, options.shards)
        return ray_engine, ray_engine.close
    from .local import LocalEngine

    arrays = _packed(snippets, key)
    for stale in options.out.glob(f"{PACK_PREFIX}*"):  # left by a run that was killed
        shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=PACK_PREFIX, dir=options.out))
    try:
        packed.save(arrays, folder / "pack")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    del arrays
    local = LocalEngine(folder / "pack", len(snippets), config, workers, options.batch_size)
    return local, lambda: shutil.rmtree(folder, ignore_errors=True)


def _packed(snippets: list[Any], key: str) -> dict[str, Any]:
    """The references indexed (from the index cache when there) and packed."""
    from ..references import build_index
    from ..text.stems import pool_stems
    from .packed import pack_references

    index = build_index(snippets)
    return pack_references(snippets, index, pool_stems([s.text for s in snippets]), key)


def _summarize(current: list[DocumentSummary], options: Options, engine: Engine,
               workers: int, counts: dict[str, int], seconds: float) -> BatchSummary:
    verdicts: dict[str, int] = {}
    flags: dict[str, int] = {}
    for s in current:
        for label, n in s.verdicts.items():
            verdicts[label] = verdicts.get(label, 0) + n
        for severity, n in s.flags.items():
            flags[severity] = flags.get(severity, 0) + n
    ok = [s for s in current if s.status == "ok"]
    return BatchSummary(
        version=__version__, complete=True, corpus=options.corpus, engine=engine.name,
        workers=workers, shards=options.shards, snippets=engine.snippets, documents=len(current),
        checked=len(ok), errors=len(current) - len(ok), resumed=counts["resumed"],
        claims=sum(s.claims for s in ok), checkable=sum(s.checkable for s in ok),
        verdicts=dict(sorted(verdicts.items())), flags=dict(sorted(flags.items())),
        suppressed=sum(s.suppressed for s in ok), failed_documents=sum(s.failed for s in ok),
        seconds=round(seconds, 3),
        documents_per_second=round(counts["checked"] / seconds, 3) if seconds else 0.0)


class ProgressLine:
    """Documents done, documents per second and the ETA on stderr: one line rewritten in place
    on a terminal, a line every `every` seconds in a log."""

    def __init__(self, every: float = 10.0) -> None:
        self.tty = sys.stderr.isatty()
        self.every = 0.5 if self.tty else every
        self.last = time.monotonic()
        self.shown = -1  # the count last shown: the end is shown once

    def __call__(self, done: int, total: int, errors: int, rate: float) -> None:
        now = time.monotonic()
        if (now - self.last < self.every and done < total) or self.shown == done:
            return
        self.shown = done
        self.last = now
        eta = (total - done) / rate if rate > 0 else float("inf")
        text = (f"claimcheck batch: {done:,}/{total:,} documents"
                f"{f' ({errors:,} errors)' if errors else ''}, {rate:,.1f} docs/s, "
                f"ETA {_duration(eta)}")
        if self.tty:
            sys.stderr.write(f"\r{text}\x1b[K")
            if done >= total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()


def _duration(seconds: float) -> str:
    if seconds == float("inf"):
        return "unknown"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
