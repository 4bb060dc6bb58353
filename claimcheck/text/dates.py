"""Dates in text: "7 May 2024", "May 7", "2024-05-07", "May 2024", "in May", "2024", "Tuesday".

`find_dates(text)` returns `DateMention` records, longest forms first and never overlapping,
each with the fields the text states (year, month, day, weekday) and `value`, the normalised
form the JSON report carries: "2024-05-07", "2024-05", "--05-07" (no year), "--05" (a month
alone), "2024", or a weekday's name. Month and weekday names come from `text/data/months.txt`
and `weekdays.txt`, the one copy every stage reads.

The text is read through `typography` (same length), so offsets are offsets in the text given.
Extending this module (decades, year ranges, "c. 950") is welcome; keep `find_dates` the one
date finder.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from .figures import is_count
from .patterns import alternation
from .tokens import typography
from .wordlists import word_map

DATE_FORMS = ("iso", "day_month", "month_day", "month_year", "month", "year", "weekday")


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: str | None = None

    def fields(self) -> dict[str, int | str]:
        found = {"year": self.year, "month": self.month, "day": self.day, "weekday": self.weekday}
        return {k: v for k, v in found.items() if v is not None}

    def agrees_with(self, other: DateMention) -> bool:
        """No field both dates state is different ("May" agrees with "7 May 2024")."""
        mine, theirs = self.fields(), other.fields()
        return all(mine[k] == theirs[k] for k in mine.keys() & theirs.keys())

    def comparable(self, other: DateMention) -> bool:
        return bool(self.fields().keys() & other.fields().keys())

    @property
    def value(self) -> str:
        """ISO-like: "2024-05-07", "2024-05", "--05-07" (no year), "2024", or a weekday."""
        if self.weekday:
            return self.weekday
        if self.month is None:
            return str(self.year)
        day = f"-{self.day:02d}" if self.day is not None else ""
        return f"{self.year if self.year is not None else '-'}-{self.month:02d}{day}"


def months() -> dict[str, str]:
    """Month names and abbreviations, lower-case -> month number ("sept" -> "9")."""
    return word_map("months")


def weekdays() -> tuple[str, ...]:
    """Weekday names, lower-case."""
    return tuple(word_map("weekdays"))


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names, lower-cased: capitalised in prose, but never a name."""
    return frozenset(months()) | frozenset(weekdays())


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    # each list as a prefix tree (patterns.alternation): these run over every candidate passage
    month_names = alternation(months())
    weekday_names = alternation(weekdays())
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    month = rf"(?P<month>(?i:{month_names}))\.?"
    year = r"(?P<year>1[5-9]\d\d|20\d\d)"
    # after a day and a month, any four-digit year ("1 October 1207")
    full_year = r"(?P<year>1\d\d\d|20\d\d)(?![\d%])"
    return {
        "iso": re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        "day_month": re.compile(rf"\b{day}\s+(?:of\s+)?{month}(?:,?\s+{full_year})?\b"),
        "month_day": re.compile(rf"\b{month}\s+{day}\b(?:,?\s+{full_year})?"),
        "month_year": re.compile(rf"\b{month}\s+(?:of\s+)?{year}\b"),
        "month": re.compile(r"\b(?:(?i:in|on|of|since|until|by|from|early|late|mid-?)\s+)"
                            r"(?P<month>[A-Z][a-z]+)\b"),
        # not glued to a word ("Guy1969"), not the second year of a range ("2014-2015"); a
        # dash after a word is punctuation ("believe—2015 was")
        "year": re.compile(rf"(?<![\w.,$€£])(?<![\d.]-){year}(?![\d%]|\.\d|,\d)"),
        "weekday": re.compile(rf"\b(?P<weekday>(?i:{weekday_names}))s?\b"),
    }


_LOWER_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def may_hold(text: str, words: frozenset[str]) -> bool:
    """Cheap test run before the big patterns: most sentences hold no number and no date
    (`text` lower-cased by the caller, or not: `words` are matched lower-case)."""
    return bool(_DIGIT.search(text)) or not words.isdisjoint(_LOWER_WORD.findall(text.lower()))


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    return calendar_words() | {w + "s" for w in weekdays()}  # "on Mondays"


class Taken:
    """Spans already claimed, none overlapping another: a new span is taken only when it
    overlaps none of them (a bisect, so a whole draft's thousands of dates stay cheap)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # spans starting before `end`
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


@lru_cache(maxsize=4096)
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Dates in `text`, longest forms first, never overlapping (cached: claims are compared
    with several passages)."""
    return scan_dates(text)


def scan_dates(text: str) -> tuple[DateMention, ...]:
    """`find_dates` without the cache, for a whole draft read once."""
    text = typography(text)
    if not may_hold(text, _date_words()):
        return ()
    pats = _patterns()
    names = months()
    found: list[DateMention] = []
    taken = Taken()
    for form in DATE_FORMS:
        for m in pats[form].finditer(text):
            # the cheap tests first: most "in X" matches are no month, many years sit in a
            # date already taken
            if form == "month" and m.group("month").lower() not in names or taken.overlaps(
                    m.start(), m.end()):
                continue
            date = _date(form, m, text, names)
            if date is None:
                continue
            found.append(date)
            taken.add(date.start, date.end)
    return tuple(sorted(found, key=lambda d: d.start))


def _date(form: str, m: re.Match[str], text: str, names: dict[str, str]) -> DateMention | None:
    start, end = m.span()
    groups = m.groupdict()
    month_name = (groups.get("month") or "").lower()
    if form == "month":
        if month_name not in names:
            return None
        start = m.start("month")
    if form == "iso":
        month_no: int | None = int(groups["month"])
    else:
        month_no = int(names[month_name]) if month_name in names else None
    if form in ("month_day", "day_month") and not 1 <= int(groups["day"]) <= 31:
        return None
    if form == "year" and is_count(text, start, end):
        return None  # "1500 soldiers", "2000 people": a count
    return DateMention(
        text=text[start:end], start=start, end=end,
        year=int(groups["year"]) if groups.get("year") else None,
        month=month_no,
        day=int(groups["day"]) if groups.get("day") else None,
        weekday=groups["weekday"].lower() if groups.get("weekday") else None,
    )
