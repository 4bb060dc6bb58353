"""First-stage retrieval: the few snippets worth scoring closely for each claim.

The checker depends only on this protocol, not on the index implementation in
`claimcheck.references`, so tests can hand it a small fake.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..models import Snippet

BATCH = 512  # queries per search_many call: large enough to amortise, small enough for progress


class SearchIndex(Protocol):
    snippets: list[Snippet]

    def search_many(self, queries: Sequence[str], k: int) -> list[list[tuple[int, float]]]:
        """For each query, (snippet position, BM25 score) best first, at most k."""
        ...


def candidates(queries: Sequence[str], index: SearchIndex, k: int,
               progress: Callable[[int, int], None] | None = None) -> list[list[int]]:
    """Snippet positions to score for each query, best first, in batches."""
    out: list[list[int]] = []
    for begin in range(0, len(queries), BATCH):
        batch = queries[begin:begin + BATCH]
        for hits in index.search_many(batch, k):
            out.append([position for position, score in hits[:k] if score > 0])
        if progress:
            progress(min(begin + BATCH, len(queries)), len(queries))
    return out
