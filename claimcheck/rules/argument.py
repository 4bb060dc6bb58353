"""Formal arguments: in a syllogism the premises are stipulated, not claimed about the world.

"All lions are animals. All cats are animals. Therefore, all lions are cats." The "all"s set up
terms for a piece of logic; whether the logic holds is another question, but there is no
generalization about the world for a reader to check, and no source that could support it.
An argument is recognised by its shape: two or more categorical premises (at least one of them
universal, "All A are B" / "No A are B"), then a conclusion ("therefore", "so") built only from
terms the premises introduced. A lone "All judges are fair; therefore, Judge Ito is fair" has
one premise: the sweeping premise is the writer's claim and stays flagged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .sentence import SentenceContext, per_sentence
from .sources import paragraph_span

# Where one statement of an argument ends: a sentence end, a line break, a semicolon, or the
# comma before "and Socrates is ..." / "therefore ...".
_STATEMENT_END = re.compile(
    r"(?<=[.!?])[\"”]?\s+|\n+|;\s*|,\s+(?=(?:and\s+)?(?:therefore|so|thus|hence)\b)"
    r"|,\s+and\s+(?=[A-Z])", re.IGNORECASE)
_CONCLUSION = re.compile(r"(?:therefore|so|thus|hence|consequently|it\s+follows\s+that)[,:\s]+",
                         re.IGNORECASE)
# "All A are B", "No A have B", "All forest creatures live in the woods": a quantifier and at
# least a term and a predicate after it.
_UNIVERSAL = re.compile(r"(?:all|no|every|each)\s+\S+\s+\S+", re.IGNORECASE)
_PARTICULAR = re.compile(r"some\s+\S+\s+\S+", re.IGNORECASE)
# "Socrates is a man", "Jim's car is red": one named thing placed in a class.
_SINGULAR = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s+(?:is|has|was)\s")
_TERM = re.compile(r"[a-z][a-z'’-]+", re.IGNORECASE)
_NOT_TERMS = frozenset({
    "all", "no", "not", "some", "every", "each", "are", "is", "was", "were", "have", "has", "a",
    "an", "the", "of", "and", "or", "therefore", "so", "thus", "hence", "also", "must", "be",
})
_PREMISES = 2  # a conclusion from one premise is an inference, not a syllogism


@per_sentence
def in_syllogism(ctx: SentenceContext) -> bool:
    """This sentence is a premise or the conclusion of a categorical syllogism."""
    lo, hi = paragraph_span(ctx.doc_text, ctx.offset, ctx.offset + len(ctx.text))
    start = ctx.offset - lo
    return any(s <= start < e for s, e in _syllogisms(ctx.doc_text[lo:hi]))


def _terms(statement: str) -> set[str]:
    return {t.lower() for t in _TERM.findall(statement)} - _NOT_TERMS


@lru_cache(maxsize=64)
def _syllogisms(paragraph: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each syllogism in the paragraph, premises through conclusion."""
    statements: list[tuple[int, int, str]] = []
    at = 0
    for m in _STATEMENT_END.finditer(paragraph):
        statements.append((at, m.start(), paragraph[at:m.start()]))
        at = m.end()
    statements.append((at, len(paragraph), paragraph[at:]))
    found: list[tuple[int, int]] = []
    for k, (_, c_end, text) in enumerate(statements):
        body = text.strip("\"“”' ")
        lead = _CONCLUSION.match(body)
        if lead is None or k < _PREMISES:
            continue
        premises: list[tuple[int, int, str]] = []
        kinds: list[str] = []
        for premise in reversed(statements[max(0, k - 3):k]):  # the run right before it
            kind = _kind(premise[2].strip("\"“”' "))
            if kind is None:
                break
            premises.insert(0, premise)
            kinds.append(kind)
        if len(premises) < _PREMISES or "universal" not in kinds:
            continue
        given = set().union(*(_terms(p[2]) for p in premises))
        claimed = _terms(body[lead.end():])
        if len(claimed & given) >= 2 and len(claimed & given) * 2 >= len(claimed):
            found.append((premises[0][0], c_end))
    return tuple(found)


def _kind(statement: str) -> str | None:
    if _UNIVERSAL.match(statement):
        return "universal"
    if _PARTICULAR.match(statement) or _SINGULAR.match(statement + " "):
        return "particular"
    return None
