"""Consistency checks between a claim and the passage that best matches it.

A source that is about the same thing but disagrees on a number, a date, a name, the polarity or
the quantifier contradicts the claim. Each check returns the difference with a reason that says
exactly what differs, in the words of the two texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ..datafiles import calendar_words
from ..models import Difference
from .normalize import Token, is_negation, stem, tokens, word_list, word_set
from .numbers import Quantity, find_dates, find_quantities, same_value

NEGATION_REACH = 3  # words after a negation that it can apply to ("did not fully reject")
NAME_RUN = 3  # longest run of replaced words still read as one name swapped for another


@dataclass(frozen=True)
class Mismatch:
    difference: Difference
    reason: str


@dataclass(frozen=True)
class Parsed:
    """A text's words in the forms the checks need, worked out once per text."""

    tokens: list[Token]
    lower: list[str]
    stems: list[str]
    stem_set: frozenset[str]
    word_set: frozenset[str]


@lru_cache(maxsize=4096)
def parse(text: str) -> Parsed:
    toks = tokens(text)
    lower = [t.text.lower() for t in toks]
    stems = [stem(w) for w in lower]
    return Parsed(toks, lower, stems, frozenset(stems), frozenset(lower))


def compare(claim: str, evidence: str) -> list[Mismatch]:
    """Every disagreement between claim text and evidence text, in a stable order."""
    return [*numbers(claim, evidence), *dates(claim, evidence), *entities(claim, evidence),
            *polarity(claim, evidence), *quantifiers(claim, evidence)]


def numbers(claim: str, evidence: str) -> list[Mismatch]:
    """A count, share or amount in the claim that the evidence gives differently.

    Two quantities are compared only when they measure the same thing: the same unit and the
    same counted word (or one of them names none), so "3 ships" is never set against "40%".
    """
    said = find_quantities(claim)
    if not said:
        return []  # nothing to compare: the evidence need not be read
    found = find_quantities(evidence)
    out: list[Mismatch] = []
    for q in said:
        same_kind = [e for e in found if e.unit == q.unit]
        if any(same_value(e.value, q.value) for e in same_kind):
            continue
        rivals = [e for e in same_kind if _same_measure(q, e)]
        if not rivals:
            continue
        e = rivals[0]
        noun = f" {q.noun_text}" if q.noun_text and not q.unit else ""
        out.append(Mismatch(Difference(kind="number", claim=q.text, evidence=e.text),
                            f"claim says {q.text}{noun}, source says {e.text}{noun}"))
    return out


def _same_measure(a: Quantity, b: Quantity) -> bool:
    """Both count the same word, or both carry a unit and at most one names what it measures.
    Two bare numbers with nothing after them ("Figure 1", "in 2100") are not comparable."""
    if a.noun and b.noun:
        return a.noun == b.noun
    return bool(a.unit) and a.unit == b.unit


def dates(claim: str, evidence: str) -> list[Mismatch]:
    """A date in the claim that no date of the evidence agrees with, where the evidence gives a
    date of the same kind (a day against a day, a year against a year)."""
    said = find_dates(claim)
    if not said:
        return []
    found = find_dates(evidence)
    out: list[Mismatch] = []
    for d in said:
        if any(d.agrees_with(e) for e in found):
            continue
        rival = next((e for e in found if d.comparable(e)), None)
        if rival is not None:
            out.append(Mismatch(Difference(kind="date", claim=d.text, evidence=rival.text),
                                f"claim says {d.text}, source says {rival.text}"))
    return out


def _is_name(token: Token, text: str) -> bool:
    """A capitalised word that is not a function word, month or weekday, and not the first word
    of a sentence (where capitals say nothing about names)."""
    before = text[max(0, token.start - 8):token.start].rstrip(" \t\"'“‘(")
    initial = token.start < 8 and not before or before[-1:] in (".", "!", "?", ":", "\n")
    return (token.text[:1].isupper() and not initial
            and token.lower not in word_set("stopwords")
            and token.lower not in calendar_words() and not is_negation(token.text))


def _name_key(token: Token) -> str:
    lower = token.lower
    return lower[:-2] if lower.endswith("'s") else lower


def entities(claim: str, evidence: str) -> list[Mismatch]:
    """A name in the claim replaced by a different name at the same place in the evidence.

    Claim and evidence words are aligned (Levenshtein opcodes over lowercased words); where a
    run of claim words is replaced, and both runs contain capitalised names the other text does
    not mention at all, the names differ. A name simply missing is not a contradiction.
    """
    c_tokens, e_tokens = parse(claim).tokens, parse(evidence).tokens
    c_keys, e_keys = [_name_key(t) for t in c_tokens], [_name_key(t) for t in e_tokens]
    c_words, e_words = set(c_keys), set(e_keys)
    if not any(key not in e_words and _is_name(t, claim) for t, key in zip(c_tokens, c_keys,
                                                                          strict=True)):
        return []  # every name of the claim is in the evidence: none can have been replaced
    out: list[Mismatch] = []
    ops = list(Levenshtein.opcodes(c_keys, e_keys))
    for n, op in enumerate(ops):
        if op.tag != "replace" or max(op.src_end - op.src_start,
                                      op.dest_end - op.dest_start) > NAME_RUN:
            continue
        # Only a swap inside otherwise matching wording is "the same position".
        neighbours = ops[max(0, n - 1):n] + ops[n + 1:n + 2]
        if not any(o.tag == "equal" for o in neighbours):
            continue
        c_names = [t.text for t in c_tokens[op.src_start:op.src_end]
                   if _is_name(t, claim) and _name_key(t) not in e_words]
        e_names = [t.text for t in e_tokens[op.dest_start:op.dest_end]
                   if _is_name(t, evidence) and _name_key(t) not in c_words]
        if c_names and e_names:
            said, source = " ".join(c_names), " ".join(e_names)
            out.append(Mismatch(Difference(kind="entity", claim=said, evidence=source),
                                f"claim names {said}, source names {source}"))
    return out


@lru_cache(maxsize=1)
def _antonyms() -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = {}
    for line in word_list("antonyms"):
        a, b = (stem(w) for w in line.split()[:2])
        pairs.setdefault(a, set()).add(b)
        pairs.setdefault(b, set()).add(a)
    return pairs


def _negated(text: Parsed, other_stems: frozenset[str]) -> list[str]:
    """Phrases where a negation applies to a word the other text also uses (or its opposite),
    quoted with a leading auxiliary: "did not reject"."""
    antonyms = _antonyms()
    aux, stop = word_set("auxiliaries"), word_set("stopwords")
    words = text.tokens
    phrases = []
    for i, tok in enumerate(words):
        if not is_negation(tok.text):
            continue
        for j in range(i + 1, min(len(words), i + 1 + NEGATION_REACH)):
            s = text.stems[j]
            if text.lower[j] in stop:  # "not ... the" says nothing about what is negated
                continue
            if s in other_stems or not antonyms.get(s, set()).isdisjoint(other_stems):
                first = i - 1 if i and text.lower[i - 1] in aux else i
                phrases.append(" ".join(w.text for w in words[first:j + 1]))
                break
    return phrases


def polarity(claim: str, evidence: str) -> list[Mismatch]:
    """One text negates what the other asserts, or uses the opposite word.

    Negations count only when they bear on a word both texts share, so an unrelated "not"
    elsewhere in the evidence sentence does not flip it. An opposite word and a negation cancel
    ("did not reject" agrees with "accepted").
    """
    c, e = parse(claim), parse(evidence)
    c_neg, e_neg = _negated(c, e.stem_set), _negated(e, c.stem_set)
    antonyms = _antonyms()
    flipped = None
    for tok, s in zip(c.tokens, c.stems, strict=True):
        opposite = antonyms.get(s)
        if not opposite or s in e.stem_set or opposite.isdisjoint(e.stem_set):
            continue
        match = next(t for t, es in zip(e.tokens, e.stems, strict=True) if es in opposite)
        flipped = (tok.text, match.text)
        break
    negations_differ = len(c_neg) % 2 != len(e_neg) % 2
    if negations_differ == (flipped is not None):
        return []
    if flipped is not None:
        said, source = flipped
        return [Mismatch(Difference(kind="negation", claim=said, evidence=source),
                         f"claim says {said}, source says {source}")]
    if len(e_neg) % 2:
        return [Mismatch(Difference(kind="negation", claim="", evidence=e_neg[0]),
                         f"source negates: '{e_neg[0]}'")]
    return [Mismatch(Difference(kind="negation", claim=c_neg[0], evidence=""),
                     f"claim negates: '{c_neg[0]}', source does not")]


def quantifiers(claim: str, evidence: str) -> list[Mismatch]:
    """The claim speaks of all where the source speaks of some."""
    c_words, e = parse(claim).lower, parse(evidence)
    e_words = e.word_set
    universal, partial = word_set("universal_quantifiers"), word_set("partial_quantifiers")
    said = next((w for w in c_words if w in universal and w not in e_words), None)
    if said is None or e_words & universal:
        return []
    source = next((w for w in e.lower if w in partial), None)
    if source is None or source in c_words:
        return []
    return [Mismatch(Difference(kind="quantifier", claim=said, evidence=source),
                     f"claim says {said}, source says {source}")]
