"""CC104: a case told in one sentence, a verdict on a whole kind in the next."""

from __future__ import annotations

import pytest

from claimcheck.rules.anecdote import reports_case

from .helpers import cues


@pytest.mark.parametrize(("text", "expected"), [
    ("My aunt ate cheese every night and slept well. Clearly, cheese helps sleep.",
     ["Clearly, cheese helps"]),
    ("A wasp stung me in the garden yesterday. Wasps are aggressive.", ["Wasps are"]),
    ("I visited two museums in that city. I don't think it is a cultured place.",
     ["I don't think"]),
    ("Our neighbour's shed was burgled last week. Burglaries are out of control here.",
     ["Burglaries are"]),
    ("I asked three colleagues about the new canteen. The canteen is therefore popular.",
     ["therefore"]),
])
def test_a_verdict_on_a_kind_after_a_case_is_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC104") == expected


@pytest.mark.parametrize("text", [
    "My aunt ate cheese every night and slept well. She was lucky.",  # about the case itself
    "A wasp stung me in the garden yesterday. I will wear long sleeves.",  # acts on the case
    "A wasp stung me yesterday. Wasps are aggressive, the beekeeper said.",  # a named source
    "We surveyed 4,000 gardeners last year. Wasps are a growing nuisance.",  # data at scale
    "Wasps are aggressive.",  # no case before it (a bare generic: CC102's job)
    "I met the mayor yesterday. I believe her.",  # a stance on a person, not a verdict
    "I saw the new advert. He must know what he is doing.",  # a guess about one person
    "The council met on Monday. Parking charges are rising.",  # no case of the writer's
])
def test_no_leap_from_a_case_is_not_flagged(text: str) -> None:
    assert cues(text, "CC104") == []


@pytest.mark.parametrize(("text", "case"), [
    ("I tried the new bakery.", True),
    ("My brother bought an electric car.", True),
    ("There was a crash on the bypass yesterday.", True),
    ("Parking charges are rising.", False),
    ("The council will meet on Monday.", False),
])
def test_what_counts_as_a_case(text: str, case: bool) -> None:
    assert reports_case(text) is case
