"""Support detection: figures, named sources and quotations."""

from __future__ import annotations

import pytest

from claimcheck.rules.scopes import quoted
from claimcheck.rules.sentence import build_context
from claimcheck.rules.sources import quote_span_at, quote_spans
from claimcheck.rules.words import words
from claimcheck.text.figures import has_figure

from .helpers import make_claims, make_document


def _ctx(text: str, index: int = 0):  # type: ignore[no-untyped-def]
    doc = make_document(text)
    return build_context(make_claims(doc)[index], doc)


def test_figures_count_but_a_bare_year_does_not() -> None:
    assert has_figure("All 12 members voted")
    assert has_figure("a 40% rise")
    assert has_figure("twelve of them")
    assert not has_figure("In 2024 everyone voted")
    assert not has_figure("No one came")


@pytest.mark.parametrize("text", ["spent $1bn on it", "a 40km road", "CO2 at 420ppm",
                                  "a 5m fine", "2.5GW of wind"])
def test_figures_with_a_magnitude_or_unit_attached_count(text: str) -> None:
    assert has_figure(text)


def test_a_unit_suffix_does_not_make_words_figures() -> None:
    assert not has_figure("the 3D model of a 5G mast")  # product names, not amounts


def test_named_source_counts_but_unnamed_crowd_does_not() -> None:
    assert _ctx("Many flights were cancelled, the airline said.").attributed
    assert _ctx("According to UN figures, many fled.").attributed
    assert not _ctx("Experts say many fled.").attributed
    assert not _ctx("According to experts, many fled.").attributed
    assert not _ctx("As I said, many fled.").attributed


def test_quote_spans_pair_within_a_paragraph() -> None:
    text = 'He said "all of it" and “none”.\n\nA stray " mark.'
    assert quote_spans(text) == ((8, 19), (24, 30))


def test_quotations_are_text_quotes_own_pairs_with_their_marks() -> None:
    # one quote finder (text/quotes): British single curly quotes count, an apostrophe does not
    # open one, and a CRLF blank line ends an unclosed quote as an LF one does
    text = "Officials called it \u2018the best plan anyone has\u2019. It\u2019s done.\r\n\r\n\"open"
    assert quote_spans(text) == ((text.index("\u2018"), text.index("\u2019") + 1),)
    assert quote_spans('"open\r\n\r\nnext" line') == ()


def test_embedded_quote_is_someones_words() -> None:
    text = 'The ad pushes the "everyone is doing it" mentality.'
    ctx = _ctx(text)
    assert quoted(ctx, text.index("everyone"))


def test_whole_sentence_quote_needs_a_speaker() -> None:
    text = '"Everyone loves the movies."'
    assert not quoted(_ctx(text), text.index("Everyone"))
    text = '"Everyone loves the movies. We go weekly," Ann said.'
    assert quoted(_ctx(text), text.index("Everyone"))


def test_word_lists_skip_comments_and_blanks() -> None:
    cues = words("sweeping")
    assert "all" in cues and "no one" in cues
    assert not any(c.startswith("#") or not c for c in cues)


def test_the_reporting_verbs_subject_is_what_counts() -> None:
    assert _ctx("Many people were hurt, police said.").attributed
    assert not _ctx("The majority of the class says grape is best.").attributed


def test_a_figure_supports_only_its_own_clause() -> None:
    text = "All 12 members voted; all staff cheered, and everyone left at 5."
    ctx = _ctx(text)
    assert ctx.figure_near(text.index("All"))
    assert not ctx.figure_near(text.index("all staff"))
    assert ctx.figure_near(text.index("everyone"))


def test_hasty_sample_counts_are_not_data() -> None:
    from claimcheck.text.figures import has_data

    assert not has_data("I tried two of them")
    assert has_data("a survey of 2,000 drivers") and has_data("40% said so")
    assert not has_data("back in 1999")


def test_an_age_describes_a_kind_and_counts_nobody() -> None:
    assert not has_figure("All four-year-olds nap.")
    assert not has_figure("a 12 year old boy")
    assert has_figure("All 30 pupils, aged five, napped.")


def test_quote_span_at_finds_the_enclosing_quote_only() -> None:
    text = 'He said "we will win" and then “we never lose”.\n\n"open'
    first, second = text.index('"'), text.index("“")
    assert quote_span_at(text, first) == (first, text.index('"', first + 1) + 1)
    assert quote_span_at(text, first + 3) == quote_span_at(text, first)
    assert quote_span_at(text, second + 2) == (second, text.index("”") + 1)
    assert quote_span_at(text, text.index("and")) is None
    assert quote_span_at(text, 0) is None
    assert quote_span_at(text, len(text) - 2) is None  # an unclosed mark opens no span


def test_neighbouring_words_have_straight_apostrophes() -> None:
    text = "They don’t always say it’s fine."
    ctx = _ctx(text)
    assert ctx.words_before(text.index("always"), 2) == ["they", "don't"]
    assert ctx.words_after(text.index("say") + 3, 2) == ["it's", "fine"]


def test_cue_key_collapses_case_spacing_and_apostrophes() -> None:
    from claimcheck.rules.words import cue_key

    assert cue_key("In  \n History") == "in history"
    assert cue_key("Don’t") == "don't"


def test_in_clause_of_stops_at_the_clause_edge() -> None:
    import re

    from claimcheck.rules.clauses import in_clause_of

    opener = re.compile(r"\bif\b", re.IGNORECASE)
    text = "If you never pay, you are always fined."
    assert in_clause_of(text, text.index("never"), opener)
    assert not in_clause_of(text, text.index("always"), opener)
    text = "If we ban it then they will go."
    assert not in_clause_of(text, text.index("will"), opener)
    assert not in_clause_of("x" * 400 + " if " + "y" * 400 + " z", 806, opener)
    text = "If the U.N. never acts, we wait."  # an abbreviation's full stop ends no clause
    assert in_clause_of(text, text.index("never"), opener)


def test_an_unnamed_crowd_or_the_writer_as_speaker_is_no_source() -> None:
    def attributed(text: str, speaker: str | None) -> bool:
        doc = make_document(text)
        return build_context(make_claims(doc, kind="attributed", speaker=speaker)[0],
                             doc).attributed

    assert attributed("Senator Lee said the bill failed.", "Senator Lee")
    assert not attributed("Experts said that everyone lies.", "Experts")
    assert not attributed("All the students I met said they hate it.", None)
