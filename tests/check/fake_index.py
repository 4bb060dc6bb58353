"""A tiny stand-in for `claimcheck.references.ReferenceIndex`: ranks snippets by shared words.

Enough to drive the checker in tests without depending on the real BM25 index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimcheck.models import Snippet


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text) if len(w) > 3}


class FakeIndex:
    def __init__(self, snippets: list[Snippet]) -> None:
        self.snippets = snippets
        self._words = [_words(s.text) for s in snippets]

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        wanted = _words(query)
        hits = [(i, float(len(wanted & words))) for i, words in enumerate(self._words)]
        hits = [h for h in hits if h[1] > 0]
        return sorted(hits, key=lambda h: (-h[1], h[0]))[:k]

    def search_many(self, queries: Sequence[str], k: int) -> list[list[tuple[int, float]]]:
        return [self.search(q, k) for q in queries]


def snippets(*texts: str) -> list[Snippet]:
    return [Snippet(id=f"S{n}", text=t, source=f"refs/s{n}.md") for n, t in enumerate(texts, 1)]
