"""Mentions: numbers with words and units, dates normalised, names, quoted spans."""

from __future__ import annotations

from claimcheck.split.mentions import find_mentions


def _find(text: str):  # type: ignore[no-untyped-def]
    return find_mentions(text, 0, len(text))


def test_numbers_words_percent_money_units() -> None:
    found = _find("Three rounds cost $45 million, 3.5 percent more, 40% of 1,200 people, 12 km.")
    got = [(m.kind, m.text, m.value) for m in found.numbers]
    assert got == [("number", "Three", 3.0), ("money", "$45 million", 45e6),
                   ("percent", "3.5 percent", 3.5), ("percent", "40%", 40.0),
                   ("number", "1,200", 1200.0), ("number", "12 km", 12.0)]


def test_versions_are_not_numbers_and_years_are_dates() -> None:
    found = _find("Release v2.1 shipped in 2023.")
    assert [m.text for m in found.numbers] == []
    assert [(m.text, m.value) for m in found.dates] == [("2023", "2023")]


def test_dates() -> None:
    found = _find("On March 4, 2025 and 12 January 2024, in May, on Tuesday, "
                  "and on 2024-05-07 they met; they may meet in May 2026.")
    assert [(m.text, m.value) for m in found.dates] == [
        ("March 4, 2025", "2025-03-04"), ("12 January 2024", "2024-01-12"),
        ("May", "--05"), ("Tuesday", "tuesday"), ("2024-05-07", "2024-05-07"),
        ("May 2026", "2026-05")]


def test_entities_skip_sentence_openers_and_keep_acronyms() -> None:
    text = ("The Israeli Defense Forces (IDF) struck Gaza. Despite pressure from the USA, "
            "Israel's army moved.")
    found = _find(text)
    assert [m.text for m in found.entities] == [
        "Israeli Defense Forces", "IDF", "Gaza", "USA", "Israel"]
    assert all(text[m.start:m.end] == m.text for m in found.entities)


def test_lone_sentence_opener_needs_a_mid_sentence_capital_elsewhere() -> None:
    text = "Meetings got shorter. Hamas agreed. The group Hamas waited."
    found = find_mentions(text, 0, 21, frozenset(), frozenset({"Hamas"}))
    assert found.entities == []
    found = find_mentions(text, 22, 35, frozenset(), frozenset({"Hamas"}))
    assert [m.text for m in found.entities] == ["Hamas"]


def test_quotes_straight_and_curly_with_absolute_offsets() -> None:
    text = 'xx He called it "a disaster" and “a shame”.'
    found = find_mentions(text, 3, len(text))
    assert [(m.text, text[m.start:m.end]) for m in found.quotes] == [
        ("a disaster", "a disaster"), ("a shame", "a shame")]


def test_an_opening_contraction_is_no_part_of_a_name_with_either_apostrophe() -> None:
    for text, name in [("He's Ben Carter's brother.", "Ben Carter"),
                       ("She's Valmora's mayor.", "Valmora")]:
        assert [m.text for m in _find(text).entities] == [name]
        assert [m.text for m in _find(text.replace("'", "’")).entities] == [name]
