"""Sweeping quantifiers: "all", "every", "never", "no one" claim a whole with no count behind it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..models import Claim
from .base import Finding, rule
from .grammar import (
    MODIFIER,
    NOT_PLURAL,
    PLURAL,
    PREDICATE,
    PRONOUNS,
    SPECIFIC,
    clause_start,
    generic_predicate,
    has_predicate,
)
from .sentence import SentenceContext
from .words import EDGE_L, phrases, word_set


@rule(
    id="CC101",
    name="sweeping-quantifier",
    family="sweeping",
    severity="warning",
    message="'{cue}' claims a whole with nothing behind it: give a figure, a named source or a "
    "poll that covers everyone it speaks of",
    hint="Count it ('all 12 members'), name who counted, or narrow it ('many', 'some of').",
    exemptions=("speech-act", "idiom", "name-or-title", "not-all", "rule-laid-down",
                "defined-set", "figure-in-clause", "time-marker", "appeal-to-ignorance",
                "popularity-appeal", "one-party", "past-record", "scope-of-an-act", "source-next",
                "episodic", "writers-own", "about-things", "qualified", "aim"),
)
def sweeping_quantifier(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A sweeping quantifier (all, every, everyone, nobody, never, always, none) with no support.

    FLAGGED:
    - Everyone loves going to the movies.
    - Politicians never keep their promises.
    - It is necessary for everyone to show openness.

    NOT FLAGGED:
    - All 12 members voted for the motion.
    - Everything had returned to square one, Hamas confirmed.
    - The weather was fine after all.
    - Not all students like exams.
    - You should never break traffic laws.
    - If you never pay, you are fined.
    - Every time it rains, the roof leaks.
    - Everyone is buying it, so you should too.
    - She has never lost an election.
    - The Greens, the SNP and Labour all support a ban.
    """
    for m in ctx.finditer(phrases("sweeping")):
        yield Finding(*ctx.cue(m.start(), m.end()))


@lru_cache(maxsize=1)
def _bare_plural() -> re.Pattern[str]:
    """A bare plural noun ("cars", "flu vaccines"): -s but not -ss/-us ("glass", "virus").
    Compiled on first use: CC102 is off by default."""
    return re.compile(
        EDGE_L + r"(?P<subject>" + MODIFIER + r"{0,2}(?P<noun>" + PLURAL + r"))\s+" + PREDICATE,
        re.IGNORECASE,
    )


@rule(
    id="CC102",
    name="bare-generic",
    family="sweeping",
    severity="warning",
    message="'{cue}' speaks of a whole kind (all of them) with nothing behind it: give a figure "
    "or a named study, or say which ones you mean",
    hint="Say how many or which ones ('two of the cars we tested broke down'), or cite data.",
    exemptions=("figure-in-clause", "source-next"),
    default_on=False,
)
def bare_generic(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A bare plural subject given a trait or habit: a claim about every member of a kind.

    FLAGGED:
    - Cars are worthless.
    - Therefore, vaccines are useless.
    - Happy families make happy children.

    NOT FLAGGED:
    - My cars are old.
    - Prices are rising.
    - Dogs are loyal, the kennel club says.
    - Whales are mammals.
    - Climate models are run on supercomputers.
    """
    people = word_set("group_nouns") | word_set("demonyms")  # CC402 speaks about people
    if not has_predicate(ctx):
        return
    for m in ctx.finditer(_bare_plural()):
        noun = m.group("noun").lower()
        if noun in people or noun in SPECIFIC or noun in NOT_PLURAL:
            continue
        if noun in word_set("time_units"):
            continue  # "winters are cold", "mornings are busy": a place's or a life's pattern
            # of time, checkable in a record, not a trait given to members of a kind
        modifier = m.group("subject").split()[0].lower()
        if modifier in PRONOUNS or modifier in NOT_PLURAL or not clause_start(ctx, m.start()):
            continue
        if not generic_predicate(m, things=True):
            continue
        yield Finding(*ctx.cue(m.start(), m.end()))
