"""Regex alternations of word lists, written as prefix trees.

A flat alternation "january|june|july|..." makes the regex engine try every entry at every
position it scans; the tree "j(?:u(?:ly|ne)|anuary)" rejects a position after a letter or two.
Word lists are matched all over the pipeline (the splitter's cues, every rule, the checker's
dates and quantities), so this is one of the cheapest speed-ups there is.

The tree matches exactly what the flat alternation, longest entry first, matches, in the same
order of preference: two entries that match at one position are a prefix of one another, and
the tree tries the longer first (its optional tails are greedy), as the longest-first list did.
That holds when no text character can match two different branches; entries that are not plain
lower-case ASCII (where case-insensitive matching could blur branches) keep the flat list, unless
the caller matches them case-sensitively (`case_sensitive=True`, inside `(?-i:...)`), where any
ASCII entries make a tree ("Afghans|Albanians|..." is 180 demonyms tried at every position).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Atom = Callable[[str], str]  # the regex one character of an entry stands for

# Word edges: a cue must not sit inside a longer word, a contraction or a hyphenated compound.
EDGE_L = r"(?<![\w'’-])"
EDGE_R = r"(?![\w'’-])"


def whole_words(body: str) -> str:
    """`body` (a regex) matched only as whole words (see EDGE_L, EDGE_R)."""
    return EDGE_L + "(?:" + body + ")" + EDGE_R


def alternation(entries: Iterable[str], atom: Atom = re.escape, *,
                case_sensitive: bool = False) -> str:
    """A non-capturing group matching any entry, longest first, as a prefix tree.
    `case_sensitive`: the caller puts the group where case matters (`(?-i:...)` or a pattern
    without IGNORECASE), so upper-case ASCII letters are branches of their own too."""
    # longest first; ties in a fixed order, so that the pattern's text is the same in every
    # process whatever order `entries` come in (the compiled-regex cache is keyed by it)
    ordered = sorted(set(entries), key=lambda entry: (-len(entry), entry))
    if not ordered:
        return "(?!)"  # matches nothing, as an empty list should
    atom = {char: atom(char) for char in set().union(*ordered)}.__getitem__  # once per character
    if not all(entry.isascii() and (case_sensitive or entry == entry.lower())
               for entry in ordered):
        return "(?:" + "|".join("".join(map(atom, entry)) for entry in ordered) + ")"
    root: _Trie = {}
    for entry in ordered:
        node = root
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}  # an entry ends here
    return "(?:" + _branches(root, atom) + ")"


_Trie = dict[str, "_Trie"]


def _branches(node: _Trie, atom: Atom) -> str:
    # A run of nodes with one way on and no entry ending is written out without recursing
    # (most of a word list's characters): the same text, built in a third of the time.
    chain = []
    while len(node) == 1:
        char, child = next(iter(node.items()))
        if not char:
            break  # a leaf: an entry ends here
        chain.append(atom(char))
        node = child
    head = "".join(chain)
    branches = [atom(char) + _branches(node[char], atom) for char in sorted(node) if char]
    if not branches:
        return head
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return head + (f"(?:{body})?" if "" in node else body)  # greedy: the longer entry first


def apostrophe_atom(char: str) -> str:
    """A word list's entry as written: either apostrophe where the entry has one ("won't"
    matches "won’t"), every other character as itself."""
    if char == "'":
        return "['’]"
    return re.escape(char)


def prose_atom(char: str) -> str:
    """A phrase as written in prose: any run of spaces between words, either apostrophe."""
    if char == " ":
        return r"\s+"
    return apostrophe_atom(char)
