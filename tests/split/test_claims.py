"""Atomic claims: independent clauses split, noun lists and dependent phrases kept whole."""

from __future__ import annotations

import pytest

from claimcheck.split.claims import clause_spans


def _clauses(text: str) -> list[str]:
    return [text[s:e] for s, e in clause_spans(text, 0, len(text))]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Israel controls Rafah, and it is still unclear what will happen.",
     ["Israel controls Rafah", "it is still unclear what will happen."]),
    ("Kirby advocates for peace, but it is challenging to achieve.",
     ["Kirby advocates for peace", "it is challenging to achieve."]),
    ("Some countries are sending aid, but the question is whether it will arrive.",
     ["Some countries are sending aid", "the question is whether it will arrive."]),
    ("The port was closed; the ships waited offshore.",
     ["The port was closed", "the ships waited offshore."]),
])
def test_independent_clauses_split(sentence: str, expected: list[str]) -> None:
    assert _clauses(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "It is necessary for everyone to show openness, courage, and readiness to compromise.",
    "They bought apples, pears, and plums.",
    "Palestinians are facing many problems, and to say more is pointless.",
    "The minister, and later the union, rejected the plan.",
    "Despite three rounds of talks, the two sides did not reach a deal.",
    "My neighbour's cat scratched me once, so cats are vicious.",
])
def test_lists_and_dependent_parts_stay_whole(sentence: str) -> None:
    assert _clauses(sentence) == [sentence]


def test_offsets_are_absolute() -> None:
    text = "Intro. Israel controls Rafah, and it is unclear."
    start = text.index("Israel")
    assert clause_spans(text, start, len(text)) == [(start, start + 21),
                                                   (start + 27, len(text))]
