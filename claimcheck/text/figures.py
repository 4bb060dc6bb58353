"""Counts and measures in a sentence: what makes "all 12 members" a count and not a sweep."""

from __future__ import annotations

import re

from . import patterns

# A prefix tree (FIGURE is scanned over every sentence): between word boundaries at most one of
# these words can match at a position, so the tree finds exactly what the flat list found.
_NUMBER_WORDS = patterns.alternation((
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions dozen dozens percent "
    "half").split() + ["per cent"], patterns.prose_atom)
# A number may carry its magnitude or unit on it: "$1bn", "5m", "40km", "420ppm".
_SUFFIX = r"(?:bn|mn|tn|m|k|km|kg|mm|cm|ml|ft|lb|lbs|mph|kph|kw|mw|gw|kwh|mwh|gwh|twh|ppm)?"
FIGURE = re.compile(
    r"(?<![\w.])(?:\d[\d,.]*\s*%|\d+(?:[.,]\d+)*" + _SUFFIX + r")(?!\w)|\b"
    + _NUMBER_WORDS + r"\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# "four-year-olds", "a 12 year old": an age describes the kind; it counts nobody.
_AGE = re.compile(r"[\s-]+(?:years?|months?)[\s-]+olds?\b", re.IGNORECASE)


def counts(m: re.Match[str], text: str) -> bool:
    """A figure match that counts or measures: not a year, not an age."""
    return not _YEAR.fullmatch(m.group()) and not _AGE.match(text, m.end())


def has_figure(text: str) -> bool:
    """A count or measure in the text; a bare year is a date and an age a description."""
    return any(counts(m, text) for m in FIGURE.finditer(text))


_DATA = re.compile(r"\d\s*%|\b(?:percent|per\s+cent|hundreds|thousands|millions|billions)\b"
                   r"|(?<![\w.])\d{1,3}(?:,\d{3})+(?!\w)|(?<![\w.,])\d{3,}(?!\w)", re.IGNORECASE)


def has_data(text: str) -> bool:
    """A share or a count at scale (40%, 2,000, thousands): data about a whole, not a sample of
    a few. Years are excluded."""
    return any(not _YEAR.fullmatch(m.group()) for m in _DATA.finditer(text))
