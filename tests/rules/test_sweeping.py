from __future__ import annotations

import pytest

from .helpers import cues


@pytest.mark.parametrize(("text", "expected"), [
    ("Politicians always lie.", ["always"]),
    ("No one trusts the plan.", ["No one"]),
    ("They are all racists.", ["all"]),
    ("Nobody came and nothing changed.", ["Nobody", "nothing"]),
    ("It is necessary for everyone to show openness.", ["everyone"]),
])
def test_sweeping_cues_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize("text", [
    "All 12 members voted for the motion.",  # a figure counts the whole
    "Every one of the 40 seats was filled.",
    "Hamas confirmed that everything had returned to square one.",  # a named source
    "It was fine after all.",  # idioms
    "First of all, thank you.",
    "He is not at all sure.",
    "Despite all warnings, the strike went ahead.",
    "Not everyone agrees.",  # the careful claim
    "You should never break traffic laws.",  # a rule, not a claim about the world
    "If you never pay, you are fined.",  # supposed, not asserted
    "He spent all his time in the library.",  # a bounded set
    "Imagine all of those hungry kids.",
    'The ad sells the "everyone is doing it" mentality.',  # a mention in quotes
    '"No one will go hungry," the mayor said.',  # someone's own words
])
def test_supported_or_idiomatic_cues_are_not_flagged(text: str) -> None:
    assert cues(text, "CC101") == []


def test_unattributed_quoted_sentence_is_the_writers_claim() -> None:
    assert cues('"Everyone loves going to the movies."', "CC101") == ["Everyone"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Cars are worthless.", ["Cars are worthless"]),
    ("Therefore, vaccines are useless.", ["vaccines are useless"]),
    ("Happy families make happy children.", ["Happy families make happy"]),
])
def test_bare_generics_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC102") == expected


@pytest.mark.parametrize("text", [
    "My cars are old.",
    "Prices are rising.",
    "Air strikes have hit the camp.",
    "Sometimes flu vaccines don't work.",
    "Teenagers are reckless.",  # people: CC402's job, not reported twice
    "Two of the cars are broken.",
])
def test_specific_or_eventive_plurals_are_not_bare_generics(text: str) -> None:
    assert cues(text, "CC102") == []
