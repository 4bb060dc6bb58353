"""Who says a sentence: quotation marks, reporting verbs and the splitter's speaker.

"..., the airline said" names who answers for a sentence; "experts say" and "I said" do not;
words inside someone's quotation are theirs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from re import Match

from ..models import Claim
from ..text.quotes import quotations
from .words import WORD, phrases, plain, word_set

PRONOUN_SPEAKERS = frozenset({"i", "we", "you"})
# "the majority of the class says": the speaker is a vague quantity, not a named source.
VAGUE_SUBJECTS = frozenset({"majority", "most", "everyone", "everybody", "all", "several"})


@lru_cache(maxsize=16)
def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each quotation, quote marks included (text.quotes finds them: straight
    and curly double quotes, curly single quotes; never across a blank line), once per
    document."""
    return tuple(quotations(text))


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


# A blank line: a break, then lines of only spaces or tabs; CRLF, LF and lone CR all count,
# so a CRLF draft has the same paragraphs (and findings) as the same text with LF.
_GAP = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?:[ \t]*+(?:\r\n|\r(?!\n)|\n))+")


@lru_cache(maxsize=8)
def _gaps(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the blank-line gaps, found once per document."""
    found = list(_GAP.finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line delimited) around `start`..`end`, by bisection over the
    document's gaps (a search of the text per claim was quadratic in paragraph size)."""
    starts, ends = _gaps(text)
    i = bisect_right(ends, start) - 1
    j = bisect_left(starts, end)
    return (ends[i] if i >= 0 else 0), (starts[j] if j < len(starts) else len(text))


def reporting_matches(text: str) -> Iterator[Match[str]]:
    """Reporting verbs ("said", "according to") whose subject is not an unnamed crowd or the
    writer: "..., the airline said" sources a sentence, "experts say" and "I said" do not."""
    crowd = word_set("weasel") | PRONOUN_SPEAKERS
    for m in phrases("reporting_verbs").finditer(text):
        near = [plain(w) for w in WORD.findall(text[max(0, m.start() - 60):m.start()])][-5:]
        after = [plain(w) for w in WORD.findall(text[m.end():m.end() + 30])][:2]
        if m.group().lower().startswith("according"):
            if after and after[0] not in crowd | VAGUE_SUBJECTS:
                yield m
        # The subject sits just before the verb ("police said"); a vague head may stand a
        # little further back ("the majority of the class says").
        elif not crowd.intersection(near[-3:]) and not VAGUE_SUBJECTS.intersection(near):
            yield m


def named_source(claim: Claim, text: str) -> bool:
    """The sentence names who says it. The splitter's speaker counts unless it is an unnamed
    crowd or the writer ("Experts said ...", "all the students I talked to said ..."): those
    borrow authority without naming it, which is what the rules are for."""
    if claim.speaker is not None and claim.kind != "quote":
        crowd = word_set("weasel") | PRONOUN_SPEAKERS | VAGUE_SUBJECTS
        if not crowd.intersection(plain(w) for w in WORD.findall(claim.speaker)):
            return True
    if any(True for _ in reporting_matches(text)):
        return True
    if claim.speaker is None and claim.kind == "attributed":
        # The splitter found a speaker; if our reporting verbs are in the sentence, their
        # subjects were all crowds (reporting_matches found none), so it is unnamed.
        return not phrases("reporting_verbs").search(text)
    return False
