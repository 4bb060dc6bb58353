"""Retrieval terms: lower-case words and numbers, function words dropped, English stems.

Words come from `text.tokens.search_words`, stopwords from `text.stopwords` ("retrieval"), stems
from `text.stems.snowball`. Snippets and claims must go through the same function, and a cached
index is only valid for the tokenizer that built it, hence `signature` in the index cache key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from itertools import chain

from ..text.stems import snowball
from ..text.stopwords import stopwords as _stopwords
from ..text.tokens import search_words

_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
TOKENIZER_VERSION = "1"


def stopwords() -> frozenset[str]:
    """The words retrieval ignores."""
    return _stopwords("retrieval")


def signature() -> str:
    """What changes the tokens: part of the index cache key."""
    stop = hashlib.sha256("\n".join(sorted(stopwords())).encode()).hexdigest()[:12]
    return f"tok{TOKENIZER_VERSION}-{snowball()[0]}-stop{stop}"



_TERMS: dict[str, str | None] = {}  # raw word -> term (None: stopword); shared by all calls


def term_map(distinct: Iterable[str]) -> dict[str, str | None]:
    """The term of each raw word. Work is per distinct word, once per process: stemming in
    one batch call, so callers pay a single dict lookup per token."""
    new = [w for w in distinct if w not in _TERMS]
    if new:
        stop = stopwords()
        kept = [w.replace(",", "") if "," in w and _THOUSANDS.fullmatch(w) else w
                for w in new]
        stem = snowball()[1]
        terms = stem(kept) if stem else kept
        _TERMS.update((w, None if w in stop else t) for w, t in zip(new, terms, strict=True))
    return _TERMS


def tokenize(text: str) -> list[str]:
    return tokenize_many([text])[0]


def tokenize_many(texts: Sequence[str]) -> list[list[str]]:
    """Retrieval terms of each text."""
    raw = [search_words(text) for text in texts]
    terms = term_map({w for ws in raw for w in ws})
    return [[t for w in ws if (t := terms[w]) is not None] for ws in raw]


BUILD_BATCH = 4096  # texts tokenised at a time by `term_ids`


def term_ids(texts: Sequence[str]) -> tuple[list[str], list[list[int]]]:
    """(vocabulary, term ids of each text): the index build's single pass per token.

    Texts go a batch at a time: holding every raw word of 100,000 snippets at once cost about
    200 MB that the allocator kept after they were freed (the few words that survive, one per
    distinct word, pin the arenas of the millions that do not). Term ids follow first
    appearance, new words of a batch in sorted order, so they never depend on string hashing.
    """
    position: dict[str, int] = {}
    vocab: list[str] = []
    word_id: dict[str, int] = {}
    out: list[list[int]] = []
    for begin in range(0, len(texts), BUILD_BATCH):
        raw = [search_words(text) for text in texts[begin:begin + BUILD_BATCH]]
        new = set(chain.from_iterable(raw)).difference(word_id)  # in C, not word by word
        terms = term_map(new)
        for word in sorted(new):
            term = terms[word]
            if term is not None and term not in position:
                position[term] = len(vocab)
                vocab.append(term)
            word_id[word] = -1 if term is None else position[term]
        lookup = word_id.__getitem__
        out.extend([i for i in map(lookup, ws) if i >= 0] for ws in raw)
    return vocab, out
