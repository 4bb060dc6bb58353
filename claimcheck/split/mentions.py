"""Find what a claim says that a reference can confirm: numbers, dates, names and quotes.

Mentions are found in the masked text (markup blanked) and carry absolute file offsets, so
the checker can compare them and reports can point at them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from ..datafiles import calendar_words, shared_words
from ..models import Mention
from ._data import phrases, words

_DOTTED_ACRONYM = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")


@dataclass
class Mentions:
    numbers: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    quotes: list[Mention] = field(default_factory=list)


@cache
def _values(name: str) -> dict[str, float]:
    return {w.split()[0]: float(w.split()[1]) for w in words(name)}


@cache
def _month_numbers() -> dict[str, int]:
    order = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return {m: order.index(m[:3]) + 1 for m in shared_words("months")}


def _cased(entries: frozenset[str] | list[str], upper: bool = False) -> str:
    """An alternation of the entries as written in prose: lower and Capitalised (and UPPER).

    Case variants instead of re.I: case-insensitive matching made these patterns ~10x slower.
    """
    forms = {f for e in entries for f in (e, e[:1].upper() + e[1:], e.upper() if upper else e)}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _initials(*lists: object) -> str:
    """First letters, both cases, for a lookahead that rejects most positions at once."""
    firsts = {str(w)[0] for entries in lists for w in entries}  # type: ignore[attr-defined]
    return re.escape("".join(sorted({c for f in firsts for c in (f.lower(), f.upper())})))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month = rf"(?:{'|'.join(re.escape(m.capitalize()) for m in shared_words('months'))})\.?"
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?:1[6-9]\d\d|20\d\d)"
    weekdays = "|".join(w.capitalize() for w in shared_words("weekdays"))
    titles = "|".join(t.capitalize() for t in phrases("titles"))
    # a capitalised word, "U.S."-style initials, or a title "Dr."; no other "." so that
    # "Gaza. Despite" stays two words
    gap = r"(?:[ \t]*\r?\n[ \t]*|[ \t]+)"  # a line break, never a blank line
    name = rf"(?:(?:[A-Z]\.){{2,}}|(?:{titles})\.|[A-Z][\w'’&]*(?:-[A-Z]?[\w'’&]+)*)"
    return {
        "date": re.compile(
            rf"\b(?=[0-9{_initials(shared_words('months'), shared_words('weekdays'))}])"
            rf"(?:(?P<iso>{year}-[01]\d-[0-3]\d)\b"
            rf"|(?P<md>{month})\s+(?P<mdday>{day})(?:,?\s+(?P<mdyear>{year}))?\b"
            rf"|(?P<dmday>{day})\s+(?P<dm>{month})(?:,?\s+(?P<dmyear>{year}))?\b"
            rf"|(?P<my>{month})\s+(?P<myyear>{year})\b"
            rf"|(?:(?<=\bin )|(?<=\bsince )|(?<=\bby )|(?<=\buntil )|(?<=\bof )"
            rf"|(?<=\bearly )|(?<=\blate ))(?P<mo>{month})\b"
            rf"|(?P<wd>{weekdays})\b"
            rf"|(?<![\d$€£.,-])(?P<year>{year})(?![\d%]|\.\d|\s*(?:percent|per cent)))"
        ),
        "number": re.compile(
            rf"(?=[0-9$€£¥U{_initials(_values('number_words'))}])"
            rf"(?:(?P<cur>US\$|[$€£¥])\s?)?"
            rf"(?:(?P<num>(?<![\w.])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?)"
            rf"|\b(?P<word>{_cased(frozenset(_values('number_words')))})\b)"
            rf"(?:[\s-]+(?P<scale>{_cased(frozenset(_values('scales')))})\b)?"
            rf"(?:\s?(?P<pct>%)|[\s-]+(?P<unit>{_cased(words('units'), upper=True)})(?!\w))?"
        ),
        "entity": re.compile(
            rf"(?<![\w'’]){name}(?:(?:{gap}(?:of|for|de|al|the){gap}|{gap}|-){name})*"),
        "quote": re.compile(r"\"([^\"\n]+)\"|“([^”]+)”"),
    }


def find_mentions(masked: str, start: int, end: int, lower_words: frozenset[str] = frozenset(),
                  mid_caps: frozenset[str] | None = None) -> Mentions:
    """Mentions inside masked[start:end], with absolute offsets (see MentionFinder)."""
    return MentionFinder(masked[:end], lower_words, mid_caps).find(start, end)


class MentionFinder:
    """Scans the whole masked draft once per mention kind; `find` hands out one claim's share.

    One pass per pattern instead of four per claim keeps the splitter linear and fast on big
    drafts. A capitalised first word may just open the sentence: it is no name when the draft
    also writes it in lower case (`lower_words`), or, standing alone, when the draft never
    capitalises it mid-sentence (`mid_caps`; None = do not use this test).
    """

    def __init__(self, masked: str, lower_words: frozenset[str] = frozenset(),
                 mid_caps: frozenset[str] | None = None) -> None:
        self.masked, self.lower_words, self.mid_caps = masked, lower_words, mid_caps
        patterns = _patterns()
        self.dates = [m for m in patterns["date"].finditer(masked)]
        date_spans = [(m.start(), m.end()) for m in self.dates]
        self.date_starts = [s for s, _ in date_spans]
        self.numbers: list[tuple[int, int, re.Match[str]]] = []
        for m in patterns["number"].finditer(masked):
            if m.group("num") is None and m.group("word") is None:
                continue
            s, e = m.start(), m.end()
            while s < e and masked[s].isspace():
                s += 1
            i = bisect_right(self.date_starts, s) - 1
            if (i >= 0 and s < date_spans[i][1]) or _is_version(masked, s):
                continue  # a year or day inside a date, or "v2.1"
            self.numbers.append((s, e, m))
        self.number_starts = [n[0] for n in self.numbers]
        self.entities = [(m.start(), m.end()) for m in patterns["entity"].finditer(masked)]
        self.entity_starts = [s for s, _ in self.entities]
        self.quotes = [m.span(1) if m.group(1) is not None else m.span(2)
                       for m in patterns["quote"].finditer(masked)]
        self.quote_starts = [s for s, _ in self.quotes]

    def find(self, start: int, end: int) -> Mentions:
        """The mentions lying wholly inside [start, end)."""
        masked, found = self.masked, Mentions()
        lo, hi = bisect_left(self.date_starts, start), bisect_left(self.date_starts, end)
        for m in self.dates[lo:hi]:
            if m.end() <= end:
                found.dates.append(Mention(kind="date", text=m.group(0), start=m.start(),
                                            end=m.end(), value=_date_value(m)))
        lo, hi = bisect_left(self.number_starts, start), bisect_left(self.number_starts, end)
        for s, e, m in self.numbers[lo:hi]:
            if e <= end:
                found.numbers.append(_number(m, masked[s:e], s, e))
        taken = [(d.start, d.end) for d in found.dates]
        lo, hi = bisect_left(self.entity_starts, start), bisect_left(self.entity_starts, end)
        for s, e in self.entities[lo:hi]:
            e = min(e, end)  # a run of names may go on past the claim
            initial = not masked[start:s].strip(" \t\r\n\"“‘([*_#>-")
            word = masked[s:e].removesuffix("'s").removesuffix("’s")
            if initial and self.mid_caps is not None and not _SPACE.search(word) \
                    and not word.isupper() and word not in self.mid_caps:
                continue
            mention = _entity(masked, s, e, taken, self.lower_words if initial else frozenset())
            if mention:
                found.entities.append(mention)
        lo, hi = bisect_left(self.quote_starts, start), bisect_left(self.quote_starts, end)
        for s, e in self.quotes[lo:hi]:
            if e <= end:
                found.quotes.append(Mention(kind="quote", text=masked[s:e], start=s, end=e,
                                             value=masked[s:e]))
        return found


def _is_version(text: str, s: int) -> bool:
    return s > 0 and text[s - 1] in "vV" and (s < 2 or not text[s - 2].isalpha())


def _number(m: re.Match[str], surface: str, start: int, end: int) -> Mention:
    if m.group("num") is not None:
        value = float(m.group("num").replace(",", ""))
    else:
        value = _values("number_words")[m.group("word").lower()]
    if m.group("scale"):
        value *= _values("scales")[m.group("scale").lower()]
    unit = (m.group("unit") or "").lower()
    kind = "number"
    if m.group("pct") or unit.startswith(("percent", "per cent")):
        kind = "percent"
    elif m.group("cur"):
        kind = "money"
    return Mention(kind=kind, text=surface, start=start, end=end, value=value)


def _date_value(m: re.Match[str]) -> str:
    """ISO-like: "2024-05-07", "2024-05", "--05-07" (no year), "2024", or a weekday name."""
    g = m.groupdict()
    if g["iso"]:
        return str(g["iso"])
    if g["wd"]:
        return str(g["wd"]).lower()
    if g["year"]:
        return str(g["year"])
    name = g["md"] or g["dm"] or g["my"] or g["mo"]
    month = _month_numbers()[name.rstrip(".").lower()]
    dayval = g["mdday"] or g["dmday"]
    yearval = g["mdyear"] or g["dmyear"] or g["myyear"]
    day = f"-{int(re.sub(r'[^0-9]', '', dayval)):02d}" if dayval else ""
    return f"{yearval or '-'}-{month:02d}{day}"


def _entity(masked: str, s: int, e: int, taken: list[tuple[int, int]],
            lower_words: frozenset[str]) -> Mention | None:
    """A capitalised run, minus opening common words ("The", "Despite") and "'s"."""
    tokens = [t.span() for t in _NON_SPACE.finditer(masked, s, e)]
    first = masked[tokens[0][0]:tokens[0][1]].lower() if tokens else ""
    head, tail = 0, len(tokens)
    if first in lower_words or first.endswith("ing"):
        head = 1  # an ordinary word that only opens the sentence
    opening = _opening_words()
    while head < tail and masked[tokens[head][0]:tokens[head][1]].lower() in opening:
        head += 1
    while head < tail and masked[tokens[tail - 1][0]:tokens[tail - 1][1]].lower() in _LINKS:
        tail -= 1
    if head >= tail:
        return None
    s, e = tokens[head][0], tokens[tail - 1][1]
    text = masked[s:e]
    for suffix in ("'s", "’s", "'", "’", ".", "-"):
        if text.endswith(suffix) and not (suffix == "." and _DOTTED_ACRONYM.search(text)):
            text, e = text[: -len(suffix)], e - len(suffix)
    if not text or text == "I" or text.lower() in words("units") or \
            any(ts <= s < te for ts, te in taken):
        return None
    return Mention(kind="entity", text=text, start=s, end=e, value=" ".join(text.split()))


_NON_SPACE = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_LINKS = ("of", "for", "and", "the", "de", "al")  # never the last word of a name


@cache
def _opening_words() -> frozenset[str]:
    """Words that open a capitalised run without being part of the name."""
    return words("common_words") | calendar_words()
