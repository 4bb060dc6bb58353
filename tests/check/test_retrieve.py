from __future__ import annotations

from claimcheck.check.retrieve import BATCH, candidates

from .fake_index import FakeIndex, snippets


def test_candidates_drop_zero_scores_and_cap_k() -> None:
    index = FakeIndex(snippets("river council met", "river council voted", "weather report"))
    assert candidates(["river council", "nothing shared"], index, 1) == [[0], []]


def test_candidates_are_fetched_in_batches_with_progress() -> None:
    index = FakeIndex(snippets("river council met"))
    calls: list[int] = []
    original = index.search_many

    def counting(queries: list[str], k: int) -> list[list[tuple[int, float]]]:
        calls.append(len(queries))
        return original(queries, k)

    index.search_many = counting  # type: ignore[method-assign]
    seen: list[tuple[int, int]] = []
    found = candidates(["river council"] * (BATCH + 1), index, 5, lambda d, t: seen.append((d, t)))
    assert len(found) == BATCH + 1 and calls == [BATCH, 1]
    assert seen == [(BATCH, BATCH + 1), (BATCH + 1, BATCH + 1)]
