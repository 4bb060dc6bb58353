"""Bounds, approximations, ranges, units and year spans on the aligned claim/evidence pair."""

from __future__ import annotations

import pytest

from claimcheck.check.compare import compare, details
from claimcheck.text.bounds import find_amounts, find_years


def kinds(claim: str, evidence: str) -> list[tuple[str, str, str]]:
    return [(m.difference.kind, m.difference.claim, m.difference.evidence)
            for m in compare(claim, evidence)]


def test_bound_words_make_intervals() -> None:
    more, fewer = find_amounts("more than 75% of critics, from fewer than 15 reviews")
    assert (more.interval.low, more.interval.high, more.interval.low_open) == (75, float("inf"),
                                                                               True)
    assert (fewer.interval.low, fewer.interval.high) == (0, 15)
    [rng] = find_amounts("rates of 15–43% were seen")
    assert (rng.interval.low, rng.interval.high, rng.text) == (14.5, 43.5, "15-43%")
    [between] = find_amounts("between 15 and 43 percent")
    assert between.interval.word == "range"


@pytest.mark.parametrize(("claim", "evidence"), [
    # the VitaminC case the issue names: bounds the evidence's figures satisfy
    ("The film has more than 75% approval from fewer than 15 reviews.",
     "The film has 85% approval from 13 reviews."),
    ("About 40 people were hurt.", "41 people were hurt."),
    ("Nearly 50 people were hurt.", "48 people were hurt."),
    ("Turnout was 3.5 percent.", "Turnout was 3.5%."),
    ("Revenue was $2.5 bn.", "Revenue was $2.5 billion."),
    ("He was active in the 1990s.", "He was active in 1995."),
    ("She started acting when she was younger than 9.", "She began acting at age 7."),
])
def test_consistent_figures_are_not_contradictions(claim: str, evidence: str) -> None:
    assert kinds(claim, evidence) == []


@pytest.mark.parametrize(("claim", "evidence", "kind"), [
    ("The channel has under 7 million more subscribers than PewDiePie.",
     "The channel has more than 7 million more subscribers than PewDiePie.", "bound"),
    ("The storm killed more than 12 people.", "The storm killed 12 people.", "bound"),
    ("She started acting when she was younger than 9.", "She began acting at age 9.", "bound"),
    ("He joined when he was older than 30.", "He joined when he was 30.", "bound"),
    ("197% of experts agree.", "97% of experts agree.", "number"),
    ("Support rose 3 percentage points.", "Support rose 3%.", "unit"),
    ("Revenue was $2.5 million.", "Revenue was $2.5 billion.", "number"),
    ("The culture lasted from about 1903 to 1250.", "The culture lasted from c. 950 to c. 1250.",
     "date"),
    ("The talks began on Monday.", "The talks began on 7 May 2024.", "date"),
    ("Warming is projected at 2.8 to 4.8 °C.", "Warming is projected at 3.7 to 4.8 °C.",
     "number"),
    ("It was the warmest in the 12th century.", "It was the warmest in the 20th century.",
     "number"),
    ("The compound induces cell growth.", "The compound inhibits cell growth.", "opposite"),
    ("Most of his papers disclosed it.", "Few of his papers disclosed it.", "quantifier"),
    ("The surface of Sahara is covered.", "The surface of Greenland is covered.", "entity"),
])
def test_each_change_is_named_with_its_kind(claim: str, evidence: str, kind: str) -> None:
    assert kind in [k for k, _, _ in kinds(claim, evidence)]


def test_figures_line_up_by_place_not_by_first_match() -> None:
    # "13 percent" elsewhere must not satisfy the claim's "less than 41%"
    claim = "Effects were expected by less than 41%, while 44% saw about 13 percent."
    evidence = "Effects were expected by 41%, while 44% saw about 13 percent."
    assert ("bound", "less than 41%", "41%") in kinds(claim, evidence)


def test_details_count_found_and_missing() -> None:
    d = details("In 2019 Kirby said 40 ships left Doha.", "In 2019, 40 ships left the port.")
    assert "2019" in d.found and "40" in d.found
    assert "Kirby" in d.missing and "Doha" in d.missing and not d.mismatches


def test_year_spans() -> None:
    assert [(y.low, y.high) for y in find_years("in the 1990s, c. 950 to c. 1250, 1998-99")] == [
        (1990, 1999), (950, 1250), (1998, 1999)]


def test_a_place_is_found_in_its_adjective() -> None:
    d = details("Hamas agreed to the proposal from Egypt and Qatar.",
                "Hamas accepted a proposal put forward by Egyptian and Qatari mediators.")
    assert set(d.found) == {"Egypt", "Qatar"} and not d.missing
