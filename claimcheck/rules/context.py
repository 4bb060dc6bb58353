"""What a sentence already carries that supports it: a figure, a named source, a quotation.

A cue word alone is not a finding: "All 12 members voted" counts its "all", "..., the airline
said" names who says so, and words inside someone's attributed quotation are theirs to answer for.
Rules ask this module, so every family judges support the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache, wraps
from typing import TypeVar

from .. import patterns
from ..datafiles import data_lines
from ..models import Claim, Document

# Word edges: a cue must not sit inside a longer word, a contraction or a hyphenated compound.
EDGE_L = r"(?<![\w'’-])"
EDGE_R = r"(?![\w'’-])"


def whole_words(body: str) -> str:
    """`body` (a regex) matched only as whole words."""
    return EDGE_L + "(?:" + body + ")" + EDGE_R


# Where a clause ends, looking back from a word: punctuation or "then" ("if X, then Y"). A
# full stop inside "U.N." or "2.5" ends nothing.
_CLAUSE_END = re.compile(r"[,;:!?]|(?<!\b[A-Z])\.(?!\w)|\bthen\b", re.IGNORECASE)


def clause_before(text: str, pos: int, reach: int = 300) -> str:
    """The text of `pos`'s clause before `pos`, looking back at most `reach` characters."""
    lo = max(0, pos - reach)
    edges = list(_CLAUSE_END.finditer(text, lo, pos))
    return text[edges[-1].end() if edges else lo:pos]


def in_clause_of(text: str, pos: int, opener: re.Pattern[str], reach: int = 300) -> bool:
    """`pos` sits in a clause that `opener` begins ("if you never pay ...", "once they ban
    ..."): the words there are supposed, not asserted. Looks back at most `reach` characters."""
    return bool(opener.search(clause_before(text, pos, reach)))


# The writer denies what follows: "it is not true that ...", "it is a myth that ...".
_DENIED = re.compile(r"\b(?:not\s+(?:true|the\s+case)|untrue|false|a\s+myth)\s+that\s",
                     re.IGNORECASE)


def denied(ctx: SentenceContext, pos: int) -> bool:
    """`pos` sits in a clause the writer says is false: what it claims, the writer rejects."""
    return bool(_DENIED.search(clause_before(ctx.text, pos)))


def cue_key(text: str) -> str:
    """A cue as compared against word lists: lower-cased, spaces collapsed, straight apostrophes
    ("in  history" is "in history", "don’t" is "don't")."""
    return " ".join(text.lower().replace("’", "'").split())


@cache
def words(name: str) -> tuple[str, ...]:
    """Entries of `data/<name>.txt`: one per line, '#' comments and blank lines skipped."""
    return tuple(dict.fromkeys(data_lines(__package__, name)))  # repeated entries once


def alternation(entries: tuple[str, ...]) -> str:
    """A regex alternation of phrases, longest first, with flexible spaces and apostrophes."""
    return patterns.alternation(entries, patterns.prose_atom)


@cache
def phrases(name: str) -> re.Pattern[str]:
    """Whole-word pattern matching any entry of a word list, in any case."""
    return re.compile(whole_words(alternation(words(name))), re.IGNORECASE)


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(name))


_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundreds?|thousands?|millions?|billions?|dozens?|percent|per\\s+cent|half"
)
# A number may carry its magnitude or unit on it: "$1bn", "5m", "40km", "420ppm".
_SUFFIX = r"(?:bn|mn|tn|m|k|km|kg|mm|cm|ml|ft|lb|lbs|mph|kph|kw|mw|gw|kwh|mwh|gwh|twh|ppm)?"
_FIGURE = re.compile(
    r"(?<![\w.])(?:\d[\d,.]*\s*%|\d+(?:[.,]\d+)*" + _SUFFIX + r")(?!\w)|\b(?:"
    + _NUMBER_WORDS + r")\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_WORD = re.compile(r"[\w'’-]+")
_PRONOUN_SPEAKERS = frozenset({"i", "we", "you"})
# "the majority of the class says": the speaker is a vague quantity, not a named source.
_VAGUE_SUBJECTS = frozenset({"majority", "most", "everyone", "everybody", "all", "several"})
# Clause edges for a figure to count: "All 12 members voted" yes; "...; I tried two" no.
_CLAUSE_EDGE = re.compile(r"[;:()—–]|,\s+(?:and|but|so|therefore)\b|\b(?:therefore|so)\b")


# "four-year-olds", "a 12 year old": an age describes the kind; it counts nobody.
_AGE = re.compile(r"[\s-]+(?:years?|months?)[\s-]+olds?\b", re.IGNORECASE)


def _counts(m: re.Match[str], text: str) -> bool:
    """A figure match that counts or measures: not a year, not an age."""
    return not _YEAR.fullmatch(m.group()) and not _AGE.match(text, m.end())


def has_figure(text: str) -> bool:
    """A count or measure in the text; a bare year is a date and an age a description."""
    return any(_counts(m, text) for m in _FIGURE.finditer(text))


_DATA = re.compile(r"\d\s*%|\b(?:percent|per\s+cent|hundreds|thousands|millions|billions)\b"
                   r"|(?<![\w.])\d{1,3}(?:,\d{3})+(?!\w)|(?<![\w.,])\d{3,}(?!\w)", re.IGNORECASE)


def has_data(text: str) -> bool:
    """A share or a count at scale (40%, 2,000, thousands): data about a whole, not a sample of
    a few. Years are excluded."""
    return any(not _YEAR.fullmatch(m.group()) for m in _DATA.finditer(text))


@lru_cache(maxsize=16)
def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each double-quoted span, quote marks included; pairs never cross a blank
    line, so one stray mark cannot swallow the rest of the file."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and text.startswith("\n\n", i):
            open_at = None
        elif ch == "“":
            open_at = i
        elif ch == "”" and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
        elif ch == '"':
            if open_at is None:
                open_at = i
            else:
                spans.append((open_at, i + 1))
                open_at = None
    return tuple(spans)


@lru_cache(maxsize=16)
def _quote_starts(text: str) -> list[int]:
    return [start for start, _ in quote_spans(text)]


def quote_span_at(text: str, at: int) -> tuple[int, int] | None:
    """The quoted span holding offset `at`, by bisection: spans are sorted and never overlap."""
    i = bisect_right(_quote_starts(text), at) - 1
    if i >= 0:
        span = quote_spans(text)[i]
        if at < span[1]:
            return span
    return None


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line delimited) around `start`..`end`."""
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", end)
    return (0 if lo < 0 else lo + 2), (len(text) if hi < 0 else hi)


def reporting_matches(text: str) -> Iterator[re.Match[str]]:
    """Reporting verbs ("said", "according to") whose subject is not an unnamed crowd or the
    writer: "..., the airline said" sources a sentence, "experts say" and "I said" do not."""
    crowd = word_set("weasel") | _PRONOUN_SPEAKERS
    for m in phrases("reporting_verbs").finditer(text):
        near = [w.lower() for w in _WORD.findall(text[max(0, m.start() - 60):m.start()])][-5:]
        after = [w.lower() for w in _WORD.findall(text[m.end():m.end() + 30])][:2]
        if m.group().lower().startswith("according"):
            if after and after[0] not in crowd | _VAGUE_SUBJECTS:
                yield m
        # The subject sits just before the verb ("police said"); a vague head may stand a
        # little further back ("the majority of the class says").
        elif not crowd.intersection(near[-3:]) and not _VAGUE_SUBJECTS.intersection(near):
            yield m


def _plain(word: str) -> str:
    return word.lower().replace("’", "'")


def _named_source(claim: Claim, text: str) -> bool:
    """The sentence names who says it. The splitter's speaker counts unless it is an unnamed
    crowd or the writer ("Experts said ...", "all the students I talked to said ..."): those
    borrow authority without naming it, which is what the rules are for."""
    if claim.speaker is not None and claim.kind != "quote":
        crowd = word_set("weasel") | _PRONOUN_SPEAKERS | _VAGUE_SUBJECTS
        if not crowd.intersection(_plain(w) for w in _WORD.findall(claim.speaker)):
            return True
    if any(True for _ in reporting_matches(text)):
        return True
    if claim.speaker is None and claim.kind == "attributed":
        # The splitter found a speaker; if our reporting verbs are in the sentence, their
        # subjects were all crowds (reporting_matches found none), so it is unnamed.
        return not phrases("reporting_verbs").search(text)
    return False


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
    preceding: str = ""  # the paragraph's text before this sentence (for "Therefore, ...")
    # Answers several rules ask for (is this sentence a leap from a case?), worked out once.
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _clause_edges(self) -> tuple[list[int], list[int]]:
        found = list(_CLAUSE_EDGE.finditer(self.text))
        return [m.start() for m in found], [m.end() for m in found]

    @cached_property
    def _figures(self) -> list[int]:
        return [m.start() for m in _FIGURE.finditer(self.text) if _counts(m, self.text)]

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
        return [_plain(w) for w in _WORD.findall(window)][-n:] if n else []

    def words_after(self, pos: int, n: int) -> list[str]:
        """The first `n` words after `pos`, normalised as in `words_before`."""
        window = self.text[pos:pos + 40 * n + 40]
        return [_plain(w) for w in _WORD.findall(window)][:n]

    def quoted(self, pos: int) -> bool:
        """True when the text at `pos` is someone's quoted words or a mention in quote marks.

        A quotation inside a sentence is someone's words or a phrase being talked about. A
        quotation that makes up the whole sentence is someone's words only if a speaker is
        named around it; an unattributed quoted sentence is the writer's own claim.
        """
        if self.claim_quoted:
            return True
        span = quote_span_at(self.doc_text, self.offset + pos)
        if span is None:
            return False
        qs, qe = span
        s_lo, s_hi = self.offset, self.offset + len(self.text)
        outside = self.doc_text[s_lo:max(s_lo, qs)] + self.doc_text[min(qe, s_hi):s_hi]
        if re.search(r"\w", outside):
            return True
        p_lo, p_hi = paragraph_span(self.doc_text, qs, qe)
        frame = self.doc_text[p_lo:qs] + " " + self.doc_text[qe:p_hi]
        return any(True for _ in reporting_matches(frame))


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


def build_context(claim: Claim, doc: Document) -> SentenceContext:
    s, e = claim.sentence_start, claim.sentence_end
    text = doc.masked[s:e]
    figure = has_figure(text) or any(
        m.kind in ("number", "percent", "money") for m in claim.numbers
    )
    attributed = _named_source(claim, text)
    return SentenceContext(
        text=text,
        raw=doc.text[s:e],
        offset=s,
        lo=max(0, claim.start - s),
        hi=min(len(text), claim.end - s),
        figure=figure,
        attributed=attributed,
        claim_quoted=claim.kind == "quote" and claim.speaker is not None,
        doc_text=doc.text,
        preceding=doc.masked[paragraph_span(doc.masked, s, e)[0]:s],
    )
