from __future__ import annotations

from claimcheck.check.retrieve import candidates

from .fake_index import FakeIndex, snippets


def test_candidates_drop_zero_scores_and_cap_k() -> None:
    index = FakeIndex(snippets("river council met", "river council voted", "weather report"))
    assert candidates(["river council", "nothing shared"], index, 1) == [[0], []]

