"""Turn the scored evidence, the consistency checks and the quote alignment into one Verdict.

Order matters: quotes first (a misquote is still a close match, so the general scoring would call
it supported), then disagreements in a topical match (contradicted), then how much of the claim
the best passage covers (supported, partly supported, no evidence).
"""

from __future__ import annotations

from typing import NamedTuple

from ..config import Thresholds
from ..models import Claim, Difference, Evidence, Snippet, Verdict
from .compare import compare
from .normalize import content_stems, stem, tokens
from .quotes import QuoteMatch, align, describe, match_quote, quoted_passages
from .score import Scored, SpanCache, best_spans

NOT_CHECKABLE = {
    "opinion": "an opinion, not a checkable claim",
    "question": "a question, not a checkable claim",
    "speculation": "speculation about what may happen, not a checkable claim",
    "non_claim": "not a claim (a heading, fragment or aside)",
}
MAX_EVIDENCE = 3
# Aligning a quote costs far more than scoring a sentence; the claim's BM25 ranking already
# favours snippets that share the quote's rarer words.
QUOTE_CANDIDATES = 5
# A claim with this many content words that occur in no reference at all says something the
# references never mention, so it is at most partly supported however well the rest matches.
# One such word is let through: it is as often a paraphrase ("stood at" for "was").
UNSEEN_LIMIT = 2
_MARKS = "\"'“”‘’ "  # stripped from a quote mention before it is re-quoted


class Asked(NamedTuple):
    """What judging reads of a claim. Worker processes are sent this, not the Claim record:
    a tuple of strings crosses a pipe in microseconds, a pydantic record in far longer."""

    text: str
    kind: str
    quotes: tuple[str, ...] = ()  # the splitter's quote mentions, as written

    @classmethod
    def of(cls, claim: Claim) -> Asked:
        return cls(claim.text, claim.kind, tuple(m.text for m in claim.quotes))


def not_checkable(claim: Claim) -> Verdict:
    reason = NOT_CHECKABLE.get(claim.kind, f"{claim.kind}: marked not checkable")
    return Verdict(label="not_checkable", score=0.0, reason=reason)


def judge(claim: Asked, candidates: list[int], snippets: list[Snippet], cache: SpanCache,
          thresholds: Thresholds) -> Verdict:
    """The verdict for one checkable claim against its candidate snippets."""
    quoted = _quote_verdict(claim, candidates, snippets, thresholds)
    if quoted is not None:
        return quoted
    claim_stems = content_stems(claim.text)
    spans = best_spans(claim.text, claim_stems, candidates, cache, MAX_EVIDENCE)
    if not spans:
        return Verdict(label="no_evidence", score=0.0,
                       reason="no reference shares a content word with this claim")
    best = spans[0]
    if best.names_only:  # the same people or places, nothing said about them in common
        return Verdict(label="no_evidence", score=round(best.score, 4),
                       reason=f"the closest reference shares only names with this claim "
                              f"(best score {best.score:.2f})")
    if best.score < thresholds.partial:
        return Verdict(label="no_evidence", score=round(best.score, 4),
                       reason=f"no reference matches closely (best score {best.score:.2f}, "
                              f"needs {thresholds.partial:.2f})")
    evidence = [_evidence(snippets[s.span.snippet], s.span.start, s.span.end, s.score)
                for s in spans if s.score >= thresholds.partial]
    source = snippets[best.span.snippet].source
    mismatches = compare(claim.text, best.span.text)
    if mismatches:
        return Verdict(label="contradicted", score=round(best.score, 4),
                       reason="; ".join(m.reason for m in mismatches), evidence=evidence,
                       differences=[m.difference for m in mismatches])
    unseen = len(claim_stems - cache.known())
    if best.score >= thresholds.support and unseen < UNSEEN_LIMIT:
        return Verdict(label="supported", score=round(best.score, 4),
                       reason=f"supported by {source} (score {best.score:.2f})",
                       evidence=evidence)
    missing = _missing_words(claim.text, best)
    return Verdict(label="partly_supported", score=round(best.score, 4),
                   reason=f"partly supported by {source} (score {best.score:.2f}); "
                          f"not found there: {', '.join(missing) or 'the exact wording'}",
                   evidence=evidence)


def _evidence(snippet: Snippet, start: int, end: int, score: float) -> Evidence:
    return Evidence(ref_id=snippet.id, source=snippet.source, text=snippet.text, start=start,
                    end=end, score=round(score, 4), url=snippet.url)


def _missing_words(claim: str, best: Scored) -> list[str]:
    """The claim's content words the best passage does not have, as written in the claim."""
    found = content_stems(best.span.text)
    missing: list[str] = []
    for tok in tokens(claim):
        if tok.text in missing or stem(tok.lower) in found:
            continue
        if content_stems(tok.text):
            missing.append(tok.text)
    return [f"'{w}'" for w in missing[:6]]


def _passages(claim: Asked) -> list[str]:
    """Quoted passages: quote marks in the claim text, else the splitter's quote mentions, else
    the whole text of a `quote` claim (the splitter may have cut the marks off)."""
    found = quoted_passages(claim.text)
    if not found and claim.quotes:
        found = [q for m in claim.quotes for q in quoted_passages(f'"{m.strip(_MARKS)}"')]
    if not found and claim.kind == "quote":
        found = quoted_passages(f'"{claim.text}"')
    return found


def _quote_verdict(claim: Asked, candidates: list[int], snippets: list[Snippet],
                   thresholds: Thresholds) -> Verdict | None:
    """Supported or misquoted when every quoted passage is located; None to fall back to
    ordinary scoring (or no_evidence for a pure quote that is nowhere in the references)."""
    passages = _passages(claim)
    if not passages:
        return None
    located: list[tuple[QuoteMatch, int]] = []
    closest = 0.0
    for passage in passages:
        aligned = [(align(passage, snippets[c].text), c) for c in candidates[:QUOTE_CANDIDATES]]
        if not aligned:
            continue
        # Only the best-aligned candidates can win (score first, then exactness), so only they
        # get the word diff, which costs more than the alignment.
        top = max(found[2] for found, _ in aligned)
        matches = [(match_quote(passage, snippets[c].text, thresholds.quote, found), c)
                   for found, c in aligned if found[2] == top]
        best, where = max(matches, key=lambda m: (m[0].score, m[0].exact))
        closest = max(closest, best.score)
        if best.score >= thresholds.misquote:
            located.append((best, where))
    if not located:
        if claim.kind != "quote":
            return None
        return Verdict(label="no_evidence", score=round(closest, 4),
                       reason=f"quote not found in the references (closest alignment "
                              f"{closest:.2f}, needs {thresholds.misquote:.2f})")
    evidence = [_evidence(snippets[where], match.start, match.end, match.score)
                for match, where in located[:MAX_EVIDENCE]]
    score = round(min(m.score for m, _ in located), 4)
    changed = [m for m, _ in located if not m.exact]
    if changed:
        return Verdict(label="misquoted", score=score, evidence=evidence,
                       reason="quote differs from the source: "
                              + "; ".join(describe(m.changes) for m in changed),
                       diff="\n".join(m.diff for m in changed),
                       differences=[_quote_difference(m) for m in changed])
    if len(located) < len(passages):
        return None if claim.kind != "quote" else Verdict(
            label="partly_supported", score=score, evidence=evidence,
            reason=f"{len(located)} of {len(passages)} quoted passages found verbatim")
    return Verdict(label="supported", score=score, evidence=evidence,
                   reason=f"quote found verbatim in {snippets[located[0][1]].source}")


def _quote_difference(match: QuoteMatch) -> Difference:
    old = " / ".join(o for o, _ in match.changes if o)
    new = " / ".join(n for _, n in match.changes if n)
    return Difference(kind="quote", claim=new, evidence=old)

