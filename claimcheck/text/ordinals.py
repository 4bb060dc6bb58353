"""Ordinal words and figures: "third" and "3rd" are both 3."""

from __future__ import annotations

import re

ORDINAL_WORDS = {w: n for n, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth".split(), start=1)}
_ORDINAL_DIGITS = re.compile(r"(\d+)(?:st|nd|rd|th)")


def ordinal(word: str) -> int | None:
    """3 for "third" or "3rd", else None."""
    lower = word.lower()
    if lower in ORDINAL_WORDS:
        return ORDINAL_WORDS[lower]
    m = _ORDINAL_DIGITS.fullmatch(lower)
    return int(m.group(1)) if m else None
