"""Individual mind-reading: a named person's inner life or character told without a source."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Claim
from .base import Finding, rule
from .context import SentenceContext, phrases


@rule(
    id="CC501",
    name="individual-mind-reading",
    family="individual",
    severity="warning",
    message="'{cue}' tells what someone thinks, feels or is like: quote them or name who says so",
    hint="Quote their own words ('I am convinced ...', he told Reuters) or describe what they did.",
)
def individual_mind_reading(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A person's beliefs, feelings or character asserted in the writer's voice.

    FLAGGED:
    - Kirby is someone who persistently advocates for peace.
    - The minister clearly does not care about farmers.
    - Netanyahu stands firm, convinced that his country will achieve its goal.

    NOT FLAGGED:
    - Netanyahu said he was convinced that Israel would win.
    - "I am not pleased," Kirby told reporters.
    - Kirby advocated for a ceasefire on Monday.
    - A good student is someone who reads.
    """
    if ctx.attributed:
        return
    for m in ctx.finditer(phrases("characterisation")):
        if ctx.quoted(m.start()):
            continue
        if m.group().lower().startswith("is ") and {"a", "an"} & set(ctx.words_before(
                m.start(), 3)):
            continue  # "A good student is someone who ...": a definition, not a person
        yield Finding(*ctx.cue(m.start(), m.end()))
