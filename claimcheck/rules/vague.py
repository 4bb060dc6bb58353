"""Vague quantities ("a large number of", "many") and magnitudes ("significant") stand in for a
figure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Claim
from .base import Finding, rule
from .sentence import SentenceContext
from .words import cue_key, phrases

# "the most important" ranks (a superlative); "most likely" hedges: neither is a quantity.
_ADJECTIVE_END = re.compile(r"(?:ly|ant|ent|ful|ive|ous|ic|al|able|ible|est|less|ed|er)$")
_NOT_A_NOUN = frozenset({"that", "to", "in", "for", "of", "and", "but", "or", "as", "than",
                         "is", "was", "are", "were", "because", "if", "when"})
_ADJECTIVES = frozenset({"significant", "substantial", "massive", "widespread"})
# "statistically significant" is a test's result; "no significant change" denies an amount.
_MEASURED_OR_NONE = frozenset({"statistically", "clinically", "no", "not", "any", "without"})


def _vague_cues(ctx: SentenceContext) -> Iterator[tuple[re.Match[str], str]]:
    """Each vague quantity or magnitude in the claim that is one (not "the most important",
    "how many", "statistically significant"), with its key."""
    for m in ctx.finditer(phrases("vague")):
        cue = cue_key(m.group())
        before = ctx.words_before(m.start(), 1)
        after = ctx.words_after(m.end(), 1)
        if cue == "most":
            if before and before[0] in {"the", "at", "a", "for"}:
                continue
            if after and after[0] != "of" and _ADJECTIVE_END.search(after[0]):
                continue
            if not after or after[0] in _NOT_A_NOUN or after[0] == "about":
                continue  # "what I object to most is": an adverb, not a quantity
        if cue == "many" and before and before[0] in {"how", "as", "too"}:
            # "how many", "as many as": no amount claimed; "too many cars": a judgement that
            # the amount exceeds a need, which no count would settle
            continue
        if cue in _ADJECTIVES and (not after or after[0] in _NOT_A_NOUN
                                   or (before and before[0] in _MEASURED_OR_NONE)):
            continue
        yield m, cue


_SHARED = ("figure-in-sentence", "speech-act", "idiom", "name-or-title", "defined-set",
           "time-marker", "one-party", "source-next", "episodic", "writers-own", "about-things")


@rule(
    id="CC201",
    name="vague-quantity",
    family="vague",
    severity="warning",
    message="'{cue}' stands in for a figure: say how many or how much, with a source for it",
    hint="Replace it with the number and who counted it ('about 1.4 million, UN figures show').",
    exemptions=_SHARED + ("in-passing", "survey-context"),
)
def vague_quantity(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A vague quantity (a large number of, many, most, countless) sizing what a general claim
    is about, with no figure: the subject of a present-tense claim about people, groups or
    animals. A quantity in passing ("fix many bugs", "in many cities"), in a report of an event,
    in the writer's own story or over things of a system is let through; a magnitude word
    ("significant pressure") is CC202's, off by default.

    FLAGGED:
    - A large number of Palestinian residents are in Rafah.
    - Most households own a car.
    - Many experts doubt the plan.

    NOT FLAGGED:
    - Many of the 300 passengers were delayed.
    - This is the most important step.
    - Many flights were cancelled, the airline said.
    - He spends most of his time hiking.
    - Several months later, the road reopened.
    - Several miners are trapped in a mine in Assam.
    - We fixed many bugs in this release.
    - Smog is a serious problem in many cities.
    """
    for m, cue in _vague_cues(ctx):
        if cue not in _ADJECTIVES:
            yield Finding(*ctx.cue(m.start(), m.end()))


@rule(
    id="CC202",
    name="vague-magnitude",
    family="vague",
    severity="info",
    message="'{cue}' sizes something with a word: say how large, with a source for it",
    hint="Give the size and who measured it ('a 12% rise, the ONS says'), or drop the word.",
    exemptions=tuple(e for e in _SHARED if e != "about-things"),  # "pressure" is no inventory
    default_on=False,
)
def vague_magnitude(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A magnitude word (significant, substantial, massive, widespread) standing in for a size.
    Off by default: on news, reference and blog prose most are ordinary description ("a
    significant warming in the tropics"); switch it on to review every one.

    FLAGGED:
    - Despite significant pressure on Israel, the talks failed.
    - Glaciers are retreating at significant rates.

    NOT FLAGGED:
    - The drug had no statistically significant effect.
    - The rise was significant, at 12%.
    """
    for m, cue in _vague_cues(ctx):
        if cue in _ADJECTIVES:
            yield Finding(*ctx.cue(m.start(), m.end()))
