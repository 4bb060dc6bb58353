"""Vague quantities: "a large number of", "many", "countless" stand in for a figure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Claim
from .base import Finding, rule
from .context import SentenceContext, cue_key, phrases, word_set
from .weasel import in_crowd_appeal

# "the most important" ranks (a superlative); "most likely" hedges: neither is a quantity.
_NON_SPACE = re.compile(r"\S")
_ADJECTIVE_END = re.compile(r"(?:ly|ant|ent|ful|ive|ous|ic|al|able|ible|est|less|ed|er)$")
_NOT_A_NOUN = frozenset({"that", "to", "in", "for", "of", "and", "but", "or", "as", "than",
                         "is", "was", "are", "were", "because", "if", "when"})
_BOUNDED = frozenset({"my", "your", "his", "her", "its", "our", "their", "this", "that"})
# "many of you", "several of them": the listeners or a set the text has just named.
_PEOPLE_HERE = frozenset({"you", "us", "them", "these", "those"})
_ADJECTIVES = frozenset({"significant", "substantial", "massive", "widespread"})
# "statistically significant" is a test's result; "no significant change" denies an amount.
_MEASURED_OR_NONE = frozenset({"statistically", "clinically", "no", "not", "any", "without"})
_COUNTS = frozenset({"many", "several", "a few", "numerous", "countless", "a handful of"})
# "I have a lot of debt", "she was in a lot of pain": one person's amount, a detail of their
# own story, not a claim about a whole.
_AMOUNTS = frozenset({"a lot of", "lots of", "a great deal of", "a good deal of"})
_ONE_OWNER = frozenset({"i", "me", "my", "i'm", "i've", "he", "him", "his", "she", "her"})


@rule(
    id="CC201",
    name="vague-quantity",
    family="vague",
    severity="warning",
    message="'{cue}' stands in for a figure: say how many or how much, with a source for it",
    hint="Replace it with the number and who counted it ('about 1.4 million, UN figures show').",
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
    if ctx.supported:
        return
    for m in ctx.finditer(phrases("vague")):
        cue = cue_key(m.group())
        before = ctx.words_before(m.start(), 1)
        after = ctx.words_after(m.end(), 2)  # only the first is read, bar one case below
        if cue == "most":
            if before and before[0] in {"the", "at", "a", "for"}:
                continue
            if after and after[0] != "of" and _ADJECTIVE_END.search(after[0]):
                continue
            if not after or after[0] in _NOT_A_NOUN or after[0] == "about":
                continue  # "what I object to most is": an adverb, not a quantity
        if (cue == "most" or cue in _COUNTS) and after[:1] == ["of"] and after[1:] and (
                after[1] in _BOUNDED or after[1] in _PEOPLE_HERE):
            continue  # "most of his spare time", "many of her friends": a share of a set the
            # sentence points at, a detail of its story, not a claim about a whole
        if cue == "many" and before and before[0] in {"how", "as", "too"}:
            # "how many", "as many as": no amount claimed; "too many cars": a judgement that
            # the amount exceeds a need, which no count would settle
            continue
        if cue in _ADJECTIVES and (not after or after[0] in _NOT_A_NOUN
                                   or (before and before[0] in _MEASURED_OR_NONE)):
            continue
        if cue in _COUNTS and after and after[0] in word_set("time_units"):
            continue  # "several months later", "many times": a span or frequency, not a crowd
        if cue in _AMOUNTS and _ONE_OWNER.intersection(ctx.words_before(m.start(), 3)):
            continue
        nxt = _NON_SPACE.search(ctx.text, m.end())  # "several | studies have shown"
        crowd_next = nxt.start() if nxt else len(ctx.text)
        if ctx.quoted(m.start()) or in_crowd_appeal(ctx, m.start()) or in_crowd_appeal(
                ctx, crowd_next):
            continue  # "many experts say": CC301 reports the unnamed crowd
        yield Finding(*ctx.cue(m.start(), m.end()))
