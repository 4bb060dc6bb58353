"""Consistency checks between a claim and the passage that best matches it.

A source that is about the same thing but disagrees on a number, a date, a name, the polarity or
the quantifier contradicts the claim. Each check returns the difference with a reason that says
exactly what differs, in the words of the two texts.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ..models import Difference
from ..text.bounds import (
    NEGATED_BOUNDS,
    Amount,
    When,
    find_amounts,
    find_whens,
    find_years,
    name_figures,
)
from ..text.dates import DateMention, calendar_words, find_dates
from ..text.figures import is_count
from ..text.numbers import Quantity, name_figure
from ..text.ordinals import ORDINAL_WORDS as _ORDINAL_WORDS
from ..text.ordinals import ordinal
from ..text.stems import stem
from ..text.stopwords import is_negation, is_negation_form, negations, stopwords
from ..text.tokens import Token, tokens, typography
from ..text.wordlists import entries, tagged, word_set

NEGATION_REACH = 3  # words after a negation that it can apply to ("did not fully reject")
NAME_RUN = 3  # longest run of replaced words still read as one name swapped for another


@dataclass(frozen=True)
class Mismatch:
    difference: Difference
    reason: str


@dataclass(frozen=True)
class Details:
    """The claim's checkable details (numbers, dates, names) against one passage: found there,
    contradicted by it, or missing from it (the passage does not settle them)."""

    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    mismatches: tuple[Mismatch, ...] = ()
    names: tuple[str, ...] = ()  # which of found and missing are names
    dates: tuple[str, ...] = ()  # which of found and missing are dates (the rest: numbers)
    bounded: tuple[str, ...] = ()  # which of found are bounds or approximations met

    def __add__(self, other: Details) -> Details:
        return Details(self.found + other.found, self.missing + other.missing,
                       self.mismatches + other.mismatches, self.names + other.names,
                       self.dates + other.dates, self.bounded + other.bounded)

    def count(self, kind: str) -> tuple[int, int, int]:
        """(found, missing, contradicted) details of one kind: "number", "date" or "name"."""
        def of(text: str) -> str:
            return "name" if text in self.names else "date" if text in self.dates else "number"
        wrong = sum(_DETAIL_KIND.get(m.difference.kind) == kind for m in self.mismatches)
        return (sum(of(t) == kind for t in self.found), sum(of(t) == kind for t in self.missing),
                wrong)

    def unsettled(self) -> list[str]:
        """What keeps the passage from supporting the claim in full: every missing number and
        date; names only when the passage has none of the claim's names (a passage about the
        same subject need not repeat every name the claim gives it: "The channel has..." under
        a page on T-Series)."""
        facts = [m for m in self.missing if m not in self.names]
        names = [m for m in self.missing if m in self.names]
        if names and not any(f in self.names for f in self.found):
            facts += names
        return facts


_DETAIL_KIND = {"number": "number", "bound": "number", "unit": "number", "date": "date",
                "entity": "name"}


@dataclass(frozen=True)
class Parsed:
    """A text's words in the forms the checks need, worked out once per text."""

    tokens: list[Token]
    lower: list[str]
    stems: list[str]
    stem_set: frozenset[str]
    word_set: frozenset[str]
    negations: tuple[int, ...]  # positions of the negations (see `is_negation`), bounds' aside
    keys: list[str]  # each word as names are compared (see `_name_key`)
    key_set: frozenset[str]


@lru_cache(maxsize=4096)
def parse(text: str) -> Parsed:
    toks = tokens(text)
    lower = [t.text.lower() for t in toks]
    stems = [stem(w) for w in lower]
    keys = [_name_key(w) for w in lower]
    # `is_negation` of each word, on the lower-case words (a token holds no curly apostrophe:
    # `tokens` straightens them); "no" of "no more than 50" bounds the figure, denies nothing
    return Parsed(toks, lower, stems, frozenset(stems), frozenset(lower),
                  tuple(i for i, w in enumerate(lower) if is_negation_form(w)
                        and not _negated_bound(lower, i) and not _emphatic(lower, i)),
                  keys, frozenset(keys))


@lru_cache(maxsize=1)
def _negated_bounds() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.split()) for w in NEGATED_BOUNDS)


def _negated_bound(lower: list[str], i: int) -> bool:
    """Whether the negation at `i` begins a bound word ("no more than", "not later than")."""
    return lower[i] in ("no", "not") and tuple(lower[i:i + 3]) in _negated_bounds()


_ADDITIVE = frozenset(("only", "just", "merely", "simply", "solely"))


def _emphatic(lower: list[str], i: int) -> bool:
    """Whether the negation at `i` adds or insists rather than denies: "not only reduces"
    (... but also), "nothing less than", "nothing short of"."""
    after = lower[i + 1:i + 3]
    return (lower[i] == "not" and bool(after) and after[0] in _ADDITIVE) or (
        lower[i] == "nothing" and after in (["less", "than"], ["short", "of"]))


@lru_cache(maxsize=4096)
def aligned(claim: str, evidence: str) -> tuple[int | None, ...]:
    """For each claim word, the evidence word at the same place in the sentence (stems aligned
    by Levenshtein opcodes: kept words map one to one, a replaced run maps word by word), or
    None where the claim adds words."""
    c, e = parse(claim), parse(evidence)
    out: list[int | None] = [None] * len(c.stems)
    for op in Levenshtein.opcodes(c.stems, e.stems):
        if op.tag in ("equal", "replace") and op.dest_end > op.dest_start:
            for i in range(op.src_start, op.src_end):
                out[i] = min(op.dest_start + i - op.src_start, op.dest_end - 1)
    return tuple(out)


def _counterpart(claim: str, evidence: str, start: int, end: int,
                 spans: list[tuple[int, int]]) -> int | None:
    """Which of the evidence's spans (character offsets) sits where the claim's [start, end)
    sits, by the word alignment; None when the evidence has nothing there."""
    c, e = parse(claim), parse(evidence)
    where = aligned(claim, evidence)
    for i, tok in enumerate(c.tokens):
        if tok.end <= start or tok.start >= end or where[i] is None:
            continue
        j = where[i]
        assert j is not None
        if e.tokens[j].text == tok.text:  # the same word ("4-0"): the same place inside it
            pos = e.tokens[j].start + max(0, start - tok.start)
            hit = next((n for n, (s, f) in enumerate(spans) if s <= pos < f), None)
            if hit is not None:
                return hit
        for k in (j, j - 1, j + 1):
            if 0 <= k < len(e.tokens):
                t = e.tokens[k]
                hit = next((n for n, (s, f) in enumerate(spans) if s < t.end and t.start < f),
                           None)
                if hit is not None:
                    return hit
    return None


def compare(claim: str, evidence: str) -> list[Mismatch]:
    """Every disagreement between claim text and evidence text, in a stable order."""
    counted = number_details(claim, evidence)
    found = [*counted.mismatches, *dates(claim, evidence)]
    found += ordinals(claim, evidence)
    found += figures(claim, evidence, found, counted.found)
    swapped = entities(claim, evidence)
    every = [*found, *swapped, *roles(claim, evidence, swapped), *polarity(claim, evidence),
             *quantifiers(claim, evidence)]
    # a name's figure ("A-12" / "SR-71") may be named by both the figure and the name checks
    first: dict[tuple[str, str, str], Mismatch] = {}
    for m in every:
        first.setdefault((m.difference.kind, m.difference.claim, m.difference.evidence), m)
    return list(first.values())


def distinct(mismatches: Sequence[Mismatch]) -> list[Mismatch]:
    """The differences as a reader is told them: one pair of words is one difference, named
    once, by the first check that saw it (a rank, "second" / "first", is read by the rank and
    the opposite-word checks). The verdict model reads every check's finding."""
    first: dict[tuple[str, str], Mismatch] = {}
    for m in mismatches:
        first.setdefault((m.difference.claim, m.difference.evidence), m)
    return list(first.values())


_DIGIT = re.compile(r"\d")


def _superlative(word: str) -> bool:
    return len(word) > 4 and word.endswith("est") or word in ("most", "least", "best", "worst")


@lru_cache(maxsize=4096)
def _rank_words(text: str) -> tuple[list[str], list[str], bool]:
    """The text's words, lowercased and as written, with a rank joined to a superlative by a
    hyphen taken apart ("third-largest" -> "third", "largest"), as the other text may write it
    in two words; and whether any of them is a rank. (Cached: the lists are only read.)"""
    lower: list[str] = []
    shown: list[str] = []
    for tok in parse(text).tokens:
        head, _, tail = tok.text.partition("-")
        if tail and ordinal(head) and _superlative(tail.lower()):
            lower += [head.lower(), tail.lower()]
            shown += [head, tail]
        else:
            lower.append(tok.lower)
            shown.append(tok.text)
    return lower, shown, any(ordinal(w) for w in lower)


_DIGIT_RANK = re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE)


def _may_rank(text: str) -> bool:
    """Whether `text` can hold a rank (see `_rank_words`): a word that is a rank word, or
    starts with one before a hyphen, or a figure with an ordinal ending. Cheaper than
    `_rank_words` for the many passages that have none."""
    return bool(_DIGIT_RANK.search(text)) or any(
        w.partition("-")[0] in _ORDINAL_WORDS for w in parse(text).word_set)


def ordinals(claim: str, evidence: str) -> list[Mismatch]:
    """A rank in the same place given as another one ("the third largest" / "the fourth
    largest", "2nd" / "second", "third-largest"), or a rank before a superlative that the source
    gives bare ("the second largest" / "the largest", which is the first)."""
    if not _may_rank(claim) and not _may_rank(evidence):
        return []
    (c, c_text, c_ranks), (e, e_text, e_ranks) = _rank_words(claim), _rank_words(evidence)
    if not c_ranks and not e_ranks:
        return []
    out = []
    for op in Levenshtein.opcodes(c, e):
        said = [(i, n) for i in range(op.src_start, op.src_end) if (n := ordinal(c[i]))]
        source = [(j, n) for j in range(op.dest_start, op.dest_end) if (n := ordinal(e[j]))]
        if op.tag == "replace" and said and source and said[0][1] != source[0][1]:
            out.append(_rank_mismatch(c_text[said[0][0]], e_text[source[0][0]]))
        elif op.tag == "delete" and said and not source and said[0][1] != 1 and (
                op.src_end < len(c) and _superlative(c[op.src_end])
                and op.dest_start < len(e) and e[op.dest_start] == c[op.src_end]):
            i = said[0][0]
            out.append(_rank_mismatch(f"{c_text[i]} {c_text[op.src_end]}",
                                      e_text[op.dest_start]))
        elif op.tag == "insert" and source and source[0][1] != 1 and (
                op.dest_end < len(e) and _superlative(e[op.dest_end])
                and op.src_start < len(c) and c[op.src_start] == e[op.dest_end]):
            j = source[0][0]
            out.append(_rank_mismatch(c_text[op.src_start], f"{e_text[j]} {e_text[op.dest_end]}"))
        if out:
            break
    return out


def _rank_mismatch(said: str, source: str) -> Mismatch:
    return Mismatch(Difference(kind="number", claim=said, evidence=source),
                    f"claim says {said}, source says {source}")


def figures(claim: str, evidence: str, known: list[Mismatch],
            settled: tuple[str, ...] = ()) -> list[Mismatch]:
    """Any other figure replaced in place ("the 20th century" / "the 12th century", "63/37" /
    "63/45"): a word with digits where the evidence, in the same wording, has another one that
    the claim does not use anywhere. Those the number and date checks named are left out."""
    c, e = parse(claim), parse(evidence)
    if not any(_DIGIT.search(w) for w in c.lower):
        return []
    named = " ".join(m.difference.claim for m in known)
    # dates are the date checks' to read, and figures the number check found are settled
    dated: list[When | Quantity] = [
        *find_whens(claim), *(a.quantity for a in find_amounts(claim) if a.text in settled)]
    # a figure of the claim that is no date is never set against the evidence's date ("2,000
    # people" / "In 2010 people")
    their_dates = find_whens(evidence)
    read = [a.quantity for a in find_amounts(claim)]
    theirs = [a.quantity for a in find_amounts(evidence)]
    # a figure written another way ("600.000" / "600,000", which `tokens` splits in two)
    same = {(q.start, q.end, r.start, r.end) for q in read for r in theirs
            if (q.value, q.high, q.unit) == (r.value, r.high, r.unit)}
    out = []
    ops = Levenshtein.opcodes(c.lower, e.lower)
    for n, op in enumerate(ops):
        if op.tag != "replace" or op.src_end - op.src_start != op.dest_end - op.dest_start:
            continue
        # in place: the same words on both sides (or the sentence's edge)
        if not ((ops[n - 1].tag == "equal" if n else op.src_start == 0) and (
                ops[n + 1].tag == "equal" if n + 1 < len(ops) else op.src_end == len(c.lower))):
            continue
        for i, j in zip(range(op.src_start, op.src_end), range(op.dest_start, op.dest_end),
                        strict=True):
            said, source = c.tokens[i].text, e.tokens[j].text
            if _within(c.tokens[i].start, c.tokens[i].end, dated) or ordinal(said):
                continue  # the date, number and rank checks read it
            if any(q0 <= c.tokens[i].start and c.tokens[i].end <= q1
                   and r0 <= e.tokens[j].start and e.tokens[j].end <= r1
                   for q0, q1, r0, r1 in same):
                continue  # the same amount, written another way
            if _within(e.tokens[j].start, e.tokens[j].end, their_dates) and (
                    not find_years(said) or is_count(claim, c.tokens[i].start,
                                                     c.tokens[i].end)):
                continue  # a count against a date ("2002–1993" / "2002–2003" is a year's)
            if (_DIGIT.search(said) and _DIGIT.search(source) and said not in named
                    and c.lower[i] not in e.word_set):
                out.append(_figure_mismatch(claim, evidence, c.tokens[i], e.tokens[j]))
    return out


def _figure_mismatch(claim: str, evidence: str, said: Token, source: Token) -> Mismatch:
    """One figure replaced by another; the figure of a name ("Apollo 11" / "Apollo 13") is a
    name replaced by another."""
    at = name_figure(claim, said.start + _first_digit(said.text))
    if at is not None:
        there = name_figure(evidence, source.start + _first_digit(source.text))
        name, other = claim[at:said.end], evidence[
            source.start if there is None else there:source.end]
        return Mismatch(Difference(kind="entity", claim=name, evidence=other),
                        f"claim names {name}, source names {other}")
    kind = "date" if find_years(said.text) and find_years(source.text) else "number"
    return Mismatch(Difference(kind=kind, claim=said.text, evidence=source.text),  # type: ignore[arg-type]
                    f"claim says {said.text}, source says {source.text}")


def _first_digit(word: str) -> int:
    m = _DIGIT.search(word)
    return m.start() if m else 0


def details(claim: str, evidence: str) -> Details:
    """Numbers, dates and names of the claim: found in the evidence, contradicted, or missing.
    A name's figure is a detail with its name ("Garfield 2", "Mi-24"): found where the evidence
    writes the same name and figure; it is no count, and the name is not counted twice."""
    named = named_figures(claim, evidence)
    found = number_details(claim, evidence) + date_details(claim, evidence) + named
    names = claim_names(claim)
    if named.found or named.missing:  # a name is counted with its figure, unless said apart
        rest = claim
        for start, end in name_figures(claim):
            rest = rest[:start] + " " * (end - start) + rest[end:]
        names = tuple(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", rest))
    if names:
        said = parse(evidence).key_set
        keys = {n: n.lower().replace("’", "'").removesuffix("'s") for n in names}
        # a place and its people's adjective name the same: "Egypt" / "Egyptian mediators"
        said = said | {w[:len(k)] for w in said for k in keys.values() if len(k) >= 4}
        found += Details(found=tuple(n for n in names if keys[n] in said),
                         missing=tuple(n for n in names if keys[n] not in said), names=names)
    return found


def named_figures(claim: str, evidence: str) -> Details:
    """The claim's names with a figure ("Garfield 2", "Vol. 3", "COVID-19"; see
    `text.bounds.name_figures`), found where the evidence writes them the same way (case and
    spacing aside), else missing. One the passage lacks counts as a missing name: a passage
    need not repeat the title it is about ("it grossed ..." under "Baaghi 2"); one it has is a
    matched figure, so a passage that shares it is more than a passage sharing names."""
    spans = name_figures(claim)
    if not spans:
        return Details()
    there = " ".join(typography(evidence).lower().split())
    found: list[str] = []
    missing: list[str] = []
    for start, end in spans:
        shown = claim[start:end]
        said = re.escape(" ".join(typography(shown).lower().split()))
        (found if re.search(rf"(?<!\w){said}(?!\w)", there) else missing).append(shown)
    return Details(tuple(found), tuple(missing), names=tuple(missing))


def numbers(claim: str, evidence: str) -> list[Mismatch]:
    return list(number_details(claim, evidence).mismatches)


# Units that are easily confused with each other: the same figure in the other unit is a
# different claim ("rose 3 percentage points" is not "rose 3%").
_CONFUSED_UNITS = ({"%", "pp"},)


@lru_cache(maxsize=64)  # asked twice per pair: by `compare` and by `details`
def number_details(claim: str, evidence: str) -> Details:
    """A count, share or amount of the claim against the evidence's, bounds included.

    Two quantities are compared only when they measure the same thing: the same unit and the
    same counted word (or one of them names none), so "3 ships" is never set against "40%".
    A claim's number is found when the evidence's allows nothing the claim's does not ("more
    than 75%" against "85%"), contradicted when they share nothing ("fewer than 15" against
    "20"; "under 7 million" against "more than 7 million"), else missing.
    """
    said = find_amounts(claim)
    if not said:
        return Details()  # nothing to compare: the evidence need not be read
    got = find_amounts(evidence)
    found, missing, out = [], [], []
    spans = [(e.quantity.start, e.quantity.end) for e in got]
    for a in said:
        at = _counterpart(claim, evidence, a.quantity.start, a.quantity.end, spans)
        twin = got[at] if at is not None else None
        if twin is not None and twin.unit == a.unit and _nouns_agree(a, twin) and _differ(
                a, twin):
            near = _closest(a, got)
            if near is None or near is twin or not near.exact().inside(a.interval):
                out.append(_number_mismatch(a, twin))
                continue
        same_kind = [e for e in got if e.unit == a.unit]
        nearest = _bounded_counterpart(a, same_kind)
        if nearest is not None:
            if nearest.exact().inside(a.interval):
                found.append(a.text)
                continue
            if nearest.exact().disjoint(a.interval):
                out.append(_number_mismatch(a, nearest))
                continue
        if any(e.exact().inside(a.interval) for e in same_kind if _nouns_agree(a, e)) or (
                not a.interval.word and any(
                    not e.interval.word and e.quantity.value == a.quantity.value
                    for e in same_kind)):
            found.append(a.text)
            continue
        rivals = [e for e in same_kind if _same_measure(a.quantity, e.quantity)]
        clash = [e for e in rivals if e.exact().disjoint(a.interval)]
        if rivals and len(clash) == len(rivals):
            e = min(clash, key=lambda r: abs(r.quantity.value - a.quantity.value))
            out.append(_number_mismatch(a, e))
            continue
        confused = [e for e in got if {e.unit, a.unit} in _CONFUSED_UNITS
                    and not e.interval.disjoint(a.interval)]
        if confused:
            out.append(Mismatch(Difference(kind="unit", claim=a.text, evidence=confused[0].text),
                                f"claim says {a.text}, source says {confused[0].text}"))
            continue
        missing.append(a.text)
    bounded = tuple(a.text for a in said if a.text in found and a.interval.word not in (
        "", "range"))
    return Details(tuple(found), tuple(missing), tuple(out), bounded=bounded)


def _bounded_counterpart(a: Amount, same_kind: list[Amount]) -> Amount | None:
    """The one figure of the source a bounded claim ("less than 70.8%", "fewer than four
    engines") is read against, when the source gives several of its measure: the one closest
    in value (a bound is written near the figure it bounds; the word alignment, which puts
    "29%" in the place of "less than 70.8%" against "71% and 29% respectively", is no guide
    across the bound's extra words). Without it, any figure that met the bound made it found:
    "less than 70.8%" against "71% and 29%", "fewer than four engines" against "4 engines (with
    1 reserve engines)". None for a plain figure or a range, and where no figure counts the
    same thing (the same unit and counted word)."""
    if a.interval.word in ("", "range"):
        return None
    return _closest(a, [e for e in same_kind if _nouns_agree(a, e)
                        and _same_measure(a.quantity, e.quantity)])


def _closest(a: Amount, got: Sequence[Amount]) -> Amount | None:
    """The source's figure of the same measure (unit, or the same counted word) closest in
    value to the claim's: when the word alignment puts another figure in the claim's place
    ("more than 926 feet" against "from 840 feet to 927 feet"), this one may still settle it."""
    same = [e for e in got if e.unit == a.unit and (a.unit or a.noun and e.noun == a.noun)]
    if not same:
        return None
    value = a.quantity.value
    return min(same, key=lambda e: (abs(e.quantity.value - value), e.quantity.start))


def _differ(a: Amount, e: Amount) -> bool:
    """The figure the evidence gives in the claim's place is another one: outside what the
    claim allows; or, both bounded the same way ("at least 55%" / "at least 33%") or both
    ranges, with other figures."""
    if e.exact().disjoint(a.interval):
        return True
    ai, ei = a.interval, e.interval
    same_way = ai.word and ei.word and ai.word != "range" and ei.word != "range" and (
        (ai.high == math.inf) == (ei.high == math.inf))
    if same_way and e.exact().inside(ai):
        return False  # "over 1,697,000" says "more than 1 million"
    if same_way or ai.word == ei.word == "range":
        slack = _slack(a)
        return (abs(ai.low - ei.low) > slack + 1e-9 and math.isfinite(ai.low)) or (
            math.isfinite(ai.high) and abs(ai.high - ei.high) > slack + 1e-9)
    return False


def _slack(a: Amount) -> float:
    """What the claim's own rounding allows: half a unit of its last written digit."""
    return max(0.0, min(abs(a.quantity.value - a.interval.low) if a.interval.word in
                        ("", "range") else 0.0, abs(a.quantity.value) * 0.05))


def _nouns_agree(a: Amount, b: Amount) -> bool:
    """Either counts no named word, or the same one ("reviews" / "reviewers" share a stem)."""
    if not a.noun or not b.noun or a.noun == b.noun:
        return True
    short, long = sorted((a.noun, b.noun), key=len)
    return len(short) >= 4 and long.startswith(short)


def _number_mismatch(a: Amount, e: Amount) -> Mismatch:
    noun = f" {a.quantity.noun_text}" if a.quantity.noun_text and not a.unit else ""
    bounded = a.interval.word not in ("", "range") or e.interval.word not in ("", "range")
    kind = "bound" if bounded and _overlap_values(a, e) else "number"
    return Mismatch(Difference(kind=kind, claim=a.text, evidence=e.text),  # type: ignore[arg-type]
                    f"claim says {a.text}{noun}, source says {e.text}{noun}")


def _overlap_values(a: Amount, e: Amount) -> bool:
    """The same figure with bounds that exclude each other ("under 7" / "more than 7")."""
    return abs(a.quantity.value - e.quantity.value) <= 1e-9 * max(1.0, abs(a.quantity.value))


def _same_measure(a: Quantity, b: Quantity) -> bool:
    """Both count the same word, or both carry a unit and at most one names what it measures.
    Two bare numbers with nothing after them ("Figure 1", "in 2100") are not comparable."""
    if a.noun and b.noun:
        return a.noun == b.noun
    return bool(a.unit) and a.unit == b.unit


def dates(claim: str, evidence: str) -> list[Mismatch]:
    return list(date_details(claim, evidence).mismatches)


@lru_cache(maxsize=64)  # asked twice per pair: by `compare` and by `details`
def date_details(claim: str, evidence: str) -> Details:
    """Dates of the claim against the evidence's. Days, months and weekdays: a date no date of
    the evidence agrees with, where the evidence gives one of the same kind (a day against a
    day; a weekday against a full date, through the calendar). Years, decades and year ranges
    as spans: found when the evidence's span lies inside the claim's ("1995" inside "the
    1990s"), contradicted when no span of the evidence overlaps it."""
    bounded = [w for w in find_whens(claim) if w.bound]
    said = [d for d in find_dates(claim) if set(d.fields()) != {"year"}
            and not _within(d.start, d.end, bounded)]
    years = [y for y in find_years(claim) if not _within(y.start, y.end, bounded)]
    if not said and not years and not bounded:
        return Details()
    found_dates = [_with_weekday(d) for d in find_dates(evidence)]
    found, missing, out = [], [], []
    for d in said:
        if any(d.agrees_with(e) and d.comparable(e) for e in found_dates):
            found.append(d.text)
            continue
        rival = next((e for e in found_dates if d.comparable(e) and not d.agrees_with(e)),
                     None)
        if rival is not None:
            out.append(Mismatch(Difference(kind="date", claim=d.text, evidence=rival.text),
                                f"claim says {d.text}, source says {rival.text}"))
        else:
            missing.append(d.text)
    spans = find_years(evidence)
    places = [(e.start, e.end) for e in spans]
    for y in years:
        at = _counterpart(claim, evidence, y.start, y.end, places)
        if at is not None and not y.overlaps(spans[at]) and not any(
                y.contains(e) for e in spans):
            shown = next((d.text for d in found_dates
                          if d.start <= spans[at].start and spans[at].end <= d.end),
                         spans[at].text)
            out.append(Mismatch(Difference(kind="date", claim=y.text, evidence=shown),
                                f"claim says {y.text}, source says {shown}"))
            continue
        if at is not None and y.low != y.high and spans[at].low != spans[at].high and (
                (y.low, y.high) != (spans[at].low, spans[at].high)) and not y.approx:
            out.append(Mismatch(Difference(kind="date", claim=y.text, evidence=spans[at].text),
                                f"claim says {y.text}, source says {spans[at].text}"))
            continue
        if any(y.contains(e) for e in spans):
            found.append(y.text)
        elif spans and not any(y.overlaps(e) for e in spans):
            near = min(spans, key=lambda e: min(abs(e.low - y.low), abs(e.high - y.high)))
            shown = next((d.text for d in found_dates
                          if d.start <= near.start and near.end <= d.end), near.text)
            out.append(Mismatch(Difference(kind="date", claim=y.text, evidence=shown),
                                f"claim says {y.text}, source says {shown}"))
        else:
            missing.append(y.text)
    return Details(tuple(found), tuple(missing), tuple(out),
                   dates=tuple(found) + tuple(missing)) + _bounded_dates(
        claim, evidence, bounded)


def _within(start: int, end: int, spans: Sequence[When | Quantity]) -> bool:
    return any(w.start <= start and end <= w.end for w in spans)


def _bounded_dates(claim: str, evidence: str, bounded: list[When]) -> Details:
    """Dates the claim bounds ("before November 30", "after 1975", "since 2016") against the
    evidence's date in the same place (else any of its dates): found when every day that date
    covers is allowed, contradicted when none is, else missing. A date without a year takes
    the other side's. "since" and "until" against a source that uses the same word are periods
    named by their end, compared as dates."""
    if not bounded:
        return Details()
    got = find_whens(evidence)
    places = [(e.start, e.end) for e in got]
    found, missing, out = [], [], []
    for w in bounded:
        at = _counterpart(claim, evidence, w.start, w.end, places)
        rivals = [got[at]] if at is not None else _nearest_whens(w, got)
        verdicts = [_bound_verdict(w, e) for e in rivals]
        if "inside" in verdicts:
            found.append(w.text)
        elif verdicts and all(v == "outside" for v in verdicts):
            e = rivals[0]
            out.append(Mismatch(Difference(kind="date", claim=w.text, evidence=e.text),
                                f"claim says {w.text}, source says {e.text}"))
        else:
            missing.append(w.text)
    return Details(tuple(found), tuple(missing), tuple(out), dates=tuple(found + missing),
                   bounded=tuple(found))


def _nearest_whens(claim: When, got: Sequence[When]) -> list[When]:
    """The source's dates nearest the date a claim bounds, when the word alignment finds none
    in its place: "founded after 1975" is read against "Established in 1975", not against the
    "(2013)" of a budget later in the sentence, which any-date-will-do made a support. Dates
    whose year is unknown on either side are kept (they are compared as overlapping)."""
    def gap(e: When) -> float:
        if (claim.years is None) != (e.years is None):
            return 0.0
        low, high = claim.days(e.years[0] if e.years else None)
        e_low, e_high = e.days(claim.years[0] if claim.years else None)
        return max(0, e_low - high, low - e_high)
    gaps = [gap(e) for e in got]
    best = min(gaps, default=0.0)
    return [e for e, g in zip(got, gaps, strict=True) if g == best]


def _bound_verdict(claim: When, evidence: When) -> str:
    """"inside", "outside" or "overlap": the evidence's date against what the claim allows."""
    if claim.years and not evidence.years:
        return "overlap"  # "7 May" says nothing about "since 2019": its year is not given
    year = evidence.years[0] if evidence.years else None
    other = claim.years[0] if claim.years else None
    low: float
    high: float
    e_low: float
    e_high: float
    if claim.period() and evidence.bound == claim.bound:
        low, high = claim.days(year)
        e_low, e_high = evidence.days(other)
    else:
        low, high = claim.allows(year)
        e_low, e_high = evidence.allows(other)
    if low <= e_low and e_high <= high:
        return "inside"
    if e_high < low or high < e_low:
        return "outside"
    return "overlap"


def _with_weekday(d: DateMention) -> DateMention:
    """A full date also says its weekday: "Monday" can be checked against "7 May 2024"."""
    if d.weekday or d.year is None or d.month is None or d.day is None:
        return d
    try:
        weekday = datetime.date(d.year, d.month, d.day).strftime("%A").lower()
    except ValueError:
        return d
    return replace(d, weekday=weekday)


def _is_name(token: Token, text: str) -> bool:
    """A capitalised word that is not a function word, month or weekday, and not the first word
    of a sentence (where capitals say nothing about names)."""
    before = text[max(0, token.start - 8):token.start].rstrip(" \t\"'“‘(")
    initial = token.start < 8 and not before or before[-1:] in (".", "!", "?", ":", "\n")
    return (token.text[:1].isupper() and not initial
            and token.lower not in stopwords("coverage")
            and token.lower not in calendar_words() and not is_negation(token.text))


def _name_key(lower: str) -> str:
    """A lower-case word as names are compared: without a possessive "'s"."""
    return lower[:-2] if lower.endswith("'s") else lower


def entities(claim: str, evidence: str) -> list[Mismatch]:
    """A name in the claim replaced by a different name at the same place in the evidence.

    Claim and evidence words are aligned (Levenshtein opcodes over lowercased words); where a
    run of claim words is replaced, and both runs contain capitalised names the other text does
    not mention at all, the names differ. A name simply missing is not a contradiction.
    """
    c, e = parse(claim), parse(evidence)
    c_tokens, e_tokens, c_keys, e_keys, e_words = c.tokens, e.tokens, c.keys, e.keys, e.key_set
    named = _names_at(claim)
    if not any(key not in e_words and is_name for key, is_name in zip(c_keys, named,
                                                                      strict=True)):
        return []  # every name of the claim is in the evidence: none can have been replaced
    out: list[Mismatch] = []
    ops = list(Levenshtein.opcodes(c_keys, e_keys))
    for n, op in enumerate(ops):
        if op.tag != "replace" or max(op.src_end - op.src_start,
                                      op.dest_end - op.dest_start) > NAME_RUN:
            continue
        # Only a swap inside otherwise matching wording is "the same position": matching
        # words on both sides (or the sentence's edge), a name for a name.
        before = ops[n - 1].tag == "equal" if n else op.src_start == 0
        after = ops[n + 1].tag == "equal" if n + 1 < len(ops) else op.src_end == len(c_keys)
        if not (before and after):
            continue
        c_run, e_run = c_tokens[op.src_start:op.src_end], e_tokens[op.dest_start:op.dest_end]
        c_names = [t.text for i, t in enumerate(c_run, start=op.src_start)
                   if named[i] and c_keys[i] not in e_words]
        e_names = [t.text for t in e_run if _is_name(t, evidence)]
        if len(c_names) < len(c_run) or len(e_names) < len(e_run) or _abbreviates(
                c_names, e_names):
            continue  # a name beside other words, or "UK" for "United Kingdom"
        if c_names and e_names:
            said, source = " ".join(c_names), " ".join(e_names)
            out.append(Mismatch(Difference(kind="entity", claim=said, evidence=source),
                                f"claim names {said}, source names {source}"))
    return out


def roles(claim: str, evidence: str, reported: Sequence[Mismatch] = ()) -> list[Mismatch]:
    """A name of the claim that the evidence gives another name in the same role: the role
    word next to it ("drummer", "born in", "folktale") is next to another name in the evidence
    ("... drummer was Sean Kinney" / "... drummer Bobby Nesbitt"; "based on a Jewish folktale"
    / "based on a Russian folktale"), where the two sentences are worded too differently for
    `entities` to line the names up.

    A name counts only when none of its words is in the evidence (nor a longer or shorter form
    of one: "Egypt" / "Egyptian"), with no name of the evidence beside it (else it is part of
    a longer name); the role word is the nearest content word on either side, across at most
    ROLE_GAP function words, and the evidence's name must sit on the same side of the same
    word (by stem), as near, in the same clause, and be a name the claim does not use. Names
    `reported` already names are left out."""
    c, e = parse(claim), parse(evidence)
    absent = _absent_names(claim, evidence)
    if not any(absent):
        return []
    done = {m.difference.claim for m in reported}
    e_named = _names_at(evidence)
    out: list[Mismatch] = []
    for start, end in _runs(absent, claim, c.tokens):
        said = " ".join(t.text for t in c.tokens[start:end])
        if said in done or _DIGIT.search(said) or _capitalised(c, start - 1) or (
                _capitalised(c, end)):
            continue  # part of a longer name ("Street Kings"), or a code ("CO2", "A12")
        for side in (-1, 1):
            role = _role_word(c, _names_at(claim), start - 1 if side < 0 else end, side,
                              claim)
            if role is None:
                continue
            word = _role_stem(c, e, role, side)
            found = _named_beside(e, e_named, c, word, -side, evidence)
            if found is None and side < 0 and start and c.lower[start - 1] in _LINKS:
                found = _framed_beside(e, e_named, c, word, c.lower[start - 1],
                                       evidence)
            if found is not None:
                source = " ".join(t.text for t in e.tokens[found[0]:found[1]])
                if not _abbreviates(said.split(), source.split()) and not _DIGIT.search(
                        source) and not _spelled_alike(said, source):
                    out.append(Mismatch(Difference(kind="entity", claim=said, evidence=source),
                                        f"claim names {said}, source names {source}"))
                    break
    return out


ROLE_GAP = 2  # function words allowed between a name and the word that gives its role
SPELLED_ALIKE = 0.75  # normalized Levenshtein similarity from which two names are one name
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”.!?]")


def _role_stem(c: Parsed, e: Parsed, role: int, side: int) -> str:
    """The stem of the claim's role word as the evidence is searched for it; a compound the
    evidence writes in two words ("a Chinese pop-rock duo" / "an African-American pop rock
    duo") by its part next to the name."""
    word = c.stems[role]
    if "-" not in word or word in e.stem_set:
        return word
    parts = c.lower[role].strip("-").split("-")
    return stem(parts[0] if side > 0 else parts[-1])


def _capitalised(text: Parsed, at: int) -> bool:
    """Whether the word at `at` is capitalised and not a function word: a name, or a word that
    reads as one at the start of a sentence ("Street" in "Street Kings was released")."""
    return 0 <= at < len(text.tokens) and text.tokens[at].text[:1].isupper() and (
        text.lower[at] not in stopwords("coverage"))


def _spelled_alike(a: str, b: str) -> bool:
    """Two names that are one name spelt two ways ("Lily" / "Lilly"): a pair of their words
    reads alike; or, both one word, the same name cut short by broken characters ("Ploermel"
    / "Ploï"): they begin alike."""
    x, y = a.lower().split(), b.lower().split()
    return len(x) == len(y) == 1 and x[0][:3] == y[0][:3] or any(
        Levenshtein.normalized_similarity(u, v) >= SPELLED_ALIKE for u in x for v in y)


def _absent_names(claim: str, evidence: str) -> list[bool]:
    """For each claim word, whether it is a name none of whose forms the evidence has."""
    c, e = parse(claim), parse(evidence)
    longer = [k for k in e.key_set if len(k) >= 4]
    return [named and key not in e.key_set and not (len(key) >= 4 and any(
        w.startswith(key) or key.startswith(w) for w in longer))
        for named, key in zip(_names_at(claim), c.keys, strict=True)]


def _runs(flags: list[bool], text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Runs of consecutive flagged words not broken by punctuation, as (start, end)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    plain = text if text.isascii() else typography(text)
    for i, flag in enumerate([*flags, False]):
        broken = start is not None and i < len(toks) and _CLAUSE_BREAK.search(
            plain, toks[i - 1].end, toks[i].start) is not None
        if start is not None and (not flag or broken):
            out.append((start, i))
            start = None
        if flag and start is None:
            start = i
    return out


def _role_word(text: Parsed, named: tuple[bool, ...], at: int, step: int,
               raw: str) -> int | None:
    """The nearest content word from position `at` walking by `step`, across at most ROLE_GAP
    function words and no punctuation: the word that says what role a name has."""
    stop = stopwords("coverage")
    plain = raw if raw.isascii() else typography(raw)
    gap = 0
    while 0 <= at < len(text.tokens) and text.lower[at] in stop and gap < ROLE_GAP:
        at += step
        gap += 1
    if not 0 <= at < len(text.tokens) or named[at] or text.lower[at] in stop or not (
            text.lower[at].replace("-", "").isalpha()) or is_negation(text.lower[at]):
        return None
    near = at - step * (gap + 1)  # the name's own word
    lo, hi = sorted((at, near))
    if 0 <= lo and hi < len(text.tokens) and _CLAUSE_BREAK.search(
            plain, text.tokens[lo].end, text.tokens[hi].start):
        return None
    return at


def _named_beside(e: Parsed, e_named: tuple[bool, ...], c: Parsed, role: str, step: int,
                  raw: str) -> tuple[int, int] | None:
    """Where the evidence has a name the claim does not use on side `step` of the word
    `role`, across at most ROLE_GAP function words and no punctuation: its run of words."""
    stop = stopwords("coverage")
    plain = raw if raw.isascii() else typography(raw)
    for j, s in enumerate(e.stems):
        if s != role or e_named[j]:
            continue
        k, gap = j + step, 0
        while 0 <= k < len(e.tokens) and not e_named[k] and e.lower[k] in stop and (
                gap < ROLE_GAP):
            k += step
            gap += 1
        if not 0 <= k < len(e.tokens) or not e_named[k]:
            continue
        lo, hi = sorted((j, k))
        if _CLAUSE_BREAK.search(plain, e.tokens[lo].end, e.tokens[hi].start):
            continue
        run = _name_run(e, e_named, c, k, plain)
        if run is not None:
            return run
    return None


def _name_run(e: Parsed, e_named: tuple[bool, ...], c: Parsed, at: int,
              plain: str) -> tuple[int, int] | None:
    """The run of name words around the name word at `at`, not broken by punctuation, when
    it is no name of the claim's."""
    first = last = at
    while first > 0 and e_named[first - 1] and not _CLAUSE_BREAK.search(
            plain, e.tokens[first - 1].end, e.tokens[first].start):
        first -= 1
    while last + 1 < len(e.tokens) and e_named[last + 1] and not _CLAUSE_BREAK.search(
            plain, e.tokens[last].end, e.tokens[last + 1].start):
        last += 1
    if any(e.keys[x] in c.key_set for x in range(first, last + 1)):
        return None  # one of the claim's own names
    return first, last + 1


# Prepositions that tie a role word to the name after it ("plays for", "born in", "moved to"),
# and how many words the evidence may put between the two ("plays as a left back for ...")
_LINKS = frozenset(("for", "in", "at", "from", "to", "by", "with", "on", "into"))
FRAME_GAP = 5


def _framed_beside(e: Parsed, e_named: tuple[bool, ...], c: Parsed, role: str, link: str,
                   raw: str) -> tuple[int, int] | None:
    """Where the evidence says the claim's role word and the same preposition with a name the
    claim does not use after it, with at most FRAME_GAP other words between them and no name
    or punctuation ("plays for Borussia Dortmund" / "plays as a winger for Bayer Leverkusen"):
    the name's run of words."""
    plain = raw if raw.isascii() else typography(raw)
    for j, s in enumerate(e.stems):
        if s != role or e_named[j]:
            continue
        for k in range(j + 1, min(j + 2 + FRAME_GAP, len(e.tokens) - 1)):
            if e_named[k] or _CLAUSE_BREAK.search(plain, e.tokens[k - 1].end,
                                                  e.tokens[k].start):
                break
            if e.lower[k] == link:
                if k == j + 1:
                    break  # next to the role word: `_named_beside` has read it
                return _name_after(e, e_named, c, k, plain)
    return None


def _name_after(e: Parsed, e_named: tuple[bool, ...], c: Parsed, at: int,
                plain: str) -> tuple[int, int] | None:
    """The run of name words right after the word at `at` (across one function word, "for
    the BBC"), when it is no name of the claim's."""
    first = at + 1
    if first < len(e.tokens) and not e_named[first] and e.lower[first] in stopwords("coverage"):
        first += 1
    if first >= len(e.tokens) or not e_named[first] or _CLAUSE_BREAK.search(
            plain, e.tokens[at].end, e.tokens[first].start):
        return None
    return _name_run(e, e_named, c, first, plain)


def _abbreviates(a: list[str], b: list[str]) -> bool:
    """One run is the initials of the other ("UK" / "United Kingdom", "US" / "United States")."""
    for short, long in ((a, b), (b, a)):
        if len(short) == 1 and len(long) > 1 and short[0].replace(".", "").upper() == "".join(
                w[0] for w in long).upper():
            return True
    return False


def _pairs(name: str) -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for line in entries(name, "claimcheck.check"):
        a, b = (stem(w) for w in line.split()[:2])
        if a != b:
            pairs.setdefault(a, set()).add(b)
            pairs.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in pairs.items()}


@lru_cache(maxsize=1)
def _antonyms() -> dict[str, frozenset[str]]:
    """Curated opposites (antonyms.txt): specific enough to count anywhere in the passage."""
    return _pairs("antonyms")


@lru_cache(maxsize=1)
def _lexical_antonyms() -> dict[str, frozenset[str]]:
    """WordNet's antonyms (antonyms_wordnet.txt, built by scripts/build_antonyms.py), curated
    ones included: thousands of pairs, some of them senses a passage does not mean ("rise" and
    "set"), so they count only where the two texts' words line up."""
    function_words = {stem(w) for w in (*stopwords("coverage"), *_QUANTIFIER_CLASS,
                                        *negations())}
    merged = {k: set(v) - function_words for k, v in _pairs("antonyms_wordnet").items()
              if k not in function_words}
    for k, v in _antonyms().items():
        merged.setdefault(k, set()).update(v)
    return {k: frozenset(v) for k, v in merged.items()}


@lru_cache(maxsize=1024)
def _names_at(text: str) -> tuple[bool, ...]:
    """For each word of `text` (see `parse`), whether it is a name (see `_is_name`)."""
    return tuple(_is_name(tok, text) for tok in parse(text).tokens)


@lru_cache(maxsize=1024)
def claim_names(claim: str) -> tuple[str, ...]:
    """The claim's names, as written, once each (see `_is_name`)."""
    seen: dict[str, str] = {}
    parsed = parse(claim)
    for tok, key, is_name in zip(parsed.tokens, parsed.keys, _names_at(claim), strict=True):
        if is_name:
            seen.setdefault(key, tok.text)
    return tuple(seen.values())


def without(text: str, names: tuple[str, ...]) -> str:
    """`text` without the words of `names` (as `claim_names` gives them): what a claim says
    about its people and places, to compare with what a passage says about them."""
    keys = {n.lower().replace("’", "'").removesuffix("'s") for n in names}
    parsed = parse(text)
    return " ".join(t.text for t, key in zip(parsed.tokens, parsed.keys, strict=True)
                    if key not in keys)


def _negated(text: Parsed, other_stems: frozenset[str]) -> list[str]:
    """Phrases where a negation applies to a word the other text also uses (or its opposite),
    quoted with a leading auxiliary: "did not reject"."""
    if not text.negations:
        return []
    antonyms = _lexical_antonyms()
    aux, stop = tagged("auxiliaries", "negation"), stopwords("coverage")
    words = text.tokens
    phrases = []
    for i in text.negations:
        for j in range(i + 1, min(len(words), i + 1 + NEGATION_REACH)):
            s = text.stems[j]
            if text.lower[j] in stop:  # "not ... the" says nothing about what is negated
                continue
            if s in other_stems or not antonyms.get(s, set()).isdisjoint(other_stems):
                first = i - 1 if i and text.lower[i - 1] in aux else i
                phrases.append(" ".join(w.text for w in words[first:j + 1]))
                break
    return phrases


def _negates_elsewhere(text: Parsed) -> bool:
    return bool(text.negations)


def polarity(claim: str, evidence: str) -> list[Mismatch]:
    """One text negates what the other asserts, or uses the opposite word.

    Negations count only when they bear on a word both texts share, so an unrelated "not"
    elsewhere in the evidence sentence does not flip it; "not only" and "nothing less than"
    deny nothing. An opposite word and a negation cancel ("did not reject" agrees with
    "accepted").
    """
    c, e = parse(claim), parse(evidence)
    c_neg, e_neg = _negated(c, e.stem_set), _negated(e, c.stem_set)
    flipped = _opposite(c, e)
    negations_differ = len(c_neg) % 2 != len(e_neg) % 2
    if negations_differ and not (c_neg and e_neg) and _negates_elsewhere(c if e_neg else e):
        # both texts negate, in words that paraphrase each other ("did not achieve the
        # outcome" / "did not get the ceasefire"): no flip can be told
        negations_differ = False
    if negations_differ == (flipped is not None):
        return []
    if flipped is not None:
        said, source = flipped
        return [Mismatch(Difference(kind="opposite", claim=said, evidence=source),
                         f"claim says {said}, source says {source}")]
    if len(e_neg) % 2:
        return [Mismatch(Difference(kind="negation", claim="", evidence=e_neg[0]),
                         f"source negates: '{e_neg[0]}'")]
    return [Mismatch(Difference(kind="negation", claim=c_neg[0], evidence=""),
                     f"claim negates: '{c_neg[0]}', source does not")]


def _opposite(c: Parsed, e: Parsed) -> tuple[str, str] | None:
    """A claim word whose opposite the evidence uses instead: a curated pair anywhere in the
    passage, a WordNet pair only where the two texts' words line up (a replaced run)."""
    curated = _antonyms()
    for tok, s in zip(c.tokens, c.stems, strict=True):
        opposite = curated.get(s)
        if not opposite or s in e.stem_set or opposite.isdisjoint(e.stem_set):
            continue
        match = next(t for t, es in zip(e.tokens, e.stems, strict=True) if es in opposite)
        return tok.text, match.text
    lexical = _lexical_antonyms()
    if not any(s in lexical for s in c.stems):
        return None
    for op in Levenshtein.opcodes(c.stems, e.stems):
        if op.tag != "replace":
            continue
        for i in range(op.src_start, op.src_end):
            # in place, a word swapped for its opposite counts even when the passage uses the
            # claim's word elsewhere ("the highest and lowest" / "the highest and highest")
            opposite = lexical.get(c.stems[i])
            if not opposite:
                continue
            for j in range(op.dest_start, op.dest_end):
                if e.stems[j] in opposite:
                    return c.tokens[i].text, e.tokens[j].text
    return None


# Quantifiers that cannot both be true of the same set, by class: (claim's, source's).
_QUANTIFIER_CLASS = {
    "all": "all", "every": "all", "each": "all", "always": "all", "everyone": "all",
    "everybody": "all", "everything": "all", "entire": "all",
    "no": "none", "none": "none", "never": "none", "nobody": "none", "nothing": "none",
    "most": "most", "majority": "most", "mostly": "most",
    "many": "many", "often": "many", "numerous": "many",
    "few": "few", "minority": "few", "rarely": "few", "seldom": "few",
    "some": "some", "several": "some", "sometimes": "some",
}
_QUANTIFIER_CLASHES = {("all", "none"), ("all", "some"), ("all", "few"), ("all", "most"),
                       ("all", "many"), ("none", "all"), ("none", "most"), ("none", "many"),
                       ("none", "some"), ("none", "few"), ("most", "few"), ("most", "none"),
                       ("many", "few"), ("many", "none"), ("few", "all"), ("few", "most"),
                       ("few", "many"), ("few", "none"), ("some", "none")}


def quantifiers(claim: str, evidence: str) -> list[Mismatch]:
    """The claim's quantifier against the one the evidence uses in the same place ("most of"
    against "few of"); else the claim speaks of all where the source speaks of some."""
    c, e = parse(claim), parse(evidence)
    if any(w in _QUANTIFIER_CLASS for w in c.lower):
        for op in Levenshtein.opcodes(c.lower, e.lower):
            if op.tag != "replace":
                continue
            said = [w for w in c.lower[op.src_start:op.src_end] if w in _QUANTIFIER_CLASS]
            source = [w for w in e.lower[op.dest_start:op.dest_end] if w in _QUANTIFIER_CLASS]
            if said and source and (_QUANTIFIER_CLASS[said[0]],
                                    _QUANTIFIER_CLASS[source[0]]) in _QUANTIFIER_CLASHES:
                return [Mismatch(Difference(kind="quantifier", claim=said[0],
                                            evidence=source[0]),
                                 f"claim says {said[0]}, source says {source[0]}")]
    return _all_against_some(claim, evidence)


def _all_against_some(claim: str, evidence: str) -> list[Mismatch]:
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
