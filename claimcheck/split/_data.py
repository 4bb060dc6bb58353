"""Word lists shipped as data files, so cue vocabularies can change without touching code."""

from __future__ import annotations

from functools import cache

from ..datafiles import data_lines


@cache
def words(name: str) -> frozenset[str]:
    """Lower-cased entries of `data/<name>.txt`; `#` starts a comment line."""
    return frozenset(line.lower() for line in data_lines(__package__, name))


@cache
def phrases(name: str) -> tuple[str, ...]:
    """Entries of a data file, longest first, for alternation regexes."""
    return tuple(sorted(words(name), key=len, reverse=True))
