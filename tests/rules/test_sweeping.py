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


@pytest.mark.parametrize("text", [
    "Every time the bell rings, the dog barks.",  # occasions in a story, not a group
    "She sat up all night with the patient.",
    "He walks there every single day.",
    "Everyone should carry a spare key.",  # a rule for everyone, not a report on everyone
    "All passengers must show a ticket.",
    "Without the ferry, no one could reach the island.",  # imagined, not asserted
    "If the tax were cut, we'd all be better off.",
    "No one has ever proved that the well is cursed.",  # a claim that nothing was shown
    "Nobody can deny the river is high.",
    "Everyone is buying the new phone, so you should too.",  # a call to follow the crowd
    "Everyone else has a bicycle.",
    "She has never lost an election.",  # one person's record, checkable
    "I always take the early train.",
    "He has always lived in Leeds.",
])
def test_cues_in_other_frames_are_not_sweeping_claims(text: str) -> None:
    assert cues(text, "CC101") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Everyone is buying the new phone.", ["Everyone"]),  # no call to follow: a claim
    ("No one can afford a house in this town.", ["No one"]),  # not about proof
    ("Every voter wants lower taxes.", ["Every"]),  # voters, not occasions
    ("Everyone would rather rent than buy.", []),  # would: still imagined
    ("Teachers always favour the quiet pupils.", ["always"]),  # a group, not one person
    ("He will never find work again.", ["never"]),  # a forecast from a case, not a record
    ("All four-year-olds talk too much.", ["All"]),  # an age is not a count
    ("All 40 four-year-olds in the class sang.", []),  # but a count still is
])
def test_context_keeps_real_sweeping_claims(text: str, expected: list[str]) -> None:
    assert cues(text, "CC101") == expected


@pytest.mark.parametrize("text", [
    "Everyone is doing it.",  # "is" is not a plural noun
    "He begins talking about the weather.",  # a pronoun makes "begins" a verb
    "She was only driving to the shop.",
    "Whales are mammals.",  # a definition, not a trait
    "Oaks are plants that live for centuries.",
])
def test_verbs_and_definitions_are_not_bare_generics(text: str) -> None:
    assert cues(text, "CC102") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Science fiction books are not worth reading.", ["Science fiction books are not worth"]),
    ("Electric scooters are dangerous.", ["Electric scooters are dangerous"]),
])
def test_bare_generics_with_two_word_subjects_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC102") == expected
