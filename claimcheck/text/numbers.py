"""Numbers and quantities in text, normalised: "three" == "3", "3.5 percent" == "3.5%",
"$2 million" == 2,000,000 usd, "1,200 km" == 1200 km.

`find_quantities(text)` returns `Quantity` records: the figure as written, its value, its
canonical unit ("%", "usd", "km", ... from `text/data/units.txt` and `currencies.txt`; "" for a
bare count), and the word it counts ("attacks" in "three tactically sophisticated attacks").
Numbers inside dates are not quantities (`text.dates` finds those). `spelled_value` reads
number words ("two thousand five hundred"), `same_value` compares two values.

Room for bounds and ranges: a Quantity is one figure as written. What the words around it allow
("more than 75%", "about 40", "15-43%") is read on top of it: `bound` holds the bound or
approximation word, `high` the upper end of a range (its `value` is the lower end). The finder
here leaves both empty; a bound reader fills them (see text/bounds.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .dates import DateMention, find_dates, may_hold
from .patterns import alternation
from .stems import stem
from .stopwords import stopwords
from .tokens import typography
from .wordlists import entries, word_map

PERCENT_UNITS = frozenset({"%", "pp"})


@dataclass(frozen=True)
class Quantity:
    text: str  # as written, e.g. "three", "3.5 percent", "$2 million"
    start: int
    end: int
    value: float
    unit: str  # canonical unit: "%", "usd", "km", ... or "" for a bare count
    noun: str  # stem of the word counted ("attack" for "three attacks"), or ""
    noun_text: str  # that word as written, for messages
    bound: str = ""  # bound or approximation word as written ("more than", "about"), or ""
    high: float | None = None  # upper end of a range ("15-43%"): `value` is its lower end

    @property
    def kind(self) -> str:
        """"percent", "money" or "number": how the JSON report's number mentions name it."""
        if self.unit in PERCENT_UNITS:
            return "percent"
        if self.unit in currency_units():
            return "money"
        return "number"


def number_words() -> dict[str, float]:
    """Number words and their values ("three" -> 3, "dozen" -> 12)."""
    return {w: float(v) for w, v in word_map("number_words").items()}


def scale_words() -> dict[str, float]:
    """Scale words and their multipliers ("million" -> 1e6, "bn" -> 1e9)."""
    return {w: float(v) for w, v in word_map("scale_words").items()}


def units() -> list[list[str]]:
    """Each line of the units list: the canonical unit, then its spellings ("_" = a space)."""
    return [line.split() for line in entries("units")]


@lru_cache(maxsize=1)
def unit_spellings() -> frozenset[str]:
    """Every spelling of every unit, lower case ("km", "per cent", "kilometres")."""
    return frozenset(w.replace("_", " ") for line in units() for w in line[1:])


@lru_cache(maxsize=1)
def currency_units() -> frozenset[str]:
    return frozenset(word_map("currencies").values())


@lru_cache(maxsize=1)
def _quantity_pattern() -> re.Pattern[str]:
    # each list as a prefix tree (patterns.alternation): this runs over every candidate passage
    words = alternation(word_map("number_words"))
    scales = alternation(word_map("scale_words"))
    unit_names = alternation(w.replace("_", " ") for line in units() for w in line[1:])
    currency = alternation(c for c in word_map("currencies") if not c.isalpha())
    cur_words = alternation(c for c in word_map("currencies") if c.isalpha())
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    # "a" only before a scale or "dozen" ("a million", "a dozen"): "a four-day week" is four
    spelled = (rf"(?:a\s+(?=(?i:{scales}|dozen)))?(?:{words}|{scales})"
               rf"(?:[\s-]+(?:and[\s-]+)?(?:{words}|{scales}))*")
    # A figure may run straight into its unit or scale ("40km", "$5bn", "0.23F"), but is never
    # cut out of a longer figure or an ordinal ("16th" is no quantity).
    return re.compile(
        rf"(?:(?P<cur>{currency})\s?|(?<![\w.]))"
        rf"(?P<num>(?:{digits})(?!\d|(?:st|nd|rd|th)\b)|(?i:{spelled})\b)"
        rf"(?:\s*(?P<scale>(?i:{scales})))?"
        rf"(?:\s*(?P<unit>%|(?i:{unit_names}|{cur_words})\b))?"
    )


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    return frozenset(word_map("number_words")) | frozenset(word_map("scale_words"))


@lru_cache(maxsize=1)
def _unit_canon() -> dict[str, str]:
    canon: dict[str, str] = {}
    for line in units():
        for spelling in line[1:]:
            canon[spelling.replace("_", " ")] = line[0]
    canon["%"] = "%"
    canon.update(word_map("currencies"))
    return canon


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
    """Counts, percentages, money and measures; numbers inside dates are not quantities
    (cached: claims are compared with several passages)."""
    return scan_quantities(text)


def scan_quantities(text: str, dates: tuple[DateMention, ...] | None = None
                    ) -> tuple[Quantity, ...]:
    """`find_quantities` without the cache, for a whole draft read once (`dates`: its dates,
    when the caller has them already)."""
    text = typography(text)
    if not may_hold(text, _number_words()):
        return ()
    if dates is None:
        dates = find_dates(text)
    date_starts = [d.start for d in dates]
    found: list[Quantity] = []
    for m in _quantity_pattern().finditer(text):
        start = m.start("cur") if m.group("cur") else m.start("num")
        i = bisect_left(date_starts, m.end())  # dates never overlap: only one can touch
        if i and dates[i - 1].end > start:
            continue
        quantity = _quantity(m, text, start)
        if quantity is not None:
            found.append(quantity)
    return tuple(found)


def _quantity(m: re.Match[str], text: str, start: int) -> Quantity | None:
    num, end = m.group("num"), m.end()
    if num[:1].isdigit():
        value = float(num.replace(",", ""))
    else:
        spelled = spelled_value(num)
        if spelled is None or num.lower().startswith("a ") and spelled == 1:
            return None
        value = spelled
    if m.group("scale"):
        value *= float(word_map("scale_words")[m.group("scale").lower()])
    canon = _unit_canon()
    unit = canon.get((m.group("unit") or "").lower(), "")
    if m.group("cur"):
        unit = canon.get(m.group("cur").lower(), "")
    while end > start and text[end - 1].isspace():
        end -= 1
    noun_text = _counted_word(text, end, stopwords("coverage"))
    return Quantity(text=text[start:end], start=start, end=end, value=value, unit=unit,
                    noun=stem(noun_text) if noun_text else "", noun_text=noun_text)


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
