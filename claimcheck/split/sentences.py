"""Sentence spans inside one block, with exact offsets.

The segmenter is blingfire: in benchmarks/segmenters.py it passed the same hard in-block cases
as pysbd and syntok while running ~15x faster, and it reports character offsets. Blocks are cut
by document.py first, so titles and credit lines never reach it glued to the next sentence.
The post-rules below fix the errors it still makes, by kind of error, not by example.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from ..adapters.blingfire import sentence_offsets, text_to_sentences
from ..text.names import titles
from ..text.wordlists import word_set

SPLIT = "claimcheck.split"  # the package whose data/ holds the splitter's own lists

_ABBREV_END = re.compile(r"(?:^|[\s(])([A-Za-z]{1,6})\.$")
_TERMINAL = re.compile(r"[.!?…]")
_NON_SPACE = re.compile(r"\S+")
_ANY_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts, as str.split() uses
_STARTS_LOWER = re.compile(r"[\"“‘(\[]?[a-z]")


def split_sentences(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Absolute (start, end) spans of the sentences in masked[start:end], trimmed."""
    chunk = masked[start:end]
    if not chunk.strip():
        return []
    body = chunk.rstrip()
    if not _TERMINAL.search(body, 0, len(body) - 1):
        # no sentence-ending mark before the last character: one sentence, and most
        # headings, list items and cells skip the segmenter call
        s, e = _trim(chunk, 0, len(chunk))
        return [(s + start, e + start)]
    offsets = _fast_offsets(chunk)
    if offsets is None:
        offsets = list(sentence_offsets(chunk))
    spans = [_trim(chunk, s, e) for s, e in offsets]
    spans = [(s, e) for s, e in spans if e > s]
    return [(s + start, e + start) for s, e in _merge_false_breaks(chunk, spans)]


def _fast_offsets(chunk: str) -> list[tuple[int, int]] | None:
    """Sentence offsets from blingfire's plain API, aligned to the chunk.

    blingfire's own offsets API maps bytes to characters in a Python loop (most of the
    splitter's time on a 1 MB draft); its plain API only changes whitespace. Each sentence is
    found where the last one ended, comparing with every kind of whitespace made a plain space;
    when that fails, counting non-space characters finds each break. None if the text changed
    otherwise.
    """
    sentences = text_to_sentences(chunk).split("\n")
    size = len(chunk)
    breaks = [0]
    pos = _first_non_space(chunk, 0)
    for number, sentence in enumerate(sentences):
        if number:
            if pos >= size:  # text used up before the sentences: let counting decide
                return _counted_offsets(chunk, sentences)
            breaks.append(pos)
        if not chunk.startswith(sentence, pos) and _ANY_SPACE.sub(
                " ", chunk[pos:pos + len(sentence)]) != _ANY_SPACE.sub(" ", sentence):
            return _counted_offsets(chunk, sentences)
        pos = _first_non_space(chunk, pos + len(sentence))
    if pos < size:
        return _counted_offsets(chunk, sentences)
    return list(zip(breaks, breaks[1:] + [size], strict=True))


def _first_non_space(text: str, pos: int) -> int:
    m = _NON_SPACE.search(text, pos)
    return m.start() if m else len(text)


def _counted_offsets(chunk: str, sentences: list[str]) -> list[tuple[int, int]] | None:
    """Breaks found by counting non-space characters: each sentence holds as many as before."""
    tokens = list(_NON_SPACE.finditer(chunk))
    seen = list(accumulate(len(t.group()) for t in tokens))
    if not seen or sum(len("".join(x.split())) for x in sentences) != seen[-1]:
        return None
    breaks = [0]
    count = 0
    for sentence in sentences[:-1]:
        count += len("".join(sentence.split()))
        i = bisect_right(seen, count)  # the token holding the next sentence's first char
        if i >= len(tokens):
            break
        breaks.append(tokens[i].start() + count - (seen[i - 1] if i else 0))
    return list(zip(breaks, breaks[1:] + [len(chunk)], strict=True))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _merge_false_breaks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a break after a title ("Dr."), before a number after "p."/"No.", or before a
    lower-case word: none of these starts a new sentence in edited prose."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and _false_break(text[merged[-1][0]:merged[-1][1]], text[s:e]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _false_break(before: str, after: str) -> bool:
    m = _ABBREV_END.search(before)
    if m and m.group(1).lower() in titles():
        return True
    if m and m.group(1).lower() in word_set("before_numbers", SPLIT) and after[:1].isdigit():
        return True
    return bool(_STARTS_LOWER.match(after)) and not before.endswith(("?", "!"))
