"""Sweeping quantifiers: "all", "every", "never", "no one" claim a whole with no count behind it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Claim
from .base import Finding, rule
from .context import SentenceContext, has_data, phrases, word_set
from .grammar import DETERMINERS, PREDICATE, SPECIFIC, clause_start, generic_predicate

_NEGATED = frozenset({"not", "n't", "nearly", "hardly"})  # "not all X" is the careful claim
# "all those things", "all of my time": a bounded set the sentence points at, not a whole class.
_BOUNDED = frozenset({"this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
                      "their"})
# "should never", "must always": a rule being laid down, not a claim about the world.
_NORMATIVE = frozenset({"should", "must", "ought", "shall", "shouldn't", "mustn't", "to"})


def _in_condition(head: str) -> bool:
    """The cue sits in an if-clause ("if you never pay ..."): supposed, not asserted."""
    clause = re.split(r"[,;:]|\bthen\b", head)[-1]
    return bool(re.search(r"\b(?:if|unless|whether|suppose|imagine)\b", clause, re.IGNORECASE))


@rule(
    id="CC101",
    name="sweeping-quantifier",
    family="sweeping",
    severity="warning",
    message="'{cue}' claims a whole with nothing behind it: give a figure, a named source or a "
    "poll that covers everyone it speaks of",
    hint="Count it ('all 12 members'), name who counted, or narrow it ('many', 'some of').",
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
    """
    if ctx.attributed:
        return
    idioms = [(m.start(), m.end()) for m in phrases("sweeping_idioms").finditer(ctx.text)]
    for m in ctx.finditer(phrases("sweeping")):
        if any(s <= m.start() < e for s, e in idioms):
            continue
        before = ctx.words_before(m.start(), 1)
        if before and (before[0] in _NEGATED or before[0].endswith("n't")):
            continue
        if before and before[0] in _NORMATIVE:
            continue
        after = [w for w in ctx.words_after(m.end(), 2) if w != "of"][:1]
        if m.group().lower() == "all" and after and after[0] in _BOUNDED:
            continue
        if _in_condition(ctx.text[max(0, m.start() - 300):m.start()]) or ctx.figure_near(
                m.start()):
            continue
        if ctx.quoted(m.start()):
            continue
        yield Finding(*ctx.cue(m.start(), m.end()))


# A bare plural noun ("cars", "flu vaccines"): -s but not -ss/-us ("glass", "virus").
_BARE_PLURAL = re.compile(
    r"(?<![\w'’-])(?P<subject>(?:(?!(?:" + DETERMINERS + r")\b)[a-z][\w-]*\s+)?"
    r"(?P<noun>[a-z][a-z]*(?<![su])(?<!ss)s))\s+" + PREDICATE,
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
    """
    if ctx.attributed:
        return
    people = word_set("group_nouns") | word_set("demonyms")  # CC402 speaks about people
    for m in ctx.finditer(_BARE_PLURAL):
        noun = m.group("noun").lower()
        if noun in people or noun in SPECIFIC or not clause_start(ctx, m.start()):
            continue
        if ctx.figure_near(m.start()):
            continue
        if not generic_predicate(m) or ctx.quoted(m.start()):
            continue
        rest = ctx.text[m.end("subject"):]
        if phrases("mental_verbs").match(rest, len(rest) - len(rest.lstrip())):
            continue  # a plural given a feeling is people: CC401 reports it
        yield Finding(*ctx.cue(m.start(), m.end()))


# A conclusion that states what something is or will always be.
_VERDICT = re.compile(r"(?:\b(?:is|are|will|must|all|every|always|never|can['’]t|won['’]t)\b"
                      r"|['’]s\b)", re.IGNORECASE)


@rule(
    id="CC103",
    name="hasty-generalization",
    family="sweeping",
    severity="warning",
    message="'{cue}' draws a general conclusion from one case or a handful: give figures for "
    "the whole, or keep the claim to the cases you saw",
    hint="Report the cases as cases ('two restaurants I tried were poor'), or find data that "
    "covers the whole.",
)
def hasty_generalization(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A conclusion ("so", "therefore", "must") drawn right after one case or a handful.

    FLAGGED:
    - I had a bad teacher once; therefore, all teachers must be bad.
    - My first time walking the dog went terribly, so my dog is a terrible one.
    - My dog got sprayed by a skunk on the trail. Therefore, trail running is dangerous.

    NOT FLAGGED:
    - I had a bad teacher once.
    - Inflation rose 4% in May, so the bank raised rates.
    - In a survey of 2,000 drivers, most said so; therefore, the rule stays.
    - I know five people from Ohio, so I visit often.
    """
    if ctx.attributed or has_data(ctx.text):
        return  # a small count is the sample itself; only data at scale supports the whole
    samples = phrases("hasty_samples")
    for m in ctx.finditer(phrases("hasty_inference")):
        if m.group().lower() == "so" and not re.search(r"[,;]\s*$", ctx.text[:m.start()]):
            continue  # "so good" is an intensifier; only ", so ..." concludes
        head = ctx.text[:m.start()]
        opens = not re.search(r"\w", head)
        if not samples.search(head) and not (opens and samples.search(ctx.preceding[-300:])):
            continue
        conclusion = re.split(r"[.;!?]", ctx.text[m.start():])[0]
        if not _VERDICT.search(conclusion) or ctx.quoted(m.start()):
            continue  # "so I visit often" acts on the cases; it does not generalize from them
        yield Finding(*ctx.cue(m.start(), m.end()))
