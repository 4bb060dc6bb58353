"""Clause edges, looking back from a word: where "if ...", "it is a myth that ..." begin."""

from __future__ import annotations

import re

# Where a clause ends, looking back from a word: punctuation or "then" ("if X, then Y"). A
# full stop inside "U.N." or "2.5" ends nothing.
_CLAUSE_END = re.compile(r"[,;:!?]|(?<!\b[A-Z])\.(?!\w)|\bthen\b", re.IGNORECASE)


def clause_before(text: str, pos: int, reach: int = 300) -> str:
    """The text of `pos`'s clause before `pos`, looking back at most `reach` characters."""
    lo = max(0, pos - reach)
    edges = list(_CLAUSE_END.finditer(text, lo, pos))
    return text[edges[-1].end() if edges else lo:pos]


def in_clause_of(text: str, pos: int, opener: re.Pattern[str], reach: int = 300) -> bool:
    """`pos` sits in a clause that `opener` begins ("if you never pay ...", "once they ban
    ..."): the words there are supposed, not asserted. Looks back at most `reach` characters."""
    return bool(opener.search(clause_before(text, pos, reach)))
