"""The signals of one claim/passage pair that the verdict model reads.

Every feature is about the relation of the two texts, never about their vocabulary, so what the
model learns on the dev sets carries over to other writing: how much of the claim the passage
covers, how alike the two read (word overlap and WordLlama meaning similarity, of the whole and
of what is left once the claim's names are taken out), how close the passage is to the best one
found, which of the claim's checkable details (numbers, dates, names) it has, lacks or
contradicts, whether a bound the claim sets is met, and each detector's finding.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from ..text.tokens import typography
from .compare import Details, Mismatch, compare, details
from .score import Scored

FEATURES = (
    "score", "coverage", "token_set", "semantic", "rest_semantic", "gap", "rank", "names_only",
    "details", "found", "missing",
    "number_found", "number_missing", "number_wrong", "date_found", "date_missing",
    "date_wrong", "name_found", "name_missing", "bound_found",
    "negation_diff", "opposite_diff", "quantifier_diff", "entity_diff", "any_diff",
    "claim_words", "length_ratio",
)
NEUTRAL_SEMANTIC = 0.5  # without wordllama: a middling similarity, which the model reads as no news
_KIND_FEATURE = {"entity": "entity_diff", "negation": "negation_diff",
                 "opposite": "opposite_diff", "quantifier": "quantifier_diff"}


@dataclass(frozen=True)
class Pair:
    """One claim against one passage: what the detectors found, and the feature row."""

    scored: Scored
    mismatches: list[Mismatch]
    details: Details
    row: np.ndarray


@dataclass(frozen=True)
class Signals:
    """What the verdict reads beside the two texts: meaning similarity of the whole pair and
    of its non-name parts (None without wordllama), the pair's rank among the claim's
    passages, the best passage's score, and the claim's words no reference has."""

    semantic: float | None = None
    rest_semantic: float | None = None
    rank: int = 0
    best: float = 0.0
    unseen: int = 0
    claim_words: int = 0


def with_context(found: Details, context: str) -> Details:
    """A detail of the claim that the reference gives as what the passage is about (its title
    or source: "Toby Alderweireld", "2001–02 NFL playoffs") is not missing from the passage:
    a name, or a number or date written the same way (dashes and case aside)."""
    if not found.missing or not context:
        return found
    known = _plain(context)
    named = tuple(m for m in found.missing if m[:1].isupper() and m.lower() in known or (
        m[:1].isdigit() and re.search(rf"(?<![\w.]){re.escape(_plain(m))}(?!\w|\.\d)",
                                      known)))
    if not named:
        return found
    return Details(found.found + named, tuple(m for m in found.missing if m not in named),
                   found.mismatches, found.names, found.dates, found.bounded)


def _plain(text: str) -> str:
    return typography(text).lower().replace("–", "-").replace("—", "-")


def pair(claim: str, processed_claim: str, scored: Scored, signals: Signals,
         context: str = "") -> Pair:
    """The feature row of `claim` against the passage `scored`. `context` is what the reference
    says the passage is about (its source or title)."""
    text = scored.span.text
    mismatches = compare(claim, text)
    found = with_context(details(claim, text), context)
    total = len(found.found) + len(found.missing) + len(found.mismatches)
    values = dict.fromkeys(FEATURES, 0.0)
    semantic = NEUTRAL_SEMANTIC if signals.semantic is None else signals.semantic
    values.update(
        score=scored.score, coverage=scored.coverage,
        token_set=fuzz.token_set_ratio(processed_claim, scored.span.processed) / 100
        if scored.token_set is None else scored.token_set,
        semantic=semantic,
        rest_semantic=semantic if signals.rest_semantic is None else signals.rest_semantic,
        gap=scored.score - signals.best, rank=min(signals.rank, 3),
        names_only=float(scored.names_only), details=math.log1p(total),
        found=len(found.found) / total if total else 0.0,
        missing=len(found.missing) / total if total else 0.0,
        bound_found=float(bool(found.bounded)),
        claim_words=math.log1p(signals.claim_words),
        length_ratio=math.log((len(text) + 20) / (len(claim) + 20)))
    for kind in ("number", "date", "name"):
        have, lack, wrong = found.count(kind)
        values[f"{kind}_found"] = min(have, 3)
        values[f"{kind}_missing"] = min(lack, 3)
        if kind != "name":
            values[f"{kind}_wrong"] = min(wrong, 3)
    for m in mismatches:
        name = _KIND_FEATURE.get(m.difference.kind)
        if name:
            values[name] = 1.0
        elif m.difference.kind in ("number", "bound", "unit"):
            values["number_wrong"] = max(values["number_wrong"], 1.0)
        elif m.difference.kind == "date":
            values["date_wrong"] = max(values["date_wrong"], 1.0)
    values["any_diff"] = float(bool(mismatches))
    row = np.fromiter((values[f] for f in FEATURES), dtype=np.float64, count=len(FEATURES))
    return Pair(scored, mismatches, found, row)
