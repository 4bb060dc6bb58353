"""First-stage retrieval: the few snippets worth scoring closely for each claim.

BM25 finds snippets that share the claim's rarer words; a paraphrase ("Hamas agreed to the
proposal from Egypt and Qatar" against "Hamas accepted a proposal put forward by Egyptian and
Qatari mediators") shares few. So when the reference set is small enough (`dense_fits`), each
claim also gets the snippets nearest in meaning (WordLlama vectors, see `semantic`; the snippets'
vectors are made once per reference set and kept in the index cache), and both lists are fused
by one score: `MIX` x BM25 (divided by the claim's best BM25 score) + (1 - `MIX`) x cosine
similarity; the last `DENSE_RESERVED` places go to the nearest snippets by meaning that the
fused score left out, so a paraphrase that shares almost no word still reaches the judge (the
verdict model then weighs its meaning similarity). The fused score goes with each candidate as
its `prior`, which the fine scorer adds to a span's score when it ranks passages (see
`score.best_spans`). Above the size limit the candidates are BM25's alone and the prior is
BM25's share of the best.
The weights were chosen on the training part of the dev sets (docs/accuracy.md,
benchmarks/retrieval.py).

The checker depends only on the SearchIndex protocol, not on the index implementation in
`claimcheck.references`, so tests can hand it a small fake; an index with a `vectors` method
(the ReferenceIndex) can also be searched by meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

import numpy as np

from ..models import Snippet
from . import semantic

# Fused score: MIX x normalised BM25 + (1 - MIX) x cosine (train part: 0.3-0.7 within noise).
MIX = 0.5
BM25_POOL = 20  # BM25 candidates fused per claim when dense retrieval applies
DENSE_POOL = 20  # nearest snippets by meaning fused per claim
DENSE_RESERVED = 2  # of the k candidates, places kept for the nearest by meaning
# Dense retrieval applies to reference sets of at most this many snippets. Their vectors are
# made once per reference set and cached (about 0.4 s of CPU per 10,000 snippets cold), but
# every claim is compared with every snippet: measured under load, 0.3 ms of CPU per claim per
# 10,000 snippets on top of BM25's 0.2 ms, where judging a claim costs about 0.7 ms. Above the
# limit the cost would break issue 6's budget (a 1 MB draft against 100,000 snippets in 10 s),
# so larger sets use BM25 alone (docs/performance.md). The limit is on the references only, so
# a claim's verdict never depends on how long the draft is.
DENSE_MAX_SNIPPETS = 10_000
DENSE_SLICE = 256  # claims compared with all snippets per matrix product


class SearchIndex(Protocol):
    snippets: list[Snippet]

    def search_many(self, queries: Sequence[str], k: int) -> list[list[tuple[int, float]]]:
        """For each query, (snippet position, BM25 score) best first, at most k."""
        ...


class Retrieved(NamedTuple):
    """One claim's candidates, best first, and each one's fused retrieval score (0-1)."""

    positions: list[int]
    prior: list[float]


def dense_fits(index: SearchIndex) -> bool:
    """Whether searching by meaning applies: an index that keeps vectors, of at most
    DENSE_MAX_SNIPPETS snippets, and wordllama installed."""
    return (0 < len(index.snippets) <= DENSE_MAX_SNIPPETS
            and callable(getattr(index, "vectors", None)) and semantic.embedder() is not None)


def prepare_dense(index: SearchIndex) -> bool:
    """Whether `candidates` should search `index` by meaning too; when so, its snippet vectors
    are made (or read from the cache) now, so forked workers share them. The meaning model is
    loaded now in any case: the judges need it for every claim, and a judge forked after this
    shares it instead of loading its own (1.1 s of CPU each, measured under load)."""
    semantic.vectors()
    return dense_fits(index) and snippet_vectors(index) is not None


def snippet_vectors(index: SearchIndex) -> np.ndarray | None:
    """The index's snippet vectors (made, or read from the cache, on first use)."""
    found = semantic.embedder()
    vectors: Callable[..., np.ndarray] | None = getattr(index, "vectors", None)
    if found is None or vectors is None:
        return None
    name, model = found
    return vectors(name, model.embed)


def candidates(queries: Sequence[str], index: SearchIndex, k: int,
               dense: bool = False) -> list[Retrieved]:
    """At most k candidates for each query, best first, none without a score; by meaning too
    when `dense` (see `dense_fits`)."""
    rows = snippet_vectors(index) if dense else None
    if rows is None:
        return [_bm25_only(hits[:k]) for hits in index.search_many(queries, k)]
    found = index.search_many(queries, max(k, BM25_POOL))
    model = semantic.vectors()
    assert model is not None  # snippet_vectors found it
    out: list[Retrieved] = []
    for begin in range(0, len(queries), DENSE_SLICE):
        asked = model.embed(queries[begin:begin + DENSE_SLICE])
        near = _nearest(asked, rows, DENSE_POOL)
        for n, query in enumerate(asked):
            out.append(_fused(found[begin + n], near[n], query, rows, k))
    return out


def nearest_positions(queries: Sequence[str], rows: np.ndarray) -> list[int]:
    """Every position among each query's DENSE_POOL nearest rows (a shard's part of the
    search by meaning: the union over shards holds each query's nearest in the whole set)."""
    model = semantic.vectors()
    if model is None or not len(rows):
        return []
    found: set[int] = set()
    for begin in range(0, len(queries), DENSE_SLICE):
        asked = model.embed(queries[begin:begin + DENSE_SLICE])
        found.update(_nearest(asked, rows, DENSE_POOL).ravel().tolist())
    return sorted(found)


def _bm25_only(hits: list[tuple[int, float]]) -> Retrieved:
    kept = [(p, s) for p, s in hits if s > 0]
    top = kept[0][1] if kept else 1.0
    return Retrieved([p for p, _ in kept], [round(s / top, 6) for _, s in kept])


def _nearest(asked: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """The k snippets of highest cosine for each query (rows are unit vectors), in no order."""
    scores = asked @ _single(rows)
    k = min(k, scores.shape[1])
    return np.argpartition(scores, scores.shape[1] - k, axis=1)[:, scores.shape[1] - k:]


_SINGLE: list[tuple[np.ndarray, np.ndarray]] = []  # the last rows seen, and their float32 copy


def _single(rows: np.ndarray) -> np.ndarray:
    """`rows` transposed, in float32 (a matrix product in float16 is slow), made once per
    reference set rather than per slice of claims."""
    if not _SINGLE or _SINGLE[0][0] is not rows:
        _SINGLE[:] = [(rows, np.ascontiguousarray(rows.T, dtype=np.float32))]
    return _SINGLE[0][1]


def _fused(hits: list[tuple[int, float]], near: np.ndarray, query: np.ndarray,
           rows: np.ndarray, k: int) -> Retrieved:
    kept = [(p, s) for p, s in hits if s > 0]
    if not query.any():
        return _bm25_only(kept[:k])
    bm25 = np.array([s for _, s in kept], dtype=np.float64)
    pool, first = np.unique(np.concatenate([np.array([p for p, _ in kept], dtype=np.int64),
                                            near.astype(np.int64)]), return_index=True)
    matched = np.zeros(len(pool))
    from_bm25 = first < len(kept)
    matched[from_bm25] = bm25[first[from_bm25]] / (bm25[0] if len(kept) else 1.0)
    # the pool's cosines again, in float64 one row at a time: exact, and the same whatever
    # else was asked in the same matrix product
    cosine = np.round(rows[pool].astype(np.float64) @ query.astype(np.float64), 6)
    fused = np.round(MIX * matched + (1 - MIX) * np.maximum(cosine, 0.0), 6)
    order = np.lexsort((pool, -fused))  # best first, ties to the earlier snippet
    best = order[:max(k - DENSE_RESERVED, 1)].tolist()
    nearest = set(near.tolist())
    rest = [i for i in np.lexsort((pool, -cosine)).tolist()
            if pool[i] in nearest and i not in best]
    best += rest[:k - len(best)]
    return Retrieved(pool[best].tolist(), fused[best].tolist())
