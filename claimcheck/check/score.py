"""Fine scoring: which sentence (or pair of adjacent sentences) of a candidate snippet best
matches a claim, and how well.

BM25 only says a snippet shares rare words with the claim; here the claim is compared with each
sentence so the evidence points at the passage that says it. Sentence splits and their content
stems are cached per snippet, because the same snippet is a candidate for many claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from ..text.names import name_stems
from ..text.stems import content_stems, pool_stems
from ..text.wordlists import tagged

# A pair of sentences must beat the best single sentence by this much to be preferred: a span
# that says the claim in one sentence is better evidence than two that each say half.
WINDOW_MARGIN = 0.08
# Narrowing per claim: sentences given the blended score, and best sentences tried with a
# neighbour.
FINE_SCORED = 6
WINDOWS_TRIED = 2
# A passage that shares only names with the claim (the same minister, the same port) is about
# the same people or place, not evidence for what the claim says about them: its score is cut
# by this factor, which puts an otherwise close match below the partial threshold.
NAMES_ONLY = 0.5
# token_set_ratio is high for any span that shares the claim's function words ("Every trader in
# the valley has..." against "Every family in the valley has..."), so it counts in full only once
# this share of the claim's content words is found; below, in proportion.
FULL_TOKEN_SET = 0.5
# Passages are ranked by their span score plus this times their snippet's retrieval score (the
# `prior`: fused BM25 and meaning, 0-1, see retrieve.py). The span score alone put the claim's
# own evidence first less often than retrieval did (CLIMATE-FEVER train part: 0.34 against
# 0.40); 2 was best on the training part of both dev sets (benchmarks/retrieval.py).
RERANK = 2.0
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*\s+(?=[\"“'‘(\[]?[A-Z0-9])|\n(?:[^\S\n]*\n)+"
                       r"|\n(?=[ \t]*[-*#>|])")


@dataclass(frozen=True)
class Span:
    """A sentence or adjacent-sentence window inside one snippet's text."""

    snippet: int  # position in the index
    start: int
    end: int
    text: str
    processed: str  # rapidfuzz's default_process of text, done once
    position: int  # sentence number in the snippet (first sentence of a window)


@dataclass(frozen=True)
class Scored:
    span: Span
    score: float
    coverage: float  # share of the claim's content stems found in the span
    names_only: bool = False  # every shared content word is part of a name in the claim
    token_set: float | None = None  # token_set_ratio / 100 of the processed claim and span
    shared: int = 0  # how many of the claim's content stems the span has


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets in `text`, trimmed of surrounding whitespace."""
    abbreviations = tagged("abbreviations", "abbreviation")
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start:m.start()].rsplit(None, 1)
        last_word = before[-1].lower().lstrip("(\"'“") if before else ""
        if m.group().startswith(".") and (last_word in abbreviations or len(last_word) == 1):
            continue
        bounds.append((start, m.start() + len(m.group().rstrip())))
        start = m.end()
    bounds.append((start, len(text)))
    trimmed = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


class SpanCache:
    """Per-snippet work done lazily and at most once: the same snippet is a candidate for many
    claims, and with 100,000 snippets most are never a candidate at all."""

    def __init__(self, texts: list[str], known: frozenset[str] | None = None) -> None:
        self._texts = texts
        self._sentences: dict[int, list[Span]] = {}
        self._stems: dict[tuple[int, int, int], frozenset[str]] = {}
        self._known = known

    def known(self) -> frozenset[str]:
        """Content stems found anywhere in the references (worked out on first use)."""
        if self._known is None:
            self._known = pool_stems(self._texts)
        return self._known

    def sentences(self, snippet: int) -> list[Span]:
        cached = self._sentences.get(snippet)
        if cached is None:
            text = self._texts[snippet]
            cached = self._sentences[snippet] = [
                Span(snippet, s, e, text[s:e], default_process(text[s:e]), n)
                for n, (s, e) in enumerate(sentence_bounds(text))]
        return cached

    def window(self, first: Span) -> Span | None:
        """`first` and the sentence after it, or None at the end of the snippet."""
        sentences = self.sentences(first.snippet)
        if first.position + 1 >= len(sentences):
            return None
        last = sentences[first.position + 1]
        text = self._texts[first.snippet][first.start:last.end]
        return Span(first.snippet, first.start, last.end, text,
                    f"{first.processed} {last.processed}", first.position)

    def stems(self, span: Span) -> frozenset[str]:
        key = (span.snippet, span.start, span.end)
        cached = self._stems.get(key)
        if cached is None:
            cached = self._stems[key] = content_stems(span.text)
        return cached


def fine_score(claim: str, claim_stems: frozenset[str], span: Span,
               span_stems: frozenset[str], names: frozenset[str] = frozenset()) -> Scored:
    """Blend content-word coverage of the claim with rapidfuzz's token_set_ratio.

    Coverage asks "is everything the claim says in the span"; token_set_ratio rewards the same
    words in any order and is lowered by words only one side has. Neither alone is enough:
    token_set_ratio gives 100 to any span that contains all the claim's words, coverage ignores
    phrasing. (partial_ratio would reward verbatim stretches, but costs six times as much.)
    `claim` is already processed with rapidfuzz's default_process; `names` are the stems of the
    claim's names (see `name_stems`).
    """
    shared = claim_stems & span_stems
    coverage = len(shared) / len(claim_stems) if claim_stems else 0.0
    token_set = fuzz.token_set_ratio(claim, span.processed) / 100
    score = min(1.0, 0.6 * coverage + 0.4 * token_set * min(1.0, coverage / FULL_TOKEN_SET))
    names_only = bool(shared) and shared <= names and shared != claim_stems
    return Scored(span, score * NAMES_ONLY if names_only else score, coverage, names_only,
                  token_set, len(shared))


def _top(query: str, choices: list[str], limit: int) -> list[int]:
    """Positions of the `limit` choices most like `query` (token_set_ratio, in C)."""
    if len(choices) <= limit:
        return list(range(len(choices)))
    found = process.extract(query, choices, scorer=fuzz.token_set_ratio, limit=limit)
    return sorted(i for _, _, i in found)


def best_spans(claim: str, claim_stems: frozenset[str], snippets: list[int], cache: SpanCache,
               limit: int = 3, prior: Sequence[float] | None = None) -> list[Scored]:
    """The best-scoring span of each candidate snippet, best first, at most `limit`.

    Sentences of all candidates are narrowed by token_set_ratio (one C call) before the blended
    score; retrieval already chose the candidates, so their number (`candidates`) is the cost
    knob. With `prior` (each candidate's retrieval score), passages are ranked by span score
    plus RERANK x prior (a names-only passage keeps its halved span score).
    """
    if not snippets or not claim_stems:
        return []
    query = default_process(claim)
    names = name_stems(claim)
    sentences = [span for n in snippets for span in cache.sentences(n)]
    rough = [sentences[i] for i in _top(query, [s.processed for s in sentences], FINE_SCORED)]
    scored = sorted((fine_score(query, claim_stems, s, cache.stems(s), names) for s in rough),
                    key=lambda x: -x.score)
    per_snippet: dict[int, Scored] = {}
    for rank, best in enumerate(scored):
        if best.coverage == 0:
            continue
        if rank < WINDOWS_TRIED:
            best = _widen(query, claim_stems, names, best, cache)
        held = per_snippet.get(best.span.snippet)
        if held is None or best.score > held.score:
            per_snippet[best.span.snippet] = best
    weight = dict(zip(snippets, prior, strict=True)) if prior is not None else {}
    ranked = sorted(per_snippet.values(), key=lambda s: (
        -(s.score + RERANK * weight.get(s.span.snippet, 0.0)), s.span.snippet,
        s.span.start))
    return ranked[:limit]


def _widen(query: str, claim_stems: frozenset[str], names: frozenset[str], best: Scored,
           cache: SpanCache) -> Scored:
    """Prefer the window with the sentence before or after when it scores clearly better."""
    sentences = cache.sentences(best.span.snippet)
    firsts = [sentences[best.span.position - 1]] if best.span.position else []
    firsts.append(best.span)
    for first in firsts:
        window = cache.window(first)
        if window is None:
            continue
        stems = cache.stems(sentences[first.position]) | cache.stems(
            sentences[first.position + 1])
        wide = fine_score(query, claim_stems, window, stems, names)
        if wide.score >= best.score + WINDOW_MARGIN:
            best = wide
    return best
