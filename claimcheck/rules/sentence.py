"""The sentence around a claim, as every rule reads it: its text, its span and what it carries.

Built once per claim by `find_flags` and handed to each rule and each exemption, so a rule's
question ("is there a figure in this clause?") has one answer for all of them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, wraps
from typing import TypeVar

from ..models import Claim, Document
from ..text.figures import FIGURE, counts, has_figure
from .sources import named_source, paragraph_span
from .words import WORD, plain

# Clause edges for a figure to count: "All 12 members voted" yes; "...; I tried two" no.
_CLAUSE_EDGE = re.compile(r"[;:()—–]|,\s+(?:and|but|so|therefore)\b|\b(?:therefore|so)\b")


@dataclass(frozen=True)
class SentenceContext:
    """The sentence around a claim, with the support it carries. Offsets in `text` are relative
    to `offset` (the sentence start in the file)."""

    text: str  # the sentence, from the masked text (markup blanked, same length)
    raw: str  # the sentence as written, for cue text
    offset: int
    lo: int  # the claim's span inside the sentence: rules report cues only there
    hi: int
    figure: bool  # a count or measure in the sentence
    attributed: bool  # the sentence names who says it
    claim_quoted: bool  # the claim is a quotation with a speaker
    doc_text: str
    kind: str = "factual"  # the claim's kind
    block: str = "paragraph"  # the kind of block the sentence is in (heading, list_item, ...)
    # the paragraph's text before this sentence (for "Therefore, ..."), at most PRECEDING
    # characters of it: a whole giant paragraph per sentence made the rules quadratic
    preceding: str = ""
    following: str = ""  # the paragraph's text after this sentence (a source given next)
    # Answers several rules ask for (is this sentence a leap from a case?), worked out once.
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _clause_edges(self) -> tuple[list[int], list[int]]:
        found = list(_CLAUSE_EDGE.finditer(self.text))
        return [m.start() for m in found], [m.end() for m in found]

    @cached_property
    def _figures(self) -> list[int]:
        return [m.start() for m in FIGURE.finditer(self.text) if counts(m, self.text)]

    def figure_near(self, pos: int) -> bool:
        """A figure in the same clause as `pos`: a count that could measure that cue."""
        starts, ends = self._clause_edges
        lo_i = bisect_right(ends, pos) - 1
        lo = ends[lo_i] if lo_i >= 0 else 0
        hi_i = bisect_right(starts, pos)
        hi = starts[hi_i] if hi_i < len(starts) else len(self.text)
        at = bisect_left(self._figures, lo)
        return at < len(self._figures) and self._figures[at] < hi

    @property
    def supported(self) -> bool:
        """A figure or a named source in the sentence: what most families accept as support."""
        return self.figure or self.attributed

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches in the whole sentence that start inside the claim's span."""
        for m in pattern.finditer(self.text):
            if self.lo <= m.start() < self.hi:
                yield m

    def cue(self, start: int, end: int) -> tuple[int, int, str]:
        """Absolute span and original text of a sentence-relative span."""
        return self.offset + start, self.offset + end, self.raw[start:end]

    def words_before(self, pos: int, n: int) -> list[str]:
        """The last `n` words before `pos`, lower-cased with straight apostrophes, so callers
        compare against "don't" and "he's" only (a bounded window: no quadratic scans)."""
        window = self.text[max(0, pos - 40 * n - 40):pos]
        return [plain(w) for w in WORD.findall(window)][-n:] if n else []

    def words_after(self, pos: int, n: int) -> list[str]:
        """The first `n` words after `pos`, normalised as in `words_before`."""
        window = self.text[pos:pos + 40 * n + 40]
        return [plain(w) for w in WORD.findall(window)][:n]


_T = TypeVar("_T")


def per_sentence(check: Callable[[SentenceContext], _T]) -> Callable[[SentenceContext], _T]:
    """Work `check(ctx)` out once per sentence, however many rules ask for it."""
    key = f"{check.__module__}.{check.__qualname__}"

    @wraps(check)
    def once(ctx: SentenceContext) -> _T:
        if key not in ctx.memo:
            ctx.memo[key] = check(ctx)
        return ctx.memo[key]  # type: ignore[return-value]

    return once


# The last few documents' block starts and kinds, keyed by identity (the document is kept with
# them, so its id cannot be reused while it is cached).
_BLOCKS: dict[int, tuple[Document, list[int], list[str]]] = {}


def block_kind(doc: Document, pos: int) -> str:
    """The kind of the block holding `pos` (by bisection over the block starts)."""
    cached = _BLOCKS.get(id(doc))
    if cached is None or cached[0] is not doc:
        ordered = sorted((b.start, b.kind) for b in doc.blocks)
        if len(_BLOCKS) >= 4:
            _BLOCKS.pop(next(iter(_BLOCKS)))
        cached = _BLOCKS[id(doc)] = (doc, [s for s, _ in ordered], [k for _, k in ordered])
    _, starts, kinds = cached
    i = bisect_right(starts, pos) - 1
    return kinds[i] if i >= 0 else "paragraph"


PRECEDING = 1000  # rules read at most the last 500 characters of `preceding`


def build_context(claim: Claim, doc: Document) -> SentenceContext:
    s, e = claim.sentence_start, claim.sentence_end
    text = doc.masked[s:e]
    figure = has_figure(text) or any(
        m.kind in ("number", "percent", "money") for m in claim.numbers
    )
    p_lo, p_hi = paragraph_span(doc.masked, s, e)
    return SentenceContext(
        text=text,
        raw=doc.text[s:e],
        offset=s,
        lo=max(0, claim.start - s),
        hi=min(len(text), claim.end - s),
        figure=figure,
        attributed=named_source(claim, text),
        claim_quoted=claim.kind == "quote" and claim.speaker is not None,
        doc_text=doc.text,
        kind=claim.kind,
        block=block_kind(doc, s) if claim.kind == "non_claim" else "paragraph",
        preceding=doc.masked[max(p_lo, s - PRECEDING):s],
        following=doc.masked[e:min(p_hi, e + 400)],
    )
