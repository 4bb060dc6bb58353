import pytest

from claimcheck.references.tokenize import signature, stopwords, tokenize


def test_lowercase_no_punctuation_numbers_kept() -> None:
    assert tokenize("The Harbour's ships: 4.2 million, up 3% (1,200 boxes)!") == [
        "harbour", "ship", "4.2", "million", "3", "1200", "box"]


def test_stopwords_are_data_and_negations_are_kept() -> None:
    assert {"the", "of", "and"} <= stopwords()
    assert {"not", "no", "never", "all"}.isdisjoint(stopwords())
    assert tokenize("not all of them") == ["not", "all"]


def test_signature_names_the_stemmer() -> None:
    assert signature().startswith("tok1-snowball-english-")


def test_term_ids_are_the_same_terms_whatever_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.references import tokenize as tokenize_module

    texts = ["Exports to Norway grew by 12%.", "The export ban ended.", "", "Norway's exports fell",
             "the and of"]
    vocab, ids = tokenize_module.term_ids(texts)
    expected = [tokenize_module.tokenize(t) for t in texts]
    assert [[vocab[i] for i in row] for row in ids] == expected
    assert len(set(vocab)) == len(vocab) and set(vocab) == {t for row in expected for t in row}
    monkeypatch.setattr(tokenize_module, "BUILD_BATCH", 2)
    small_vocab, small_ids = tokenize_module.term_ids(texts)
    assert [[small_vocab[i] for i in row] for row in small_ids] == expected
    assert tokenize_module.term_ids(texts) == (small_vocab, small_ids)  # same input, same ids


def test_search_words_are_the_token_pattern_s_matches_on_any_text() -> None:
    import re

    from claimcheck.text.tokens import search_words

    pattern = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
    for text in ["Snake_case 1,200.5 x2y 3,a ,4, A.B", "Ünïcode CAFÉ 12,5 İstanbul", "", "--"]:
        assert search_words(text) == pattern.findall(text.lower()), text
