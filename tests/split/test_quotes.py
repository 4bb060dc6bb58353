"""Quoted passages are found per block so a multi-sentence quote stays one passage."""

from __future__ import annotations

from claimcheck.split.quotes import is_direct, quote_regions


def test_regions_straight_curly_and_unclosed() -> None:
    text = 'He said "One. Two." Then “three words here”. "Open to the end'
    regions = quote_regions(text, 0, len(text))
    assert [text[a:b] for a, b in regions] == ["One. Two.", "three words here",
                                               "Open to the end"]


def test_apostrophes_and_inch_marks_do_not_open_quotes() -> None:
    text = 'It\'s a 5" screen, she said.'
    assert quote_regions(text, 0, len(text)) == []


def test_direct_quote_versus_scare_quotes() -> None:
    text = 'a "disaster" and "we will not give in"'
    first, second = quote_regions(text, 0, len(text))
    assert not is_direct(text, first)
    assert is_direct(text, second)
