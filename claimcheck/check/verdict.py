"""Turn the scored evidence, the consistency checks and the quote alignment into one Verdict.

Order matters: quotes first (a misquote is still a close match, so the general scoring would call
it supported), then disagreements in a topical match (contradicted), then how much of the claim
the best passage covers (supported, partly supported, no evidence).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from rapidfuzz.utils import default_process

from ..config import Thresholds
from ..models import Claim, Difference, Evidence, Snippet, Verdict
from ..text.attribution import is_pronoun, speaker_after, speaker_before
from ..text.quotes import quoted_passages
from ..text.stems import content_stems, stem
from ..text.tokens import tokens, typography
from .compare import claim_names, distinct, without
from .features import FEATURES, Pair, Signals, pair
from .model import LABELS, Model, load
from .quotes import QuoteMatch, align, describe, match_quote
from .score import Scored, SpanCache, best_spans
from .semantic import Embedded, similarities

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
# references never mention, so it is at most partly supported however probable the support
# (those words are named). One such word is let through: it is as often a paraphrase ("stood
# at" for "was"), and a paraphrase must not cost support. Partly supported needs part of the
# claim in one of its best passages: one of its details (number, date, name), or at least HALF
# of its content words; otherwise the claim is something the references do not talk about: no
# evidence.
UNSEEN_LIMIT = 2
HALF = 0.5
# When one passage supports and another contradicts, the closer match (span score) decides, and
# the other is named in the reason: a support that has every detail of the claim wins unless
# the contradicting passage is closer by more than this; a vaguer support (details missing)
# loses unless it is closer by more than this. A contradiction is never hidden behind a vaguer
# support, and an unrelated passage that happens to differ does not outvote an exact one.
CHOICE_MARGIN = 0.05
_MARKS = "\"'“”‘’ "  # stripped from a quote mention before it is re-quoted


class Asked(NamedTuple):
    """What judging reads of a claim. Worker processes are sent this, not the Claim record:
    a tuple of strings crosses a pipe in microseconds, a pydantic record in far longer."""

    text: str
    kind: str
    quotes: tuple[str, ...] = ()  # the splitter's quote mentions, as written
    speaker: str = ""  # who the draft says spoke a quote or reported statement

    @classmethod
    def of(cls, claim: Claim) -> Asked:
        return cls(claim.text, claim.kind, tuple(m.text for m in claim.quotes),
                   claim.speaker or "")


def not_checkable(claim: Claim) -> Verdict:
    reason = NOT_CHECKABLE.get(claim.kind, f"{claim.kind}: marked not checkable")
    return Verdict(label="not_checkable", score=0.0, reason=reason)


def judge(claim: Asked, candidates: list[int], snippets: list[Snippet], cache: SpanCache,
          thresholds: Thresholds, prior: Sequence[float] | None = None) -> Verdict:
    """The verdict for one checkable claim against its candidate snippets (best first, with
    their retrieval scores in `prior` when known)."""
    return judge_batch([claim], [candidates], snippets, cache, thresholds, [prior])[0]


class _Step(NamedTuple):
    """A claim between the two passes of `judge_batch`: its quote verdict (verbatim or none)
    and the best passages the verdict model is to weigh."""

    at: int
    claim: Asked
    quoted: Verdict | None
    paraphrased: list[str]
    claim_stems: frozenset[str]
    spans: list[Scored]
    texts: list[str]  # what the meaning similarity is asked of (see `_semantic_texts`)


def judge_batch(claims: Sequence[Asked], candidates: Sequence[list[int]],
                snippets: list[Snippet], cache: SpanCache, thresholds: Thresholds,
                priors: Sequence[Sequence[float] | None]) -> list[Verdict]:
    """`judge` of each claim, in two passes: first each claim's quotes and best passages, then
    the verdict model. Between them, every text whose meaning similarity is asked (each claim,
    its passages, and both again without the claim's names) is embedded in one call: a text's
    vector never depends on its batch (see `semantic.segment_sums`), and two small embeddings
    per claim cost, in a tokenizer call and a numpy loop over word positions each, a third of
    the judging time (profiled on 100,000 snippets)."""
    verdicts: list[Verdict | None] = []
    steps: list[_Step] = []
    for at, (claim, found, prior) in enumerate(zip(claims, candidates, priors, strict=True)):
        paraphrased: list[str] = []
        quoted = _quote_verdict(claim, found, snippets, thresholds, paraphrased)
        verdicts.append(quoted if quoted is not None and quoted.label != "supported" else None)
        if verdicts[-1] is None:
            claim_stems = content_stems(claim.text)
            spans = best_spans(claim.text, claim_stems, found, cache, MAX_EVIDENCE, prior)
            steps.append(_Step(at, claim, quoted, paraphrased, claim_stems, spans,
                               _semantic_texts(claim.text, spans) if spans else []))
    embedded = Embedded.of([text for step in steps for text in step.texts])
    for step in steps:
        judged = _weighed(step.claim, step.claim_stems, step.spans, cache, snippets, thresholds,
                          embedded, step.texts)
        verdicts[step.at] = _settled(step, judged)
    return [v for v in verdicts if v is not None]


def _settled(step: _Step, judged: Verdict) -> Verdict:
    """The verdict model's verdict, given what the claim's quotes showed."""
    if step.paraphrased and judged.label in ("supported", "partly_supported"):
        judged.reason += f"; {PARAPHRASED}"
    if step.quoted is not None and judged.label != "contradicted":
        return step.quoted  # the quote is verbatim and nothing around it disagrees
    if judged.label == "no_evidence" and step.claim.kind == "speculation":
        return Verdict(label="not_checkable", score=judged.score,
                       reason=NOT_CHECKABLE["speculation"] + "; no reference reports it",
                       evidence=judged.evidence)
    return judged


def _weighed(claim: Asked, claim_stems: frozenset[str], spans: list[Scored],
             cache: SpanCache, snippets: list[Snippet], thresholds: Thresholds,
             embedded: Embedded | None, texts: list[str]) -> Verdict:
    """The verdict model over the best passages: each passage gets the probabilities of
    supporting, contradicting or not settling the claim; the most decisive passage decides,
    and one that says the opposite is named beside it."""
    if not spans:
        return Verdict(label="no_evidence", score=0.0,
                       reason="no reference shares a content word with this claim")
    pairs = _pairs(claim.text, claim_stems, spans, cache, snippets, embedded, texts)
    model = load(FEATURES)
    probs = model.probabilities(np.vstack([p.row for p in pairs]))
    evidence = [_evidence(snippets[p.scored.span.snippet], p.scored.span.start,
                          p.scored.span.end, p.scored.score) for p in pairs]
    decided = [_decide(p, probs[n], thresholds, model) for n, p in enumerate(pairs)]
    support = max(range(len(pairs)), key=lambda n: (decided[n][0] == "supported",
                                                    probs[n][0]))
    against = max(range(len(pairs)), key=lambda n: (decided[n][0] == "contradicted",
                                                     probs[n][1]))
    s_label, c_label = decided[support][0], decided[against][0]
    if c_label == "contradicted" and (s_label != "supported" or _contradiction_wins(
            pairs[support], pairs[against])):
        verdict = _contradicted(pairs[against], probs[against][1], snippets, evidence, against)
        if s_label == "supported":
            verdict.reason += (f"; {_where(pairs[support], snippets)} supports the rest of it"
                               if _uncontested(pairs[support], pairs[against]) else
                               f"; but {_where(pairs[support], snippets)} supports it: the "
                               "references disagree")
        return verdict
    if s_label == "supported":
        return _supported(claim.text, claim_stems, pairs, probs, support,
                          against if c_label == "contradicted" else None, cache, snippets,
                          evidence)
    return _unsettled(claim.text, pairs, probs, thresholds, snippets, evidence)


def _supported(text: str, claim_stems: frozenset[str], pairs: list[Pair], probs: np.ndarray,
               support: int, against: int | None, cache: SpanCache, snippets: list[Snippet],
               evidence: list[Evidence]) -> Verdict:
    """Supported, or partly supported when the supporting passage leaves a detail of the claim
    unsettled or the claim has words no reference holds; a contradicting passage the support
    outweighed (`against`) is named."""
    chosen = pairs[support]
    reason = f"supported by {_where(chosen, snippets)} (probability {probs[support][0]:.2f})"
    if against is not None:
        reason += (f"; {_where(pairs[against], snippets)} says otherwise: "
                   + "; ".join(m.reason for m in distinct(pairs[against].mismatches))
                   + ": the references disagree")
    missing = [f"'{d}'" for d in chosen.details.unsettled()]
    unseen = claim_stems - cache.known()
    if unseen:  # words the reference gives as what the passage is about (its title) are not new
        unseen -= content_stems(_context(snippets[chosen.scored.span.snippet]))
    if len(unseen) >= UNSEEN_LIMIT:
        words = _missing_words(text, chosen.scored, unseen)
        if not any(p.details.found or p.scored.coverage >= HALF for p in pairs):
            # nothing of the claim's substance is in any of its best passages: no detail, and
            # under half its words
            return Verdict(label="no_evidence", score=round(float(probs[support][2]), 4),
                           reason=f"the closest reference ({_where(chosen, snippets)}, "
                                  f"probability of support {probs[support][0]:.2f}) gives "
                                  f"none of this claim's details and few of its words; in no "
                                  f"reference: {', '.join(words)}")
        missing += words
    if missing:
        return Verdict(label="partly_supported", score=round(float(probs[support][0]), 4),
                       reason=f"partly supported by {_where(chosen, snippets)} "
                              f"(probability {probs[support][0]:.2f}); not found there: "
                              + ", ".join(missing[:6]),
                       evidence=_first(evidence, support))
    return Verdict(label="supported", score=round(float(probs[support][0]), 4),
                   reason=reason, evidence=_first(evidence, support))


def _unsettled(text: str, pairs: list[Pair], probs: np.ndarray, thresholds: Thresholds,
               snippets: list[Snippet], evidence: list[Evidence]) -> Verdict:
    """No passage supports or contradicts: partly supported when the closest one gives part
    of the claim, otherwise no evidence, with the closest passage named."""
    top = pairs[0]
    p_support = float(probs[0][0])
    if top.scored.names_only:  # the same people or places, nothing said about them in common
        return Verdict(label="no_evidence", score=round(float(probs[0][2]), 4),
                       reason=f"the closest reference shares only names with this claim "
                              f"({_where(top, snippets)}); names alone are no support")
    # partly: the floor is met and the passage gives one of the claim's checkable details, or
    # the claim has none and the model leans to support (a shared adverb is not enough)
    if p_support >= max(probs[0][1], thresholds.partial) and top.scored.coverage > 0 and (
            top.details.found or not top.details.missing and p_support >= probs[0][2]
            and not _one_word(top)):
        missing = [f"'{d}'" for d in top.details.missing] or _missing_words(text, top.scored)
        return Verdict(label="partly_supported", score=round(p_support, 4),
                       reason=f"partly supported by {_where(top, snippets)} (probability of "
                              f"support {p_support:.2f}); not found there: "
                              f"{', '.join(missing) or 'the exact wording'}",
                       evidence=evidence)
    return Verdict(label="no_evidence", score=round(float(probs[0][2]), 4),
                   reason=f"no reference settles this claim (closest: "
                          f"{_where(top, snippets)}, probability of support {p_support:.2f})")


# Differences about a detail of the claim (a number, date or name), as against its wording.
_DETAIL_DIFFERENCES = frozenset({"number", "bound", "unit", "date", "entity"})


def _uncontested(support: Pair, against: Pair) -> bool:
    """The contradicting passage differs on a detail of the claim (number, date, name) that
    the supporting passage does not give at all: the two are about the same thing, and only
    one of them settles that detail."""
    found = set(support.details.found)
    return any(m.difference.kind in _DETAIL_DIFFERENCES and not _gives(found, m.difference)
               for m in against.mismatches)


def _gives(found: set[str], difference: Difference) -> bool:
    """Whether a passage that has `found` of the claim's details gives the one `difference`
    is about: a name of several words ("Sean Kinney") when it has each of them (details
    list a claim's names word by word)."""
    if difference.kind == "entity":
        return all(word in found for word in difference.claim.split())
    return difference.claim in found


def _contradiction_wins(support: Pair, against: Pair) -> bool:
    """Which of a supporting and a contradicting passage decides. Never similarity alone
    against a detected difference: a passage that contradicts a detail of the claim the
    supporting one does not give wins; when both give the detail (the references disagree),
    the one that has more of the claim's details decides, then the closer match. A difference
    in wording (negation, opposite word, quantifier) is weighed by closeness: it wins unless
    the support has every detail of the claim and is closer by CHOICE_MARGIN."""
    if _uncontested(support, against):
        return True
    details = [m for m in against.mismatches if m.difference.kind in _DETAIL_DIFFERENCES]
    if details:
        s_cover = len(support.details.found)
        c_cover = len(against.details.found) + len(details)
        if s_cover != c_cover:
            return c_cover > s_cover
        return against.scored.score > support.scored.score
    complete = not support.details.unsettled()
    return support.scored.score + (CHOICE_MARGIN if complete else -CHOICE_MARGIN) < (
        against.scored.score)


def _semantic_texts(text: str, spans: list[Scored]) -> list[str]:
    """The texts `_pairs` asks the meaning similarity of: the claim, its passages, and when
    the claim names people or places, all of them again without those names."""
    passages = [s.span.text for s in spans]
    names = claim_names(text)
    if not names:
        return [text, *passages]
    return [text, *passages, without(text, names), *(without(p, names) for p in passages)]


def _pairs(text: str, claim_stems: frozenset[str], spans: list[Scored], cache: SpanCache,
           snippets: list[Snippet], embedded: Embedded | None, texts: list[str]) -> list[Pair]:
    processed = default_process(text)
    n = len(spans)
    semantic = similarities(texts[0], texts[1:n + 1], embedded)
    rest = similarities(texts[n + 1], texts[n + 2:], embedded) if (
        len(texts) > n + 1 and semantic is not None) else semantic
    unseen = len(claim_stems - cache.known())
    top = max(s.score for s in spans)  # spans come in retrieval-weighted order
    return [pair(text, processed, s, Signals(
                semantic[n] if semantic else None, rest[n] if rest else None, n,
                top, unseen, len(claim_stems)), _context(snippets[s.span.snippet]))
            for n, s in enumerate(spans)]


def _context(snippet: Snippet) -> str:
    """What a reference says a passage is about: a record's `title` field, else its source
    (a page title or a file name) when that is not a URL."""
    title = snippet.extra.get("title") if snippet.extra else None
    if isinstance(title, str):
        return title
    return "" if "://" in snippet.source else snippet.source


def _decide(found: Pair, probs: np.ndarray, thresholds: Thresholds,
            model: Model) -> tuple[str, float]:
    """A passage's own verdict: the most probable label, where a detected difference always
    outweighs similarity (a changed number, date, name or polarity is never supported), and
    the configured floors (thresholds.support, thresholds.partial) apply to the probability.
    Two floors come with the weights (chosen on the training part's validation fold): a
    contradiction no detector can name needs `model.unnamed_contradiction` (and is a support
    missing a detail when the passage lacks one, see `_gives_part`), and a passage
    that shares only names with the claim needs `model.names_only_support` to support it;
    below them the claim is left unsettled."""
    label = LABELS[int(np.argmax(probs))]
    if label == "supported" and found.mismatches:
        label = "contradicted"
    if label == "contradicted" and not found.mismatches:
        if _gives_part(found, probs, thresholds):
            return "supported", float(probs[0])  # partly: `_supported` names what is missing
        if probs[1] < model.unnamed_contradiction:
            label = "no_evidence"
    if label == "supported" and probs[0] < thresholds.support:
        label = "no_evidence"
    if label == "supported" and found.details.missing and not found.details.found:
        label = "no_evidence"  # none of the claim's numbers, dates or names is there
    if label in ("supported", "contradicted") and _one_word(found):
        label = "no_evidence"
    if label == "supported" and found.scored.names_only and probs[0] < (
            model.names_only_support) and not (
            set(found.details.found) - set(found.details.names)):
        # the same people or places, and no number or date of the claim: nothing said about
        # them in common, unless the model is sure the rest paraphrases ("grew up" / "raised")
        label = "no_evidence"
    if label == "contradicted" and probs[1] < thresholds.partial and not found.mismatches:
        label = "no_evidence"
    return label, float(probs[LABELS.index(label)])


def _one_word(found: Pair) -> bool:
    """A passage that has one content word of a claim of several, and none of its numbers,
    dates or names: one word in common is a topic, not a statement ("... so the strike goes
    on" for "Experts say the strike will last for months"). Such a passage neither supports
    the claim nor supports part of it, however alike the two read as wholes; nor does a
    figure of it contradict the claim's ("Unemployment fell to 3.5%" says nothing of
    "Memory use fell by 40%")."""
    return (not found.details.found and found.scored.shared <= 1
            and found.scored.coverage < HALF)


def _gives_part(found: Pair, probs: np.ndarray, thresholds: Thresholds) -> bool:
    """A contradiction no detector names, where the passage gives a number or date of the
    claim and lacks another detail of it ("4.2 million containers, a record." for "... 4.2
    million containers in 2023"): the model reads the same statement with something not
    matching, and the one thing known not to match is a detail the passage does not give,
    not one it contradicts. It is then a support missing a detail (partly supported, the
    missing detail named; a closer contradiction still wins, see `_contradiction_wins`), as
    long as the model reads the passage as settling the claim one way or the other. Whatever
    `model.unnamed_contradiction` says: that floor is for contradictions nothing explains."""
    details = found.details
    return bool(set(details.found) - set(details.names)) and bool(details.unsettled()) and (
        probs[0] + probs[1] >= max(thresholds.support, probs[2]))


def _contradicted(found: Pair, p: float, snippets: list[Snippet], evidence: list[Evidence],
                  at: int) -> Verdict:
    told = distinct(found.mismatches)
    if told:
        reason = "; ".join(m.reason for m in told)
    else:
        reason = (f"{_where(found, snippets)} says otherwise (probability {p:.2f}); no single "
                  "differing number, date, name or word was found")
    return Verdict(label="contradicted", score=round(p, 4), reason=reason,
                   evidence=_first(evidence, at),
                   differences=[m.difference for m in told])


def _first(evidence: list[Evidence], at: int) -> list[Evidence]:
    """The deciding passage first, then the others in rank order."""
    return [evidence[at], *evidence[:at], *evidence[at + 1:]]


def _where(found: Pair, snippets: list[Snippet]) -> str:
    return snippets[found.scored.span.snippet].source


def _evidence(snippet: Snippet, start: int, end: int, score: float) -> Evidence:
    return Evidence(ref_id=snippet.id, source=snippet.source, text=snippet.text, start=start,
                    end=end, score=round(score, 4), url=snippet.url)


def _missing_words(claim: str, best: Scored,
                   only: frozenset[str] | None = None) -> list[str]:
    """The claim's content words the best passage does not have, as written in the claim
    (`only`: of these stems)."""
    found = content_stems(best.span.text)
    missing: list[str] = []
    for tok in tokens(claim):
        if tok.text in missing or stem(tok.lower) in found:
            continue
        if content_stems(tok.text) and (only is None or content_stems(tok.text) & only):
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


PARAPHRASED = "the reference paraphrases; the exact words are unverified"
# Record fields that mark a reference as someone's own words: `verbatim: true`, or a `kind` of
# these (a transcript, a statement): only such a record, or words a reference itself puts in
# quotation marks, can prove a misquote.
VERBATIM_KINDS = frozenset({"transcript", "statement", "verbatim", "quote", "speech"})


def _verbatim(snippet: Snippet, start: int, end: int) -> bool:
    """The snippet gives these words as someone's own: the record is marked verbatim, or the
    aligned words sit inside quotation marks of the snippet's text."""
    extra = snippet.extra or {}
    if extra.get("verbatim") is True or str(extra.get("kind", "")).lower() in VERBATIM_KINDS:
        return True
    text = typography(snippet.text)
    return text.count('"', 0, start) % 2 == 1 and '"' in text[end:]


def _other_speaker(speaker: str, snippet: Snippet, match: QuoteMatch) -> str | None:
    """The name a snippet gives a quote to, when it is not the draft's speaker; None when the
    speaker is named there (or in its source), or when the snippet names nobody."""
    words = [w for w in speaker.replace("’", "'").split() if len(w) > 2 and w[:1].isupper()]
    if not words:
        return None
    context = f"{snippet.text} {snippet.source}".lower()
    if any(w.lower().removesuffix("'s") in context for w in words):
        return None
    # who said it, as the draft's own quotes are attributed ('State Department spokesperson
    # Matthew Miller said: "..."' gives Matthew Miller); else the names around the quote
    before = snippet.text[:match.start].rstrip().rstrip("\"“‘'").rstrip()
    said = speaker_before(before) or speaker_after(snippet.text[match.end:].lstrip("\"”’'"))
    if said and not is_pronoun(said):
        return said
    outside = snippet.text[:match.start] + " " + snippet.text[match.end:]
    names = [n for n in claim_names(outside) if n.lower() not in _SPEAKER_NOISE]
    return " ".join(names[:3]) or None


_SPEAKER_NOISE = frozenset({"i", "we"})


def _quote_verdict(claim: Asked, candidates: list[int], snippets: list[Snippet],
                   thresholds: Thresholds, paraphrased: list[str]) -> Verdict | None:
    """Supported, misquoted or given to someone else when every quoted passage is located;
    None to fall back to ordinary scoring (or no_evidence for a pure quote that is nowhere in
    the references). Changed words prove a misquote only against a verbatim reference; against
    one that paraphrases, the claim is judged by meaning and `paraphrased` gets a note."""
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
    if claim.speaker:
        for match, where in located:
            other = _other_speaker(claim.speaker, snippets[where], match)
            if other is not None:
                return Verdict(label="misquoted", score=score, evidence=evidence,
                               reason=f"the reference gives these words to {other}, "
                                      f"not {claim.speaker}",
                               differences=[Difference(kind="speaker", claim=claim.speaker,
                                                       evidence=other)])
    loose = [m for m, where in located
             if not m.exact and not _verbatim(snippets[where], m.start, m.end)]
    if loose:
        paraphrased.append(PARAPHRASED)
        return None
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

