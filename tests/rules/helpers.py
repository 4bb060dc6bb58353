"""Build a Document and its Claims from a string, so rule tests do not wait for the splitter."""

from __future__ import annotations

import re

from claimcheck.document import build_document
from claimcheck.models import Claim, Document, Flag
from claimcheck.rules import RULES, find_flags

_SENTENCE = re.compile(r"\S.*?(?:[.!?]+[\"”]?(?=\s|$)|\n|$)", re.DOTALL)


def make_document(text: str, path: str = "draft.txt") -> Document:
    return build_document(path, text, markdown=False)


def make_claims(doc: Document, kind: str = "factual", speaker: str | None = None) -> list[Claim]:
    """One claim per sentence (cut after . ! ? or at a line break)."""
    claims = []
    for index, m in enumerate(_SENTENCE.finditer(doc.text)):
        start, end = m.start(), m.end()
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        line, column = doc.position(start)
        claims.append(Claim(
            id=f"C{index + 1}", file=doc.path, text=doc.text[start:end], start=start, end=end,
            line=line, column=column, sentence_index=index, sentence_start=start,
            sentence_end=end, kind=kind, checkable=True, speaker=speaker,  # type: ignore[arg-type]
        ))
    return claims


def flags_for(text: str, settings: dict[str, str] | None = None, **claim_kw: str | None
              ) -> list[Flag]:
    doc = make_document(text)
    return [f for c in make_claims(doc, **claim_kw) for f in find_flags(c, doc, settings or {})]


# Every rule on, the opt-in ones too: a rule's own tests ask what it finds when switched on.
ALL_ON = {r.id: "on" for r in RULES if not r.default_on}


def cues(text: str, rule: str | None = None, **claim_kw: str | None) -> list[str]:
    """The cue texts flagged in `text` with every rule on (by one rule ID or name if given)."""
    doc = make_document(text)
    return [f.cue for c in make_claims(doc, **claim_kw) for f in find_flags(c, doc, ALL_ON)
            if rule is None or rule in (f.rule, f.name, f.family)]
