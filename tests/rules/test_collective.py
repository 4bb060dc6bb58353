from __future__ import annotations

import pytest

from .helpers import cues, flags_for


@pytest.mark.parametrize(("text", "expected"), [
    ("Israelis do not seem open to peace.", ["Israelis do not seem"]),
    ("The French hope that both sides will talk.", ["The French hope"]),
    ("Palestinians hope to defend the city.", ["Palestinians hope"]),
    ("The world hopes that the attacks stop.", ["The world hopes"]),
    ("Farmers are furious about the rules.", ["Farmers are furious"]),
    ("The Palestinian population is not optimistic.",
     ["The Palestinian population is not optimistic"]),
])
def test_a_population_given_one_mind_is_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC401") == expected


@pytest.mark.parametrize("text", [
    "The French Ministry of Foreign Affairs expressed regret.",
    "The French Ministry of Foreign Affairs hopes for talks.",
    "China's commerce ministry announced new tariffs.",
    "Israeli forces are advancing.",
    "62% of farmers are furious, a May poll found.",
    "Farmers are furious, the union said.",
    "My friends hope to come.",
    "Look at people like Michael Vick.",
])
def test_institutions_specific_or_sourced_groups_are_not_flagged(text: str) -> None:
    assert cues(text, "CC401") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Kentuckians are racist.", ["Kentuckians are racist"]),
    ("Men don't cry.", ["Men don't cry"]),
    ("Asians make lousy athletes.", ["Asians make lousy"]),
    ("Members of Congress are adulterers.", ["Members of Congress are adulterers"]),
    ("Professional athletes really have no morals.", ["Professional athletes really have no"]),
])
def test_group_stereotypes_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC402") == expected


@pytest.mark.parametrize("text", [
    "Israelis are advancing hour by hour.",
    "Israelis have hit family homes.",
    "My friends are tired.",
    "Three teenagers are in custody.",
    "A large number of residents are in Rafah.",
    "Farmers are furious.",  # the mind-reading rule reports it once
])
def test_events_and_specific_groups_are_not_stereotypes(text: str) -> None:
    assert cues(text, "CC402") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("It is clear that women are bad drivers.", ["women are bad"]),
    ("Critics claim that farmers don't care about rivers.", ["farmers don't care"]),
])
def test_that_clause_does_not_make_a_group_specific(text: str, expected: list[str]) -> None:
    assert cues(text, "collective") == expected


def test_demonstrative_that_still_points_at_someone() -> None:
    assert cues("I met that farmer, and those farmers are tired.", "CC402") == []


@pytest.mark.parametrize("text", [
    "The advert makes people feel sad.",  # the group is the object of a causative verb
    "Makes people feel as though they must buy it.",
])
def test_a_group_made_to_feel_is_not_given_a_mind(text: str) -> None:
    assert cues(text, "CC401") == []


def test_a_crowd_appeal_is_reported_once() -> None:
    assert [(f.rule, f.cue) for f in flags_for("Most people believe in ghosts.")] == [
        ("CC301", "Most people believe")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Women are unable to lead.", ["Women are unable"]),  # a capacity denied to a group
    ("Immigrants are responsible for crime.", ["Immigrants are responsible"]),
    ("Koreans are rude.", ["Koreans are rude"]),
    ("Oceans are warm.", []),  # a thing ending like a demonym
])
def test_groups_given_capacities_stay_stereotypes_and_oceans_are_no_people(
        text: str, expected: list[str]) -> None:
    assert cues(text, "CC402") == expected
