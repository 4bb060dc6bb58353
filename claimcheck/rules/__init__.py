"""Generalization rules: find the cues in a claim that the sentence itself does not support.

`find_flags` is the only entry point the pipeline uses. Each rule is a pure function of the claim
and its sentence; settings from `[tool.claimcheck.rules]` switch rules off or change severity.
Inline suppressions and baselines are applied later, centrally (see `claimcheck.suppress`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from ..errors import UserError
from ..models import Claim, Document, Flag, Severity
from . import anecdote, collective, hedge, individual, superlative, sweeping, vague, weasel
from .base import FAMILIES, Finding, Rule
from .context import build_context

RULES: tuple[Rule, ...] = (
    sweeping.sweeping_quantifier,
    sweeping.bare_generic,
    sweeping.hasty_generalization,
    anecdote.anecdote_generalization,
    vague.vague_quantity,
    weasel.weasel_attribution,
    collective.collective_mind,
    collective.group_stereotype,
    individual.individual_mind_reading,
    superlative.unsourced_superlative,
    hedge.hedge_speculation,
    hedge.slippery_slope,
    hedge.consequence_chain,
)

SETTINGS = ("off", "on", "error", "warning", "info")
# A question asserts nothing for a cue to overreach in. Headings and title lines ("non_claim")
# are still read: a headline that generalizes misleads as much as a sentence does.
_ASSERTS_NOTHING = frozenset({"question"})

__all__ = ["FAMILIES", "RULES", "Finding", "Rule", "find_flags", "resolve_settings"]


def resolve_settings(settings: Mapping[str, str]) -> dict[str, Severity | None]:
    """Rule ID -> severity in force (None = off). Unknown rule keys or values are a UserError,
    so a typo in the config never silently does nothing."""
    return dict(_resolved(tuple(settings.items())))


@lru_cache(maxsize=16)
def _resolved(settings: tuple[tuple[str, str], ...]) -> dict[str, Severity | None]:
    """Worked out once per configuration, not once per claim (an error is not cached, so it is
    raised again for every claim, as before). Callers must not change the dict."""
    by_key = {r.id.lower(): r for r in RULES} | {r.name.lower(): r for r in RULES}
    out: dict[str, Severity | None] = {r.id: r.severity for r in RULES}
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


def find_flags(claim: Claim, doc: Document, settings: Mapping[str, str]) -> list[Flag]:
    """Every rule finding in `claim`, as Flags at the cue's exact span, in file order."""
    active = _resolved(tuple(settings.items()))
    asks = claim.kind in _ASSERTS_NOTHING  # only rules that read questions run on one
    ctx = build_context(claim, doc)
    flags: list[Flag] = []
    for rule in RULES:
        severity = active[rule.id]
        if severity is None or (asks and not rule.reads_questions):
            continue
        for found in rule.run(claim, ctx):
            line, column = doc.position(found.start)
            flags.append(Flag(
                rule=rule.id, name=rule.name, family=rule.family, severity=severity,
                message=rule.message.format(cue=" ".join(found.cue.split())), hint=rule.hint,
                cue=found.cue, start=found.start, end=found.end, line=line, column=column,
            ))
    flags.sort(key=lambda f: (f.start, f.rule))
    return flags
