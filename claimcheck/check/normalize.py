"""Text normalisation shared by scoring, comparison and quote alignment.

Claim and evidence go through the same functions, so a difference the checker reports is a
difference in content, never in typography (curly quotes, dashes, case, inflection).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from ..datafiles import data_lines

_TYPOGRAPHY = str.maketrans({
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ",
})
_WORD = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['.\-][A-Za-z0-9]+)*")  # _WORD on ASCII text
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "edly", "ed", "es", "s", "e", "ly")


class Token(NamedTuple):
    """A word with its offsets in the text it came from."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Lines of `data/<name>.txt`, lowercased, '#' comments and blank lines skipped."""
    return tuple(line.lower() for line in data_lines(__package__, name))


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


@cache
def word_map(name: str) -> dict[str, str]:
    """`data/<name>.txt` lines "key value" as a dict (first word -> rest of the line)."""
    pairs = (line.split(None, 1) for line in word_list(name))
    return {p[0]: p[1] if len(p) > 1 else "" for p in pairs}


def typography(text: str) -> str:
    """Straight quotes and plain hyphens; the same length as `text`, so offsets survive."""
    return text.translate(_TYPOGRAPHY)


def tokens(text: str) -> list[Token]:
    """Words (letters and digits, keeping inner apostrophes, dots and hyphens) with offsets.

    The hot path of comparison (a fifth of the judging time was here): ASCII text, which
    typography leaves alone, gets a pattern that is twice as fast on it; offsets come from
    str.find, since no letter or digit lies between two words, so a word's first occurrence
    after the previous one is where the pattern found it; and tuples are made without the
    NamedTuple constructor's Python-level call.
    """
    if text.isascii():
        words = _ASCII_WORD.findall(text)
    else:
        text = typography(text)
        words = _WORD.findall(text)
    out = []
    find = text.find
    pos = 0
    for word in words:
        pos = find(word, pos)
        end = pos + len(word)
        out.append(_new_tuple(Token, (word, pos, end)))
        pos = end
    return out


_new_tuple = tuple.__new__


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix-stripping stem: enough to match "rejected" with "rejection"."""
    word = word.lower().replace("'", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: -len(suffix)]
    return word


def is_negation(word: str) -> bool:
    word = word.lower().replace("’", "'")
    return word in word_set("negations") or word.endswith("n't")


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
    return (word_set("stopwords") | word_set("negations") | frozenset(word_map("number_words"))
            | frozenset(word_map("scale_words")) | word_set("universal_quantifiers")
            | word_set("partial_quantifiers"))


def pool_stems(texts: list[str]) -> frozenset[str]:
    """Every content stem that occurs anywhere in `texts`, with one stemming per distinct word
    (about four times cheaper than `content_stems` on each text)."""
    words: set[str] = set()
    for text in texts:
        words.update((text if text.isascii() else typography(text)).lower().split())
    return content_stems(" ".join(words))


def name_stems(text: str) -> frozenset[str]:
    """Content stems of the capitalised words that read as names: any capitalised word not at
    the start of a sentence, and one at the start when the next word is capitalised too
    ("Transport Minister Ivo Lenz"). A sentence-initial word alone ("Aid convoys") is not."""
    toks = tokens(text)
    caps = [t.text[:1].isupper() for t in toks]
    names: list[str] = []
    for i, tok in enumerate(toks):
        if not caps[i]:
            continue
        gap = text[toks[i - 1].end:tok.start].strip() if i else ""
        starts_sentence = i == 0 or (gap != "" and gap[-1] in _SENTENCE_ENDS)
        if not starts_sentence or (i + 1 < len(toks) and caps[i + 1]):
            names.append(tok.text)
    # one call for all names: a token holds no whitespace, so joining changes no word
    return content_stems(" ".join(names)) if names else frozenset()


_SENTENCE_ENDS = ".!?:\"“'‘"


def quote_words(text: str) -> list[str]:
    """Words of a quoted passage as compared for exactness: case and punctuation ignored."""
    return [t.lower.replace("'", "").replace(".", "").replace("-", "") for t in tokens(text)]
