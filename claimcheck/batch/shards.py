"""A reference index split by snippet range into shards that together answer exactly like the
whole index.

BM25 weights depend on statistics of the whole reference set: a term's inverse document frequency
(how many snippets hold it, out of how many) and the average snippet length. A shard that weighted
its snippets with its own statistics would score them differently from the whole index, and the
merged top-k would not be the whole index's. So building is two rounds:

1. every shard tokenizes its range and reports its `ShardStats` (snippets, tokens, and per term
   the number of its snippets holding it);
2. the sums are the `GlobalStats`, and every shard weights its postings with them.

The weights are computed by bm25s's own scoring functions (the ones `claimcheck.references.index`
builds the whole index with; both read through `claimcheck.adapters.bm25`), given the global
statistics, so each weight is bitwise the whole index's. A query's terms are summed in the same
order as in the whole index (rarest first by the global document frequency, see
`ReferenceIndex.rarity`), so each snippet's score is bitwise the same too; each shard returns
its top k with global positions, and `merge` keeps the k best, ties to the earlier snippet,
exactly as the whole index orders them.

The content stems judging checks claims against (`SpanCache.known`) are a union over all
snippets, so each shard reports its own and the union is the whole set's.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import cast

import numpy as np

from ..adapters.bm25 import weights_with
from ..models import Snippet
from ..references.index import K1, B, ReferenceIndex
from ..references.tokenize import term_ids
from ..text.stems import pool_stems

Hits = list[tuple[int, float]]  # (global snippet position, BM25 score), best first


@dataclass(frozen=True)
class ShardStats:
    snippets: int
    tokens: int  # total retrieval tokens (for the average snippet length)
    df: dict[str, int]  # term -> snippets of this shard holding it
    known: frozenset[str]  # content stems of this shard's texts


@dataclass(frozen=True)
class GlobalStats:
    snippets: int
    tokens: int
    df: dict[str, int]

    @classmethod
    def of(cls, parts: Sequence[ShardStats]) -> GlobalStats:
        df: dict[str, int] = {}
        for part in parts:
            for term, n in part.df.items():
                df[term] = df.get(term, 0) + n
        return cls(sum(p.snippets for p in parts), sum(p.tokens for p in parts), df)


def ranges(count: int, shards: int) -> list[tuple[int, int]]:
    """`shards` contiguous, near-equal [begin, end) snippet ranges covering 0..count."""
    bounds = [count * i // shards for i in range(shards + 1)]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


class Shard:
    """One snippet range: tokenized on creation, indexed once the global statistics are known."""

    def __init__(self, snippets: Sequence[Snippet], begin: int) -> None:
        """`snippets`: the range, as a list or (what a shard actor holds) `PackedSnippets`."""
        self.snippets = snippets
        self.begin = begin
        packed = getattr(snippets, "texts", None)
        texts = list(packed) if packed is not None else [s.text for s in snippets]
        self._vocab, self._ids = term_ids(texts)
        self._known = pool_stems(texts)
        self.index: ReferenceIndex | None = None
        self._rows: np.ndarray | None = None  # snippet vectors, made on the first `nearest`

    @cached_property
    def _stats(self) -> ShardStats:
        counts = np.zeros(len(self._vocab), dtype=np.int64)
        for ids in self._ids:
            if ids:
                counts[np.unique(np.asarray(ids, dtype=np.int64))] += 1
        return ShardStats(len(self._ids), sum(map(len, self._ids)),
                          dict(zip(self._vocab, counts.tolist(), strict=True)), self._known)

    def stats(self) -> ShardStats:
        return self._stats

    def build(self, total: GlobalStats) -> None:
        """Weights from the global statistics; the token lists are dropped afterwards."""
        self.stats()  # kept: the token lists go
        self.index = build_shard_index(self.snippets, self._vocab, self._ids, total)
        del self._ids

    def nearest(self, queries: Sequence[str]) -> set[int]:
        """Global positions of each query's nearest snippets by meaning in this range (as many
        as the checker fuses, see check.retrieve)."""
        from ..check.retrieve import nearest_positions

        if self._rows is None:
            texts = getattr(self.snippets, "texts", None)
            self._rows = vectors_of(list(texts) if texts is not None
                                    else [s.text for s in self.snippets])
        return {self.begin + p for p in nearest_positions(queries, self._rows)}

    def search_many(self, queries: Sequence[str], k: int) -> list[Hits]:
        assert self.index is not None, "build() first"
        return [[(self.begin + pos, score) for pos, score in hits]
                for hits in self.index.search_many(queries, k)]


def vectors_of(texts: list[str]) -> np.ndarray:
    """Snippet vectors as the checker makes them (float16 rows of the embedder)."""
    from ..check.semantic import embedder

    found = embedder()
    if found is None:
        return np.zeros((len(texts), 1), dtype=np.float16)
    return np.asarray(found[1].embed(texts), dtype=np.float16)


def build_shard_index(snippets: Sequence[Snippet], vocab: list[str], ids: list[list[int]],
                      total: GlobalStats) -> ReferenceIndex:
    local_df = {i: 0 for i in range(len(vocab))}
    for doc in ids:
        for i in set(doc):
            local_df[i] += 1
    global_df = {i: total.df[term] for i, term in enumerate(vocab)}
    # np.float64 as bm25s's own np.mean gives it: the type decides numpy's promotion in the
    # weight arithmetic, and so the last bit of each weight
    avg = np.float64(total.tokens) / np.float64(total.snippets)
    scores, rows, cols = weights_with(ids, global_df, total.snippets, avg, local_df, K1, B)
    order = np.lexsort((rows, cols))  # column by column, snippets in order: CSC
    indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(np.bincount(cols, minlength=len(vocab)), out=indptr[1:])
    index = ReferenceIndex(cast(list[Snippet], snippets), vocab,  # read by position only
                           np.asarray(scores[order], dtype=np.float32),
                           np.asarray(rows[order], dtype=np.int32), indptr)
    index.rarity = [global_df[i] for i in range(len(vocab))]
    return index


def merge(per_shard: Sequence[Sequence[Hits]], k: int) -> list[Hits]:
    """For each query, the k best of all shards' hits: best score first, then the earlier
    snippet (each shard's list is already in that order)."""
    merged: list[Hits] = []
    for lists in zip(*per_shard, strict=True):
        ordered = heapq.merge(*lists, key=lambda hit: (-hit[1], hit[0]))
        merged.append([hit for _, hit in zip(range(k), ordered, strict=False)])
    return merged
