"""Unsourced superlatives and absolutes: "the worst crisis in history", "their only option"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..models import Claim
from .base import Finding, rule
from .sentence import SentenceContext
from .words import EDGE_L, EDGE_R, alternation, cue_key, phrases, word_set, words

# "Israel's largest", not "it's only" / "that's the": a contraction of "is" owns nothing.
_OWNER = (r"(?:the|their|its|his|her|our|your|my|"
          r"(?!(?:it|that|he|she|there|here|what|who|where|let)['’]s)[\w]+['’]s)")
_EXTENT = re.compile(r"^[^.,;:!?]{0,40}?\b(?:yet|ever|in\s+(?:[\w-]+\s+){0,2}?history|"
                     r"of\s+all\s+time|in\s+the\s+(?:[\w-]+\s+)?(?:world|country|nation|universe)|"
                     r"on\s+(?:earth|record|"
                     r"the\s+planet)|since\s+records\s+began)\b", re.IGNORECASE)
# "the world's most important", "the planet's most plentiful": ranked against everything there
# is, the same claim as "... in the world".
_WORLD_OWNERS = frozenset({"world's", "planet's", "earth's", "globe's", "history's"})
# Absolutes that claim a record ("unprecedented"); the rest ("the only way") judge.
_RECORD_ABSOLUTES = frozenset({"unprecedented", "unparalleled", "unmatched", "unrivalled",
                               "unrivaled", "like never before"})


# "... (that) I know", "... I've ever seen": the ranking is scoped to the writer's own
# experience, an opinion the reader can weigh, not a claim about the world.
_SPEAKERS_OWN = re.compile(r"(?:,?\s+[\w'’-]+){0,3}?\s+(?:that\s+|who\s+|whom\s+)?"
                           r"(?-i:I|we)(?:['’]ve|\s+have|\s+had)?\s+(?:ever\s+)?[a-z]+",
                           re.IGNORECASE)


# "my best friend", "her youngest daughter", "our biggest worry": ranked among one person's
# own friends, children or worries, which the owner knows; not against everything else.
# "their"/"its" (a party, a state) and any "only" ("my only option") still claim a whole.
_PERSONAL = frozenset({"my", "your", "our", "his", "her"})


# Nouns that end other nouns ("rainforest", "self-interest", "counterprotest"); no superlative
# ends in them (unlike "test": greatest, or "west": lowest).
_COMPOUND_NOUNS = ("forest", "interest", "contest", "protest", "harvest", "conquest", "request",
                   "arrest")


@lru_cache(maxsize=1)
def _ranked() -> re.Pattern[str]:
    return re.compile(
        EDGE_L + r"(?P<owner>" + _OWNER + r")\s+(?:(?:very|single|second|third)\s+)?"
        r"(?P<sup>" + alternation(words("superlatives")) + r"|[a-z]+est)" + EDGE_R +
        r"(?:\s+(?P<next>[\w'’-]+))?",
        re.IGNORECASE,
    )


# Rankings that judge rather than measure: "the best", "the worst", "the greatest fear".
_JUDGES = frozenset({"best", "worst", "greatest", "finest"})
# After "most"/"least", a word that counts or measures ("the most common complaint", "the most
# requested language") rather than judges ("the most important", "the most dangerous").
_MEASURED = frozenset({"common", "popular", "frequent", "recent", "prevalent", "likely",
                       "widely", "often", "commonly", "frequently", "populous", "visited",
                       "used", "requested", "cited", "viewed", "watched", "read", "played",
                       # a selection from a list the text gives: "the most notable changes"
                       "notable", "relevant", "pressing", "urgent"})
_JUDGING_END = ("ant", "ent", "ful", "ous", "ive", "ic", "al", "able", "ible", "less", "ing",
                "y", "ed")
_POSSESSIVE = frozenset({"their", "its", "his", "her", "our", "your", "my"})


def _rankings(ctx: SentenceContext) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, key word start, kind) of each ranking in the claim. Kind: "record" (with an
    extent: "largest yet", "worst in history"), "judgement" ("the best", "the most important",
    "their only option") or "measure" ("the largest party", "the most common complaint")."""
    not_superlative = word_set("superlative_false")
    taken: list[tuple[int, int]] = []
    for m in ctx.finditer(_ranked()):
        sup = cue_key(m.group("sup"))
        if sup in not_superlative or sup.endswith(_COMPOUND_NOUNS):
            continue  # "interest", "the rainforest": nouns that end in -est
        nxt = cue_key(m.group("next") or "")
        if sup == "least" and nxt == "bit":
            continue  # "without the least bit of evidence": "any", not a ranking
        end = m.end("sup")
        if sup in {"most", "least"} and m.group("next"):
            end = m.end("next")  # "the most important": the cue is the whole ranking
        elif sup == "only" and m.group("next"):
            end = m.end("next")
        if sup == "most" and not m.group("next"):
            continue
        if _SPEAKERS_OWN.match(ctx.text, end):
            continue  # "the best teacher I've ever had": ranked within the writer's experience
        owner = cue_key(m.group("owner"))
        extent = _EXTENT.match(ctx.text[end:])
        if extent:
            end += extent.end()
            kind = "record"
        elif owner in _WORLD_OWNERS:
            kind = "record"
        elif sup != "only" and owner in _PERSONAL:
            continue
        elif sup in _JUDGES or (sup == "only" and (owner in _POSSESSIVE or owner.endswith("'s"))):
            kind = "judgement"
        elif sup in {"most", "least"} and nxt not in _MEASURED and nxt.endswith(_JUDGING_END):
            kind = "judgement"
        else:
            kind = "measure"
        taken.append((m.start(), end))
        yield m.start(), end, m.start("sup"), kind
    for m in ctx.finditer(phrases("superlative_absolutes")):
        word = cue_key(m.group())
        if word in {"ever", "yet", "in history", "of all time", "in the world", "on record"}:
            continue  # only an extension of a ranking, taken above
        if any(s <= m.start() < e for s, e in taken):
            continue
        yield m.start(), m.end(), m.start(), "record" if word in _RECORD_ABSOLUTES else \
            "judgement"


@rule(
    id="CC601",
    name="unsourced-superlative",
    family="superlative",
    severity="warning",
    message="'{cue}' ranks against everything else: give the comparison and its source (a "
    "figure, a record, a named count)",
    hint="Say compared with what, by what measure and according to whom, or drop the ranking.",
    exemptions=("figure-in-sentence", "speech-act", "idiom", "name-or-title", "source-next"),
)
def unsourced_superlative(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A record (largest yet, worst in history, the only country in the world, the world's
    most important, unprecedented) with no source: a ranking against everything there is. A
    judging superlative ("the most important", "their only option") is CC603's and a plain
    measured ranking ("the largest party") CC602's, both off by default.

    FLAGGED:
    - Israel launched its largest offensive yet.
    - This is the worst crisis in history.
    - It is the only country in the world to do so.
    - The world's most important greenhouse gas is carbon dioxide.

    NOT FLAGGED:
    - It was the largest offensive since 2014, with 300 tanks.
    - The forest is the oldest in Europe, according to the park service.
    - We asked for the latest figures.
    - She is the best teacher I have ever had.
    - The Greens remain the largest party in the council.
    - The last thing is the most important.
    """
    for start, end, key_at, kind in _rankings(ctx):
        if kind == "record":
            yield Finding(*ctx.cue(start, end), key_at=ctx.offset + key_at)


@rule(
    id="CC603",
    name="judging-superlative",
    family="superlative",
    severity="info",
    message="'{cue}' ranks by a judgement: say whose judgement it is, or what it rests on",
    hint="Attribute the ranking ('analysts call it the best ...') or say by what measure.",
    exemptions=("figure-in-sentence", "speech-act", "idiom", "name-or-title", "source-next"),
    default_on=False,
)
def judging_superlative(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A superlative that judges (the best, the most important, the greatest fear, their only
    option) with no source. Off by default: on news, reference and blog prose it is mostly the
    writer's emphasis or a selection from a list the text gives ("the most important question
    is ..."); switch it on to review every one.

    FLAGGED:
    - Destroying Hamas is their only option.
    - The last thing is the most important.

    NOT FLAGGED:
    - She is the best teacher I have ever had.
    - This is the worst crisis in history.
    """
    for start, end, key_at, kind in _rankings(ctx):
        if kind == "judgement":
            yield Finding(*ctx.cue(start, end), key_at=ctx.offset + key_at)


@rule(
    id="CC602",
    name="measured-superlative",
    family="superlative",
    severity="info",
    message="'{cue}' ranks by a measure: say by what measure and according to whom",
    hint="Name the count or the source of the ranking ('the largest party, with 41 of 120 "
    "seats').",
    exemptions=("figure-in-sentence", "idiom", "name-or-title", "source-next"),
    default_on=False,
)
def measured_superlative(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A plain measured ranking (the largest party, the most common complaint, the highest
    level) with no source. Off by default: on news and blog prose most of these are checkable
    facts an editor leaves as they are; switch it on to review every ranking.

    FLAGGED:
    - The Greens remain the largest party in the council.
    - Slow builds were the most common complaint.

    NOT FLAGGED:
    - The Greens remain the largest party, with 41 of 120 seats.
    - This is the worst crisis in history.
    """
    for start, end, key_at, kind in _rankings(ctx):
        if kind == "measure":
            yield Finding(*ctx.cue(start, end), key_at=ctx.offset + key_at)
