"""Packaged word lists: one loader, one copy of each shared list, tags where uses differ."""

from __future__ import annotations

from importlib.resources import files

from claimcheck.document import build_document
from claimcheck.split import split_document
from claimcheck.text.dates import find_dates
from claimcheck.text.wordlists import longest_first, tagged, word_map


def test_shared_month_list_maps_names_and_abbreviations_to_numbers() -> None:
    months = word_map("months")
    assert (months["january"], months["sept"], months["dec"]) == ("1", "9", "12")
    assert len(months) == 24
    assert word_map("weekdays") == dict.fromkeys(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), "")


def test_longest_first_is_ready_for_regex_alternation() -> None:
    names = longest_first("speech_verbs")
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)
    assert set(names) == set(tagged("speech_verbs", "speaker")) | set(
        tagged("speech_verbs", "attribution")) | set(tagged("speech_verbs", "reporting"))


def test_one_copy_only() -> None:
    shared = {p.name for p in (files("claimcheck.text") / "data").iterdir()}
    for package in ("claimcheck", "claimcheck.check", "claimcheck.split", "claimcheck.references"):
        folder = files(package) / "data"
        if folder.is_dir():
            assert not shared & {p.name for p in folder.iterdir()}, package


def test_splitter_and_checker_read_the_same_dates() -> None:
    text = "On Tuesday, 7 Sept. 2023, the bridge reopened.\n"
    claims = split_document(build_document("d.txt", text, False))
    assert [(m.text, m.value) for c in claims for m in c.dates] == [
        ("Tuesday", "tuesday"), ("7 Sept. 2023", "2023-09-07")]
    assert [(d.text, d.year, d.month, d.day, d.weekday) for d in find_dates(text)] == [
        ("Tuesday", None, None, None, "tuesday"), ("7 Sept. 2023", 2023, 9, 7, None)]


def test_tagged_lists_say_which_use_reads_an_entry() -> None:
    retrieval, coverage = tagged("stopwords", "retrieval"), tagged("stopwords", "coverage")
    assert {"the", "of", "and"} <= retrieval & coverage
    assert "said" in coverage - retrieval  # a reporting verb is searched for, not content
    assert "may" in retrieval - coverage  # "May" the month must count as content
    assert "did" in tagged("auxiliaries", "negation") & tagged("auxiliaries", "clause")
    assert "seems" in tagged("auxiliaries", "clause") - tagged("auxiliaries", "negation")


def test_lists_are_written_with_straight_apostrophes() -> None:
    # Lookups compare `text.tokens.plain` forms and patterns accept either apostrophe, so a
    # curly copy of an entry would only hide a lookup that forgot to normalise.
    for package in ("claimcheck.text", "claimcheck.rules", "claimcheck.split"):
        for path in (files(package) / "data").iterdir():
            if path.name.endswith(".txt"):
                curly = [line for line in path.read_text(encoding="utf-8").splitlines()
                         if "’" in line and not line.lstrip().startswith("#")]
                assert curly == [], f"{package} {path.name}"
