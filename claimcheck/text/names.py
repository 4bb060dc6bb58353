"""Names: capitalised runs that name a person, place or organisation, and their stems.

- `NAME` / `name_pattern()`: a run of capitalised words ("Transport Minister Ivo Lenz", "U.S.",
  "Dr. Elena Sorel", "Ministry of Foreign Affairs"), never across a blank line.
- `trim_name(text, start, end, ...)`: such a run without the ordinary words that only open it
  ("The", "Despite", a month), its linking words at the end and a possessive: (start, end) of
  the name, or None.
- `name_stems(text)`: content stems of the words of a text that read as names, for the checker.
"""

from __future__ import annotations

import re
from functools import cache

from .dates import calendar_words
from .numbers import unit_spellings
from .patterns import alternation
from .stems import content_stems
from .tokens import plain, tokens
from .wordlists import tagged, word_set

_DOTTED_ACRONYM = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
_NON_SPACE = re.compile(r"\S+")
_LINKS = ("of", "for", "and", "the", "de", "al")  # never the last word of a name
_SENTENCE_ENDS = ".!?:\"“'‘"


def titles() -> frozenset[str]:
    """Titles written with a full stop before a name ("dr", "gen"), lower case."""
    return tagged("abbreviations", "title")


@cache
def name_pattern() -> re.Pattern[str]:
    """A capitalised run: words, "U.S."-style initials or a title "Dr."; no other "." so that
    "Gaza. Despite" stays two names; words joined by spaces, one line break, a hyphen, or
    "of/for/de/al/the"."""
    title = alternation((t.capitalize() for t in titles()), case_sensitive=True)
    gap = r"(?:[ \t]*\r?\n[ \t]*|[ \t]+)"  # a line break, never a blank line
    name = rf"(?:(?:[A-Z]\.){{2,}}|(?:{title})\.|[A-Z][\w'’&]*(?:-[A-Z]?[\w'’&]+)*)"
    return re.compile(
        rf"(?<![\w'’]){name}(?:(?:{gap}(?:of|for|de|al|the){gap}|{gap}|-){name})*")


@cache
def _opening_words() -> frozenset[str]:
    """Words that open a capitalised run without being part of the name."""
    return word_set("common_words") | calendar_words()


def trim_name(text: str, s: int, e: int, lower_words: frozenset[str] = frozenset()
              ) -> tuple[int, int] | None:
    """The name inside the capitalised run text[s:e]: opening common words ("The",
    "Despite"), a first word the text also writes in lower case (`lower_words`), trailing
    linking words, a possessive and final punctuation removed. None when nothing is left, or it
    is "I" or a unit of measure."""
    words = [t.span() for t in _NON_SPACE.finditer(text, s, e)]
    first = text[words[0][0]:words[0][1]].lower() if words else ""
    head, tail = 0, len(words)
    if first in lower_words or first.endswith("ing"):
        head = 1  # an ordinary word that only opens the sentence
    opening = _opening_words()
    while head < tail and plain(text[words[head][0]:words[head][1]]) in opening:
        head += 1
    while head < tail and text[words[tail - 1][0]:words[tail - 1][1]].lower() in _LINKS:
        tail -= 1
    if head >= tail:
        return None
    s, e = words[head][0], words[tail - 1][1]
    name = text[s:e]
    for suffix in ("'s", "’s", "'", "’", ".", "-"):
        if name.endswith(suffix) and not (suffix == "." and _DOTTED_ACRONYM.search(name)):
            name, e = name[: -len(suffix)], e - len(suffix)
    if not name or name == "I" or name.lower() in unit_spellings():
        return None
    return s, e


def name_stems(text: str) -> frozenset[str]:
    """Content stems of the capitalised words that read as names: any capitalised word not at
    the start of a sentence, and one at the start when the next word is capitalised too
    ("Transport Minister Ivo Lenz"). A sentence-initial word alone ("Aid convoys") is not."""
    toks = tokens(text)
    caps = [t.text[:1].isupper() for t in toks]
    names: list[str] = []
    for i, tok in enumerate(toks):
        if not caps[i]:
            continue
        gap = text[toks[i - 1].end:tok.start].strip() if i else ""
        starts_sentence = i == 0 or (gap != "" and gap[-1] in _SENTENCE_ENDS)
        if not starts_sentence or (i + 1 < len(toks) and caps[i + 1]):
            names.append(tok.text)
    # one call for all names: a token holds no whitespace, so joining changes no word
    return content_stems(" ".join(names)) if names else frozenset()
