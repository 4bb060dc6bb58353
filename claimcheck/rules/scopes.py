"""Central contexts: where words are not the writer's own assertion, for every rule at once.

A cue inside someone's quotation, in a sentence that names its source, in a clause the writer
denies ("it is a myth that ..."), supposes ("if ...") or imagines ("we'd all ..."), in a formal
argument's stipulated premises, or on a line of page furniture, is not the writer claiming it.
These are settled here once (as Vale's scopes and proselint's quote filter are), so no rule can
drift from the others; a rule whose cue lives in such a context says so with `reads=`.
"""

from __future__ import annotations

import re

from .argument import in_syllogism
from .clauses import clause_before, in_clause_of
from .exemptions import Cue, exemption
from .sentence import SentenceContext
from .sources import paragraph_span, quote_span_at, reporting_matches
from .words import whole_words


def quoted(ctx: SentenceContext, pos: int) -> bool:
    """True when the text at `pos` is someone's quoted words or a mention in quote marks.

    A quotation inside a sentence is someone's words or a phrase being talked about. A
    quotation that makes up the whole sentence is someone's words only if a speaker is named
    around it; an unattributed quoted sentence is the writer's own claim.
    """
    if ctx.claim_quoted:
        return True
    span = quote_span_at(ctx.doc_text, ctx.offset + pos)
    if span is None:
        return False
    qs, qe = span
    s_lo, s_hi = ctx.offset, ctx.offset + len(ctx.text)
    outside = ctx.doc_text[s_lo:max(s_lo, qs)] + ctx.doc_text[min(qe, s_hi):s_hi]
    if re.search(r"\w", outside):
        return True
    p_lo, p_hi = paragraph_span(ctx.doc_text, qs, qe)
    frame = ctx.doc_text[p_lo:qs] + " " + ctx.doc_text[qe:p_hi]
    return any(True for _ in reporting_matches(frame))


@exemption(name="furniture", central=True, first=True, rule="CC101",
           reason="page furniture (navigation, a source tag, a greeting, a credit) is not prose",
           example="Hello everyone!")
def _furniture(ctx: SentenceContext, cue: Cue) -> bool:
    # Headings and title lines are still read: a headline that generalizes misleads as much as
    # a sentence does.
    return ctx.kind == "non_claim" and ctx.block not in ("heading", "line")


@exemption(name="attributed", central=True, first=True, rule="CC101",
           reason="the sentence names who says it: the claim is theirs, to be checked with them",
           example="Everyone wants peace, Hamas says.")
def _attributed(ctx: SentenceContext, cue: Cue) -> bool:
    return ctx.attributed


@exemption(name="quoted", central=True, rule="CC101",
           reason="someone's quoted words, or a phrase in quote marks being talked about",
           example='The ad sells the "everyone is doing it" mentality.')
def _quoted(ctx: SentenceContext, cue: Cue) -> bool:
    return quoted(ctx, cue.start)


# The writer denies what follows: "it is not true that ...", "it is a myth that ...".
_DENIED = re.compile(r"\b(?:not\s+(?:true|the\s+case)|untrue|false|a\s+myth)\s+that\s",
                     re.IGNORECASE)


def denied(ctx: SentenceContext, pos: int) -> bool:
    """`pos` sits in a clause the writer says is false: what it claims, the writer rejects."""
    return bool(_DENIED.search(clause_before(ctx.text, pos)))


@exemption(name="denied", central=True, rule="CC101",
           reason="the writer says this clause is false ('it is a myth that ...')",
           example="It is a myth that all politicians lie.")
def _denied(ctx: SentenceContext, cue: Cue) -> bool:
    return denied(ctx, cue.start)


# Words that open a supposed clause ("if you never pay ..."): what follows is not asserted.
_CONDITION = re.compile(whole_words("if|unless|whether|suppose|imagine"), re.IGNORECASE)


@exemption(name="supposed", central=True, rule="CC101",
           reason="a supposed clause ('if ...', 'unless ...'): put as a condition, not asserted",
           example="If everyone leaves early, the shop closes.")
def _supposed(ctx: SentenceContext, cue: Cue) -> bool:
    return in_clause_of(ctx.text, cue.start, _CONDITION)


# A would/could clause is imagined ("we'd all be apes", "no one would buy it"), a "may" clause
# allowed for ("it may never be possible"): neither is asserted.
_HYPOTHETICAL = re.compile(r"\b(?:would|could|might|may)\b|\w['’]d\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.!?—–]|\b(?:but|and|so|because|then)\b", re.IGNORECASE)
# After the cue, a that-clause is another clause: "he hoped that both sides could agree" hopes.
_TAIL_BREAK = re.compile(r"[,;:.!?—–]|\b(?:but|and|so|because|then|that|which|who)\b",
                         re.IGNORECASE)


@exemption(name="imagined", central=True, rule="CC101",
           reason="the cue's clause is imagined or allowed for (would, could, might, may)",
           example="No one would buy such a car.")
def _imagined(ctx: SentenceContext, cue: Cue) -> bool:
    head = ctx.text[max(0, cue.start - 120):cue.start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    lo = breaks[-1].end() if breaks else 0
    tail = ctx.text[cue.end:cue.end + 120]
    nxt = _TAIL_BREAK.search(tail)
    clause = head[lo:] + " " + tail[:nxt.start() if nxt else len(tail)]
    return bool(_HYPOTHETICAL.search(clause))


@exemption(name="argument", central=True, whole_sentence=True, rule="CC101",
           reason="a premise or conclusion of a formal argument: its terms are stipulated",
           example="All lions are animals. All cats are animals. Therefore, all lions are cats.")
def _argument(ctx: SentenceContext, cue: Cue) -> bool:
    return in_syllogism(ctx)
