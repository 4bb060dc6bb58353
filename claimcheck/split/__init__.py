"""Split a Document into located, typed, atomic claims.

Per block: sentences (sentences.py), quoted passages found once per block (`text.quotes`) so a
quote spanning several sentences keeps its speaker (`text.attribution`), then one claim per quoted
sentence or per independent clause (claims.py), each typed (kinds.py) and given its mentions
(mentions.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..models import CHECKABLE_KINDS, Claim, ClaimKind, Document, Mention
from ..processes import collector_paused
from ..text.attribution import (
    has_speech_verb,
    is_pronoun,
    reported_speaker,
    speaker_after,
    speaker_before,
)
from ..text.quotes import is_direct, quote_regions
from .claims import clause_spans
from .kinds import classify
from .mentions import MentionFinder
from .sentences import split_sentences

__all__ = ["split_document"]

Span = tuple[int, int]
_QUOTE_EDGES = " \t\r\n\"“”,—–-"
_PERSON = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z'’-]+){1,2}")  # "Ana Ruiz": a likely person
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][a-z'’-]*")
_MID_CAP = re.compile(r"(?<=[\w,;] )[A-Z][\w-]*")  # capitalised where no sentence starts


def split_document(doc: Document) -> list[Claim]:
    """Claims in offset order; `id` is a placeholder the pipeline renumbers."""
    with collector_paused():
        return _split(doc)


def _split(doc: Document) -> list[Claim]:
    masked = doc.masked
    finder = MentionFinder(masked, frozenset(_LOWER_WORD.findall(masked)),
                           frozenset(_MID_CAP.findall(masked)))
    claims: list[Claim] = []
    index = 0
    last_speaker: str | None = None
    last_person: str | None = None  # for "he said" when no one was quoted yet
    previous: Span | None = None  # the sentence before, across blocks, for lead-ins
    for block in sorted(doc.blocks, key=lambda b: b.start):
        sentences = split_sentences(masked, block.start, block.end)
        regions = [r for r in quote_regions(masked, block.start, block.end)
                   if is_direct(masked, r)]
        starts = [s for s, _ in sentences]
        speakers = {r: _quote_speaker(masked, r, sentences, starts, previous) for r in regions}
        region_ends = [r[1] for r in regions]  # regions do not overlap: ends are sorted
        for s, e in sentences:
            inside = regions[bisect_right(region_ends, s):bisect_left(regions, (e, e))]
            units = _quote_units(masked, s, e, inside) or [
                (a, b, None) for a, b in clause_spans(masked, s, e)]
            for start, end, region in units:
                if region is not None:
                    speaker, reported = speakers[region], False
                else:
                    # a named source needs a speech verb: look for the source only then
                    reported = has_speech_verb(masked[start:end])
                    speaker = reported_speaker(masked[start:end]) if reported else None
                if speaker and is_pronoun(speaker):
                    speaker = last_speaker or last_person
                kind = classify(masked[start:end], block.kind, region is not None, reported,
                                doc.text[start:end])
                if kind in ("quote", "attributed") and speaker:
                    last_speaker = speaker
                claim = _claim(doc, start, end, (s, e, index), kind,
                               speaker if kind in ("quote", "attributed") else None,
                               region is not None, finder)
                claims.append(claim)
                last_person = next((m.text for m in reversed(claim.entities)
                                    if _PERSON.fullmatch(m.text)), last_person)
            index += 1
            previous = (s, e)
    _credit_following_attribution(claims, masked)
    _credit_pull_quotes(claims)
    return claims


def _credit_following_attribution(claims: list[Claim], masked: str) -> None:
    """A quote paragraph with no attribution of its own, followed by 'Kirby said this ...'."""
    run: list[Claim] = []
    for claim in claims:
        if claim.kind == "quote" and not claim.speaker:
            run.append(claim)
            continue
        if run and claim.kind != "quote":
            found = speaker_after(masked[claim.start:claim.end])
            if found and not is_pronoun(found):
                for quoted in run:
                    quoted.speaker = found
        run = []


def _credit_pull_quotes(claims: list[Claim]) -> None:
    """A pull quote repeats a passage attributed elsewhere in the draft: give it that speaker."""
    said = {" ".join(c.text.split()).rstrip(".,").lower(): c.speaker for c in claims
            if c.kind == "quote" and c.speaker}
    for claim in claims:
        if claim.kind == "quote" and not claim.speaker:
            claim.speaker = said.get(" ".join(claim.text.split()).rstrip(".,").lower())


def _quote_units(masked: str, s: int, e: int,
                 inside: list[Span]) -> list[tuple[int, int, Span | None]]:
    """The quoted parts of a sentence (`inside`: the quote regions overlapping it) when the
    rest is only attribution ('..., said Kirby'); empty when it merely quotes a phrase."""
    if not inside:
        return []
    outside = masked[s:e]
    for a, b in inside:
        lo, hi = max(a, s) - s, min(b, e) - s
        outside = outside[:lo] + " " * (hi - lo) + outside[hi:]
    lead_in = outside.rstrip(" \t\r\n\"“”").endswith(":")
    rest = outside.strip(" \t\r\n\"“”.,:;!?—–-")
    if rest and (len(rest.split()) > 8 or not (has_speech_verb(rest) or lead_in)):
        return []
    units: list[tuple[int, int, Span | None]] = []
    for region in inside:
        a, b = max(region[0], s), min(region[1], e)
        while a < b and masked[a] in _QUOTE_EDGES:
            a += 1
        while b > a and masked[b - 1] in _QUOTE_EDGES:
            b -= 1
        if b > a:
            units.append((a, b, region))
    return units


def _quote_speaker(masked: str, region: Span, sentences: list[Span], starts: list[int],
                   previous: Span | None) -> str | None:
    """Attribution after the closing quote, before the opening one, in a lead-in sentence
    ending with ':', or in the sentence right after the quote."""
    # bisect over sentence starts keeps a long block with many quotes linear
    first: int | None = bisect_right(starts, region[0]) - 1
    if first is not None and (first < 0 or region[0] > sentences[first][1]):
        first = None
    last: int | None = bisect_right(starts, region[1]) - 1
    if last is not None and (last < 0 or region[1] > sentences[last][1]):
        last = None
    if last is not None:
        found = speaker_after(masked[region[1] + 1:sentences[last][1]])
        if found:
            return found
    if first is not None:
        found = speaker_before(masked[sentences[first][0]:max(region[0] - 1, 0)])
        if found:
            return found
        lead = sentences[first - 1] if first > 0 else previous
        if lead and masked[lead[0]:lead[1]].rstrip().endswith(":"):
            found = speaker_before(masked[lead[0]:lead[1]].rstrip())
            if found:
                return found
    if last is not None and last + 1 < len(sentences):
        nxt = sentences[last + 1]
        return speaker_after(masked[nxt[0]:nxt[1]])
    return None


def _claim(doc: Document, start: int, end: int, sentence: tuple[int, int, int], kind: ClaimKind,
           speaker: str | None, quoted: bool, finder: MentionFinder) -> Claim:
    s, e, index = sentence
    line, column = doc.position(start)
    found = finder.find(start, end)
    quotes = found.quotes
    if quoted:
        quote = doc.text[start:end]
        quotes = [Mention(kind="quote", text=quote, start=start, end=end, value=quote)]
    return Claim(
        id="C0", file=doc.path, text=doc.text[start:end], start=start, end=end, line=line,
        column=column, sentence_index=index, sentence_start=s, sentence_end=e,
        kind=kind,
        checkable=kind in CHECKABLE_KINDS, speaker=speaker, numbers=found.numbers,
        dates=found.dates, entities=found.entities, quotes=quotes,
    )
