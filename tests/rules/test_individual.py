from __future__ import annotations

import pytest

from .helpers import cues


@pytest.mark.parametrize(("text", "expected"), [
    ("Kirby is someone who persistently advocates for peace.",
     ["is someone who", "persistently"]),
    ("The minister clearly does not care about farmers.", ["clearly does not care"]),
    ("He stands firm, convinced that his country will win.", ["convinced that"]),
    ("His hopes are that a deal is near.", ["His hopes are"]),
])
def test_inner_life_in_the_writers_voice_is_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC501") == expected


@pytest.mark.parametrize("text", [
    "Netanyahu said he was convinced that Israel would win.",
    '"I am not pleased," Kirby told reporters.',
    "Kirby advocated for a ceasefire on Monday.",
])
def test_sourced_or_behavioural_statements_are_not_flagged(text: str) -> None:
    assert cues(text, "CC501") == []


@pytest.mark.parametrize("text", [
    "I asked her what she wants to do with the furniture.",  # an indirect question
    "Billions starve because we live in a world that does not care.",  # no person
])
def test_questions_and_things_are_not_mind_reading(text: str) -> None:
    assert cues(text, "CC501") == []


def test_that_before_a_named_person_still_reads_a_mind() -> None:
    assert cues("That means that he wants to raise taxes.", "CC501") == ["he wants"]
