"""Generalization rules: find the cues in a claim that the sentence itself does not support.

`find_flags` is the only entry point the pipeline uses. A rule is a small function that finds
its cues, plus declared data: the exemptions it honours, the contexts it reads, the rules it
supersedes. Everything else is settled here, once, for all rules:

1. the rules switched on (`[tool.claimcheck.rules]`, or each rule's default) find their cues;
2. a cue is let through by the first central context (scopes.py: quotation, attribution,
   denial, supposition, imagination, formal argument, page furniture) that holds, unless the
   rule reads that context, then by the first of the rule's own declared exemptions that holds
   (exemptions.py);
3. of the cues left, a finding inside the span of a finding of a rule that supersedes it is
   dropped (one problem, one finding), counting only rules that are switched on.

`explain` runs the same steps and keeps every cue with what happened to it. Inline suppressions
and baselines are applied later, centrally (see `claimcheck.suppress`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from ..errors import UserError
from ..models import Claim, Document, Flag, Severity
from . import anecdote, collective, hedge, individual, scopes, superlative, sweeping, vague, weasel
from .base import FAMILIES, Finding, Rule
from .exemptions import EXEMPTIONS, Cue, Exemption
from .sentence import SentenceContext, build_context
from .words import cue_key

RULES: tuple[Rule, ...] = (
    sweeping.sweeping_quantifier,
    sweeping.bare_generic,
    anecdote.hasty_generalization,
    anecdote.anecdote_generalization,
    vague.vague_quantity,
    vague.vague_magnitude,
    weasel.weasel_attribution,
    weasel.unattributed_report,
    collective.collective_mind,
    collective.group_stereotype,
    individual.individual_mind_reading,
    superlative.unsourced_superlative,
    superlative.measured_superlative,
    superlative.judging_superlative,
    hedge.hedge_speculation,
    hedge.slippery_slope,
    hedge.consequence_chain,
)
BY_ID = {r.id: r for r in RULES}

SETTINGS = ("off", "on", "error", "warning", "info")
# A question asserts nothing for a cue to overreach in. Headings and title lines ("non_claim")
# are still read: a headline that generalizes misleads as much as a sentence does.
_ASSERTS_NOTHING = frozenset({"question"})
CENTRAL: tuple[Exemption, ...] = tuple(e for e in EXEMPTIONS.values() if e.central)

__all__ = ["BY_ID", "CENTRAL", "EXEMPTIONS", "FAMILIES", "RULES", "CueReport", "Finding",
           "Rule", "explain", "find_flags", "resolve_settings"]
_ = scopes  # imported for its registrations


def _check_declarations() -> None:
    """Every name a rule declares exists: a typo must not silently exempt nothing."""
    for r in RULES:
        for name in r.exemptions + r.reads:
            if name not in EXEMPTIONS:
                raise ValueError(f"{r.id} declares unknown exemption {name!r}")
        for other in r.supersedes:
            if other not in BY_ID:
                raise ValueError(f"{r.id} supersedes unknown rule {other!r}")
        if not set(r.absorbs) <= set(r.supersedes):
            raise ValueError(f"{r.id} absorbs a rule it does not supersede")


_check_declarations()


def resolve_settings(settings: Mapping[str, str]) -> dict[str, Severity | None]:
    """Rule ID -> severity in force (None = off). Unknown rule keys or values are a UserError,
    so a typo in the config never silently does nothing."""
    return dict(_resolved(tuple(settings.items())))


@lru_cache(maxsize=16)
def _resolved(settings: tuple[tuple[str, str], ...]) -> dict[str, Severity | None]:
    """Worked out once per configuration, not once per claim (an error is not cached, so it is
    raised again for every claim, as before). Callers must not change the dict."""
    by_key = {r.id.lower(): r for r in RULES} | {r.name.lower(): r for r in RULES}
    out: dict[str, Severity | None] = {r.id: r.severity if r.default_on else None for r in RULES}
    for key, value in settings:
        found = by_key.get(key.strip().lower())
        if found is None:
            raise UserError(f"[tool.claimcheck.rules]: unknown rule '{key}' "
                            f"(see 'claimcheck rules')")
        if value not in SETTINGS:
            raise UserError(f"[tool.claimcheck.rules]: '{key}' must be one of "
                            f"{', '.join(SETTINGS)}, not '{value}'")
        if value == "off":
            out[found.id] = None
        elif value == "on":
            out[found.id] = found.severity
        else:
            out[found.id] = value  # type: ignore[assignment]
    return out


@cache
def _exemptions_of(rule_id: str) -> tuple[tuple[Exemption, ...], tuple[Exemption, ...]]:
    """(whole-sentence, per-cue) exemptions a rule honours, central ones first."""
    r = BY_ID[rule_id]
    chosen = [e for e in CENTRAL if e.name not in r.reads] + [EXEMPTIONS[n] for n in r.exemptions]
    return (tuple(e for e in chosen if e.whole_sentence),
            tuple(e for e in chosen if not e.whole_sentence))


@dataclass
class CueReport:
    """One cue a rule found, and what became of it."""

    rule: Rule
    finding: Finding
    outcome: str  # "flagged", "let through", "superseded", "rule off"
    why: str = ""  # the exemption's name, the superseding rule, or the setting
    reason: str = ""  # said to the writer


def _evaluate(claim: Claim, doc: Document, active: Mapping[str, Severity | None],
              explain: bool, skip: frozenset[str] = frozenset()) -> list[CueReport]:
    asks = claim.kind in _ASSERTS_NOTHING  # only rules that read questions run on one
    ctx = build_context(claim, doc)
    reports: list[CueReport] = []
    for r in RULES:
        on = active[r.id] is not None
        if (not on and not explain) or (asks and not r.reads_questions):
            continue
        _, per_cue = _exemptions_of(r.id)
        asked_first, asked_later = _sentence_exemptions(r.id)
        sentence_ex = _first_holding(asked_first, ctx, skip)
        if sentence_ex is not None and not explain:
            continue  # settled for the whole sentence: the rule need not look
        found_cues = r.run(claim, ctx)
        if not found_cues:
            continue
        if sentence_ex is None:
            sentence_ex = _first_holding(asked_later, ctx, skip)
        for found in found_cues:
            if not on:
                reports.append(CueReport(r, found, "rule off", "off", "switched off"))
                continue
            if sentence_ex is not None:
                reports.append(CueReport(r, found, "let through", sentence_ex.name,
                                         sentence_ex.reason))
                continue
            key_at = (found.key_at if found.key_at is not None else found.start) - ctx.offset
            cue = Cue(r.id, found.start - ctx.offset, found.end - ctx.offset, key_at,
                      cue_key(ctx.text[key_at:found.end - ctx.offset]))
            ex = next((e for e in per_cue if e.name not in skip and e.test(ctx, cue)), None)
            if ex is not None:
                reports.append(CueReport(r, found, "let through", ex.name, ex.reason))
            else:
                reports.append(CueReport(r, found, "flagged"))
    _supersede(reports, ctx)
    return reports


_BLANK = Cue("", 0, 0, 0, "")
_UNASKED = object()


@cache
def _sentence_exemptions(rule_id: str) -> tuple[tuple[tuple[Exemption, str], ...], ...]:
    """A rule's whole-sentence exemptions, each with its key in the sentence's memo: the ones
    asked before the rule looks for cues (`first`), then the others, in declaration order."""
    whole, _ = _exemptions_of(rule_id)
    return tuple(tuple((e, "exemption:" + e.name) for e in whole if e.first == first)
                 for first in (True, False))


def _first_holding(asked: tuple[tuple[Exemption, str], ...], ctx: SentenceContext,
                   skip: frozenset[str]) -> Exemption | None:
    """The first of `asked` (not skipped) that holds for the sentence; each answer is worked
    out once per sentence, however many rules ask (some 270,000 asks on a 1 MB draft)."""
    memo = ctx.memo
    for e, key in asked:
        if skip and e.name in skip:
            continue
        held = memo.get(key, _UNASKED)
        if held is _UNASKED:
            held = memo[key] = e.test(ctx, _BLANK)
        if held:
            return e
    return None


def _supersede(reports: list[CueReport], ctx: SentenceContext) -> None:
    """Drop a flagged finding that lies inside the span of a flagged finding of a rule that
    supersedes its rule, or runs right up to it when that rule absorbs it: "several studies
    have shown" is one appeal to unnamed sources, not also a vague quantity."""
    flagged = [c for c in reports if c.outcome == "flagged"]
    for c in flagged:
        for other in flagged:
            if other is c or c.rule.id not in other.rule.supersedes:
                continue
            lo, hi = other.finding.reach or (other.finding.start, other.finding.end)
            gap = ctx.text[c.finding.end - ctx.offset:lo - ctx.offset]
            right_before = c.rule.id in other.rule.absorbs and c.finding.end <= lo and \
                not gap.strip()
            if lo <= c.finding.start < hi or right_before:
                c.outcome, c.why = "superseded", other.rule.id
                c.reason = f"{other.rule.id} ({other.rule.name}) reports '{other.finding.cue}'"
                break


def find_flags(claim: Claim, doc: Document, settings: Mapping[str, str]) -> list[Flag]:
    """Every rule finding in `claim`, as Flags at the cue's exact span, in file order."""
    active = _resolved(tuple(settings.items()))
    flags: list[Flag] = []
    for c in _evaluate(claim, doc, active, explain=False):
        if c.outcome != "flagged":
            continue
        r, found = c.rule, c.finding
        severity = active[r.id]
        assert severity is not None
        line, column = doc.position(found.start)
        shown = " ".join(doc.masked[found.start:found.end].split()) or " ".join(found.cue.split())
        flags.append(Flag(
            rule=r.id, name=r.name, family=r.family, severity=severity,
            message=r.message.format(cue=shown), hint=r.hint,
            cue=found.cue, start=found.start, end=found.end, line=line, column=column,
        ))
    flags.sort(key=lambda f: (f.start, f.rule))
    return flags


def explain(claim: Claim, doc: Document, settings: Mapping[str, str],
            skip: frozenset[str] = frozenset()) -> list[CueReport]:
    """Every cue every rule finds in `claim` (switched-off rules too), with what became of it:
    flagged, let through by a named exemption, superseded by another rule, or rule off.
    `skip` names exemptions to leave out (the tests use it to show each one matters)."""
    active = _resolved(tuple(settings.items()))
    reports = _evaluate(claim, doc, active, explain=True, skip=skip)
    reports.sort(key=lambda c: (c.finding.start, c.rule.id))
    return reports
