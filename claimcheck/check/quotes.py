"""Quote alignment: find a quoted passage in the references and say whether it is verbatim.

A quotation is either exact or it is not; "close" is the interesting case, because a changed
word in a quote ("possible" -> "impossible") is a misquote that ordinary fuzzy matching scores
as a near-perfect match. So the passage is located with rapidfuzz's partial alignment, then the
words are diffed one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..text.tokens import quote_words, tokens, typography

_CONTEXT = 4  # unchanged words kept around a change in a long quote's diff
_SLACK_WORDS = 3  # words added each side of the aligned window before the word diff


@dataclass(frozen=True)
class QuoteMatch:
    quote: str  # the quoted passage as written in the claim
    start: int  # aligned passage in the snippet text
    end: int
    score: float  # character alignment of quote and passage, 0..1
    changes: list[tuple[str, str]]  # (source words, claim words) for every changed run
    diff: str  # word diff from source to claim: "[-possible-] {+impossible+}"

    @property
    def exact(self) -> bool:
        return not self.changes


def _prepare(text: str) -> str:
    """Lowercase, straight quotes, whitespace as single spaces: same length as the input."""
    return re.sub(r"\s", " ", typography(text).lower())


def align(quote: str, snippet: str) -> tuple[int, int, float]:
    """Where in `snippet` the quote best fits (start, end widened to whole words) and how well."""
    needle = " ".join(quote_words(quote))
    hay = _prepare(snippet)
    if not needle or not hay:
        return 0, 0, 0.0
    found = fuzz.partial_ratio_alignment(needle, hay)
    if found is None:
        return 0, 0, 0.0
    # The window is as long as the quote, so a dropped or added word shifts it: widen it by a
    # few words each side; match_quote trims source words the quote does not cover.
    start = _word_edge(hay, found.dest_start, -1, _SLACK_WORDS)
    end = _word_edge(hay, found.dest_end, 1, _SLACK_WORDS)
    return start, end, found.score / 100


def _word_edge(text: str, pos: int, step: int, words: int) -> int:
    """Move from `pos` to the edge of the current word, then `words` more words outwards."""
    def inside(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isalnum()

    look = -1 if step < 0 else 0
    while inside(pos + look):
        pos += step
    for _ in range(words):
        moved = pos
        while 0 < moved < len(text) and not inside(moved + look):
            moved += step
        while inside(moved + look):
            moved += step
        pos = moved
    return pos


def match_quote(quote: str, snippet: str, same_word: float,
                aligned: tuple[int, int, float] | None = None) -> QuoteMatch:
    """Align `quote` in `snippet` (unless `aligned` is `align`'s result, already worked out)
    and diff the words.

    Words count as unchanged when their character similarity is at least `same_word` (a
    threshold of 1.0 demands identical words; below it tolerates typos in long words).
    """
    start, end, score = aligned if aligned is not None else align(quote, snippet)
    source_tokens = tokens(snippet[start:end])
    source = [t.text for t in source_tokens]
    claim_tokens = [t.text for t in tokens(quote)]
    src_norm, claim_norm = quote_words(" ".join(source)), quote_words(" ".join(claim_tokens))
    ops = list(Levenshtein.opcodes(src_norm, claim_norm))
    # The character window can spill into a neighbouring word when the quote is longer or
    # shorter than the passage: source-only words at either edge are not part of the quote.
    while ops and ops[0].tag == "delete":
        ops.pop(0)
    while ops and ops[-1].tag == "delete":
        ops.pop()
    if ops and ops[-1].src_end > ops[0].src_start:
        base = start
        start = base + source_tokens[ops[0].src_start].start
        end = base + source_tokens[ops[-1].src_end - 1].end
    pieces: list[str] = []
    changes: list[tuple[str, str]] = []
    for op in ops:
        old = " ".join(source[op.src_start:op.src_end])
        new = " ".join(claim_tokens[op.dest_start:op.dest_end])
        if op.tag == "equal" or (op.tag == "replace" and _alike(old, new, same_word)):
            pieces.append(new)
            continue
        changes.append((old, new))
        pieces.append(" ".join(p for p in (f"[-{old}-]" if old else "",
                                           f"{{+{new}+}}" if new else "") if p))
    return QuoteMatch(quote, start, end, score, changes, _shorten(pieces) if changes else "")


def _alike(old: str, new: str, same_word: float) -> bool:
    return (len(old.split()) == len(new.split()) == 1
            and fuzz.ratio(old.lower(), new.lower()) / 100 >= same_word)


def _shorten(pieces: list[str]) -> str:
    """Keep changes with a few words of context; long unchanged stretches become "..."."""
    words: list[tuple[str, bool]] = []
    for piece in pieces:
        changed = piece.startswith("[-") or piece.startswith("{+")
        words.extend((w, False) for w in ([] if changed else piece.split()))
        if changed:
            words.append((piece, True))
    near = {i for i, (_, changed) in enumerate(words) if changed}
    keep = {j for i in near for j in range(i - _CONTEXT, i + _CONTEXT + 1)}
    out: list[str] = []
    for i, (word, _) in enumerate(words):
        if i in keep:
            out.append(word)
        elif out[-1:] != ["..."]:
            out.append("...")
    return " ".join(out)


def describe(changes: list[tuple[str, str]]) -> str:
    """Reason text naming the changed words: "'possible' changed to 'impossible'"."""
    parts = []
    for old, new in changes[:3]:
        if old and new:
            parts.append(f"'{old}' changed to '{new}'")
        elif new:
            parts.append(f"'{new}' added")
        else:
            parts.append(f"'{old}' left out")
    more = f" and {len(changes) - 3} more change(s)" if len(changes) > 3 else ""
    return "; ".join(parts) + more
