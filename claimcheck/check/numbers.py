"""Find quantities and dates in text and normalise them, so "three" == "3" and "3.5 percent" ==
"3.5%", and "7 May" can be told apart from "9 May".

The checker re-extracts these from claim and evidence alike rather than trusting the splitter's
mentions, so both sides are normalised by the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import calendar_words, shared_map
from ..patterns import alternation
from .normalize import stem, typography, word_list, word_map, word_set


@dataclass(frozen=True)
class Quantity:
    text: str  # as written, e.g. "three", "3.5 percent", "$2 million"
    start: int
    end: int
    value: float
    unit: str  # canonical unit: "%", "usd", "km", ... or "" for a bare count
    noun: str  # stem of the word counted ("attack" for "three attacks"), or ""
    noun_text: str  # that word as written, for messages


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


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    # each list as a prefix tree (patterns.alternation): these run over every candidate passage
    months = alternation(shared_map("months"))
    weekdays = alternation(shared_map("weekdays"))
    words = alternation(word_map("number_words"))
    scales = alternation(word_map("scale_words"))
    units = alternation(w.replace("_", " ") for line in word_list_units() for w in line[1:])
    currency = alternation(c for c in word_map("currencies") if not c.isalpha())
    cur_words = alternation(c for c in word_map("currencies") if c.isalpha())
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    month = rf"(?P<month>(?i:{months}))\.?"
    year = r"(?P<year>1[5-9]\d\d|20\d\d)"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    spelled = (rf"(?:a\s+)?(?:{words}|{scales})"
               rf"(?:[\s-]+(?:and[\s-]+)?(?:{words}|{scales}))*")
    return {
        "iso": re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        "day_month": re.compile(rf"\b{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?\b"),
        "month_day": re.compile(rf"\b{month}\s+{day}\b(?:,?\s+{year})?"),
        "month_year": re.compile(rf"\b{month}\s+(?:of\s+)?{year}\b"),
        "month": re.compile(r"\b(?:(?i:in|on|of|since|until|by|from|early|late|mid-?)\s+)"
                            r"(?P<month>[A-Z][a-z]+)\b"),
        "year": re.compile(rf"(?<![\d.,$€£-]){year}(?![\d%]|\.\d|,\d)"),
        "weekday": re.compile(rf"\b(?P<weekday>(?i:{weekdays}))s?\b"),
        "quantity": re.compile(
            rf"(?:(?P<cur>{currency})\s?|(?<![\w.]))(?P<num>{digits}|(?i:{spelled}))\b"
            rf"(?:\s*(?P<scale>(?i:{scales})))?"
            rf"(?:\s*(?P<unit>%|(?i:{units}|{cur_words})\b))?"
        ),
    }


_LOWER_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def _may_hold(text: str, words: frozenset[str]) -> bool:
    """Cheap test run before the big patterns: most sentences hold no number and no date."""
    return bool(_DIGIT.search(text)) or not words.isdisjoint(_LOWER_WORD.findall(text.lower()))


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    return calendar_words() | {w + "s" for w in shared_map("weekdays")}  # "on Mondays"


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    return frozenset(word_map("number_words")) | frozenset(word_map("scale_words"))


def word_list_units() -> list[list[str]]:
    return [line.split() for line in word_list("units")]


@lru_cache(maxsize=1)
def _unit_canon() -> dict[str, str]:
    canon: dict[str, str] = {}
    for line in word_list_units():
        for spelling in line[1:]:
            canon[spelling.replace("_", " ")] = line[0]
    canon["%"] = "%"
    canon.update(word_map("currencies"))
    return canon


@lru_cache(maxsize=4096)
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Dates in `text`, longest forms first, never overlapping (cached: claims are compared
    with several passages)."""
    text = typography(text)
    pats = _patterns()
    if not _may_hold(text, _calendar_words()):
        return ()
    months = shared_map("months")
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for name in ("iso", "day_month", "month_day", "month_year", "month", "year", "weekday"):
        for m in pats[name].finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = m.groupdict()
            month_name = (groups.get("month") or "").lower()
            if name == "month":
                if month_name not in months:
                    continue
                start = m.start("month")
            if name == "iso":
                month_no: int | None = int(groups["month"])
            else:
                month_no = int(months[month_name]) if month_name in months else None
            if name in ("month_day", "day_month") and not 1 <= int(groups["day"]) <= 31:
                continue
            found.append(DateMention(
                text=text[start:end], start=start, end=end,
                year=int(groups["year"]) if groups.get("year") else None,
                month=month_no,
                day=int(groups["day"]) if groups.get("day") else None,
                weekday=groups["weekday"].lower() if groups.get("weekday") else None,
            ))
            taken.append((start, end))
    return tuple(sorted(found, key=lambda d: d.start))


def spelled_value(words: str) -> float | None:
    """3 for "three", 12 for "a dozen", 2500 for "two thousand five hundred"."""
    numbers, scales = word_map("number_words"), word_map("scale_words")
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("and", "a"):
            if word == "a":
                current = current or 1.0
            continue
        if word in numbers:
            value = float(numbers[word])
            current = current * value if word == "dozen" and current else current + value
            seen = True
        elif word in scales:
            scale = float(scales[word])
            current = (current or 1.0) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


@lru_cache(maxsize=4096)
def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Counts, percentages, money and measures; numbers inside dates are not quantities."""
    text = typography(text)
    if not _may_hold(text, _number_words()):
        return ()
    dates = find_dates(text)
    canon = _unit_canon()
    scales = word_map("scale_words")
    stop = word_set("stopwords")
    found: list[Quantity] = []
    for m in _patterns()["quantity"].finditer(text):
        num = m.group("num")
        start, end = m.start("num"), m.end()
        if m.group("cur"):
            start = m.start("cur")
        if any(start < d.end and d.start < end for d in dates):
            continue
        if num[:1].isdigit():
            value = float(num.replace(",", ""))
        else:
            spelled = spelled_value(num)
            if spelled is None or num.lower().startswith("a ") and spelled == 1:
                continue
            value = spelled
        if m.group("scale"):
            value *= float(scales[m.group("scale").lower()])
        unit_text = (m.group("unit") or "").lower()
        unit = canon.get(unit_text, "")
        if m.group("cur"):
            unit = canon.get(m.group("cur").lower(), "")
        while end > start and text[end - 1].isspace():
            end -= 1
        noun_text = _counted_word(text, end, stop)
        found.append(Quantity(text=text[start:end], start=start, end=end, value=value,
                              unit=unit, noun=stem(noun_text) if noun_text else "",
                              noun_text=noun_text))
    return tuple(found)


_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'-]*)")


def _counted_word(text: str, pos: int, stop: frozenset[str]) -> str:
    """The word a number counts, from the run of content words right after it: the first plural
    ("attacks" in "three tactically sophisticated attacks"), else the first that is not an adverb.
    Function words before the run are skipped ("voters" in "40% of voters")."""
    run: list[str] = []
    for _ in range(5):
        m = _NEXT_WORD.match(text, pos)
        if not m:
            break
        word = m.group(1)
        pos = m.end()
        if word.lower() in stop:
            if run:
                break
            continue
        run.append(word)
        if len(run) == 3:
            break
    for word in run:
        if word.endswith("s") and not word.endswith("ss") and not word[:1].isupper():
            return word
    return next((w for w in run if not w.endswith("ly")), "")


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
