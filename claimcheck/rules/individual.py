"""Individual mind-reading: a named person's inner life or character told without a source."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Claim
from .base import Finding, rule
from .sentence import SentenceContext
from .words import cue_key, phrases

# "I asked her what she wants", "whether he believes it": an indirect question asserts nothing
# about the person's mind.
_QUESTION = frozenset({"what", "whether", "if"})
# "a world that does not care": a relative clause on a thing, not a person. ("That means that
# he wants ..." names its person: "that" there opens a claim about him.)
_RELATIVE = frozenset({"that", "which"})
_PERSONS = frozenset({"he", "she", "his", "her"})


@rule(
    id="CC501",
    name="individual-mind-reading",
    family="individual",
    severity="warning",
    message="'{cue}' tells what someone thinks, feels or is like: quote them or name who says so",
    hint="Quote their own words ('I am convinced ...', he told Reuters) or describe what they did.",
    exemptions=("announcement",),
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
    - I asked her what she wants to do with the furniture.
    """
    for m in ctx.finditer(phrases("characterisation")):
        if cue_key(m.group()).startswith("is ") and {"a", "an"} & set(ctx.words_before(
                m.start(), 3)):
            continue  # "A good student is someone who ...": a definition, not a person
        before = ctx.words_before(m.start(), 1)
        if before and before[0] in _QUESTION:
            continue
        if before and before[0] in _RELATIVE and m.group().split()[0].lower() not in _PERSONS:
            continue
        yield Finding(*ctx.cue(m.start(), m.end()))
