"""Hedges and speculation: the writer signals doubt; the reader deserves to know on what."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..models import Claim
from .base import Finding, rule
from .clauses import in_clause_of
from .sentence import SentenceContext
from .words import EDGE_L, EDGE_R, alternation, cue_key, phrases, whole_words, words


@rule(
    id="CC701",
    name="hedge-speculation",
    family="hedge",
    severity="info",
    message="'{cue}' marks speculation: say what it rests on (a figure, a named source, a "
    "forecast) or state it plainly as the writer's view",
    hint="Attribute the expectation ('analysts at X expect ...') or drop the hedge.",
    reads=("imagined", "supposed"),
    default_on=False,
    exemptions=("idiom", "name-or-title"),
)
def hedge_speculation(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A hedge or speculation (probably, could mean, it seems, perhaps) in the writer's voice.

    FLAGGED:
    - The last thing is probably the most important.
    - The takeover of crossings could mean a disruption in supply.
    - It seems the talks have stalled.

    NOT FLAGGED:
    - "It will probably rain," the forecaster said.
    - The talks stalled on Tuesday.
    - Smokers are more likely to develop cancer.
    - It is possible to ignore the effect.
    - The panel concluded that the warming is very likely due to emissions.
    """
    for m in ctx.finditer(phrases("hedges")):
        if _not_doubt(ctx, m):
            continue
        yield Finding(*ctx.cue(m.start(), m.end()))


# "more likely to", "twice as likely": a comparison of rates, a finding someone can check.
_COMPARED = frozenset({"more", "less", "as", "equally"})


@lru_cache(maxsize=1)
def _reported_that() -> re.Pattern[str]:
    """"The study found that ...", "the view that ...": what follows is someone's content."""
    return re.compile(whole_words(alternation(
        (*words("attribution_verbs"), "concluded", "concludes", "view", "conclusion",
         "conclusions", "finding", "findings", "consensus"))) + r"\s+that\b", re.IGNORECASE)


_WRITER = frozenset({"i", "we", "i'd", "we'd"})
_TURN = re.compile(r";|\bbut\b|\bhowever\b", re.IGNORECASE)


def _reported(ctx: SentenceContext, pos: int) -> bool:
    """The hedge sits in a that-clause whose source is not the writer: it is the source's own
    caution ("the panel concluded that warming is very likely due to ..."), to be judged with
    the source. "I think that it will probably rain" is still the writer's."""
    for m in _reported_that().finditer(ctx.text, 0, pos):
        if _TURN.search(ctx.text, m.end(), pos):
            continue  # "... stated that X; but perhaps ...": the writer has taken over again
        if not _WRITER.intersection(ctx.words_before(m.start(), 2)):
            return True
    return False


def _not_doubt(ctx: SentenceContext, m: re.Match[str]) -> bool:
    """Hedge words that express no doubt here: a compared likelihood ("smokers are more likely
    to ...") is a measured rate, "it is possible to ignore" says what can be done, and a hedge
    inside someone's reported finding is theirs."""
    if _reported(ctx, m.start()):
        return True
    cue = cue_key(m.group())
    if cue.endswith("likely") and _COMPARED.intersection(ctx.words_before(m.start(), 1)):
        return True
    return cue.endswith("possible") and ctx.words_after(m.end(), 1) == ["to"]


# Words that make a slope only beside a forecast told as certain: "and eventually you will
# turn to crime", "you'll end up homeless"; not "support can eventually be removed".
_NEEDS_A_FORECAST = frozenset({"eventually", "end up"})
_FORECAST = re.compile(r"\bwill\b|['’]ll\b|\bgoing\s+to\b|\bgonna\b|\bwould\b|\w['’]d\b",
                       re.IGNORECASE)
# The slope put as a question: "what's next?", "where will it end?".
_ASKING = frozenset({"what's", "what", "where"})


def _measured_outcome(ctx: SentenceContext, m: re.Match[str]) -> bool:
    """"would lead to about 3.0 °C of warming": a plain causal link whose outcome is a figure
    is a projection someone measured or modelled, not a slide to a feared end. The slope's own
    idioms ("next thing you know") stay findings whatever numbers the story holds."""
    return "lead" in m.group().lower() and ctx.figure_near(m.start())


@rule(
    id="CC702",
    name="slippery-slope",
    family="hedge",
    severity="warning",
    message="'{cue}' chains one step to a far-off outcome as if certain: show the evidence for "
    "each link, or mark it as the writer's fear",
    hint="Support each step with a source or precedent, or say it is a possibility and why.",
    reads_questions=True,
    reads=("imagined", "supposed"),
    exemptions=("speech-act", "writers-own", "mechanism"),
    default_on=False,
    supersedes=("CC703",),
)
def slippery_slope(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A chain of consequences told as certain ("next thing you know", "will lead to").

    FLAGGED:
    - If we legalize pot, the next thing you know people will want heroin.
    - Skipping class will lead to failing the course and ending up homeless.
    - Once they ban one book, they will eventually burn them all.
    - If we let him off today, what's next?

    NOT FLAGGED:
    - The strike will lead to delays, the rail operator said.
    - The river ends at the sea.
    - Current pledges would lead to about 3.0 °C of warming by 2100.
    - Will the strike lead to delays?
    """
    asks = claim.kind == "question"
    whole = (ctx.offset, ctx.offset + len(ctx.text))  # one slope per sentence: CC703 stands down
    for m in ctx.finditer(phrases("slippery_slope")):
        if _measured_outcome(ctx, m):
            continue
        if asks and cue_key(m.group()).split()[0] not in _ASKING:
            continue  # a real question ("could it end up in court?") claims no chain
        if cue_key(m.group()) in _NEEDS_A_FORECAST and not _FORECAST.search(
                ctx.text[max(0, m.start() - 30):m.end() + 30]):
            continue  # "support can eventually be removed": a time word, not a slide
        if cue_key(m.group()).split()[0] in _ASKING and ctx.block == "heading":
            continue  # a section called "What's next" announces a plan, not a slide
        yield Finding(*ctx.cue(m.start(), m.end()), reach=whole)


# A supposition that starts a chain: "if we allow ...", "once they start ...", "letting ...".
_SUPPOSE = re.compile(whole_words(r"if|once|unless|allowing|letting|the\s+moment"), re.IGNORECASE)
# A consequence told as certain: "will", "'ll", "won't", "is going to", "will have to".
_WILL = re.compile(r"(?:" + EDGE_L + r"(?:will|won['’]t|going\s+to|gonna)|['’]ll)" + EDGE_R,
                   re.IGNORECASE)
_CHAIN_LINKS = 3  # a supposition and two consequences: one forecast is a claim, three a chain


@rule(
    id="CC703",
    name="consequence-chain",
    family="hedge",
    severity="warning",
    message="'{cue}' ends a chain of consequences told as certain: show the evidence for each "
    "step, or say it is a possibility",
    hint="Name who forecasts each step and on what grounds, or write 'could' and say why.",
    reads=("imagined", "supposed"),
    default_on=False,
)
def consequence_chain(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """One supposition ("if", "once") followed by a run of certain consequences ("will ...,
    and then ... will ...") with no source: a slippery slope without its tell-tale phrase.

    FLAGGED:
    - If the council closes one library, it will close them all, and the town will lose its schools.
    - If you skip breakfast, you will snack at noon. You will gain weight. You will fall ill.

    NOT FLAGGED:
    - If it rains, the match will be delayed.
    - If the bill passes, prices will rise and jobs will go, the central bank said.
    """
    # The paragraph so far and this sentence as one run; the chain starts at the first "if".
    before = ctx.preceding[-400:]
    run = before + " " + ctx.text
    shift = len(before) + 1  # where this sentence starts inside `run`
    first = _SUPPOSE.search(run)
    if first is None:
        return
    consequences = [m for m in _WILL.finditer(run, first.end())
                    if not in_clause_of(run, m.start(), _SUPPOSE, reach=200)]
    if 1 + len(consequences) < _CHAIN_LINKS:
        return
    mine = [m for m in consequences if ctx.lo <= m.start() - shift < ctx.hi]
    if mine:
        at = mine[-1].start() - shift
        yield Finding(*ctx.cue(at, at + len(mine[-1].group())))
