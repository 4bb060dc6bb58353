"""The mutation generator: each edit changes what it says it changes, deterministically."""

from __future__ import annotations

import random

from .scripts import load

mut = load("mutations")
OPP = mut.word_pairs("mutation_opposites.txt")
OPP.update({b: a for a, b in list(OPP.items())})
SYN = mut.word_pairs("mutation_synonyms.txt")
TEXT = "In 2010, the council of Lowmere approved 1,250 new homes and rejected 3 plans."


def test_edits_are_deterministic_and_typed() -> None:
    first = mut.mutants(TEXT, 1, ["Valmora"], frozenset(), OPP, SYN)
    again = mut.mutants(TEXT, 1, ["Valmora"], frozenset(), OPP, SYN)
    assert first == again
    assert "2010" not in first["date"]
    assert "Valmora" in first["name"] and "Lowmere" not in first["name"]
    assert first["reorder"] == ("The council of Lowmere approved 1,250 new homes and rejected "
                                "3 plans in 2010.")
    assert "accepted 3 plans" in first["opposite"]


def test_number_edit_changes_a_quantity_not_a_year() -> None:
    for seed in range(20):
        new = mut.edit_number(TEXT, random.Random(seed))
        assert new is not None and "2010" in new and new != TEXT


def test_bound_edit_adds_or_flips_a_bound() -> None:
    added = mut.edit_bound("The storm killed 12 people.", random.Random(1))
    assert added is not None and added.split()[3:5] != ["12", "people."]
    assert mut.edit_bound("The storm killed more than 12 people.", random.Random(1)) == (
        "The storm killed less than 12 people.")
    assert mut.edit_bound("It emits CO 2 daily.", random.Random(1)) is None


def test_negation_adds_or_removes_not() -> None:
    assert mut.edit_negation("The plan was approved.", random.Random(1)) == (
        "The plan was not approved.")
    assert mut.edit_negation("The plan wasn't approved.", random.Random(1)) == (
        "The plan was approved.")


def test_no_synonym_swap_inside_quotes() -> None:
    assert mut.edit_words('The mayor: "we began early" today.', random.Random(1), SYN,
                          lower_only=True) is None
    assert mut.edit_words("They began early.", random.Random(1), SYN) == "They started early."
