"""The signals of one claim/passage pair that the verdict model reads.

Every feature is about the relation of the two texts, never about their vocabulary, so what the
model learns on the dev sets carries over to other writing: how much of the claim the passage
covers, how alike the two read (word overlap and WordLlama meaning similarity), how close the
passage is to the best one found, which of the claim's checkable details it has, lacks or
contradicts, and each detector's finding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from .compare import Details, Mismatch, compare, details
from .score import Scored

FEATURES = (
    "score", "coverage", "token_set", "semantic", "gap", "details", "found", "missing",
    "number_diff", "date_diff", "entity_diff", "negation_diff", "opposite_diff",
    "quantifier_diff", "any_diff", "diff_x_score", "diff_x_semantic", "found_x_score",
    "unseen", "claim_words",
)
NEUTRAL_SEMANTIC = 0.5  # without wordllama: a middling similarity, which the model reads as no news
_KIND_FEATURE = {"number": "number_diff", "bound": "number_diff", "unit": "number_diff",
                 "date": "date_diff", "entity": "entity_diff", "negation": "negation_diff",
                 "opposite": "opposite_diff", "quantifier": "quantifier_diff"}


@dataclass(frozen=True)
class Pair:
    """One claim against one passage: what the detectors found, and the feature row."""

    scored: Scored
    mismatches: list[Mismatch]
    details: Details
    row: np.ndarray


def pair(claim: str, processed_claim: str, scored: Scored, best: float, semantic: float | None,
         unseen: int, claim_words: int, context: str = "") -> Pair:
    """The feature row of `claim` against the passage `scored` (the best span's score `best`).
    `context` is what the reference says the passage is about (its source or title): a name of
    the claim found there is not missing from the passage."""
    text = scored.span.text
    mismatches = compare(claim, text)
    found = details(claim, text)
    if found.missing and context:
        known = context.lower()
        named = tuple(m for m in found.missing if m.lower() in known and m[:1].isupper())
        if named:
            found = Details(found.found + named,
                            tuple(m for m in found.missing if m not in named), found.mismatches,
                            found.names)
    total = len(found.found) + len(found.missing) + len(found.mismatches)
    values = dict.fromkeys(FEATURES, 0.0)
    values.update(
        score=scored.score, coverage=scored.coverage,
        token_set=fuzz.token_set_ratio(processed_claim, scored.span.processed) / 100,
        semantic=NEUTRAL_SEMANTIC if semantic is None else semantic,
        gap=scored.score - best, details=math.log1p(total),
        found=len(found.found) / total if total else 0.0,
        missing=len(found.missing) / total if total else 0.0,
        unseen=min(unseen, 3), claim_words=math.log1p(claim_words))
    for m in mismatches:
        name = _KIND_FEATURE.get(m.difference.kind)
        if name:
            values[name] = 1.0
    if mismatches:
        values.update(any_diff=1.0, diff_x_score=scored.score,
                      diff_x_semantic=values["semantic"])
    values["found_x_score"] = values["found"] * scored.score
    row = np.fromiter((values[f] for f in FEATURES), dtype=np.float64, count=len(FEATURES))
    return Pair(scored, mismatches, found, row)
