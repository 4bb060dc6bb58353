"""Stems: how two inflections of one word are told to be the same word.

Two stemmers, for two jobs:
- `stem(word)`: a crude suffix stripper ("rejected" ~ "rejection"), cheap enough for the
  checker's word-by-word comparisons, and what `content_stems` returns;
- `snowball()`: PyStemmer's Snowball English stemmer for retrieval terms ("exported" finds
  "Exports"), as (name with version, stem-a-list function), or ("none", None) when PyStemmer is
  missing: retrieval still works, with unstemmed terms.

`content_stems(text)` is the set of stems of the words that carry a text's content (no function
words, numbers, negations or quantifiers); `pool_stems(texts)` the same for a whole reference
set, stemming each distinct word once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from .stopwords import negations, stopwords
from .tokens import typography
from .wordlists import word_map, word_set

_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "edly", "ed", "es", "s", "e", "ly")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix-stripping stem: enough to match "rejected" with "rejection"."""
    word = word.lower().replace("'", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            return _double_e(word[: -len(suffix)])
    return _double_e(word)


def _double_e(word: str) -> str:
    """"succeed" and "agreed" end in a root's "ee", not in the suffix "ed": the root loses
    its last "e" like "agree" does, so "succeed", "succeeded" and "succeeding" are one word
    (and "agreeing" is "agree")."""
    if word.endswith("eed") and len(word) >= 6:
        word = word[:-1]
    return word[:-1] if word.endswith("ee") and len(word) >= 5 else word


@cache
def snowball() -> tuple[str, Callable[[list[str]], list[str]] | None]:
    """PyStemmer's Snowball English stemmer, named with its version (a cached index is only
    valid for the stemmer that built it); ("none", None) when PyStemmer is not installed."""
    try:
        import Stemmer
    except ImportError:
        return "none", None
    return f"snowball-english-{Stemmer.version()}", Stemmer.Stemmer("english").stemWords


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry content: no function words, numbers or negations.

    Numbers, negations and quantifiers ("every", "some") are left out on purpose: a source that
    differs only in them should still score as the topical match, so that the comparison step
    can call it a contradiction; and sharing "every" says nothing about the topic.
    This runs on every candidate snippet, so it works on a set of plain strings, not Tokens.
    """
    if not text.isascii():
        text = typography(text)
    # str.split and strip beat a regex by three times here, and this is the hot path.
    words = {w.strip(_EDGE_PUNCTUATION) for w in text.lower().split()} - _ignored()
    words.discard("")
    known = _STEMS
    out = set()
    for w in words:
        s = known.get(w)
        if s is None:
            if w[:1].isdigit() or w.endswith("n't"):
                continue
            s = known[w] = stem(w)
        out.add(s)
    return frozenset(out)


_STEMS: dict[str, str] = {}  # word -> stem; plain dict lookups are the hot path here
_EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?*_/|&%$#@+=~`^\\-"


@lru_cache(maxsize=1)
def _ignored() -> frozenset[str]:
    return (stopwords("coverage") | negations() | frozenset(word_map("number_words"))
            | frozenset(word_map("scale_words")) | word_set("universal_quantifiers")
            | word_set("partial_quantifiers"))


def pool_stems(texts: list[str]) -> frozenset[str]:
    """Every content stem that occurs anywhere in `texts`, with one stemming per distinct word
    (about four times cheaper than `content_stems` on each text)."""
    words: set[str] = set()
    for text in texts:
        words.update((text if text.isascii() else typography(text)).lower().split())
    return content_stems(" ".join(words))
