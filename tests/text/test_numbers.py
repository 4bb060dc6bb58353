from __future__ import annotations

import pytest

from claimcheck.text.dates import find_dates
from claimcheck.text.numbers import find_quantities, spelled_value


@pytest.mark.parametrize(("text", "value"), [
    ("three", 3), ("a dozen", 12), ("twenty-five", 25), ("two thousand five hundred", 2500),
    ("one hundred and ten", 110), ("dozen", 12), ("banana", None),
])
def test_spelled_value(text: str, value: float | None) -> None:
    assert spelled_value(text) == value


@pytest.mark.parametrize(("text", "expected"), [
    ("three tactically sophisticated attacks", [("three", 3.0, "", "attacks")]),
    ("3.5 percent of voters", [("3.5 percent", 3.5, "%", "voters")]),
    ("3.5% of voters", [("3.5%", 3.5, "%", "voters")]),
    ("1.5 per cent", [("1.5 per cent", 1.5, "%", "")]),
    ("$2 million in aid", [("$2 million", 2_000_000.0, "usd", "aid")]),
    ("1,200 km of road", [("1,200 km", 1200.0, "km", "road")]),
    ("a dozen ships", [("a dozen", 12.0, "", "ships")]),
])
def test_quantities_are_normalised(text: str, expected: list[tuple[str, float, str, str]]
                                   ) -> None:
    assert [(q.text, q.value, q.unit, q.noun_text) for q in find_quantities(text)] == expected


def test_numbers_inside_dates_and_years_are_not_quantities() -> None:
    assert find_quantities("On 7 May 2024 and again in 2019, talks resumed.") == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("on 7 May 2024", [("7 May 2024", 2024, 5, 7, None)]),
    ("May 9, 2023", [("May 9, 2023", 2023, 5, 9, None)]),
    ("the 9th of May", [("9th of May", None, 5, 9, None)]),
    ("2024-05-07", [("2024-05-07", 2024, 5, 7, None)]),
    ("in May the talks", [("May", None, 5, None, None)]),
    ("since 2019", [("2019", 2019, None, None, None)]),
    ("closed on Monday", [("Monday", None, None, None, "monday")]),
])
def test_dates(text: str, expected: list[tuple[str, int | None, int | None, int | None,
                                                 str | None]]) -> None:
    assert [(d.text, d.year, d.month, d.day, d.weekday) for d in find_dates(text)] == expected


def test_modal_may_is_not_a_date() -> None:
    assert find_dates("Talks may resume. May I ask?") == ()


def test_date_agreement_only_on_fields_both_give() -> None:
    full, month, other = (find_dates(t)[0] for t in ("7 May 2024", "in May", "9 May"))
    assert full.agrees_with(month) and month.agrees_with(full)
    assert not full.agrees_with(other) and full.comparable(other)
    weekday = find_dates("on Monday")[0]
    assert not weekday.comparable(full)
