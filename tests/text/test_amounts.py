"""What a figure allows (text.bounds) and what it is (text.numbers): bounds, ceilings,
comparatives, four-digit counts against years, a name's figure, dot thousands."""

from __future__ import annotations

import math

import pytest

from claimcheck.text.bounds import find_amounts, find_whens, find_years
from claimcheck.text.dates import find_dates
from claimcheck.text.figures import has_data, has_figure
from claimcheck.text.numbers import find_quantities


def amounts(text: str) -> list[tuple[str, float, str]]:
    return [(a.text, a.quantity.value, a.quantity.noun) for a in find_amounts(text)]


@pytest.mark.parametrize("word", ["higher than", "larger than", "greater than",
                                  "bigger than", "more than"])
def test_comparatives_above_are_floors(word: str) -> None:
    [a] = find_amounts(f"The rate was {word} 40% last year.")
    assert (a.interval.low, a.interval.high, a.interval.low_open) == (40, math.inf, True)
    assert a.text == f"{word} 40%"


@pytest.mark.parametrize("word", ["lower than", "smaller than", "less than"])
def test_comparatives_below_are_ceilings(word: str) -> None:
    [a] = find_amounts(f"The rate was {word} 40% last year.")
    assert (a.interval.low, a.interval.high, a.interval.high_open) == (0, 40, True)


@pytest.mark.parametrize("tail", ["or higher", "or larger", "or bigger", "or greater"])
def test_or_higher_is_a_floor(tail: str) -> None:
    [a] = find_amounts(f"Scores of 40 {tail} were rare.")
    assert (a.interval.low, a.interval.high) == (40, math.inf)


@pytest.mark.parametrize("tail", ["or lower", "or smaller", "or less"])
def test_or_lower_is_a_ceiling(tail: str) -> None:
    [a] = find_amounts(f"Scores of 40 {tail} were rare.")
    assert (a.interval.low, a.interval.high) == (0, 40)


@pytest.mark.parametrize("word", ["up to", "at most", "a maximum of", "no more than"])
def test_ceilings_allow_the_figure_and_below(word: str) -> None:
    [a] = find_amounts(f"The hall holds {word} 50 people.")
    assert (a.interval.low, a.interval.high, a.interval.high_open) == (0, 50, False)


@pytest.mark.parametrize(("text", "value", "counted"), [
    ("1500 soldiers died in the battle.", 1500, "soldier"),
    ("2000 people marched through the city.", 2000, "peopl"),
    ("About 2000 people were evacuated.", 2000, "peopl"),
    ("2,000 people were evacuated.", 2000, "peopl"),
    ("The school has more than 1850 students.", 1850, "student"),
    ("The firm added 2000 new jobs.", 2000, "job"),
    # measured: the unit is what it counts
    ("The ice is more than 1800 metres thick.", 1800, "m"),
    ("The tree is over 2000 years old.", 2000, "year"),
    ("She won the 1500 metres in Rome.", 1500, "m"),
])
def test_four_digit_counts_are_not_years(text: str, value: float, counted: str) -> None:
    assert [(a.quantity.value, a.quantity.unit or a.quantity.noun)
            for a in find_amounts(text)] == [(value, counted)]
    assert find_years(text) == () and find_dates(text) == () and find_whens(text) == ()


@pytest.mark.parametrize(("text", "year"), [
    ("In 2000 the plant closed.", 2000),
    ("Emissions fell below 1990 levels.", 1990),
    ("The 2016 campaigns spent more.", 2016),
    ("In 2000 people voted by post.", 2000),  # a year marker wins over the plural after it
    ("The 2018 elections were close.", 2018),
    ("By 2050 emissions must fall sharply.", 2050),
    ("Temperatures have risen since 1900 in most regions.", 1900),
    ("All 2016 candidates were asked.", 2016),
])
def test_years_stay_years(text: str, year: int) -> None:
    assert [y.low for y in find_years(text)] == [year]
    assert find_amounts(text) == ()


def test_a_range_of_counts_is_not_a_year_range() -> None:
    [a] = find_amounts("Between 1500 and 2000 people attended.")
    assert (a.interval.low, a.interval.high, a.interval.word) == (1499.5, 2000.5, "range")
    assert find_years("Between 1500 and 2000 people attended.") == ()
    assert [(y.low, y.high) for y in find_years("It was built between 1500 and 1520.")] == [
        (1500, 1520)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Apollo 11 carried three astronauts.", [("three", 3, "astronaut")]),
    ("COVID-19 cases rose to 500.", [("500", 500, "")]),
    ("Route 66 runs 2,448 miles.", [("2,448 miles", 2448, "")]),
    ("It runs Windows 10 on 40 machines.", [("40", 40, "machin")]),
    ("The airline flew three Boeing 747 jets.", [("three", 3, "jet")]),
    ("Two Covid-19 vaccines were approved.", [("Two", 2, "vaccin")]),
    # a sentence's first word that bounds, hedges or counts is no name
    ("About 40 people were hurt.", [("About 40", 40, "peopl")]),
    ("Only 12 members voted.", [("12", 12, "member")]),
    ("Exactly 40 people came.", [("40", 40, "peopl")]),
    ("Perhaps 40 people came.", [("40", 40, "peopl")]),
])
def test_a_names_figure_is_no_count(text: str, expected: list[tuple[str, float, str]]
                                    ) -> None:
    assert amounts(text) == expected


def test_the_counted_word_skips_a_names_figure() -> None:
    [three, _] = find_quantities("The airline flew three Boeing 747 jets.")
    assert three.noun_text == "jets"


@pytest.mark.parametrize(("text", "values"), [
    ("Some 600.000 people fled.", [600_000]),
    ("Almost 600.000 people fled.", [600_000]),
    ("It runs Python 3.100 builds.", [3.1]),  # a name's figure
    ("It sold 1.500 million copies.", [1_500_000]),  # before a scale: a decimal
    ("The city has 1.234.567 residents.", [1_234_567]),
    ("It cost €1.500 a month.", [1500]),
    ("Of 1.250.000 voters, 12.345 abstained.", [1_250_000, 12.345]),  # ambiguous: decimal
    ("It has 12.400 jobs.", [12_400]),  # a decimal is not written with two trailing zeros
    ("The constant is 3.14.", [3.14]),
    ("It weighs 1.234 kg.", [1.234]),  # ambiguous: the English decimal wins
    ("It took 2.125 seconds.", [2.125]),
    ("0.500 of a point", [0.5]),  # a thousands group never starts a figure with 0
    ("It sold 1,200.500 tonnes.", [1200.5]),  # comma thousands: the dot is a decimal
])
def test_dot_thousands(text: str, values: list[float]) -> None:
    assert [q.value for q in find_quantities(text)] == values


def test_a_version_is_no_thousands_figure() -> None:
    assert all(q.value < 100 for q in find_quantities("Version 1.2.3 shipped with 4.500 fixes."
                                                       )[:1])
    assert [q.value for q in find_quantities("Release 2.100.3 fixed it.")] != [2_100_003]


def test_the_rules_read_counts_and_years_alike() -> None:
    assert has_figure("1500 soldiers died.") and has_data("2000 people marched.")
    assert not has_figure("In 2000 the plant closed.")
    assert not has_data("The 2016 campaigns spent more.")
