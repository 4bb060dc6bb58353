from __future__ import annotations

import pytest

from claimcheck.rules import RULES

from .helpers import cues, flags_for


@pytest.mark.parametrize(("text", "expected"), [
    ("The last thing is probably the most important.", ["probably"]),
    ("The takeover could mean a disruption in supply.", ["could mean"]),
    ("It seems the talks have stalled.", ["It seems"]),
    ("It is still unclear what will happen.", ["It is still unclear"]),
])
def test_hedges_are_flagged_as_info(text: str, expected: list[str]) -> None:
    assert cues(text, "CC701") == expected
    assert {f.severity for f in flags_for(text) if f.rule == "CC701"} == {"info"}


@pytest.mark.parametrize("text", [
    '"It will probably rain," the forecaster said.',
    "The forecaster said it will probably rain.",
    "The talks stalled on Tuesday.",
])
def test_attributed_hedges_are_not_flagged(text: str) -> None:
    assert cues(text, "CC701") == []


def test_hedges_have_the_lowest_default_severity() -> None:
    ranks = {"info": 1, "warning": 2, "error": 3}
    hedge = next(r for r in RULES if r.name == "hedge-speculation")
    assert hedge.severity == "info"
    assert all(ranks[hedge.severity] <= ranks[r.severity] for r in RULES)


@pytest.mark.parametrize(("text", "expected"), [
    ("If we legalize pot, the next thing you know people will want heroin.",
     ["the next thing you know"]),
    ("Skipping class will lead to failure.", ["will lead to"]),
    ("You'll end up homeless.", ["You'll end up"]),
])
def test_slippery_slopes_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC702") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Current pledges would lead to about 3.0 °C of warming by 2100.", []),  # a projection
    ("Melting all the ice would lead to a sea level rise of 7.2 m.", []),
    ("One cookie and before you know it, you will gain 15 pounds.", ["before you know it"]),
    ("Banning one book will lead to burning them all.", ["will lead to"]),
])
def test_a_link_to_a_measured_outcome_is_a_projection(text: str, expected: list[str]) -> None:
    assert cues(text, "CC702") == expected


def test_attributed_forecast_is_not_a_slippery_slope() -> None:
    assert cues("The strike will lead to delays, the rail operator said.", "CC702") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("If the mill closes, the shops will shut, and the school will empty.", ["will"]),
    ("Once the fee goes up, fewer people will come. The club will lose money. It will fold.",
     ["will", "will"]),
])
def test_chains_of_certain_consequences_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC703") == expected


@pytest.mark.parametrize("text", [
    "If it snows, the match will be postponed.",  # one forecast is a claim, not a chain
    "If the mill closes, the shops will shut and the school will empty, the mayor said.",
    "We must decide if we are going to fund the pool or if we are going to fund the park.",
    "If we ban one book, the next thing you know they will ban them all.",  # CC702's job
])
def test_single_or_sourced_forecasts_are_not_chains(text: str) -> None:
    assert cues(text, "CC703") == []
