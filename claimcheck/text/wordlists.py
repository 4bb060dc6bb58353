"""The one loader of packaged word lists.

A word list is a UTF-8 text file `<package>/data/<name>.txt`: one entry per line, blank lines
and lines starting with `#` skipped. Lists that several stages read live once, in
`claimcheck/text/data/` (read with the functions here without a package); a list only one stage
reads may live beside it (`data_lines("claimcheck.split", "imperatives")`).

Entry forms:
- a word or phrase: `entries`, `word_set`, `longest_first`;
- `key value...`: `word_map` (first word -> the rest of the line);
- `entry | tag tag`: a list whose entries serve several uses that do not all agree
  (`tagged("stopwords", "retrieval")`): one file, and where two uses differ it says so.

Everything is cached: lists are read once per process.
"""

from __future__ import annotations

import importlib
import os
from functools import cache

TEXT = "claimcheck.text"  # the package whose data/ holds the shared lists


@cache
def data_lines(package: str, name: str) -> tuple[str, ...]:
    """Stripped lines of `<package>/data/<name>.txt`, in file order, without blank lines and
    `#` comment lines. Case is kept."""
    return tuple(s for line in _read(package, f"{name}.txt").splitlines()
                 if (s := line.strip()) and not s.startswith("#"))


def _read(package: str, name: str) -> str:
    """A data file of an installed package: read from its folder directly (a start-up reads
    some 50 lists, and importlib.resources costs six times a plain open for each), or through
    importlib.resources when the package is not a folder of files (a zip)."""
    where = getattr(importlib.import_module(package), "__file__", None)
    path = os.path.join(os.path.dirname(where), "data", name) if where else ""
    if path and os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    from importlib.resources import files

    return (files(package) / "data" / name).read_text(encoding="utf-8")


def _untagged(line: str) -> str:
    return line.split("|", 1)[0].rstrip()


@cache
def entries(name: str, package: str = TEXT) -> tuple[str, ...]:
    """Lower-cased entries in file order, each once (tags dropped)."""
    return tuple(dict.fromkeys(_untagged(line).lower() for line in data_lines(package, name)))


@cache
def word_set(name: str, package: str = TEXT) -> frozenset[str]:
    """The lower-cased entries as a set."""
    return frozenset(entries(name, package))


@cache
def longest_first(name: str, package: str = TEXT) -> tuple[str, ...]:
    """The entries, longest first: ready for a regex alternation that prefers longer phrases."""
    return tuple(sorted(word_set(name, package), key=len, reverse=True))


@cache
def word_map(name: str, package: str = TEXT) -> dict[str, str]:
    """Lines `key value...`, lower-cased, as a dict (first word -> rest of the line, "" when
    there is none), in file order; a repeated key keeps its last value."""
    pairs = (line.split(None, 1) for line in entries(name, package))
    return {p[0]: p[1] if len(p) > 1 else "" for p in pairs}


@cache
def tagged(name: str, tag: str, package: str = TEXT) -> frozenset[str]:
    """Lower-cased entries of a tagged list that carry `tag`; an entry without tags carries
    every tag."""
    out = set()
    for line in data_lines(package, name):
        entry, _, tags = line.partition("|")
        if not tags.strip() or tag in tags.split():
            out.add(entry.strip().lower())
    return frozenset(out)
