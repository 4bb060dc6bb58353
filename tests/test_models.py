"""models: records that cross stage boundaries."""

from __future__ import annotations

import pytest


def test_a_snippet_is_a_frozen_record_that_survives_pickling_and_copies() -> None:
    import copy
    import dataclasses
    import pickle

    from claimcheck.models import Snippet

    values = {"id": "s1", "text": "Rents rose 4%.", "source": "refs.jsonl", "url": None,
              "date": "2024-05-01", "extra": {"page": 3}}
    snippet = Snippet(**values)  # type: ignore[arg-type]
    assert dataclasses.asdict(snippet) == values
    assert Snippet("s1", "Rents rose 4%.", "refs.jsonl") == Snippet(
        id="s1", text="Rents rose 4%.", source="refs.jsonl", url=None, date=None, extra={})
    with pytest.raises(dataclasses.FrozenInstanceError):
        snippet.text = "x"  # type: ignore[misc]
    assert not hasattr(snippet, "__dict__")  # slots: 100,000s of them per reference set
    assert pickle.loads(pickle.dumps(snippet)) == snippet  # to worker processes and Ray
    assert copy.deepcopy(snippet) == snippet
    assert dataclasses.replace(snippet, text="x").text == "x" and snippet.text == "Rents rose 4%."
