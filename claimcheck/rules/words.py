"""Word lists and the regex pieces the rules build their cue patterns from.

Each list is a data file under `data/` (one entry a line, '#' comments), so what a rule looks for
is read and reviewed as data, not buried in code.
"""

from __future__ import annotations

import re
from functools import cache

from ..text import patterns
from ..text.patterns import EDGE_L, EDGE_R, whole_words
from ..text.tokens import plain
from ..text.wordlists import data_lines

__all__ = ["EDGE_L", "EDGE_R", "WORD", "alternation", "cue_key", "phrases", "plain",
           "whole_words", "word_set", "words"]

WORD = re.compile(r"[\w'’-]+")


def cue_key(text: str) -> str:
    """A cue as compared against word lists: lower-cased, spaces collapsed, straight apostrophes
    ("in  history" is "in history", "don’t" is "don't")."""
    return " ".join(plain(text).split())


@cache
def words(name: str) -> tuple[str, ...]:
    """Entries of `data/<name>.txt`: one per line, '#' comments and blank lines skipped."""
    return tuple(dict.fromkeys(data_lines(__package__, name)))  # repeated entries once


def alternation(entries: tuple[str, ...], *, case_sensitive: bool = False) -> str:
    """A regex alternation of phrases, longest first, with flexible spaces and apostrophes.
    `case_sensitive`: only for a group the pattern matches case-sensitively (`(?-i:...)`)."""
    return patterns.alternation(entries, patterns.prose_atom, case_sensitive=case_sensitive)


@cache
def phrases(name: str) -> re.Pattern[str]:
    """Whole-word pattern matching any entry of a word list, in any case."""
    return re.compile(whole_words(alternation(words(name))), re.IGNORECASE)


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(name))
