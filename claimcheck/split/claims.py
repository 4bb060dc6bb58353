"""Cut a sentence into atomic claims: one per quoted sentence, one per independent clause.

A checker can only give one verdict per claim, so "Israel controls Rafah, and it is still
unclear what will happen" must become two claims: a checkable fact and a speculation.
Noun lists ("openness, courage, and readiness") are not clauses and stay together.
"""

from __future__ import annotations

import re

from ..text.tokens import plain
from ..text.wordlists import tagged, word_set

SPLIT = "claimcheck.split"  # the package whose data/ holds the splitter's own lists

Span = tuple[int, int]

# Not ", so": "X, so Y" states that X is why Y, one causal claim that a checker (and the
# hasty-generalization rule) must see whole.
_JOINT = re.compile(r"(?:,\s+(?:and|but|or|yet|while|whereas)|;(?:\s+(?:and|but|or|yet))?)"
                    r"\s+")
_TOKEN = re.compile(r"[\w'’-]+")


def clause_spans(masked: str, start: int, end: int) -> list[Span]:
    """Spans of the independent clauses in masked[start:end] (the whole span if only one)."""
    spans: list[Span] = []
    left = start
    for m in _JOINT.finditer(masked, start, end):
        if _is_clause(masked[left:m.start()]) and \
                _is_clause(masked[m.end():end], subject_first=True):
            spans.append(_trim(masked, left, m.start()))
            left = m.end()
    spans.append(_trim(masked, left, end))
    return [s for s in spans if s[1] > s[0]]


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and (text[s].isspace() or text[s] in ",;"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;"):
        e -= 1
    return s, e


_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it", "there", "this", "that"})


def _verb_like(token: str, previous: str) -> bool:
    """An auxiliary, or an -s/-ed word right after something that can be its subject."""
    low = plain(token)
    if low in tagged("auxiliaries", "clause") or low.endswith("n't"):
        return True
    if low in word_set("irregular_past", SPLIT) and previous and previous.lower() != "to":
        return True
    if not previous:
        return False
    prev = previous.lower()
    subjectish = previous[:1].isupper() or prev in _PRONOUNS or (
        prev.isalpha() and prev not in word_set("subject_starts", SPLIT))
    return subjectish and (low.endswith("ed") or (
        low.endswith("s") and not low.endswith(("ss", "us", "is", "ous"))))


def _is_clause(text: str, subject_first: bool = False) -> bool:
    """Has a subject and a finite verb. With `subject_first` (the part after a conjunction)
    the verb must come within five words, after at least one word, and not be the last word,
    so "and readiness to compromise" or "and rising prices" are not clauses."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < 2:
        return False
    if subject_first:
        first = plain(tokens[0])
        if first in ("to", "not") or first in tagged("auxiliaries", "clause"):
            return False
        return any(_verb_like(tokens[i], tokens[i - 1])
                   for i in range(1, min(5, len(tokens) - 1)))
    previous = ""
    for token in tokens:
        if _verb_like(token, previous):
            return True
        previous = token
    return False
