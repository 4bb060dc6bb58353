"""Counts and measures in a sentence: what makes "all 12 members" a count and not a sweep,
and "1500 soldiers" a count and not a year."""

from __future__ import annotations

import re
from functools import cache

from . import patterns
from .stopwords import stopwords
from .wordlists import entries, word_map

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
    return not is_year(m.group(), text, m.start(), m.end()) and not _AGE.match(text, m.end())


# --- four-digit counts and years --------------------------------------------------------------

# Plurals without an -s ("2000 people")
_IRREGULAR_PLURALS = frozenset((
    "people", "men", "women", "children", "police", "cattle", "staff", "personnel", "feet",
    "teeth", "mice", "geese", "sheep", "fish", "deer", "livestock"))
# What a year qualifies in a comparison, not what a figure counts ("below 1990 levels")
_YEAR_QUALIFIED = frozenset((
    "levels", "values", "prices", "terms", "figures", "standards", "rates", "averages",
    "baselines", "norms"))
# A word right before a four-digit figure that makes it a year whatever follows ("in 2000
# people voted", "by 2050 emissions", "early 1900 settlers")
_DATE_WORDS = frozenset((
    "in", "since", "until", "till", "during", "by", "before", "after", "year", "circa", "c.",
    "ca.", "early", "mid", "late", "pre", "post"))
# ... and one that makes it a year before a plural ("the 2018 elections"), though not before a
# unit ("the 1500 metres")
_DETERMINERS = frozenset((
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "that",
    "these", "those"))
# Words before a figure that say how many ("about 2000 people", "more than 1850 students"):
# then any four-digit figure counts the plural after it, not only a round one
_HOW_MANY = frozenset((
    "than", "about", "around", "some", "nearly", "almost", "roughly", "approximately",
    "estimated", "over", "least", "most", "only", "just", "another"))
_FOUR_DIGITS = re.compile(r"\d{4}")
_WORDS_AFTER = re.compile(
    r"(?:\s*(?:-|–|to|and)\s*\d{4})?\s+([A-Za-z][\w'-]*)(?:\s+([A-Za-z][\w'-]*))?")


@cache
def _measure_words() -> frozenset[str]:
    """Unit spellings and scale words, lower case ("metres", "km", "million")."""
    units = {w.replace("_", " ").split()[0] for line in entries("units")
             for w in line.split()[1:]}
    return frozenset(units | set(word_map("scale_words")))


def _plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "us", "is", "wards"))
        and word not in stopwords("coverage"))


def _word_before(text: str, start: int) -> str:
    """The word right before `start` (spaces and hyphens between), lower case, with a final
    "." ("c."); "" when there is none. (Scanned by hand: a regex searched over the text before
    a figure rescans it from every position.)"""
    end = start
    while end > max(0, start - 8) and (text[end - 1].isspace() or text[end - 1] == "-"):
        end -= 1
    word_end = end
    if end and text[end - 1] == ".":
        end -= 1
    begin = end
    while begin > max(0, end - 20) and text[begin - 1].isascii() and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:word_end].lower() if begin < end else ""


def is_count(text: str, start: int, end: int) -> bool:
    """A four-digit figure that could be a year but counts or measures: "1500 soldiers",
    "about 2000 people", "1800 metres", "between 1500 and 2000 people". A date word before it
    ("in", "since", "by", ...) makes it a year whatever follows ("in 2000 people voted"). Else
    it measures when a unit or scale follows; and it counts the plural right after it (or after
    one adjective) when no determiner comes before it ("the 2018 elections"), the plural is not
    what a year qualifies ("below 1990 levels"), and the figure is round to the hundred or
    follows a word that says how many ("more than 1850 students"). Otherwise it is a year
    ("2016 campaigns", "2012 was warm")."""
    figure = text[start:end]
    if not _FOUR_DIGITS.fullmatch(figure):
        return False
    after = _WORDS_AFTER.match(text, end)
    if after is None:
        return False
    first, second = after.group(1).lower(), (after.group(2) or "").lower()
    word = _word_before(text, start)
    if word in _DATE_WORDS:
        return False
    if first in _measure_words():
        return True
    if word in _DETERMINERS or not after.group(1).islower():
        return False
    if _plural(first):
        noun = first
    elif second and first not in stopwords("coverage") and not first.endswith("ly"):
        noun = second  # "2000 new jobs"
    else:
        return False
    if not _plural(noun) or noun in _YEAR_QUALIFIED:
        return False
    return int(figure) % 100 == 0 or word in _HOW_MANY


def is_year(figure: str, text: str, start: int, end: int) -> bool:
    """A bare figure that reads as a year (1800-2099) and does not count (see `is_count`)."""
    return bool(_YEAR.fullmatch(figure)) and not is_count(text, start, end)


def has_figure(text: str) -> bool:
    """A count or measure in the text; a bare year is a date and an age a description."""
    return any(counts(m, text) for m in FIGURE.finditer(text))


_DATA = re.compile(r"\d\s*%|\b(?:percent|per\s+cent|hundreds|thousands|millions|billions)\b"
                   r"|(?<![\w.])\d{1,3}(?:,\d{3})+(?!\w)|(?<![\w.,])\d{3,}(?!\w)", re.IGNORECASE)


def has_data(text: str) -> bool:
    """A share or a count at scale (40%, 2,000, thousands): data about a whole, not a sample of
    a few. Years are excluded."""
    return any(not is_year(m.group(), text, m.start(), m.end()) for m in _DATA.finditer(text))
