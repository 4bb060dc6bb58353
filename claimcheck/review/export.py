"""`claimcheck review --export markdown`: the review report for whoever signs the piece off.

First the sign-off: how many claims were accepted, marked wrong, noted, left open, and whether
`check` would pass. Then every claim in draft order with its verdict and reason, its best
evidence, its flags, and the decision with its note, reviewer and time. Draft and reference text
is escaped (`md_cell`), so a draft cannot break the report's tables or inject HTML.
"""

from __future__ import annotations

from collections import Counter

from ..config import Config
from ..models import Claim, Report, by_file
from ..report.findings import REVIEW_WORDS, counted, shorten
from ..report.markdown import md_cell
from ..report.table import difference_sides, evidence_line


def _decision(claim: Claim) -> str:
    review = claim.review
    if review is None:
        return "not reviewed"
    word = REVIEW_WORDS[review.decision]
    return f"{word} (stale: the text changed since)" if review.stale else word


def _claim_section(claim: Claim) -> list[str]:
    lines = [f"#### `{claim.id}` line {claim.line}: {_decision(claim)}", "",
             f"> {md_cell(' '.join(claim.text.split()))}", ""]
    verdict = claim.verdict
    if verdict is not None:
        lines.append(f"- **Verdict:** {verdict.label.replace('_', ' ')}"
                     + (f" ({verdict.score:.2f})" if verdict.label != "not_checkable" else "")
                     + f": {md_cell(verdict.reason)}")
        for diff in verdict.differences:
            said, found = difference_sides(diff)
            lines.append(f"- **Differs ({diff.kind}):** {md_cell(said)} → {md_cell(found)}")
        if verdict.diff:
            lines.append(f"- **Quote diff:** {md_cell(verdict.diff)}")
        for ev in verdict.evidence[:3]:
            where = md_cell(ev.url or ev.source)
            lines.append(f"- **Evidence** ({where}, {ev.score:.2f}): "
                         f"{md_cell(evidence_line(ev))}")
    for flag in claim.flags:
        state = f"suppressed ({flag.suppressed_by})" if flag.suppressed_by else flag.severity
        lines.append(f"- **{flag.rule} {flag.name}** ({state}) at “{md_cell(flag.cue)}”: "
                     f"{md_cell(flag.message)}")
    review = claim.review
    if review is not None:
        lines.append(f"- **Decision:** {_decision(claim)} by {md_cell(review.reviewer)} at "
                     f"{review.at}" + (f": {md_cell(review.note)}" if review.note else ""))
    return [*lines, ""]


def render_review(report: Report, config: Config) -> str:
    claims = report.claims
    decisions = Counter("stale" if c.review and c.review.stale else
                        c.review.decision if c.review else "open" for c in claims)
    s = report.summary
    lines = [
        "# claimcheck review report", "",
        f"Drafts: {', '.join(md_cell(p) for p in report.files)}  ",
        f"Ledger: {md_cell(config.ledger)}  ",
        f"`claimcheck check` would **{'fail' if s.failed else 'pass'}** "
        f"(fail_on: {', '.join(config.fail_on) or 'none'}).", "",
        "| Decision | Claims |", "|---|---|",
    ]
    for name, label in (("accepted", "accepted"), ("wrong", "marked wrong"), ("note", "noted"),
                        ("suppressed", "flag suppressed"), ("stale", "stale decision"),
                        ("open", "not reviewed")):
        lines.append(f"| {label} | {decisions.get(name, 0)} |")
    reviewers = Counter(c.review.reviewer for c in claims if c.review)
    if reviewers:
        lines += ["", "Reviewers: " + ", ".join(f"{md_cell(name)} ({counted(n, 'decision')})"
                                                for name, n in sorted(reviewers.items()))]
    wrong = [c for c in claims if c.review and not c.review.stale
             and c.review.decision == "wrong"]
    if wrong:
        lines += ["", "## To fix", ""]
        lines += [f"- `{c.id}` line {c.line}: {md_cell(shorten(c.text, 100))}"
                  + (f" — {md_cell(c.review.note)}" if c.review and c.review.note else "")
                  for c in wrong]
    grouped = by_file(claims)
    for path in report.files:
        lines += ["", f"## {md_cell(path)}", ""]
        for claim in grouped.get(path, []):
            lines += _claim_section(claim)
    for warning in report.warnings:
        lines += [f"> warning: {md_cell(warning)}", ""]
    return "\n".join(lines).rstrip() + "\n"
