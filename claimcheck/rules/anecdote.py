"""Anecdote to general: a sentence that reports one case is followed by a verdict on a whole kind.

"My grandmother smoked and lived to 100. Obviously, smoking is harmless." Neither sentence has a
sweeping word; the leap is between them. The case is the writer's own (first person, "my uncle",
"yesterday"); the verdict speaks of a kind ("smoking", "restaurants here") in the present tense.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..models import Claim
from .base import Finding, rule
from .context import SentenceContext, alternation, has_data, phrases, words
from .grammar import DETERMINERS, FUNCTION_WORDS, PRONOUNS

_PAST = (r"(?:[a-z]+ed|took|saw|met|had|got|went|ate|tried|knew|bought|read|found|heard|made|"
         r"did|was|were|lost|won|gave|wore|drove|came|ran|sat|left|paid|spent|told|said|broke|"
         r"fell|hit|bit|stole|caught|fought|chose|wrote|sold|smoked|lived|died)")
# "I tried two", "we had a bad meal": the writer's own past case.
_FIRST_PERSON_PAST = re.compile(
    r"(?<![\w'’-])(?-i:I|We|we)\s+(?:(?:only|just|once|also|never|really|recently|actually)\s+)?"
    + _PAST + r"(?![\w'’-])", re.IGNORECASE)
# "My neighbour's child was kidnapped", "our car broke down": one known case, told in the past.
_MY_CASE = re.compile(r"(?<![\w'’-])(?:my|our)\s+(?:[\w'’-]+\s+){0,3}?" + _PAST + r"(?![\w'’-])",
                      re.IGNORECASE)
# The writer in the verdict: "I'll never go back" acts on the case instead of generalizing.
# "My city must be dangerous" still judges a whole, so only the writer as subject counts.
_WRITER = re.compile(r"(?<![\w'’-])(?:I|I['’]\w+|me|we|we['’]\w+|us)(?![\w'’-])", re.IGNORECASE)
# "I believe her": a stance on a person, not a verdict on a kind.
_OBJECT = re.compile(r"\s*(?:her|him|them|you|it|this|that)\b(?!\s+(?:is|are|was|were|will|"
                     r"must|can|has|have|does|do)\b)", re.IGNORECASE)
_ONE_PERSON = re.compile(r"(?<![\w'’-])(?:he|she|him|her)(?:['’]\w+)?(?![\w'’-])", re.IGNORECASE)
# Data at scale before the verdict: a share, a large count, or a named kind of study.
_SCALE = re.compile(r"\d\s*%|\b(?:percent|per\s+cent|thousands|millions|billions|survey|study|"
                    r"poll|census|data)\b|(?<![\w.])\d{1,3}(?:,\d{3})+(?!\w)", re.IGNORECASE)
_VERDICT = re.compile(r"(?:['’]ll|['’]s|(?<![\w'’-])(?:is|are|isn['’]t|aren['’]t|will|won['’]t|"
                      r"must|can['’]t|cannot|always|never|all|every|generally|causes?|gives?|"
                      r"makes?))(?![\w'’-])", re.IGNORECASE)
# A kind named without a determiner: plurals, gerunds and abstract nouns ("smoking", "violence").
_KIND_HEAD = re.compile(r"(?:[a-z]+(?<![su])(?<!ss)s|[a-z]{3,}(?:ing|ence|ance|ion|ity|ism|ness|"
                        r"ment|cy))", re.IGNORECASE)
# A present-tense verdict: a copula, a causal verb, an always/never habit, or any verb in -s
# ("cheese helps sleep"). Past tense ("smoking was") would be another case, not a rule.
_GENERIC_VERB = (r"(?:is|are|isn['’]t|aren['’]t|is\s+not|are\s+not|must\s+be|can['’]t\s+be|"
                 r"causes?|gives?|makes?|leads?\s+to|will\s+(?:always|never)|never|always|"
                 r"don['’]t|doesn['’]t|[a-z]{2,}[^s\W]s)")


def reports_case(text: str) -> bool:
    """The text tells one case or a handful from the writer's own experience."""
    return bool(phrases("hasty_samples").search(text) or _FIRST_PERSON_PAST.search(text)
                or _MY_CASE.search(text)
                or (phrases("past_events").search(text) and re.search(
                    r"\b(?:was|were|[a-z]+ed)\b", text, re.IGNORECASE)))


@lru_cache(maxsize=1)
def _generic_statement() -> re.Pattern[str]:
    """A sentence whose subject is a kind with no determiner, with a present-tense verdict, after
    an optional marker: "Obviously, smoking isn't harmful", "Violence is a growing problem"."""
    marker = alternation(words("conclusion_markers"))
    return re.compile(
        r"(?P<lead>(?:" + marker + r")[\s,]+)?"
        r"(?P<subject>(?!(?:" + DETERMINERS + r")\b)(?:[\w'’-]+\s+(?:and\s+)?){0,2}?"
        r"(?P<head>[\w-]+))\s+" + _GENERIC_VERB + r"(?![\w'’-])",
        re.IGNORECASE,
    )


@rule(
    id="CC104",
    name="anecdote-generalization",
    family="sweeping",
    severity="warning",
    message="'{cue}' turns the case told just before into a rule for a whole kind: give figures "
    "for the kind, or keep the claim to the case",
    hint="Keep the verdict to what happened ('the two courses I took were dull') or cite data "
    "that covers the whole ('a 2023 survey of 5,000 students ...').",
)
def anecdote_generalization(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A verdict on a whole kind right after a sentence that tells one case or a handful.

    FLAGGED:
    - My grandfather drank every day and lived to 95. Obviously, alcohol is harmless.
    - A dog bit me in the park yesterday. Dogs are dangerous.
    - I took two chemistry classes there. I don't think it is a good school.

    NOT FLAGGED:
    - My grandfather drank every day and lived to 95. He was lucky.
    - A dog bit me in the park yesterday. I will avoid that park.
    - We tested 2,000 batteries last year. Cheap batteries fail sooner.
    - A dog bit me yesterday. Dogs are dangerous, the vet said.
    """
    before = ctx.preceding[-500:]  # the paragraph's sentences before this one
    if ctx.supported or has_data(ctx.text) or _SCALE.search(before):
        return
    if not before.strip() or not reports_case(before):
        return
    text = ctx.text
    generic = _generic_statement().match(text, _skip_space(text, ctx.lo))
    if generic and _is_kind(generic) and not ctx.quoted(generic.start()):
        clause = re.split(r"[;:]|,\s+(?:and|but|so)\b", text[generic.start("subject"):])[0]
        if not _WRITER.search(clause):
            yield Finding(*ctx.cue(generic.start(), generic.end()))
            return
    for m in ctx.finditer(phrases("conclusion_markers")):
        rest = re.split(r"[.;!?]", text[m.end():])[0]
        # "The canteen is therefore popular": the verdict may come before the marker.
        lead = re.split(r"[.;:!?,]", text[:m.start()])[-1]
        if not (_VERDICT.search(m.group() + rest) or _VERDICT.search(lead)) or _OBJECT.match(
                rest):
            continue
        if _WRITER.search(lead + " " + rest):
            continue
        if _ONE_PERSON.search(text[max(0, m.start() - 15):m.start()] + " " + rest[:15]):
            continue  # "he must know", "I'm sure she'll win": a guess about one person
        if ctx.quoted(m.start()):
            continue
        yield Finding(*ctx.cue(m.start(), m.end()))
        return


def _skip_space(text: str, pos: int) -> int:
    """The first letter or digit at or after `pos`: where the claim's words begin."""
    while pos < len(text) and not (text[pos].isalnum()):
        pos += 1
    return pos


_COUNTED = frozenset({"each", "every", "any", "both", "either", "neither"})


def _is_kind(m: re.Match[str]) -> bool:
    """The subject names a kind: its first word is not a pronoun and its head is a plural, a
    gerund or an abstract noun ("cheeseburgers", "smoking", "violence")."""
    for word in m.group("subject").lower().replace("’", "'").split():
        if word in PRONOUNS or word.split("'")[0] in PRONOUNS:
            return False  # "Soon you are ...": a person, not a kind
        if word in _COUNTED or (word in FUNCTION_WORDS and word not in {"and", "or"}):
            return False  # "Each of those ...": a counted set, not a bare kind
    head = m.group("head")
    if head.lower().endswith("ly"):
        return False  # "Jake clearly supports": the head is an adverb after a name
    if head.islower() and (m.start("head") > m.start("subject") or m.group("lead")):
        return True  # "American-made skincare", "so, cheese": a bare common noun is a kind
    return bool(_KIND_HEAD.fullmatch(head))

