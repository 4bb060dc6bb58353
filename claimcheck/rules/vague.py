"""Vague quantities: "a large number of", "many", "countless" stand in for a figure."""

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


@rule(
    id="CC201",
    name="vague-quantity",
    family="vague",
    severity="warning",
    message="'{cue}' stands in for a figure: say how many or how much, with a source for it",
    hint="Replace it with the number and who counted it ('about 1.4 million, UN figures show').",
    exemptions=("figure-in-sentence", "idiom", "name-or-title", "defined-set", "time-marker",
                "one-party", "source-next"),
)
def vague_quantity(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A vague quantity (a large number of, many, most, countless, significant) with no figure.

    FLAGGED:
    - A large number of Palestinian residents are in Rafah.
    - Despite significant pressure on Israel, the talks failed.
    - Most households own a car.

    NOT FLAGGED:
    - Many of the 300 passengers were delayed.
    - This is the most important step.
    - Many flights were cancelled, the airline said.
    - He spends most of his time hiking.
    - I have a lot of debt.
    - Several months later, the road reopened.
    - Most people agree with the plan.
    - The drug had no statistically significant effect.
    """
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
        yield Finding(*ctx.cue(m.start(), m.end()))
