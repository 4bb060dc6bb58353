from __future__ import annotations

import pytest

from .helpers import cues


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel launched its largest offensive yet.", ["its largest offensive yet"]),
    ("This is the worst crisis in history.", ["the worst crisis in history"]),
    ("Destroying Hamas is their only option.", ["their only option"]),
    ("The last thing is the most important.", ["the most important"]),
    ("It is an unprecedented attack.", ["unprecedented"]),
])
def test_unsourced_rankings_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC601") == expected


@pytest.mark.parametrize("text", [
    "It was the largest offensive since 2014, with 300 tanks.",
    "The forest is the oldest in Europe, according to the park service.",
    "We asked for the latest figures.",
    "It is in the interest of the Palestinian people.",
    "She did the rest.",
])
def test_sourced_or_non_superlatives_are_not_flagged(text: str) -> None:
    assert cues(text, "CC601") == []
