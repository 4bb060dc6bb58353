"""Quoted passages are found per block so a multi-sentence quote stays one passage."""

from __future__ import annotations

from claimcheck.text.quotes import is_direct, quote_regions, quoted_passages, quoted_spans


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


def test_quoted_passages_split_at_ellipsis_and_skip_scare_quotes() -> None:
    text = ('“We still believe that an agreement was possible... The remaining gaps can be '
            'bridged,” he said of the "deal".')
    assert quoted_passages(text) == ["We still believe that an agreement was possible",
                                     "The remaining gaps can be bridged"]


def test_quoted_spans_wrap_a_line_but_never_a_blank_line() -> None:
    text = 'He said "we will\nwin this" and "x\n\ny" and ‘single ones’ too'
    spans = [text[a:b] for a, b in quoted_spans(text)]
    assert spans[0] == "we will\nwin this"
    assert "x\n\ny" not in spans and "single ones" in spans
