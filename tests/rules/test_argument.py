"""Syllogisms: premises are stipulated terms of a piece of logic, not claims about the world."""

from __future__ import annotations

import pytest

from claimcheck.rules.argument import in_syllogism
from claimcheck.rules.sentence import build_context

from .helpers import cues, make_claims, make_document


@pytest.mark.parametrize("text", [
    "All lions are animals.\nAll cats are animals.\nTherefore, all lions are cats.",
    "All men are mortal. Socrates is a man. Therefore, Socrates is mortal.",
    "No reptiles have fur. All snakes are reptiles. So no snakes have fur.",
    "All forest creatures live in the woods. All elves are forest creatures. "
    "Therefore, some elves live in the woods.",
])
def test_a_syllogism_raises_no_sweeping_flags(text: str) -> None:
    assert cues(text, "sweeping") == [] and cues(text, "collective") == []


@pytest.mark.parametrize(("text", "expected"), [
    # One premise is an inference from a claim; the sweeping premise is the writer's own.
    ("All judges are fair; therefore, Judge Ito is fair.", ["All"]),
    # The "conclusion" shares no terms with the premises: not an argument about them.
    ("All dogs are loyal. Rex is a dog. Therefore, the vote was delayed.", ["All"]),
    # Two claims with no conclusion drawn.
    ("All dogs are loyal. All cats are aloof.", ["All", "All"]),
])
def test_sweeping_premises_outside_a_syllogism_stay_flagged(text: str, expected: list[str]
                                                            ) -> None:
    assert cues(text, "CC101") == expected


def test_only_the_argument_paragraph_is_exempt() -> None:
    text = ("All cats are animals. All lions are cats. Therefore, all lions are animals.\n\n"
            "Everyone loves lions.")
    doc = make_document(text)
    inside = [in_syllogism(build_context(c, doc)) for c in make_claims(doc)]
    assert inside == [True, True, True, False]
    assert cues(text, "CC101") == ["Everyone"]
