"""Weasel attributions: "experts say", "studies show" borrow authority without naming it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..models import Claim
from ..text.wordlists import entries
from .base import Finding, rule
from .scopes import quoted
from .sentence import SentenceContext, per_sentence
from .words import EDGE_L, EDGE_R, alternation, phrases, plain, word_set, words

# Words that may stand between the crowd and its verb ("people have long said", "experts at
# the WHO say"); anything else ("people just because we think") means another clause began.
_LINK = (r"(?:other|have|has|had|also|often|now|generally|widely|would|will|all|still|always|"
         r"commonly|long|increasingly|repeatedly|do|does|did|can|could|may|might|seem|seems|to|"
         r"at|from|of|with|in|the|(?-i:[A-Z][\w.&-]*))")
# A named body right before the crowd word: "U.S. officials", "Hamas officials", "Somali
# military officials", "Vatican officials" (a capitalised word that does not start the sentence).
_NAMED_BODY = re.compile(r"(?<=\S)\s+(?-i:[A-Z][\w.&'’-]*)(?:\s+[a-z]+)?\s+$")
_FIRST_WORD = re.compile(r"^\W*(?P<word>(?-i:[A-Z][\w.&'’-]*))\s+$")


def _named_body(ctx: SentenceContext, pos: int) -> bool:
    """A capitalised name right before the crowd word. At the start of a sentence a capital
    says nothing, so the word must not be one that leaves the crowd unnamed ("Diplomatic
    sources", "Senior officials") nor a word that merely opens sentences ("The", "These")."""
    if _NAMED_BODY.search(ctx.text[max(0, pos - 40):pos]):
        return True
    first = _FIRST_WORD.match(ctx.text[:pos])
    if first is None:
        return False
    word = plain(first.group("word"))
    return word not in word_set("unnamed_modifiers") and word not in _OPENERS()


@lru_cache(maxsize=1)
def _OPENERS() -> frozenset[str]:
    """Capitalised words that open sentences but name nothing (text/data's list, which the
    splitter reads too)."""
    return frozenset(entries("common_words"))


_CITATION = re.compile(r"\[\d+\]|\([A-Z][^()]*\d{4}\)|[Aa]ccording\s+to\s+(?:the\s+)?[A-Z]")


@lru_cache(maxsize=1)
def _crowd_says() -> re.Pattern[str]:
    """An unnamed crowd, up to three words, then an attribution verb: "many other people have
    told", "studies show", "critics argue"."""
    return re.compile(
        EDGE_L + alternation(words("weasel")) + r"((?:\s+" + _LINK + r"){0,3}?)\s+"
        + alternation(words("attribution_verbs")) + EDGE_R,
        re.IGNORECASE,
    )


# Adverbs that mark a report as second-hand ("reportedly", "supposedly"): news prose uses them
# as due caution beside an outlet's tag; CC302 (off by default) asks for the source anyway.
_REPORT_ADVERBS = frozenset({"reportedly", "supposedly"})


@per_sentence
def weasel_spans(ctx: SentenceContext) -> list[tuple[int, int]]:
    """The spans CC301 reports: "an unnamed crowd says" and the fixed weasel phrases. CC301
    supersedes the other rules' cues inside them ("most" in "most people believe", "everyone" in
    "everyone knows"): one appeal to a crowd, one finding."""
    if _CITATION.search(ctx.text):
        return []
    spans = []
    for m in ctx.finditer(_crowd_says()):
        if re.search(r"\b[A-Z]", m.group(1)):  # a named source ("experts at the WHO")
            continue
        if ctx.words_before(m.start(), 1) == ["not"]:
            continue  # "not many people do": no appeal to a crowd
        if m.group().lower().endswith("according"):
            continue  # "6,000 people according to figures from ...": the crowd is counted
        if _named_body(ctx, m.start()):
            continue  # "Hamas officials say", "U.S. officials say": a named body speaks
        if not quoted(ctx, m.start()):
            spans.append((m.start(), m.end()))
    crowds = len(spans)
    for m in ctx.finditer(phrases("weasel_phrases")):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in spans[:crowds]):
            continue
        if not quoted(ctx, m.start()):
            spans.append((m.start(), m.end()))
    return spans


@rule(
    id="CC301",
    name="weasel-attribution",
    family="weasel",
    severity="warning",
    message="'{cue}' leans on unnamed sources: name them (who, which study, which poll)",
    hint="Name the source ('a 2023 Pew poll found ...') or drop the appeal to authority.",
    exemptions=("name-or-title", "source-next", "survey-context", "no-appeal"),
    supersedes=("CC101", "CC201", "CC202", "CC401"),
    absorbs=("CC201",),
)
def weasel_attribution(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """An attribution to unnamed people or studies (experts say, studies show, it is believed).

    FLAGGED:
    - Experts say the plan will fail.
    - It is widely believed that the tax is unfair.
    - Some people think the moon landing was faked.

    NOT FLAGGED:
    - Experts at the WHO say the plan will fail.
    - According to the UN, studies show a decline.
    - The minister said the plan will fail.
    """
    for start, end in weasel_spans(ctx):
        if ctx.text[start:end].lower() not in _REPORT_ADVERBS:
            yield Finding(*ctx.cue(start, end))


@rule(
    id="CC302",
    name="unattributed-report",
    family="weasel",
    severity="info",
    message="'{cue}' passes on a report without saying whose: name the outlet or the source",
    hint="Name who reports it ('Reuters reported ...'), or drop the word if the source is given.",
    exemptions=("name-or-title", "source-next"),
    default_on=False,
)
def unattributed_report(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A report marked second-hand ("reportedly", "supposedly") with no source named. Off by
    default: in news prose the word is due caution, and the outlet is usually named nearby.

    FLAGGED:
    - The minister reportedly resigned.
    - The deal was supposedly signed.

    NOT FLAGGED:
    - The minister resigned, Reuters reported.
    - The minister reportedly resigned. (AP)
    """
    for start, end in weasel_spans(ctx):
        if ctx.text[start:end].lower() in _REPORT_ADVERBS:
            yield Finding(*ctx.cue(start, end))
