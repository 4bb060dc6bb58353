from __future__ import annotations

import pytest

from .helpers import cues, flags_for


@pytest.mark.parametrize(("text", "expected"), [
    ("A large number of residents oppose the plan.", ["A large number of"]),
    ("A large part of the world sides with them.", ["A large part of"]),
    ("Countless families live in poverty.", ["Countless"]),
    ("Most households own a car.", ["Most"]),
    ("There are many experts who doubt it.", ["many"]),
])
def test_vague_quantities_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC201") == expected


@pytest.mark.parametrize("text", [
    # Issue 14b: a report of an event, a quantity in passing, the writer's own story and an
    # inventory of things give the reader nothing to check against a figure.
    "A large number of residents fled.",  # a past event
    "Several miners are trapped in a coal mine in Assam.",  # the news present
    "Palestinians are facing many problems.",  # in passing, over things
    "We fix many bugs in every release.",  # the writer's own work
    "Several targets now ship with the new linker.",  # things of a system
])
def test_events_passing_quantities_and_inventories_are_let_through(text: str) -> None:
    assert cues(text, "CC201") == []


def test_magnitude_words_are_cc202_and_off_by_default() -> None:
    text = "Despite significant pressure, talks fail."
    assert cues(text, "CC202") == ["significant"]
    assert cues(text, "CC201") == []
    assert [f.rule for f in flags_for(text)] == []


@pytest.mark.parametrize("text", [
    "Many of the 300 passengers were delayed.",
    "Many flights were cancelled, the airline said.",
    "This is the most important step.",  # a ranking, not a quantity
    "It will most likely rain.",
    "How many people came?",
    "The effect was significant.",
    "She did the most.",
])
def test_supported_or_non_quantity_uses_are_not_flagged(text: str) -> None:
    assert cues(text, "CC201") == []


@pytest.mark.parametrize("text", [
    "Several months later, the bridge reopened.",  # a span of time
    "She has called the council many times.",  # a frequency
])
def test_vague_spans_of_time_are_not_quantity_claims(text: str) -> None:
    assert cues(text, "CC201") == []


def test_vague_counts_of_people_stay_flagged() -> None:
    assert cues("Several residents complain about the noise.", "CC201") == ["Several"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Most people agree.", [("CC301", "Most people agree")]),
    ("Many experts say the plan will fail.", [("CC301", "Many experts say")]),
    ("Several studies have shown that it works.", [("CC301", "studies have shown")]),
])
def test_a_crowd_appeal_is_reported_once_by_the_weasel_rule(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.rule, f.cue) for f in flags_for(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("I have a lot of debt.", []),  # one person's amount
    ("She was in a lot of pain.", []),
    ("A lot of voters stay home.", ["A lot of"]),
])
def test_one_persons_amount_is_not_a_vague_quantity(text: str, expected: list[str]) -> None:
    assert cues(text, "CC201") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Many of her cousins live abroad.", []),  # a share of a set the sentence points at
    ("Several of you will need a visa.", []),
    ("Most of them left early.", []),
    ("Many of the voters stay home.", ["Many"]),  # "the voters": any voters
    ("There are too many cars in the centre.", []),  # a judgement of excess, not an amount
    ("Many drivers park in the centre.", ["Many"]),
])
def test_shares_of_bounded_sets_and_excess_are_not_vague_quantities(
        text: str, expected: list[str]) -> None:
    assert cues(text, "CC201") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Cosmic rays have shown no statistically significant influence on clouds.", []),
    ("The region has no significant seasonal variation.", []),
    ("The change was clinically significant in older patients.", []),
    ("Despite significant pressure, the talks fail.", ["significant"]),
])
def test_a_test_result_or_a_denied_amount_is_not_a_vague_quantity(
        text: str, expected: list[str]) -> None:
    assert cues(text, "CC202") == expected
