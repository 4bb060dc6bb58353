"""What a batch worker does with a handful of documents: the same stages as `claimcheck check`
(load, split, rules, check, inline suppressions, summary), then the Parquet rows.

Documents are split and flagged one by one; the claims of all of them are then judged in one go
(one retrieval round, which the sharded index answers with one call per shard), and each document
gets its summary and rows. A document whose own stage fails is recorded with its error; if judging
the whole group fails, each document is judged again on its own so that only the culprit is.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..check import is_matched, judge_many, mark_unchecked, record
from ..check.retrieve import SearchIndex
from ..check.score import SpanCache
from ..check.verdict import Asked
from ..config import Config
from ..document import build_document
from ..errors import UserError
from ..models import Claim, Document, Report
from ..pipeline import prepare_claims, summarize, suppress_findings
from .arrow import pyarrow
from .corpus import Item
from .schema import DocumentSummary, claim_rows, claim_schema

# Span caches grow with every snippet that is ever a candidate; a worker starts a new one after
# this many documents, so a long batch keeps a bounded heap (the cache only saves work, its
# content never changes a verdict).
CACHE_DOCUMENTS = 2000


class Searcher(Protocol):
    """Where judging gets candidates: an index in this process, or the shards of one."""

    def view(self, queries: Sequence[str], k: int) -> tuple[SearchIndex, SpanCache]:
        """An index that answers `queries` (and the span cache to judge against it)."""
        ...


class LocalSearcher:
    """The whole index in this process: one span cache, renewed now and then."""

    def __init__(self, index: SearchIndex, known: frozenset[str]) -> None:
        self.index = index
        self.known = known
        self._cache: SpanCache | None = None
        self._uses = 0

    def view(self, queries: Sequence[str], k: int) -> tuple[SearchIndex, SpanCache]:
        if self._cache is None or self._uses >= CACHE_DOCUMENTS:
            texts = texts_of(self.index.snippets)
            self._cache, self._uses = SpanCache(texts, self.known), 0  # type: ignore[arg-type]
        self._uses += 1
        return self.index, self._cache


def texts_of(snippets: Sequence[Any]) -> Sequence[str]:
    """The snippets' texts by position, without building every Snippet for it."""
    texts = getattr(snippets, "texts", None)
    return texts if texts is not None else [s.text for s in snippets]


@dataclass
class Result:
    """What a worker sends back for a group of documents: their summaries, and their claim rows
    as one Arrow table (None when there are none), which crosses a pipe or Ray's object store
    as a few buffers instead of thousands of objects."""

    summaries: list[DocumentSummary]
    rows: Any = None  # pyarrow.Table of `claim_schema()`


@dataclass
class _Doc:
    item: Item
    seconds: float = 0.0
    doc: Document | None = None
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None


class Checker:
    """Checks groups of documents against one reference set with one configuration."""

    def __init__(self, searcher: Searcher, config: Config) -> None:
        self.searcher = searcher
        self.config = config
        # Inline directives apply, as in `check`; a baseline and the review ledger do not (they
        # are a project's, not an archive's: the rows carry the fingerprints to join them on).
        self._suppress_config = config.model_copy(update={"baseline": None, "ledger": ""})

    def check(self, items: Sequence[Item]) -> Result:
        docs = [self._prepare(item) for item in items]
        live = [d for d in docs if d.error is None]
        try:
            self._judge(live)
        except Exception:
            for one in live:  # find the culprit: judge each document on its own
                try:
                    self._judge([one])
                except Exception as exc:
                    one.error = _describe(exc)
        result = Result([])
        rows: list[dict[str, Any]] = []
        for d in docs:
            self._finish(d, result, rows)
        if rows:
            result.rows = pyarrow().Table.from_pylist(rows, schema=claim_schema())
        return result

    def _prepare(self, item: Item) -> _Doc:
        started = time.perf_counter()
        d = _Doc(item)
        if item.error is not None or item.text is None:
            d.error = item.error or "no text"
            return d
        try:
            d.doc = build_document(item.id, item.text, item.markdown)
            d.claims = prepare_claims([d.doc], self.config)
        except Exception as exc:
            d.error = _describe(exc)
        d.seconds = time.perf_counter() - started
        return d

    def _judge(self, docs: list[_Doc]) -> None:
        """Verdicts for every claim of `docs`, as `check.check_all` gives them."""
        if not docs:
            return
        started = time.perf_counter()
        todo: list[Claim] = []
        for d in docs:
            mark_unchecked(d.claims)
            todo.extend(c for c in d.claims if is_matched(c))
        if todo:
            k = self.config.thresholds.candidates
            index, cache = self.searcher.view([c.text for c in todo], k)
            record(todo, judge_many([Asked.of(c) for c in todo], index,
                                    self.config.thresholds, cache))
        # judging time shared out by claim count
        spent, total = time.perf_counter() - started, max(1, len(todo))
        for d in docs:
            d.seconds += spent * sum(is_matched(c) for c in d.claims) / total

    def _finish(self, d: _Doc, result: Result, rows: list[dict[str, Any]]) -> None:
        item = d.item
        if d.error is None and d.doc is not None:
            started = time.perf_counter()
            try:
                suppress_findings([d.doc], d.claims, self._suppress_config)
                report = Report(files=[item.id], claims=d.claims)
                s = summarize(report, self.config)
                mine = claim_rows(item.id, item.hash, d.claims)
            except Exception as exc:
                d.error = _describe(exc)
            else:
                d.seconds += time.perf_counter() - started
                result.summaries.append(DocumentSummary(
                    id=item.id, hash=item.hash, status="ok", claims=s.claims,
                    checkable=s.checkable, verdicts=s.verdicts, flags=s.flags,
                    suppressed=s.suppressed, failed=s.failed, seconds=round(d.seconds, 4)))
                rows.extend(mine)
                return
        result.summaries.append(DocumentSummary(id=item.id, hash=item.hash, status="error",
                                                error=d.error, seconds=round(d.seconds, 4)))


def _describe(exc: Exception) -> str:
    """One line: the user's problem as said, a bug with where it happened."""
    if isinstance(exc, UserError):
        return str(exc)
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno}" if where else ""
    return f"internal error: {type(exc).__name__}: {exc}{at}"
