"""Function words and negations: the words that carry no topic, and the words that flip one.

`stopwords(use)` reads the one list `text/data/stopwords.txt`, whose entries are tagged with the
uses that ignore them:
- "retrieval": not indexed or searched for. Negations, quantifiers and numbers are kept on
  purpose: they are what a claim and its evidence disagree about.
- "coverage": not counted when measuring how much of a claim a reference covers, nor taken for
  the word a number counts ("voters" in "40% of voters").
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from .tokens import plain
from .wordlists import tagged, word_set

StopwordUse = Literal["retrieval", "coverage"]


@cache
def stopwords(use: StopwordUse) -> frozenset[str]:
    """The lower-case function words one use ignores."""
    return tagged("stopwords", use)


def negations() -> frozenset[str]:
    """Words that flip the polarity of what follows ("not", "never", "no"); "n't" endings are
    recognised by `is_negation`."""
    return word_set("negations")


def is_negation(word: str) -> bool:
    return is_negation_form(plain(word))


def is_negation_form(word: str) -> bool:
    """`is_negation` of a word already in lower case with straight apostrophes."""
    return word in negations() or word.endswith("n't")
