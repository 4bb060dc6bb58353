"""Hedges and speculation: the writer signals doubt; the reader deserves to know on what."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Claim
from .base import Finding, rule
from .context import SentenceContext, phrases


@rule(
    id="CC701",
    name="hedge-speculation",
    family="hedge",
    severity="info",
    message="'{cue}' marks speculation: say what it rests on (a figure, a named source, a "
    "forecast) or state it plainly as the writer's view",
    hint="Attribute the expectation ('analysts at X expect ...') or drop the hedge.",
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
    """
    if ctx.attributed:
        return
    for m in ctx.finditer(phrases("hedges")):
        if ctx.quoted(m.start()):
            continue
        yield Finding(*ctx.cue(m.start(), m.end()))


@rule(
    id="CC702",
    name="slippery-slope",
    family="hedge",
    severity="warning",
    message="'{cue}' chains one step to a far-off outcome as if certain: show the evidence for "
    "each link, or mark it as the writer's fear",
    hint="Support each step with a source or precedent, or say it is a possibility and why.",
)
def slippery_slope(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A chain of consequences told as certain ("next thing you know", "will lead to").

    FLAGGED:
    - If we legalize pot, the next thing you know people will want heroin.
    - Skipping class will lead to failing the course and ending up homeless.
    - Once they ban one book, they will eventually burn them all.

    NOT FLAGGED:
    - The strike will lead to delays, the rail operator said.
    - The river ends at the sea.
    """
    if ctx.attributed:
        return
    for m in ctx.finditer(phrases("slippery_slope")):
        if ctx.quoted(m.start()):
            continue
        yield Finding(*ctx.cue(m.start(), m.end()))
