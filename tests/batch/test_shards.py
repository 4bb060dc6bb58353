"""Shards of the reference index answer exactly as the whole index: same weights to the bit, same
top-k with the same scores, whatever the number of shards; and why the global statistics matter
(shards weighted with their own statistics would not)."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.batch.shards import GlobalStats, Shard, merge, ranges
from claimcheck.models import Snippet
from claimcheck.references.index import ReferenceIndex, _build
from claimcheck.text.stems import pool_stems

from .conftest import synth


@pytest.fixture(scope="module")
def snippets() -> list[Snippet]:
    made = synth.make_snippets(3000, 120, seed=5)
    out = [Snippet(id=s.id, text=s.text, source=s.source) for s in made]
    # exact duplicates in different shards: their scores tie, the earlier must win
    out += [Snippet(id=f"copy{i}", text=out[i].text, source="copy") for i in range(0, 40, 3)]
    return out


@pytest.fixture(scope="module")
def queries() -> list[str]:
    text = synth.make_draft(20_000, seed=5).text.replace("\n", " ")
    return [q for q in text.split(". ") if q.strip()][:250] + [
        "2019", "said", "the of and", "nothing matches zzzqx", ""]


def sharded(snippets: list[Snippet], count: int, global_stats: bool = True) -> list[Shard]:
    shards = [Shard(snippets[b:e], b) for b, e in ranges(len(snippets), count)]
    stats = [s.stats() for s in shards]
    for shard, own in zip(shards, stats, strict=True):
        shard.build(GlobalStats.of(stats) if global_stats else GlobalStats.of([own]))
    return shards


def test_ranges_cover_every_snippet_once() -> None:
    assert ranges(10, 3) == [(0, 3), (3, 6), (6, 10)]
    assert ranges(2, 4) == [(0, 0), (0, 1), (1, 1), (1, 2)]


@pytest.mark.parametrize("count", [2, 3, 7])
def test_shard_weights_are_the_whole_index_weights_to_the_bit(snippets: list[Snippet],
                                                              count: int) -> None:
    whole = _build(snippets)
    for shard, (begin, end) in zip(sharded(snippets, count), ranges(len(snippets), count),
                                   strict=True):
        index = shard.index
        assert index is not None
        for term, i in index.vocab.items():
            j = whole.vocab[term]
            rows = whole.indices[whole.indptr[j]:whole.indptr[j + 1]]
            data = whole.data[whole.indptr[j]:whole.indptr[j + 1]]
            inside = (rows >= begin) & (rows < end)
            assert np.array_equal(rows[inside] - begin, index.indices[index.indptr[i]:
                                                                      index.indptr[i + 1]])
            assert np.array_equal(data[inside].view(np.uint32),
                                  index.data[index.indptr[i]:index.indptr[i + 1]].view(
                                      np.uint32)), term


@pytest.mark.parametrize("count", [1, 2, 5])
@pytest.mark.parametrize("k", [1, 3, 8, 40])
def test_merged_top_k_is_the_whole_index_top_k(snippets: list[Snippet], queries: list[str],
                                               count: int, k: int) -> None:
    whole = _build(snippets)
    shards = sharded(snippets, count)
    assert merge([s.search_many(queries, k) for s in shards], k) == whole.search_many(queries, k)


def test_shards_with_their_own_statistics_would_not_match(snippets: list[Snippet],
                                                          queries: list[str]) -> None:
    """The control: the same shards weighted with local IDF and average length rank
    differently for most queries, so the test above would catch it."""
    whole = _build(snippets).search_many(queries, 8)
    local = merge([s.search_many(queries, 8) for s in sharded(snippets, 3, False)], 8)
    differ = sum([p for p, _ in a] != [p for p, _ in b] for a, b in zip(whole, local,
                                                                         strict=True))
    assert differ > len(queries) // 2


def test_known_stems_of_the_shards_are_the_whole_sets(snippets: list[Snippet]) -> None:
    stats = [s.stats() for s in sharded(snippets, 3)]
    assert frozenset().union(*(s.known for s in stats)) == pool_stems([s.text for s in snippets])


def test_rarity_sets_the_order_query_terms_are_summed_in() -> None:
    """Float addition is not associative: 2**60 + 1 - 2**60 is 0 summed in that order and 1
    summed with the big terms first. A shard sums in the whole set's rarest-first order."""
    # one snippet holding three terms; term weights chosen to expose the order
    data = np.array([2.0 ** 60, 1.0, -(2.0 ** 60)], dtype=np.float32)
    index = ReferenceIndex([Snippet(id="a", text="x", source="s")], ["alpha", "beta", "gamma"],
                           data, np.zeros(3, dtype=np.int32), np.arange(4, dtype=np.int64))
    index.rarity = [1, 3, 2]  # alpha, gamma, beta
    assert index.search_many(["alpha beta gamma"], 1) == [[(0, 1.0)]]
    index.rarity = [1, 2, 3]  # alpha, beta, gamma
    index._starts = None
    assert index.search_many(["alpha beta gamma"], 1) == [[(0, 0.0)]]
