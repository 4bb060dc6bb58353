"""Word lists shipped as data files, so cue vocabularies can change without touching code."""

from __future__ import annotations

import re
from collections.abc import Sequence
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


def alternation(entries: Sequence[str]) -> str:
    """A regex alternation of `entries` (longest first, as `phrases` gives them), written as a
    prefix tree: "m(?:ay(?:be)?|ight)" for may|maybe|might.

    It matches exactly what the flat alternation matches: the entries matching at a position
    share one path through the tree, and the tree tries the longer first, as the flat list did.
    The regex engine then tests each position against a few branches instead of every entry,
    which made the cue searches about twice as fast. Only for lower-case ASCII entries, where no
    text character can match two different branch letters, even case-insensitively; others keep
    the flat list.
    """
    if not all(entry.isascii() and entry == entry.lower() for entry in entries):
        return "|".join(re.escape(entry) for entry in entries)
    root: _Trie = {}
    for entry in entries:
        node = root
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}  # an entry ends here
    return _branches(root)


_Trie = dict[str, "_Trie"]


def _branches(node: _Trie) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items())
                if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body  # greedy: the longer entry first
