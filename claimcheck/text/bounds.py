"""What a number in a text allows: an interval, read from the words around it.

"more than 75%" allows (75, inf), "fewer than 15" [0, 15), "about 40" roughly 36-44, "nearly 50"
45-50, "15-43%" and "between 15 and 43 percent" [15, 43]; a plain "85%" allows 85 and what rounds
to it. A claim's number is then found in the evidence when everything the evidence allows is
inside what the claim allows ("more than 75%" against "85%"), contradicted when the two share
nothing ("under 7 million" against "more than 7 million"), and unsettled otherwise ("more than
10" against "15": the claim is not wrong, the evidence just does not say it).

Years get the same treatment: "1990s" is 1990-1999, "from 1903 to 1950" and "1903-1950" are
ranges, "c. 950" is approximate; centuries before 1500 count as years when a date word or era
marks them ("in 1250", "c. 950", "950 AD").
"""

from __future__ import annotations

import calendar
import datetime
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .dates import find_dates
from .figures import is_count
from .numbers import Quantity, find_quantities, name_figure, read_figure
from .patterns import alternation
from .tokens import typography

# Share of a value an approximation word allows either side ("about 40" -> 36..44).
APPROX = 0.1
# A source's "more than 75%" is read as 75-93.75%, not anything above 75 (and "fewer than 15"
# as 12-15): writers bound a figure close to it.
SOFT_BOUND = 1.25

# Comparatives read as bounds on the figure after them: "higher than 40%" allows (40, inf).
_ABOVE_COMPARATIVES = ("more", "greater", "higher", "larger", "bigger")
_BELOW_COMPARATIVES = ("less", "fewer", "lower", "smaller")
_LOWER = ("over", "above", "at least", "in excess of", "exceeding", "upwards of",
          "no less than", "no fewer than", "not less than", "not fewer than", "beyond",
          "older than", "a minimum of") + tuple(f"{w} than" for w in _ABOVE_COMPARATIVES)
# ceilings: the figure itself and anything below it ("up to 50", "at most 50")
_UPPER = ("under", "below", "at most", "up to", "no more than", "not more than", "a maximum of",
          "as few as", "younger than") + tuple(f"{w} than" for w in _BELOW_COMPARATIVES)
_NEAR_BELOW = ("nearly", "almost", "just under", "close to", "just short of", "not quite")
_NEAR_ABOVE = ("just over", "just above", "slightly more than", "a little over")
_APPROX = ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated",
           "c.", "ca.", "circa", "approx.", "~", "more or less", "or so", "of about")
_STRICT = frozenset(("over", "above", "in excess of", "exceeding", "beyond", "under", "below",
                     "older than", "younger than") + tuple(
    f"{w} than" for w in _ABOVE_COMPARATIVES + _BELOW_COMPARATIVES))


_WORDS = alternation(_LOWER + _UPPER + _NEAR_BELOW + _NEAR_ABOVE + _APPROX)
_BEFORE = re.compile(rf"(?i)(?:^|(?<=[\s(]))(?P<word>{_WORDS})\s*(?:[$£€]\s?)?$")
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|through)\s*$", re.I)
_BETWEEN = re.compile(r"(?i)\b(?:between|from)\s*$")
_UPWARD = _ABOVE_COMPARATIVES + ("over", "above")
_OR_MORE = re.compile(r"(?i)^\s*(?:\S+\s+)?(?:or|and)\s+(?P<dir>"
                      + alternation(_UPWARD + _BELOW_COMPARATIVES + ("under", "below")) + r")\b")
_PLUS = re.compile(r"^\+")


@dataclass(frozen=True)
class Interval:
    """What a text allows a value to be: [low, high], open at an end when strict."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    word: str = ""  # the bound or approximation word as written, "" for a plain figure

    def inside(self, other: Interval) -> bool:
        """Everything self allows, other allows too."""
        low_ok = self.low > other.low or self.low == other.low and (
            self.low_open or not other.low_open)
        high_ok = self.high < other.high or self.high == other.high and (
            self.high_open or not other.high_open)
        return low_ok and high_ok

    def disjoint(self, other: Interval) -> bool:
        if self.high < other.low or other.high < self.low:
            return True
        if self.high == other.low:
            return self.high_open or other.low_open
        if other.high == self.low:
            return other.high_open or self.low_open
        return False


_FIGURE = re.compile(r"\d(?:[\d,.]*\d)?")


def _rounding(text: str, value: float) -> float:
    """Half a unit of the last digit written: "85" allows 84.5-85.5 only if the writer rounded;
    a figure is taken at its written precision, so half that unit, scaled like the value."""
    digits = _FIGURE.search(text)
    if not digits:
        return 0.0
    written, places = read_figure(digits.group())
    unit = 10.0 ** -places
    scale = value / written if written else 1.0
    return 0.5 * unit * abs(scale)


def interval_of(text: str, q: Quantity, next_q: Quantity | None = None) -> Interval:
    """The interval a quantity allows, from the words just before and after it."""
    before = text[max(0, q.start - 24):q.start]
    after = text[q.end:q.end + 24]
    slack = _rounding(q.text, q.value)
    m = _BEFORE.search(before)
    word = m.group("word").lower() if m else ""
    value = q.value
    tail = _OR_MORE.match(after)
    upward = tail is not None and tail.group("dir").lower() in _UPWARD
    if word in _LOWER or upward or _PLUS.match(after):
        return Interval(value, math.inf, low_open=word in _STRICT, word=word or "or more")
    if word in _UPPER or tail:
        return Interval(-math.inf if value < 0 else 0.0, value, high_open=word in _STRICT,
                        word=word or "or less")
    if word in _NEAR_BELOW:
        return Interval(value * (1 - APPROX), value + slack, word=word)
    if word in _NEAR_ABOVE:
        return Interval(value - slack, value * (1 + APPROX), word=word)
    if word in _APPROX:
        spread = max(abs(value) * APPROX, slack)
        return Interval(value - spread, value + spread, word=word)
    return Interval(value - slack, value + slack)


@dataclass(frozen=True)
class Amount:
    """A quantity with the interval its text allows; a range ("15-43%") is one Amount."""

    quantity: Quantity
    interval: Interval
    text: str  # as written, the whole range or bound included

    @property
    def unit(self) -> str:
        return self.quantity.unit

    def exact(self) -> Interval:
        """What a source's figure says, read as its writer means it: a plain or approximate
        figure is its value (the claim may round or approximate it, the source's best figure is
        the one written); "more than X" is a little more than X (up to SOFT_BOUND times it),
        "fewer than X" a little fewer; a range is the range."""
        interval, value = self.interval, self.quantity.value
        if interval.word == "range":
            return interval
        if interval.high == math.inf:
            return Interval(value, value * SOFT_BOUND if value > 0 else math.inf,
                            low_open=interval.low_open, word=interval.word)
        if interval.low in (0.0, -math.inf) and interval.high == value and interval.word:
            return Interval(value / SOFT_BOUND if value > 0 else interval.low, value,
                            high_open=interval.high_open, word=interval.word)
        return Interval(value, value)

    @property
    def noun(self) -> str:
        return self.quantity.noun


# The first words of the bound and approximation words: a sentence they open ("About 40",
# "Up to 50") names nothing
_OPENERS = frozenset(w.split()[0].lower() for w in _LOWER + _UPPER + _NEAR_BELOW + _NEAR_ABOVE
                     + _APPROX)


def _in_title(text: str, q: Quantity) -> bool:
    """A bare number that is part of a name ("Call of Duty 2", "Windows 10", "Apollo 11",
    "COVID-19"; `numbers.name_figure`), not a count."""
    return not q.unit and q.text[:1].isdigit() and name_figure(text, q.start, _OPENERS) is not None


@lru_cache(maxsize=4096)
def name_figures(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each name with its figure ("Garfield 2", "Vol. 3", "Mi-24"): the
    figures `find_amounts` leaves out as part of a name."""
    text = typography(text)
    return tuple((at, q.end) for q in find_quantities(text)
                 if not q.unit and q.text[:1].isdigit()
                 and (at := name_figure(text, q.start, _OPENERS)) is not None)


_ONE_PRONOUN = re.compile(r"(?i)\s+(?:of|who|whom|whose|that|which|another)\b")
_HALF = re.compile(r"(?i)\bhalf\s+$")
_OUT_OF = re.compile(r"(?i)^\s*(?:/|out\s+of)\s*$")
_SCALES = (5.0, 10.0, 100.0)  # "7.5/10", "4 out of 5", "74 out of 100"


_OF_THE = re.compile(r"(?i)\s+(?:of\s+(?:the\s+|all\s+|its\s+|their\s+)?)?")


def _unit_noun(text: str, q: Quantity) -> Quantity:
    """A share or measure counts the word right after it or after "of" ("40% of voters",
    "85% approval"); a word further on ("81.5% on Rotten Tomatoes") is not what it measures."""
    if not q.unit or not q.noun_text:
        return q
    m = _OF_THE.match(text, q.end)
    if m and text.startswith(q.noun_text, m.end()):
        return q
    return replace(q, noun="", noun_text="")


def _pronoun(text: str, q: Quantity) -> bool:
    """"one" as a pronoun, not a count: "one of the largest", "the one who"."""
    return q.text.lower() == "one" and bool(_ONE_PRONOUN.match(text, q.end))


def _half(text: str, q: Quantity) -> Quantity:
    """"half a million" is 500,000, not a million."""
    if q.text[:2].lower() == "a " and (m := _HALF.search(text, max(0, q.start - 8), q.start)):
        return replace(q, text=text[m.start():q.end], start=m.start(), value=q.value / 2)
    return q


def _scores(text: str, found: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """A score out of a scale is one figure: "7.5/10" and "7.5 out of 10" are 7.5 in the unit
    "/10", and "74 out of 100" is 74% (the scale itself is no count)."""
    out: list[Quantity] = []
    skip = -1
    for i, q in enumerate(found):
        if i == skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (nxt is not None and not q.unit and not nxt.unit and nxt.value in _SCALES
                and 0 <= q.value <= nxt.value and _OUT_OF.match(text[q.end:nxt.start])
                and nxt.text[:1].isdigit()):
            unit = "%" if nxt.value == 100 else f"/{nxt.value:g}"
            out.append(replace(q, text=text[q.start:nxt.end], end=nxt.end, unit=unit,
                               noun="", noun_text=""))
            skip = i + 1
            continue
        out.append(q)
    return tuple(out)


@lru_cache(maxsize=4096)
def find_amounts(text: str) -> tuple[Amount, ...]:
    """Every quantity of `text` with its interval; the two ends of a range become one."""
    text = typography(text)
    years = find_years(text)
    found = _scores(text, tuple(
        _unit_noun(text, _half(text, q)) for q in find_quantities(text)
        if not any(q.start < y.end and y.start < q.end for y in years)
        and not _in_title(text, q) and not _pronoun(text, q)))
    out: list[Amount] = []
    skip = -1
    for i, q in enumerate(found):
        if i == skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and _RANGE_JOIN.match(text[q.end:nxt.start]) and (
                not q.unit or q.unit == nxt.unit) and q.value <= nxt.value:
            lead = _BETWEEN.search(text[max(0, q.start - 12):q.start])
            joined = text[q.end:nxt.start].strip().lower()
            if joined != "and" or lead:
                unit = nxt.unit or q.unit
                whole = Quantity(text=text[q.start:nxt.end], start=q.start, end=nxt.end,
                                 value=q.value, unit=unit, noun=nxt.noun or q.noun,
                                 noun_text=nxt.noun_text or q.noun_text)
                low = interval_of(text, q)
                high = interval_of(text, nxt)
                out.append(Amount(whole, Interval(low.low, high.high, word="range"),
                                  whole.text))
                skip = i + 1
                continue
        interval = interval_of(text, q)
        shown = q.text
        if interval.word and interval.word not in ("or more", "or less"):
            start = text.lower().rfind(interval.word, max(0, q.start - 24), q.start)
            if start >= 0:
                shown = text[start:q.end]
        out.append(Amount(q, interval, shown))
    return tuple(out)


# --- years -------------------------------------------------------------------------------

_DECADE = re.compile(r"(?<![\d'])(?P<y>1[0-9]\d0|20\d0)s\b")
_YEAR_RANGE = re.compile(
    r"(?i)(?:\b(?:from|between)\s+)?(?:c\.\s*|circa\s+|ca\.\s*)?(?<![\d.,$])(?P<a>\d{3,4})"
    r"\s*(?:-|–|to|and|until|through)\s*(?:c\.\s*|circa\s+|ca\.\s*)?(?P<b>\d{2,4})(?![\d%.,]\d)"
    r"(?!\s*(?:%|percent|per cent))")
_MARKED_YEAR = re.compile(
    r"(?i)(?:\b(?:in|since|until|by|from|to|c\.|circa|ca\.|year|before|after|prior\s+to|"
    r"earlier\s+than|later\s+than)\s+)(?P<y>\d{3,4})(?!\d|\s*%)"
    r"|(?<![\d.,$])(?P<e>\d{3,4})\s*(?:AD|BC|BCE|CE)\b")
_ERA = re.compile(r"\s*(?:AD|BC|BCE|CE)\b")
# What every _YEAR_RANGE match holds: three digits, then the joining word or dash (a cheap
# search first: most texts hold no range, and the full pattern is slow to fail)
_RANGE_HINT = re.compile(r"\d{3}\s*(?:-|–|(?i:to|and|until|through))")
_THREE_DIGITS = re.compile(r"\d{3}")
_PLAIN_YEAR = re.compile(r"(?<![\d.,$£€-])(?P<y>1[5-9]\d\d|20\d\d)(?![\d%]|\.\d|,\d|s\b)")


@dataclass(frozen=True)
class YearSpan:
    text: str
    start: int
    end: int
    low: int
    high: int
    approx: bool = False

    def contains(self, other: YearSpan) -> bool:
        slack = 5 if self.approx else 0
        return self.low - slack <= other.low and other.high <= self.high + slack

    def overlaps(self, other: YearSpan) -> bool:
        slack = 5 if self.approx or other.approx else 0
        return self.low - slack <= other.high and other.low <= self.high + slack


def _plausible(year: int) -> bool:
    return 100 <= year <= 2100


@lru_cache(maxsize=4096)
def find_years(text: str) -> tuple[YearSpan, ...]:
    """Years, decades and year ranges, longest forms first, never overlapping."""
    if not _THREE_DIGITS.search(text):
        return ()  # every form holds a run of three or four digits
    text = typography(text)
    out: list[YearSpan] = []
    taken: list[tuple[int, int]] = []

    def add(span: YearSpan) -> None:
        if not any(span.start < e and s < span.end for s, e in taken):
            out.append(span)
            taken.append((span.start, span.end))

    for m in _YEAR_RANGE.finditer(text) if _RANGE_HINT.search(text) else ():
        a, b = m.group("a"), m.group("b")
        low = int(a)
        high = int(b) if len(b) >= 3 else int(a[:len(a) - len(b)] + b)  # "1998-99"
        marked = bool(re.match(r"(?i)(from|between|c\.|circa|ca\.)", m.group()))
        if not (_plausible(low) and _plausible(high) and low < high):
            continue
        if not marked and not (1500 <= low <= 2100 and 1500 <= high <= 2100):
            continue
        if is_count(text, m.start("b"), m.end("b")):
            continue  # "between 1500 and 2000 people" is a range of counts
        approx = "c" in m.group().lower().replace("ca.", "c.").split(a)[0] or "c." in m.group()
        if low < 1000 and not (approx or _ERA.match(text, m.end())):
            continue  # "between 200 and 201" is a count; "c. 950 to c. 1250" are years
        add(YearSpan(m.group(), m.start(), m.end(), low, high, approx))
    for m in _DECADE.finditer(text) if "0s" in text else ():
        y = int(m.group("y"))
        add(YearSpan(m.group(), m.start(), m.end(), y, y + 9))
    for m in _MARKED_YEAR.finditer(text):
        group = "y" if m.group("y") else "e"
        y = int(m.group(group))
        if is_count(text, m.start(group), m.end(group)):
            continue  # "more than 1500 students", "to 2000 people"
        era = _ERA.match(text, m.end())
        if _plausible(y) and (len(m.group(group)) == 4 or group == "e" or era
                              or m.group().lower().startswith(("c.", "circa", "ca."))):
            approx = m.group().lower().startswith(("c.", "circa", "ca."))
            add(YearSpan(m.group(group), m.start(group), m.end(group), y, y, approx))
    for m in _PLAIN_YEAR.finditer(text):
        if is_count(text, m.start("y"), m.end("y")):
            continue  # "1500 soldiers"
        y = int(m.group("y"))
        add(YearSpan(m.group(), m.start(), m.end(), y, y))
    return tuple(sorted(out, key=lambda s: s.start))


# --- bounds on dates ---------------------------------------------------------------------

# Words that make a date a bound: "before November 30" allows any day up to 29 November,
# "since 2016" any day from 1 January 2016. (word -> which end of the date, which way)
_DATE_BOUNDS = {
    "before": "before", "prior to": "before", "earlier than": "before",
    "after": "after", "later than": "after", "following": "after",
    "by": "by", "until": "by", "till": "by", "up to": "by", "through": "by",
    "no later than": "by", "not later than": "by", "on or before": "by", "in or before": "by",
    "since": "since", "no earlier than": "since", "not earlier than": "since",
    "on or after": "since", "in or after": "since",
}
# "since 2010" and "until 2010" name a period's end as much as they bound it, and "by 2030" a
# deadline: against a source that uses the same word they are compared as dates ("since 2010"
# / "since 2012", "by 2025" / "by 2030" differ).
_PERIOD_WORDS = frozenset({"since", "until", "till", "by"})
# Bound words that begin with a negation ("no more than 50", "no later than May"): the negation
# is part of the bound, not a denial of what the sentence says (the checker's polarity skips it).
NEGATED_BOUNDS = tuple(sorted(w for w in (*_LOWER, *_UPPER, *_DATE_BOUNDS)
                              if w.split()[0] in ("no", "not")))
_DATE_BOUND_BEFORE = re.compile(
    rf"(?i)(?:^|(?<=[\s(,]))(?P<word>{alternation(_DATE_BOUNDS)})\s+"
    r"(?:(?:the\s+)?(?P<part>end|start|beginning|middle)\s+of\s+|the\s+year\s+|(?:early|mid|late)"
    r"[\s-]+)?$")
_EPOCH_YEAR = 2000  # a leap year, for dates written without one on both sides


@dataclass(frozen=True)
class When:
    """A date, month or year (span) as a range of days, with the bound word written before it.
    `years` is None for a date written without a year ("November 30")."""

    text: str  # as written, the bound word included
    start: int
    end: int
    years: tuple[int, int] | None
    month: int | None = None
    day: int | None = None
    bound: str = ""  # the bound word, lowercased; "" for a plain date
    part: str = ""  # "end" / "start" when the bound is to the end or start of the date

    def days(self, year: int | None = None) -> tuple[int, int]:
        """First and last day (ordinals) the date itself covers; `year` stands in for a
        missing one."""
        low_year, high_year = self.years or (year or _EPOCH_YEAR,) * 2
        low_year, high_year = max(1, low_year), min(9999, high_year)
        if self.month is None:
            return (datetime.date(low_year, 1, 1).toordinal(),
                    datetime.date(high_year, 12, 31).toordinal())
        first = datetime.date(low_year, self.month, 1)
        if self.day is not None:
            day = min(self.day, calendar.monthrange(low_year, self.month)[1])
            first = datetime.date(low_year, self.month, day)
            return first.toordinal(), datetime.date(high_year, self.month, day).toordinal()
        last = calendar.monthrange(high_year, self.month)[1]
        return first.toordinal(), datetime.date(high_year, self.month, last).toordinal()

    def allows(self, year: int | None = None) -> tuple[float, float]:
        """The days the text allows: the date's own days, or the open side of its bound."""
        low, high = self.days(year)
        way = _DATE_BOUNDS.get(self.bound, "")
        if way == "before":
            return -math.inf, (high if self.part == "end" else low - 1)
        if way == "after":
            return (low if self.part in ("start", "beginning") else high + 1), math.inf
        if way == "by":
            return -math.inf, high
        if way == "since":
            return low, math.inf
        return low, high

    def period(self) -> bool:
        return self.bound in _PERIOD_WORDS


def _bound_before(text: str, start: int) -> tuple[str, str, int]:
    """The date-bound word right before `start`: (word, part, where it starts), or
    ("", "", start)."""
    m = _DATE_BOUND_BEFORE.search(text, max(0, start - 40), start)
    if not m:
        return "", "", start
    word = " ".join(m.group("word").lower().split())
    return word, (m.group("part") or "").lower(), m.start("word")


@lru_cache(maxsize=4096)
def find_whens(text: str) -> tuple[When, ...]:
    """Every date (day, month) and year span of `text` as a When, with its bound word; a year
    inside a date is part of that date."""
    text = typography(text)
    out: list[When] = []
    dates = [d for d in find_dates(text) if d.month is not None]
    for d in dates:
        word, part, begin = _bound_before(text, d.start)
        years = (d.year, d.year) if d.year is not None else None
        out.append(When(text[begin:d.end], d.start, d.end, years, d.month, d.day, word, part))
    for y in find_years(text):
        if any(d.start <= y.start and y.end <= d.end for d in dates):
            continue
        word, part, begin = _bound_before(text, y.start)
        out.append(When(text[begin:y.end], y.start, y.end, (y.low, y.high), bound=word,
                        part=part))
    return tuple(sorted(out, key=lambda w: w.start))
