"""First-stage retrieval: the few snippets worth scoring closely for each claim.

The checker depends only on this protocol, not on the index implementation in
`claimcheck.references`, so tests can hand it a small fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..models import Snippet


class SearchIndex(Protocol):
    snippets: list[Snippet]

    def search_many(self, queries: Sequence[str], k: int) -> list[list[tuple[int, float]]]:
        """For each query, (snippet position, BM25 score) best first, at most k."""
        ...


def candidates(queries: Sequence[str], index: SearchIndex, k: int) -> list[list[int]]:
    """Snippet positions to score for each query, best first, at most k, none without a score."""
    return [[position for position, score in hits[:k] if score > 0]
            for hits in index.search_many(queries, k)]
