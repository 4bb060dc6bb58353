"""Quoted passages: where a text quotes someone.

- `quoted_spans(text)`: (start, end) of the text inside each pair of quote marks: straight
  double, curly double, or curly single ("‘...’" not followed by a letter). A pair may wrap
  across a line break but never across a blank line, so one stray mark cannot swallow the rest of
  a file. What the JSON report's quote mentions are. `quotations(text)`: the same pairs with
  their marks (the rules' "inside someone's quotation").
- `quoted_passages(text)`: the quoted passages worth checking as quotations: at least
  MIN_QUOTE_WORDS words, cut at an ellipsis (the writer marked the words between as left out).
- `quote_regions(masked, start, end)`: the quotes of one block of a draft, found once so a quote
  spanning several sentences stays whole; a quote left open runs to the block's end (news style
  reopens a quote on each paragraph of a long statement without closing the previous one).
- `is_direct(masked, region)`: a direct quotation, not a scare-quoted term.

Who said a quote is `text.attribution`'s job.
"""

from __future__ import annotations

import re

from .tokens import quote_words

MIN_QUOTE_WORDS = 3  # shorter quoted spans are scare quotes or titles, not quotations

_NO_BLANK_LINE = r"\n(?![ \t]*\r?\n)"  # a line break that does not start a blank line


def _inside(close: str, opener: str = "") -> str:
    """Text up to the closing mark `close`: any character but it (or the next `opener`: an
    unclosed quote is then scanned once, not from every opener; tests/redos), never a blank
    line."""
    other = rf"[^{close}{opener}\n]"
    return rf"({other}*(?:{_NO_BLANK_LINE}{other}*)*)"


QUOTED = re.compile(rf"\"{_inside(chr(34))}\"|“{_inside('”', '“')}”|‘{_inside('’', '‘')}’(?!\w)")
_ELLIPSIS = re.compile(r"(?<!\s)\s*(?:\.\s?\.\s?\.|…)\s*")

_OPENERS = "\"“"
_CLOSERS = {"\"": "\"", "“": "”"}
_OPENING_CONTEXT = re.compile(r"[\s(\[—–:,-]")
_OPENER = re.compile(f"[{_OPENERS}]")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each pair of quote marks with the text between, marks included, in
    order (empty pairs too): where someone else's words, or a phrase talked about, sit."""
    return [m.span() for m in QUOTED.finditer(text)]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the non-empty text inside each pair of quote marks, in order."""
    out = []
    for m in QUOTED.finditer(text):
        group = next(i for i in (1, 2, 3) if m.group(i) is not None)
        if m.end(group) > m.start(group):
            out.append(m.span(group))
    return out


def quoted_passages(text: str) -> list[str]:
    """Quoted spans of at least MIN_QUOTE_WORDS words; an ellipsis splits a quote into parts,
    since the writer marked the words between as left out."""
    parts: list[str] = []
    for start, end in quoted_spans(text):
        for part in _ELLIPSIS.split(text[start:end]):
            part = part.strip(" ,;:")
            if len(quote_words(part)) >= MIN_QUOTE_WORDS:
                parts.append(part)
    return parts


def quote_regions(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Absolute (start, end) of the text inside each pair of double quotes in the block
    masked[start:end]; an unclosed quote runs to the block end."""
    regions: list[tuple[int, int]] = []
    i = start
    while (opener := _OPENER.search(masked, i, end)) is not None:
        i = opener.start()  # jump from quote mark to quote mark, not character by character
        ch = masked[i]
        if i == start or _OPENING_CONTEXT.match(masked[i - 1]):
            close = masked.find(_CLOSERS[ch], i + 1, end)
            if close == -1:  # an unclosed quote runs to the end of the block
                close = end
            if close > i + 1:
                regions.append((i + 1, close))
            i = close + 1
        else:
            i += 1
    return regions


def is_direct(masked: str, region: tuple[int, int]) -> bool:
    """A direct quote, not a scare-quoted term: several words, or a whole sentence."""
    inner = masked[region[0]:region[1]].strip()
    return len(inner.split()) >= 4 or inner.endswith((".", "!", "?", ","))
