"""Word lists shipped as data files, so cue vocabularies can change without touching code."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def words(name: str) -> frozenset[str]:
    """Lower-cased entries of `data/<name>.txt`; `#` starts a comment line."""
    text = files(__package__).joinpath("data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith("#"))


@cache
def phrases(name: str) -> tuple[str, ...]:
    """Entries of a data file, longest first, for alternation regexes."""
    return tuple(sorted(words(name), key=len, reverse=True))
