from __future__ import annotations

import pytest

from .helpers import cues, flags_for


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel launched its largest offensive yet.", ["its largest offensive yet"]),
    ("This is the worst crisis in history.", ["the worst crisis in history"]),
    ("It is an unprecedented attack.", ["unprecedented"]),
    ("It is the only country in the world to do so.", ["the only country in the world"]),
    ("The world's most important gas is CO2.", ["world's most important"]),
])
def test_unsourced_rankings_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC601") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Destroying Hamas is their only option.", ["their only option"]),
    ("The last thing is the most important.", ["the most important"]),
    ("Surrender is their only option.", ["their only option"]),  # "their": a party's options
    ("Leaving is my only option.", ["my only option"]),  # "only" claims no others exist
    ("This is the greatest threat to the reef.", ["the greatest"]),
])
def test_judging_rankings_are_cc603_and_off_by_default(text: str, expected: list[str]) -> None:
    # Issue 14b: on plain prose a judging superlative is mostly the writer's emphasis, so it
    # moved from CC601 to CC603 (opt-in); CC601 keeps the records.
    assert cues(text, "CC603") == expected
    assert cues(text, "CC601") == []
    assert [f.rule for f in flags_for(text) if f.family == "superlative"] == []


@pytest.mark.parametrize("text", [
    "It was the largest offensive since 2014, with 300 tanks.",
    "The forest is the oldest in Europe, according to the park service.",
    "We asked for the latest figures.",
    "It is in the interest of the Palestinian people.",
    "She did the rest.",
])
def test_sourced_or_non_superlatives_are_not_flagged(text: str) -> None:
    assert cues(text, "CC601") == []


@pytest.mark.parametrize("text", [
    "He is the best teacher I have ever had.",  # ranked within the writer's own experience
    "It was the worst meal that I can remember.",
    "It's only the first week of term.",  # "it's" is "it is", not an owner
    "The shop sells the newest phones.",  # a date, not a ranking
])
def test_personal_or_non_rankings_are_not_flagged(text: str) -> None:
    assert cues(text, "CC601") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("This is the best hospital in the country.", ["the best hospital in the country"]),
])
def test_rankings_of_the_world_stay_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC601") == expected


@pytest.mark.parametrize("text", [
    "Nothing like it happened in  history.",  # a doubled space is the same extension
    "It was the worst  crisis  in  history.",
])
def test_spacing_does_not_change_what_a_cue_is(text: str) -> None:
    single = " ".join(text.split())
    assert [" ".join(c.split()) for c in cues(text, "CC601")] == cues(single, "CC601")
    assert len(cues(text, "CC601")) <= 1


@pytest.mark.parametrize("text", [
    "My best friend lives in Leeds.",  # ranked among the owner's own
    "Her youngest son is a pilot.",
    "Our biggest worry is the roof.",
    "He is the rudest, laziest man that I know.",  # coordinated adjectives, the writer's own
])
def test_rankings_among_ones_own_are_not_flagged(text: str) -> None:
    assert cues(text, "CC601") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("He gave his longest speech yet.", ["his longest speech yet"]),  # against all his others
])
def test_owned_rankings_that_claim_a_whole_stay_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC601") == expected


@pytest.mark.parametrize("text", [
    "Due to deforestation the rainforest is losing this ability.",  # a noun ending in -est
    "Their self-interest is obvious.",
    "It was dismissed without the least bit of evidence.",  # "any", not a ranking
])
def test_nouns_ending_in_est_and_the_least_bit_are_not_rankings(text: str) -> None:
    assert cues(text, "CC601") == []


def test_real_superlatives_ending_like_those_nouns_still_rank() -> None:
    assert cues("This is the greatest threat to the reef.", "CC603") == ["the greatest"]
    assert cues("Prices hit the lowest level on record.", "CC601") == [
        "the lowest level on record"]



@pytest.mark.parametrize(("text", "expected"), [
    ("Leeds's largest employer closed.", ["Leeds's largest"]),
    ("The port built its largest crane.", ["its largest"]),
    ("Slow builds were the most common complaint.", ["the most common"]),
])
def test_measured_rankings_are_cc602_which_is_opt_in(text: str, expected: list[str]) -> None:
    # Rules v2 (issue 14): a plain measured ranking is mostly a checkable fact on news and blog
    # prose; CC602 reports it when switched on, CC601 keeps records and judgements.
    assert cues(text, "CC602") == expected
    assert cues(text, "CC601") == []
    assert [f for f in flags_for(text) if f.family == "superlative"] == []
