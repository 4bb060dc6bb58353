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
