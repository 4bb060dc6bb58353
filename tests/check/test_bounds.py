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


def reasons(claim: str, evidence: str) -> list[str]:
    return [m.reason for m in compare(claim, evidence)]


@pytest.mark.parametrize(("evidence", "expected"), [
    ("The film has 85% approval from 13 reviews.", []),
    ("The film has 70% approval from 13 reviews.",
     ["claim says more than 75%, source says 70%"]),
    ("The film has 85% approval from 18 reviews.",
     ["claim says fewer than 15 reviews, source says 18 reviews"]),
])
def test_a_bound_against_the_figure_in_its_role(evidence: str, expected: list[str]) -> None:
    claim = "The film has more than 75% approval from fewer than 15 reviews."
    assert reasons(claim, evidence) == expected
    if not expected:
        assert set(details(claim, evidence).bounded) == {"more than 75%", "fewer than 15"}


@pytest.mark.parametrize(("claim", "evidence", "expected"), [
    ("1500 soldiers died in the battle.", "1,500 soldiers died in the battle.", []),
    ("1500 soldiers died in the battle.", "2000 soldiers died in the battle.",
     ["claim says 1500 soldiers, source says 2000 soldiers"]),
    # a count is never compared with a year, nor a year with a count
    ("1500 soldiers died in the battle.", "In 1520 soldiers died in the battle.", []),
    ("2,000 people were evacuated.", "In 2010 people were evacuated.", []),
    ("In 2010 people were evacuated.", "2,000 people were evacuated.", []),
    ("The town was founded in 1500.", "The town had 1500 residents.", []),
    # a year range is a year's, however it is written: reversed or closed on itself
    ("The worst years (2002–1993) were hard.", "The worst years (2002–2003) were hard.",
     ["claim says 2002-1993, source says 2002-2003"]),
    ("Before the 2009-2009 recession, debt grew.", "Before the 2008-2009 recession, debt grew.",
     ["claim says 2009-2009, source says 2008-2009"]),
])
def test_four_digit_counts_are_compared_as_counts(claim: str, evidence: str,
                                                  expected: list[str]) -> None:
    assert reasons(claim, evidence) == expected


def test_a_count_is_found_written_either_way() -> None:
    assert details("1500 soldiers died in the battle.",
                   "1,500 soldiers died in the battle.").found == ("1500",)


@pytest.mark.parametrize(("word", "ok", "wrong"), [
    ("higher than", "45%", "35%"), ("larger than", "45%", "35%"),
    ("bigger than", "45%", "35%"), ("greater than", "45%", "35%"),
    ("lower than", "35%", "45%"), ("smaller than", "35%", "45%"),
])
def test_comparatives_are_bounds(word: str, ok: str, wrong: str) -> None:
    claim = f"The share was {word} 40% last year."
    assert reasons(claim, f"The share was {ok} last year.") == []
    assert reasons(claim, f"The share was {wrong} last year.") == [
        f"claim says {word} 40%, source says {wrong}"]


@pytest.mark.parametrize(("claim", "evidence", "expected"), [
    ("It is the second-highest peak.", "It is the third-highest peak.",
     ["claim says second, source says third"]),
    ("It is the third largest city.", "It is the second largest city.",
     ["claim says third, source says second"]),
    ("It is the second-highest peak.", "It is the second highest peak.", []),
])
def test_ranks_are_compared_as_ranks(claim: str, evidence: str, expected: list[str]) -> None:
    assert reasons(claim, evidence) == expected


@pytest.mark.parametrize(("bound", "evidence", "expected"), [
    ("by 2036", "in 2030", []),
    ("by 2036", "in 2036", []),
    ("by 2036", "in 2040", ["claim says by 2036, source says 2040"]),
    ("by the end of 2036", "in 2030", []),
    ("by the end of 2036", "in 2040", ["claim says by the end of 2036, source says 2040"]),
    ("by end of 2036", "in 2030", []),
    ("no later than 2036", "in 2040", ["claim says no later than 2036, source says 2040"]),
    # a deadline against another deadline is a date
    ("by 2036", "by 2036", []),
    ("by 2036", "by 2030", ["claim says by 2036, source says by 2030"]),
])
def test_by_a_year_is_a_date_bound(bound: str, evidence: str, expected: list[str]) -> None:
    claim = f"The country will close its coal plants {bound}."
    assert reasons(claim, f"The country will close its coal plants {evidence}.") == expected


@pytest.mark.parametrize(("claim", "evidence", "expected"), [
    ("Apollo 11 carried three astronauts.", "Apollo 11 carried three astronauts.", []),
    ("Apollo 11 carried three astronauts.", "Apollo 13 carried three astronauts.",
     ["claim names Apollo 11, source names Apollo 13"]),
    ("The Boeing 747 carried 400 passengers.", "The Boeing 777 carried 400 passengers.",
     ["claim names Boeing 747, source names Boeing 777"]),
    # the name's figure is not what the claim counts
    ("The airline flew three Boeing 747 jets.", "The airline flew four jets.",
     ["claim says three jets, source says four jets"]),
    ("COVID-19 cases rose to 500.", "Cases rose to 19 in May.", []),
    ("Route 66 runs 2,448 miles.", "The road runs 66 miles.",
     ["claim says 2,448 miles, source says 66 miles"]),
    # named once, though both the figure and the name checks see it
    ("It was the American A-12 spy plane.", "It was the American SR-71 spy plane.",
     ["claim names A-12, source names SR-71"]),
])
def test_a_names_figure_is_part_of_the_name(claim: str, evidence: str,
                                             expected: list[str]) -> None:
    assert reasons(claim, evidence) == expected


@pytest.mark.parametrize("word", ["up to", "at most", "a maximum of", "no more than"])
def test_ceilings(word: str) -> None:
    claim = f"The hall holds {word} 50 people."
    assert reasons(claim, "The hall holds 40 people.") == []
    assert reasons(claim, "The hall holds 50 people.") == []
    assert reasons(claim, "The hall holds 60 people.") == [
        f"claim says {word} 50 people, source says 60 people"]


@pytest.mark.parametrize(("claim", "evidence"), [
    ("No more than 50 people came.", "Only 40 people came."),
    ("Not more than 50 people came.", "40 people came."),
    ("No fewer than 50 people came.", "60 people came."),
])
def test_a_negated_bound_is_no_negation(claim: str, evidence: str) -> None:
    assert reasons(claim, evidence) == []


@pytest.mark.parametrize(("claim", "evidence", "expected"), [
    ("Some 600.000 people fled.", "About 600,000 people fled.", []),
    ("Some 600.000 people fled.", "About 900,000 people fled.",
     ["claim says Some 600.000 people, source says About 900,000 people"]),
    ("The city has 1.234.567 residents.", "The city has 1,234,567 residents.", []),
    # the same figure written another way, where the words around it differ too
    ("Approximately 600.000 Djibouti nationals speak Somali.",
     "About 600,000 Djiboutians speak Somali.", []),
])
def test_dot_thousands_are_compared_as_thousands(claim: str, evidence: str,
                                                 expected: list[str]) -> None:
    assert reasons(claim, evidence) == expected


def test_a_names_figure_is_a_detail_with_its_name() -> None:
    d = details("Garfield 2 is the UK's name for the film.",
                "The film is known as Garfield 2 in the UK.")
    assert "Garfield 2" in d.found and "Garfield" not in d.found + d.missing
    assert d.count("number") == (1, 0, 0)  # the name's figure, not a count
    d = details("Apollo 11 carried three astronauts.", "Apollo carried three astronauts.")
    assert "Apollo 11" in d.missing and "three" in d.found
    assert "Mi-24" in details("The Mil Mi-24 is a helicopter.", "The Mil Mi-24 flies.").found


def test_a_names_figure_the_passage_lacks_is_a_missing_name() -> None:
    """A passage need not repeat the title it is about: like a name, a missing name's figure
    leaves the claim unsettled only when the passage has none of the claim's names."""
    d = details("In Dolphin Tale 2, Sawyer works at the aquarium.",
                "Sawyer now works at the Clearwater Marine Aquarium.")
    assert d.missing == ("Tale 2", "Dolphin") and "Tale 2" in d.names
    assert d.unsettled() == []
    d = details("Apollo 11 carried three astronauts.", "The mission carried three astronauts.")
    assert d.unsettled() == ["Apollo 11"]


_AGENCY = ("Established in 1962 and headquartered in Lyon, France, the agency has a staff of "
           "more than 900 with an annual budget of about 40 million euros (2019). Its work "
           "includes the training of inspectors, the testing of equipment and the publication "
           "of yearly reports on road safety.")


@pytest.mark.parametrize(("claim", "evidence", "expected"), [
    # the bounded figure is read against the source's figure of its measure nearest in value,
    # not against whichever figure happens to meet the bound
    ("The founders held less than 60.5% of the shares.",
     "After the sale, the founders and the bank held 62% and 38% of the shares.",
     ["claim says less than 60.5%, source says 62%"]),
    ("The depot runs fewer than six buses.",
     "The depot runs 6 buses (with 2 spare buses) and one van.",
     ["claim says fewer than six buses, source says 6 buses"]),
    ("The depot runs more than five buses.",
     "The depot runs 6 buses (with 2 spare buses) and one van.", []),
    # the nearest figure meets the bound, a farther one does not: found
    ("The striker scored under 90 goals in fewer than 250 games.",
     "He scored 84 goals in 210 games; 40 of them came in 95 league games.", []),
    # where the word alignment puts no date in its place, a date bound is read against the
    # source's date nearest it, not a later year of the sentence that happens to meet it
    ("The agency was founded after 1962.", _AGENCY, ["claim says after 1962, source says 1962"]),
    ("The agency was founded before 1970.", _AGENCY, []),
])
def test_a_bound_is_read_against_the_nearest_figure(claim: str, evidence: str,
                                                    expected: list[str]) -> None:
    assert reasons(claim, evidence) == expected
