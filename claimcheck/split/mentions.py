"""Find what a claim says that a reference can confirm: numbers, dates, names and quotes.

The parsing is the text layer's (`text.numbers`, `text.dates`, `text.names`, `text.quotes`);
this module scans the whole masked draft once per kind and hands each claim the mentions that
lie inside it, with absolute file offsets, so reports can point at them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..models import Mention
from ..text.dates import scan_dates
from ..text.names import name_pattern, trim_name
from ..text.numbers import scan_quantities
from ..text.quotes import quoted_spans


@dataclass
class Mentions:
    numbers: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    quotes: list[Mention] = field(default_factory=list)


def find_mentions(masked: str, start: int, end: int, lower_words: frozenset[str] = frozenset(),
                  mid_caps: frozenset[str] | None = None) -> Mentions:
    """Mentions inside masked[start:end], with absolute offsets (see MentionFinder)."""
    return MentionFinder(masked[:end], lower_words, mid_caps).find(start, end)


_SPACE = re.compile(r"\s")
_OPENING_MARKS = " \t\r\n\"“‘([*_#>-"


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
        dates = scan_dates(masked)
        self.dates = [Mention(kind="date", text=masked[d.start:d.end], start=d.start,
                              end=d.end, value=d.value) for d in dates]
        self.numbers = [Mention(kind=q.kind, text=masked[q.start:q.end], start=q.start,
                                end=q.end, value=q.value)
                        for q in scan_quantities(masked, dates)]
        self.entities = [m.span() for m in name_pattern().finditer(masked)]
        self.quotes = quoted_spans(masked)
        self.date_starts = [m.start for m in self.dates]
        self.number_starts = [m.start for m in self.numbers]
        self.entity_starts = [s for s, _ in self.entities]
        self.quote_starts = [s for s, _ in self.quotes]

    def find(self, start: int, end: int) -> Mentions:
        """The mentions lying wholly inside [start, end)."""
        found = Mentions()
        lo, hi = bisect_left(self.date_starts, start), bisect_left(self.date_starts, end)
        found.dates = [m for m in self.dates[lo:hi] if m.end <= end]
        lo, hi = bisect_left(self.number_starts, start), bisect_left(self.number_starts, end)
        found.numbers = [m for m in self.numbers[lo:hi] if m.end <= end]
        lo, hi = bisect_left(self.entity_starts, start), bisect_left(self.entity_starts, end)
        for s, e in self.entities[lo:hi]:
            mention = self._entity(start, s, min(e, end), found.dates)  # a run may go on
            if mention:
                found.entities.append(mention)
        lo, hi = bisect_left(self.quote_starts, start), bisect_left(self.quote_starts, end)
        for s, e in self.quotes[lo:hi]:
            if e <= end:
                quote = self.masked[s:e]
                found.quotes.append(Mention(kind="quote", text=quote, start=s, end=e,
                                            value=quote))
        return found

    def _entity(self, start: int, s: int, e: int, dates: list[Mention]) -> Mention | None:
        """The name in the capitalised run masked[s:e] of a claim starting at `start`."""
        masked = self.masked
        initial = not masked[start:s].strip(_OPENING_MARKS)
        word = masked[s:e].removesuffix("'s").removesuffix("’s")
        if initial and self.mid_caps is not None and not _SPACE.search(word) \
                and not word.isupper() and word not in self.mid_caps:
            return None
        span = trim_name(masked, s, e, self.lower_words if initial else frozenset())
        if span is None or any(d.start <= span[0] < d.end for d in dates):
            return None
        text = masked[span[0]:span[1]]
        return Mention(kind="entity", text=text, start=span[0], end=span[1],
                       value=" ".join(text.split()))
