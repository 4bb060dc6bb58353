"""Word lists live as data files beside the code that reads them (`<package>/data/<name>.txt`).

A list more than one stage needs (month and weekday names: the splitter finds dates, the checker
compares them) has one copy in `claimcheck/data/`, read through `shared_words`/`shared_map`,
so the stages can never disagree about what a date is.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

SHARED = "claimcheck"  # the package whose data/ holds the lists several stages read


def data_lines(package: str, name: str) -> tuple[str, ...]:
    """Stripped lines of `<package>/data/<name>.txt`, in file order, without blank lines and
    `#` comment lines."""
    text = (files(package) / "data" / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))


@cache
def shared_map(name: str) -> dict[str, str]:
    """Lines "key value" of the shared `claimcheck/data/<name>.txt`, lower-cased, as a dict
    (first word -> rest of the line, "" when there is none), in file order."""
    pairs = (line.lower().split(None, 1) for line in data_lines(SHARED, name))
    return {p[0]: p[1] if len(p) > 1 else "" for p in pairs}


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names, lower-cased: capitalised in prose, but never a name."""
    return frozenset(shared_map("months")) | frozenset(shared_map("weekdays"))


@cache
def shared_words(name: str) -> tuple[str, ...]:
    """The keys of `shared_map(name)`, longest first: ready for a regex alternation."""
    return tuple(sorted(shared_map(name), key=len, reverse=True))
