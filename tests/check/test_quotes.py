from __future__ import annotations

from claimcheck.check.quotes import describe, match_quote

SOURCE = ('Kirby told reporters: "We still believe that an agreement was possible. '
          'The remaining gaps can be bridged."')


def test_exact_quote_ignores_case_of_first_letter_and_typography() -> None:
    m = match_quote("we still believe that an agreement was possible", SOURCE, 0.97)
    assert m.exact and m.score == 1.0 and m.diff == ""
    assert SOURCE[m.start:m.end] == "We still believe that an agreement was possible"


def test_changed_word_is_a_misquote_with_a_word_diff() -> None:
    m = match_quote("We still believe that an agreement was impossible", SOURCE, 0.97)
    assert not m.exact
    assert m.changes == [("possible", "impossible")]
    assert m.diff == "... that an agreement was [-possible-] {+impossible+}"
    assert SOURCE[m.start:m.end] == "We still believe that an agreement was possible"


def test_inserted_and_dropped_words_are_named() -> None:
    m = match_quote("The remaining gaps can not be bridged", SOURCE, 0.97)
    assert m.diff == "The remaining gaps can {+not+} be bridged"
    m = match_quote("We believe that an agreement was possible", SOURCE, 0.97)
    assert m.changes == [("still", "")]
    assert describe(m.changes) == "'still' left out"


def test_describe_names_changes() -> None:
    assert describe([("possible", "impossible"), ("", "not")]) == (
        "'possible' changed to 'impossible'; 'not' added")
