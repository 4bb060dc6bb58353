from __future__ import annotations

from claimcheck.text.names import name_stems
from claimcheck.text.stems import content_stems, pool_stems, stem
from claimcheck.text.stopwords import is_negation
from claimcheck.text.tokens import quote_words, tokens, typography
from claimcheck.text.wordlists import word_map


def test_typography_keeps_length_so_offsets_survive() -> None:
    text = "“It’s done” – she said"
    assert typography(text) == "\"It's done\" - she said"
    assert len(typography(text)) == len(text)


def test_tokens_keep_offsets_and_inner_punctuation() -> None:
    text = "Don’t cut 3.5 per-cent, U.S. said"
    assert [(t.text, text[t.start:t.end]) for t in tokens(text)][:3] == [
        ("Don't", "Don’t"), ("cut", "cut"), ("3.5", "3.5")]
    assert [t.text for t in tokens(text)][3:] == ["per-cent", "U.S", "said"]


def test_tokens_are_the_word_pattern_s_matches_on_any_text() -> None:
    import re

    word = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")
    texts = ["the the  the", "snake_case a__b _x_ 1.2.3 -4- it's '' x'", "a.b. c-d- e'f'g",
             "Ünïcode café – naïve ‘quoted’ words", "ab abc ab", "", "...", "tab\tnew\nline"]
    for text in texts:
        want = [(m.group(), m.start(), m.end()) for m in word.finditer(typography(text))]
        assert [tuple(t) for t in tokens(text)] == want, text
        assert all(t.lower == t.text.lower() for t in tokens(text))


def test_stem_matches_inflections() -> None:
    assert stem("rejected") == stem("rejection") == stem("rejects") == "reject"
    assert stem("closed") == stem("close")
    assert stem("process") == "process"
    # a root ending in "ee" is not a word plus "ed"
    assert stem("succeed") == stem("succeeded") == stem("succeeds") == stem("succeeding")
    assert stem("agree") == stem("agreed") == stem("agrees") == stem("agreeing")
    assert stem("guarantee") == stem("guaranteed")
    assert stem("need") == stem("needed") != stem("nee")


def test_negations() -> None:
    assert all(is_negation(w) for w in ("not", "never", "didn't", "don’t", "No"))
    assert not is_negation("note")


def test_content_stems_leave_out_function_words_numbers_and_negations() -> None:
    assert content_stems("The army did not reject three of the proposals") == {
        "army", "reject", "proposal"}


def test_quote_words_ignore_case_and_punctuation() -> None:
    assert quote_words("We're not giving up, NOW!") == ["were", "not", "giving", "up", "now"]


def test_word_map_reads_data_files() -> None:
    assert word_map("number_words")["dozen"] == "12"


def test_quantifiers_are_not_content_words() -> None:
    """The quantifier check compares them; sharing 'every' says nothing about the topic."""
    assert content_stems("Every family and some traders left") == content_stems(
        "family traders left")


def test_name_stems_are_capitalised_words_inside_a_sentence_or_in_a_run() -> None:
    assert name_stems("Transport Minister Ivo Lenz is not pleased with the delay.") == {
        stem("transport"), "minister", "ivo", "lenz"}
    assert name_stems("Aid convoys reached Ebberly after a week.") == {stem("ebberly")}
    assert name_stems('He said: "Talks resume. Prices fell."') == set()


def test_pool_stems_are_the_content_stems_of_all_texts() -> None:
    texts = ["The convoys reached Ebberly.", "Prices fell by 12 percent, “officials” said."]
    assert pool_stems(texts) == content_stems(texts[0]) | content_stems(texts[1])
