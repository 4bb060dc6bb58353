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

from .dates import DateMention, calendar_words, find_dates, may_hold
from .patterns import alternation
from .stems import stem
from .stopwords import stopwords
from .tokens import typography
from .wordlists import entries, word_map, word_set

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
    # comma thousands; dot thousands in two groups or more ("1.234.567": never a decimal, and
    # never a version "1.2.3"); else one decimal point, which `read_figure` may still read as
    # a thousands dot ("600.000")
    digits = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[1-9]\d{0,2}(?:\.\d{3}){2,}(?!\.?\d)"
              r"|\d+(?:\.\d+)?")
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
        # a figure that goes on with ".3" is a version ("2.100.3"), one right after a name is
        # the name's ("Python 3.100"), one before a scale a decimal ("1.500 million"): their
        # dot is no thousands separator
        version = text.startswith(".", m.end("num")) and text[m.end("num") + 1:][:1].isdigit()
        value = read_figure(num, dot_groups=not (version or m.group("scale")
                                                 or _after_name(text, start)))[0]
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


_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")


def read_figure(figure: str, dot_groups: bool = True) -> tuple[float, int]:
    """The value of a figure written in digits, and its decimal places: "1,234.5" is (1234.5,
    1). A dot followed by groups of three digits, with no comma in the figure, separates
    thousands (European style) when it cannot be a decimal point or hardly would be: two
    groups or more ("1.234.567"), or one group ending in "00" ("600.000", "12.400", "€1.500").
    Otherwise the English decimal wins ("3.14", "1.234 kg", "12.345"). `dot_groups=False`: the
    figure is a version's or a name's; its dots are decimal points."""
    plain = figure.replace(",", "")
    if dot_groups and "," not in figure and _DOT_THOUSANDS.fullmatch(figure) and (
            figure.count(".") > 1 or figure.endswith("00")):
        return float(plain.replace(".", "")), 0
    return float(plain), len(plain.partition(".")[2])


_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'-]*)")
_NEXT_FIGURE = re.compile(r"\s*\d[\w.]*")


def _counted_word(text: str, pos: int, stop: frozenset[str]) -> str:
    """The word a number counts, from the run of content words right after it: the first plural
    ("attacks" in "three tactically sophisticated attacks"), else the first that is not an adverb.
    Function words before the run are skipped ("voters" in "40% of voters"), and so is a name's
    figure ("jets" in "three Boeing 747 jets")."""
    run: list[str] = []
    for _ in range(5):
        m = _NEXT_WORD.match(text, pos)
        if not m and run and run[-1][:1].isupper() and (f := _NEXT_FIGURE.match(text, pos)):
            pos = f.end()  # "Boeing 747": the figure is part of the name
            continue
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


_NAME_CHARS = frozenset("'.&_")
_OPENING = frozenset("\"“‘'([")
_CLOSING = frozenset("\"”’')]")


def _word_before(text: str, start: int) -> int | None:
    """Where the capitalised word right before `start` begins, when only spaces or a hyphen
    after a letter ("COVID-19") lie between them; else None. (Scanned backwards by hand: a
    regex searched over the text before a figure rescans it from every position.)"""
    end = start
    if end >= 2 and text[end - 1] == "-" and text[end - 2].isalpha():
        end -= 1
    else:
        while end > max(0, start - 20) and text[end - 1].isspace():
            end -= 1
        if end == start:
            return None
    begin, limit = end, max(0, end - 40)
    while begin > limit and (text[begin - 1].isalnum() or text[begin - 1] in _NAME_CHARS):
        begin -= 1
    if begin == end or not ("A" <= text[begin] <= "Z") or begin and text[begin - 1] == "-":
        return None
    return begin


def _opens_sentence(text: str, pos: int) -> bool:
    """Nothing but spaces, opening quotes or brackets lie between `pos` and the start of the
    text, a line break, or a sentence's end (after its closing quotes)."""
    i = pos
    while i > max(0, pos - 8) and (text[i - 1].isspace() or text[i - 1] in _OPENING):
        if text[i - 1] == "\n":
            return True
        i -= 1
    while i > max(0, pos - 8) and text[i - 1] in _CLOSING:
        i -= 1
    return i == 0 or text[i - 1] in ".!?:\n"


def _after_name(text: str, start: int) -> bool:
    """Right after a capitalised word inside a sentence ("Python 3.100")."""
    begin = _word_before(text, start)
    return begin is not None and not _opens_sentence(text, begin)


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Words that open a sentence without naming anything: function and common words, months,
    weekdays, number and scale words."""
    return (stopwords("coverage") | word_set("common_words") | calendar_words()
            | frozenset(word_map("number_words")) | frozenset(word_map("scale_words")))


def name_figure(text: str, start: int, openers: frozenset[str] = frozenset()) -> int | None:
    """Where the name starts when the bare figure at `start` is part of it ("Boeing 747",
    "Windows 10", "Apollo 11", "Route 66", "COVID-19"), else None. A capitalised word that
    opens the sentence names only when it is no ordinary opening word ("About 40", "Only 12",
    "Exactly 40", or one of `openers`, lower case)."""
    begin = _word_before(text, start)
    if begin is None:
        return None
    if not _opens_sentence(text, begin):
        return begin  # inside a sentence a capital marks a name
    word = text[begin:start].rstrip(" \t\r\n-").lower().rstrip(".")
    if word in _not_names() or word in openers or word.endswith("ly"):
        return None
    return begin


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
