"""Collective mind-reading: a whole people, group or "the world" given one mind or one trait.

Institutions act and speak ("the French Ministry of Foreign Affairs expressed regret"); a
population does not feel, hope or intend as one, and a group does not share one character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..models import Claim
from .base import Finding, rule
from .grammar import (
    FUNCTION_WORDS,
    MODIFIER,
    PLURAL,
    PREDICATE,
    SPECIFIC,
    clause_start,
    generic_predicate,
    has_predicate,
)
from .sentence import SentenceContext, per_sentence
from .words import EDGE_L, EDGE_R, alternation, phrases, word_set, words


@lru_cache(maxsize=1)
def _group() -> str:
    """A whole population as a subject: "Israelis", "the French", "farmers", "the world",
    "the Palestinian population", "Kentuckians" (capitalised -ians/-ans plurals)."""
    # the capitalised lists sit in (?-i:...): matched case-sensitively, so they can be trees
    demonyms = alternation(words("demonyms"), case_sensitive=True)
    nationality = alternation(words("nationality_adjectives"), case_sensitive=True)
    groups = alternation(words("group_nouns"))
    things = alternation(words("not_demonyms"), case_sensitive=True)
    return (
        r"(?P<group>(?-i:" + demonyms + r"|(?!(?:" + things + r")\b)[A-Z][a-z]+(?:ians|eans|ans))"
        r"|(?i:the)\s+(?-i:" + nationality + r")"
        r"|(?i:the)\s+(?:[A-Z][a-z]+\s+)?(?:population|people|public|nation|world)"
        # "the Israeli side": a party to a conflict or a talk, named by its people
        r"|(?i:the)\s+(?-i:" + nationality + r")\s+side"
        r"|" + MODIFIER + r"?" + groups + r")"
    )


@lru_cache(maxsize=1)
def _mind_pattern() -> re.Pattern[str]:
    return _minds(_group())


@lru_cache(maxsize=1)
def _bare_mind_pattern() -> re.Pattern[str]:
    """Any bare plural given a feeling ("dockers are furious"): only people feel, so the plural
    names a group even when it is not in our lists. Checked at a clause start only."""
    return _minds(r"(?P<group>" + MODIFIER + r"?" + PLURAL + r")")


def _minds(subject: str) -> re.Pattern[str]:
    adverbs = r"(?:(?:still|also|really|clearly|all|now|generally|simply|just|truly|certainly|" \
        r"obviously|only|even|surely|definitely|increasingly|mostly|largely|collectively|" \
        r"urgently|desperately|secretly)\s+)*"
    return re.compile(
        EDGE_L + subject + r"\s+" + adverbs + r"(?P<mind>" +
        alternation(words("mental_verbs")) + r")" + EDGE_R,
        re.IGNORECASE,
    )


@per_sentence
def _feels(ctx: SentenceContext) -> bool:
    """A mental verb as a whole word somewhere in the sentence. Both mind patterns end in one
    after a space, so a sentence without one (most) is settled by this short scan instead of
    the two long patterns'."""
    return phrases("mental_verbs").search(ctx.text) is not None


# "They hope ...", after a sentence whose subject is a group: the pronoun stands for the group.
_THEY = re.compile(r"(?P<group>They)\s+(?:(?:still|also|really|all|now|only|even|urgently|"
                   r"desperately)\s+)*(?P<mind>" + "|".join(("hope", "want", "believe", "fear",
                   "think", "feel", "wish", "expect", "intend", "refuse", r"are\s+not\s+open",
                   r"are\s+unwilling", r"are\s+open", r"do\s+not\s+want", r"don['’]t\s+want")) +
                   r")\b")
# "..., unwilling to make any compromise": a group given a will in a phrase after its clause.
_UNWILLING = re.compile(r"[^.;:!?]{0,80}?,\s+(?P<mind>(?:un)?willing|reluctant|determined|eager|"
                        r"refusing)\s+to\b", re.IGNORECASE)


def _group_named_before(ctx: SentenceContext) -> bool:
    """The sentence before (same paragraph) has a population as its subject."""
    before = ctx.preceding.rstrip()
    last = re.split(r"(?<=[.!?])\s+", before)[-1] if before else ""
    m = _mind_pattern().search(last) or _trait_pattern().search(last)
    return m is not None and m.start() < 60


@lru_cache(maxsize=1)
def _side_pattern() -> re.Pattern[str]:
    """"the Israeli side": a party named by its people (compiled once, not per sentence)."""
    return re.compile(r"(?i:the)\s+(?-i:" + alternation(words("nationality_adjectives"),
                                                          case_sensitive=True) +
                      r")\s+side\b")


@lru_cache(maxsize=1)
def _trait_pattern() -> re.Pattern[str]:
    relative = r"(?:\s+(?:who|that)\s+[^,.;:!?\s][^,.;:!?]{0,39}?)?"
    return re.compile(EDGE_L + _group() + relative + r"\s+" + PREDICATE, re.IGNORECASE)


def _is_institution(ctx: SentenceContext, m: re.Match[str]) -> bool:
    """"French Ministry", "Israeli forces": the group word is an adjective on an institution."""
    if re.fullmatch(r"[A-Z]{2,6}s?", m.group("group").split()[-1]):
        return True  # "TTS felt", "NASA wants": an acronym names an organisation
    group = m.group("group").lower().split()
    head = group[group.index("of") - 1] if "of" in group[1:] else group[-1]
    if head in word_set("institutions"):  # the head noun: "members of congress" are people
        return True
    before = ctx.words_before(m.start(), 1)
    return bool(before) and before[0].endswith("'s")


# Words after which "that" opens a clause ("saying that men ...") rather than pointing.
_THAT_CLAUSE = frozenset({
    "say", "says", "said", "saying", "think", "thinks", "thought", "believe", "believes",
    "believed", "know", "knows", "knew", "claim", "claims", "claimed", "claiming", "feel", "feels",
    "argue", "argues", "argued", "assume", "assumes", "is", "was", "means", "seems", "true",
    "clear", "obvious", "shows", "proves", "suggests", "agree", "agrees", "insist", "insists",
})


# "It makes people feel sad", "let farmers decide": the group is the object of a causative
# verb; the sentence says what something does to them, not what they all feel.
_CAUSATIVE = frozenset({"make", "makes", "made", "making", "let", "lets", "letting", "help",
                        "helps", "helped", "helping", "have", "has", "had"})


def _specific(ctx: SentenceContext, m: re.Match[str]) -> bool:
    before = ctx.words_before(m.start(), 1)
    first = m.group("group").split()[0].lower()  # the optional modifier may be the verb
    if (before and before[0] in _CAUSATIVE) or first in _CAUSATIVE:
        return True
    if before == ["that"] and ctx.words_before(m.start(), 2)[0] in _THAT_CLAUSE:
        return False  # "say that men ...": "that" opens a clause; it points at no one
    return bool(before) and (before[0] in SPECIFIC or before[0].isdigit())


@rule(
    id="CC401",
    name="collective-mind",
    family="collective",
    severity="warning",
    message="'{cue}' gives a whole group one mind: cite a poll or survey, or name who said it",
    hint="Name who expressed it ('the foreign ministry said it hopes ...') or cite a poll "
    "('62% of Israelis in a May poll ...').",
    exemptions=("figure-in-sentence", "source-next", "survey-context", "people-at-large",
                "qualified"),
    supersedes=("CC102", "CC402"),
)
def collective_mind(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A nation, people, group or "the world" given one feeling, belief or intent.

    FLAGGED:
    - Israelis do not seem open to the option of peace.
    - The French hope that both sides will sit down again.
    - The world hopes that the attacks will stop.
    - Farmers are furious about the new rules.
    - The French hope to meet. They hope that Israelis will open the crossing.
    - It is hard when the Israeli side rejects it, unwilling to make any compromise.

    NOT FLAGGED:
    - The French Ministry of Foreign Affairs expressed regret.
    - China's commerce ministry announced new tariffs.
    - 62% of farmers are furious, a May poll found.
    """
    taken: list[int] = []
    feels = _feels(ctx)
    for m in ctx.finditer(_mind_pattern()) if feels else ():
        if _is_institution(ctx, m) or _specific(ctx, m):
            continue
        taken.append(m.end("mind"))
        yield Finding(*ctx.cue(m.start(), m.end("mind")))
    they = _THEY.match(ctx.text, ctx.lo)
    if they is not None and clause_start(ctx, they.start()) and _group_named_before(ctx):
        taken.append(they.end("mind"))
        yield Finding(*ctx.cue(they.start(), they.end("mind")))
    for m in ctx.finditer(_side_pattern()):
        will = _UNWILLING.match(ctx.text, m.end())
        if will is not None and will.end("mind") not in taken:
            taken.append(will.end("mind"))
            yield Finding(*ctx.cue(m.start(), m.end()), reach=(
                ctx.offset + m.start(), ctx.offset + will.end("mind")))
    for m in ctx.finditer(_bare_mind_pattern()) if feels else ():
        if m.end("mind") in taken or not clause_start(ctx, m.start()):
            continue
        first = m.group("mind").split()[0].lower()
        if first.endswith("s") or m.group("group").split()[-1].lower() in FUNCTION_WORDS:
            continue  # "Hamas intends", "His hopes": a singular verb means a singular subject
        if _is_institution(ctx, m) or _specific(ctx, m):
            continue
        yield Finding(*ctx.cue(m.start(), m.end("mind")))


@rule(
    id="CC402",
    name="group-stereotype",
    family="collective",
    severity="warning",
    message="'{cue}' says what a whole group is or does: give figures for the group or a named "
    "study, or speak of the people you actually know about",
    hint="Narrow it to the cases you know ('three members of Congress ...') or cite a study.",
    exemptions=("figure-in-sentence", "source-next", "people-at-large", "qualified"),
)
def group_stereotype(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A whole group given one trait or habit: "teenagers are irresponsible", "men don't cry".

    FLAGGED:
    - Kentuckians are racist.
    - Teenagers are so irresponsible and destructive.
    - Men don't cry.
    - People who read are smart.

    NOT FLAGGED:
    - Israelis are advancing hour by hour.
    - My friends are tired.
    - 40% of teenagers are online after midnight, the survey found.
    """
    if not has_predicate(ctx):
        return
    for m in ctx.finditer(_trait_pattern()):
        if _is_institution(ctx, m) or _specific(ctx, m):
            continue
        if not clause_start(ctx, m.start()) or not generic_predicate(m):
            continue
        yield Finding(*ctx.cue(m.start(), m.end()))
