"""Quoted passages in a block, found once so a quote spanning several sentences stays whole."""

from __future__ import annotations

import re

_OPENERS = "\"“"
_CLOSERS = {"\"": "\"", "“": "”"}
_OPENING_CONTEXT = re.compile(r"[\s(\[—–:,-]")
_OPENER = re.compile(f"[{_OPENERS}]")


def quote_regions(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Absolute (start, end) of the text inside each pair of double quotes in the block.

    A quote left open runs to the block end: news style reopens a quote on each paragraph of a
    long statement without closing the previous one.
    """
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
