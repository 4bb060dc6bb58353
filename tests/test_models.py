"""models: records that cross stage boundaries."""

from __future__ import annotations


def test_a_checked_snippet_is_what_model_construct_makes() -> None:
    import copy
    import pickle

    from claimcheck.models import Snippet

    values = {"id": "s1", "text": "Rents rose 4%.", "source": "refs.jsonl", "url": None,
              "date": "2024-05-01", "extra": {"page": 3}}
    fast, slow = Snippet.checked(**values), Snippet.model_construct(**values)  # type: ignore[arg-type]
    assert fast == slow == Snippet.model_validate(values)
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__",
                 "__pydantic_private__"):
        assert getattr(fast, name) == getattr(slow, name), name
    assert fast.model_dump_json() == slow.model_dump_json()
    assert pickle.loads(pickle.dumps(fast)) == fast
    assert copy.deepcopy(fast) == fast
    assert fast.model_copy(update={"text": "x"}).text == "x" and fast.text == "Rents rose 4%."
    assert type(fast).model_fields.keys() == values.keys()  # a new field must be added to checked
