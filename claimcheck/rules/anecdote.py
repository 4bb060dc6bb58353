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
from ..text.figures import has_data
from .base import Finding, rule
from .grammar import DETERMINERS, FUNCTION_WORDS, NOT_PLURAL, PARTICIPLES, PLURAL, PRONOUNS
from .scopes import quoted
from .sentence import SentenceContext, per_sentence
from .words import EDGE_L, EDGE_R, alternation, cue_key, phrases, whole_words, word_set, words

_PAST = (r"(?:[a-z]+ed|took|saw|met|had|got|went|ate|tried|knew|bought|read|found|heard|made|"
         r"did|was|were|lost|won|gave|wore|drove|came|ran|sat|left|paid|spent|told|said|broke|"
         r"fell|hit|bit|stole|caught|fought|chose|wrote|sold|smoked|lived|died)")
# "I tried two", "we had a bad meal": the writer's own past case.
_FIRST_PERSON_PAST = re.compile(whole_words(
    r"(?-i:I|We|we)\s+(?:(?:only|just|once|also|never|really|recently|actually)\s+)?" + _PAST),
    re.IGNORECASE)
# "My neighbour's child was kidnapped", "our car broke down": one known case, told in the past.
_MY_CASE = re.compile(whole_words(r"(?:my|our)\s+(?:[\w'’-]+\s+){0,3}?" + _PAST), re.IGNORECASE)
# The writer in the verdict: "I'll never go back" acts on the case instead of generalizing.
# "My city must be dangerous" still judges a whole, so only the writer as subject counts.
_WRITER = re.compile(whole_words(r"I|I['’]\w+|me|we|we['’]\w+|us"), re.IGNORECASE)
# "I believe her": a stance on a person, not a verdict on a kind.
_OBJECT = re.compile(r"\s*(?:her|him|them|you|it|this|that)\b(?!\s+(?:is|are|was|were|will|"
                     r"must|can|has|have|does|do)\b)", re.IGNORECASE)
_ONE_PERSON = re.compile(whole_words(r"(?:he|she|him|her)(?:['’]\w+)?"), re.IGNORECASE)
# Data at scale before the verdict: a share, a large count, or a named kind of study.
_SCALE = re.compile(r"\d\s*%|\b(?:percent|per\s+cent|thousands|millions|billions|survey|study|"
                    r"poll|census|data)\b|(?<![\w.])\d{1,3}(?:,\d{3})+(?!\w)", re.IGNORECASE)
_VERDICT = re.compile(r"(?:['’]ll|['’]s|" + EDGE_L + r"(?:is|are|isn['’]t|aren['’]t|will|won['’]t|"
                      r"must|can['’]t|cannot|always|never|all|every|generally|causes?|gives?|"
                      r"makes?))" + EDGE_R, re.IGNORECASE)
# A kind named without a determiner: plurals, gerunds and abstract nouns ("smoking", "violence").
_KIND_HEAD = re.compile(r"(?:" + PLURAL + r"|[a-z]{3,}(?:ing|ence|ance|ion|ity|ism|ness|"
                        r"ment|cy))", re.IGNORECASE)
# A present-tense verdict: a copula, a causal verb, an always/never habit, or any verb in -s
# ("cheese helps sleep"). Past tense ("smoking was") would be another case, not a rule.
_GENERIC_VERB = (r"(?:is|are|isn['’]t|aren['’]t|is\s+not|are\s+not|must\s+be|can['’]t\s+be|"
                 r"causes?|gives?|makes?|leads?\s+to|will\s+(?:always|never)|never|always|"
                 r"don['’]t|doesn['’]t|[a-z]{2,}[^s\W]s)")


# "My father told me the sky is green": what someone said, repeated; an appeal to authority,
# not a case the writer saw.
_TESTIMONY = re.compile(whole_words(r"(?:told|tells|said|says|taught|teaches|claimed|claims|"
                                    r"swore|assured)\s+(?:me|us|that)"), re.IGNORECASE)


_OUT_OF = re.compile(r"\b\w+\s+out\s+of\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d)\b",
                     re.IGNORECASE)
_WRITER_IN = re.compile(r"\b(?:I|me|my|we|us|our)\b|\bI['’]", re.IGNORECASE)


def reports_case(text: str) -> bool:
    """The text tells one case or a handful from the writer's own experience (not testimony)."""
    if _TESTIMONY.search(text):
        return False
    if _FIRST_PERSON_PAST.search(text) or _MY_CASE.search(text):
        return True
    if phrases("past_events").search(text) and re.search(r"\b(?:was|were|[a-z]+ed)\b", text,
                                                          re.IGNORECASE):
        return True
    # A handful counts as a sample when the writer is in the story or it is put as a share of a
    # handful ("four out of five dentists"): a news report of "three soldiers are killed" is
    # no anecdote.
    return bool(_WRITER_IN.search(text) or _OUT_OF.search(text)) and any(
        True for _ in _sample_ends(text, len(text)))


@lru_cache(maxsize=1)
def _generic_statement() -> re.Pattern[str]:
    """A sentence whose subject is a kind with no determiner, with a present-tense verdict, after
    an optional marker: "Obviously, smoking isn't harmful", "Violence is a growing problem"."""
    marker = alternation(words("conclusion_markers"))
    return re.compile(
        EDGE_L + r"(?P<lead>(?:" + marker + r")[\s,]+)?"
        r"(?P<subject>(?!(?:" + DETERMINERS + r")\b)(?:[\w'’-]+\s+(?:and\s+)?){0,2}?"
        r"(?P<head>[\w-]+))\s+" + _GENERIC_VERB + EDGE_R,
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
    reads=("imagined",),
    exemptions=("speech-act", "episodic", "qualified"),
    default_on=False,
    supersedes=("CC101", "CC102", "CC201", "CC202", "CC401", "CC402"),
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
    found = anecdote_leap(ctx)
    if found is not None:  # the leap owns the rest of its sentence: one leap, one finding
        yield Finding(*ctx.cue(*found), reach=(ctx.offset + found[0], ctx.offset + len(ctx.text)))


@per_sentence
def anecdote_leap(ctx: SentenceContext) -> tuple[int, int] | None:
    """The verdict's span when this sentence turns the case told before it into a rule."""
    before = ctx.preceding[-500:]  # the paragraph's sentences before this one
    if ctx.supported or has_data(ctx.text) or _SCALE.search(before):
        return None
    if not before.strip() or not reports_case(before):
        return None
    text = ctx.text
    generic = _generic_statement().match(text, _skip_space(text, ctx.lo))
    if generic and _is_kind(generic) and not quoted(ctx, generic.start()):
        clause = re.split(r"[;:]|,\s+(?:and|but|so)\b", text[generic.start("subject"):])[0]
        if not _WRITER.search(clause):
            return generic.start(), generic.end()
    for m in ctx.finditer(phrases("conclusion_markers")):
        if _PAST_GUESS.match(text, m.start()):
            continue  # "It must have been the pizza": a guess at the case's own cause
        rest = _without_guesses(re.split(r"[.;!?]", text[m.end():])[0])
        # "The canteen is therefore popular": the verdict may come before the marker.
        lead = _without_guesses(re.split(r"[.;:!?,]", text[:m.start()])[-1])
        if not (_VERDICT.search(m.group() + rest) or _VERDICT.search(lead)) or _OBJECT.match(
                rest):
            continue
        if _WRITER.search(lead + " " + rest):
            continue
        if _ONE_PERSON.search(text[max(0, m.start() - 15):m.start()] + " " + rest[:15]):
            continue  # "he must know", "I'm sure she'll win": a guess about one person
        if quoted(ctx, m.start()):
            continue
        return m.start(), m.end()
    return None


# "It must have been the pizza", "he must have crashed": a guess at what happened in the case
# (usually its cause), told in the past; it infers nothing about a kind.
_PAST_GUESS = re.compile(r"\bmust\s+have\s+(?:been|[a-z]+(?:ed|en)|" + "|".join(sorted(
    PARTICIPLES)) + r")\b", re.IGNORECASE)


def _without_guesses(text: str) -> str:
    """`text` with its past guesses ("must have been") blanked, so they conclude nothing."""
    return _PAST_GUESS.sub(lambda m: " " * len(m.group()), text)


# A conclusion that states what something is or will always be.
_CONCLUDES = re.compile(r"(?:\b(?:is|are|will|must|all|every|always|never|can['’]t|won['’]t)\b"
                        r"|['’]s\b)", re.IGNORECASE)


@per_sentence
def hasty_leap(ctx: SentenceContext) -> tuple[int, int] | None:
    """The span of the first marker that concludes from a case told earlier in the same
    sentence (CC103): one leap, one finding, however many markers the conclusion repeats
    ("therefore ... must be")."""
    if ctx.attributed or has_data(ctx.text):
        return None  # a small count is the sample itself; only data at scale supports the whole
    for m in ctx.finditer(phrases("hasty_inference")):
        if m.group().lower() == "so" and not re.search(r"[,;]\s*$", ctx.text[:m.start()]):
            continue  # "so good" is an intensifier; only ", so ..." concludes
        if not any(_CLAUSE_BREAK.search(ctx.text, at, m.start())
                   for at in _sample_ends(ctx.text, m.start())):
            continue  # "my dog must be sick" guesses about the case itself; no leap from it
        if _PAST_GUESS.match(ctx.text, m.start()):
            continue  # "he must have crashed": the case's own cause, not a rule for a kind
        conclusion = _without_guesses(re.split(r"[.;!?]", ctx.text[m.start():])[0])
        if not _CONCLUDES.search(conclusion) or quoted(ctx, m.start()):
            continue  # "so I visit often" acts on the cases; it does not generalize from them
        return m.start(), m.end()
    return None


# Between a case and the conclusion drawn from it: a new clause.
_CLAUSE_BREAK = re.compile(r"[,;:.—–]|\b(?:and|but|so|then|therefore|thus|hence)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _samples() -> re.Pattern[str]:
    """One case or a handful: the listed phrases ("my uncle", "yesterday") or a small count of
    people or things ("three kids", "2 courses")."""
    small = (r"(?:two|three|four|five|a\s+couple\s+of|[2-5])\s+(?:[a-z]+\s+)?"
             r"(?P<counted>" + PLURAL + ")")
    return re.compile(whole_words(alternation(words("hasty_samples")) + "|" + small),
                      re.IGNORECASE)


def _sample_ends(text: str, end: int) -> Iterator[int]:
    """Where each case told in `text[:end]` ends. "Two days later", "five years" count time,
    not cases."""
    for m in _samples().finditer(text, 0, end):
        counted = (m.group("counted") or "").lower()
        if counted in word_set("time_units") or counted in NOT_PLURAL:
            continue
        yield m.end()


def _skip_space(text: str, pos: int) -> int:
    """The first letter or digit at or after `pos`: where the claim's words begin."""
    while pos < len(text) and not (text[pos].isalnum()):
        pos += 1
    return pos


_COUNTED = frozenset({"each", "every", "any", "both", "either", "neither"})


def _is_kind(m: re.Match[str]) -> bool:
    """The subject names a kind: its first word is not a pronoun and its head is a plural, a
    gerund or an abstract noun ("cheeseburgers", "smoking", "violence")."""
    for word in cue_key(m.group("subject")).split():
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


@rule(
    id="CC103",
    name="hasty-generalization",
    family="sweeping",
    severity="warning",
    message="'{cue}' draws a general conclusion from one case or a handful: give figures for "
    "the whole, or keep the claim to the cases you saw",
    hint="Report the cases as cases ('two restaurants I tried were poor'), or find data that "
    "covers the whole.",
    reads=("imagined",),
    # CC104 too: when the sentence before also tells a case, CC104 finds the same leap, but its
    # premise is here, in the same sentence: the more specific finding is this one.
    supersedes=("CC101", "CC102", "CC104", "CC201", "CC202", "CC401", "CC402"),
)
def hasty_generalization(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A conclusion ("so", "therefore", "must") drawn in the same sentence as one case or a
    handful. A conclusion that opens the next sentence is CC104's (anecdote-generalization),
    and one drawn here is this rule's even when the sentence before tells a case too, so one
    leap is reported once.

    FLAGGED:
    - I had a bad teacher once; therefore, all teachers must be bad.
    - My first time walking the dog went terribly, so my dog is a terrible one.
    - I met a rude waiter yesterday, so waiters are rude.

    NOT FLAGGED:
    - I had a bad teacher once.
    - Inflation rose 4% in May, so the bank raised rates.
    - In a survey of 2,000 drivers, most said so; therefore, the rule stays.
    - I know five people from Ohio, so I visit often.
    - I met a rude waiter yesterday. Thus waiters are rude.
    """
    found = hasty_leap(ctx)
    if found is not None:  # the leap owns the rest of its sentence: one leap, one finding
        yield Finding(*ctx.cue(*found), reach=(ctx.offset + found[0], ctx.offset + len(ctx.text)))
