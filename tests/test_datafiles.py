"""Packaged word lists: the shared calendar lists that the splitter and the checker both read."""

from __future__ import annotations

from importlib.resources import files

from claimcheck.check.numbers import find_dates
from claimcheck.datafiles import shared_map, shared_words
from claimcheck.document import build_document
from claimcheck.split import split_document


def test_shared_month_list_maps_names_and_abbreviations_to_numbers() -> None:
    months = shared_map("months")
    assert (months["january"], months["sept"], months["dec"]) == ("1", "9", "12")
    assert len(months) == 24
    assert shared_map("weekdays") == dict.fromkeys(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), "")


def test_shared_words_are_longest_first_for_regex_alternation() -> None:
    names = shared_words("months")
    assert names[0] == "september" and names.index("mar") > names.index("march")
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)


def test_one_copy_only() -> None:
    for package in ("claimcheck.check", "claimcheck.split"):
        for name in ("months", "weekdays"):
            assert not (files(package) / "data" / f"{name}.txt").is_file()


def test_splitter_and_checker_read_the_same_dates() -> None:
    text = "On Tuesday, 7 Sept. 2023, the bridge reopened.\n"
    claims = split_document(build_document("d.txt", text, False))
    assert [(m.text, m.value) for c in claims for m in c.dates] == [
        ("Tuesday", "tuesday"), ("7 Sept. 2023", "2023-09-07")]
    assert [(d.text, d.year, d.month, d.day, d.weekday) for d in find_dates(text)] == [
        ("Tuesday", None, None, None, "tuesday"), ("7 Sept. 2023", 2023, 9, 7, None)]
