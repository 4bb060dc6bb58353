"""What every CI format reports: live findings with exact start and end positions.

A finding is an unsuppressed flag, or a verdict that is a finding (a label with a severity in
`claimcheck.verdicts`, plus any verdict named in fail_on) under the pseudo-rule ID
`verdict/<label>`. Which findings fail the run is `config.FailPolicy`'s call.
Suppressed findings stay in the JSON report but are never shown by these formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .. import verdicts
from ..baseline import fingerprint
from ..config import FailOn, FailPolicy
from ..models import Claim, Report, Severity, Verdict, line_column, line_starts


def clean(text: str, *, one_line: bool = True) -> str:
    """Draft text made safe for a terminal, a log or XML: controls, escape sequences, bidi
    and invisible characters shown visibly (see `report.safe`)."""
    from .safe import shown

    return shown(text, one_line=one_line)


def counted(n: int, noun: str) -> str:
    """"1 claim", "2 claims": summaries are read by people."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def end_position(line: int, column: int, text: str) -> tuple[int, int]:
    """1-based (line, column) just after `text` that starts at (line, column).

    Lines are counted by the same rule as `Document.position` (CRLF, LF or a lone CR), so start
    and end agree on every kind of file."""
    end_line, end_column = line_column(line_starts(text), len(text))
    if end_line == 1:
        return line, column + len(text)
    return line + end_line - 1, end_column


def relative_path(path: str) -> str:
    """The file relative to the working directory with forward slashes (absolute if outside)."""
    if path == "-":
        return "stdin"
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def relative_uri(path: str) -> str:
    """`relative_path` as a URI reference: percent-encoded, or a file URI when outside cwd."""
    rel = relative_path(path)
    if rel.startswith("/") or Path(rel).is_absolute():
        return Path(rel).as_uri()
    return quote(rel)


@dataclass(frozen=True)
class Finding:
    claim: Claim
    rule: str  # "CC101" or "verdict/contradicted"
    name: str
    family: str
    severity: str  # error | warning | info
    message: str
    hint: str
    cue: str
    line: int
    column: int
    end_line: int
    end_column: int
    failing: bool

    @property
    def file(self) -> str:
        return self.claim.file

    @property
    def is_verdict(self) -> bool:
        return self.rule.startswith("verdict/")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rule, self.claim.text, "" if self.is_verdict else self.cue)


def with_hint(finding: Finding, sep: str = " ") -> str:
    """The message, then the hint for flags, as one readable text."""
    message = finding.message
    if not finding.hint or finding.is_verdict:
        return message
    stop = "" if message.rstrip().endswith((".", "!", "?")) else "."
    return f"{message.rstrip()}{stop}{sep}{finding.hint}"


def _verdict_message(claim: Claim) -> str:
    verdict = claim.verdict
    assert verdict is not None
    text = f"{verdicts.words(verdict.label)}: {verdict.reason}"
    if verdict.evidence:
        text += f" (evidence: {verdict.evidence[0].source})"
    if verdict.diff:
        text += f" diff: {verdict.diff}"
    return text


REVIEW_WORDS = {"accepted": "accepted", "wrong": "marked wrong", "note": "noted",
                "suppressed": "suppressed a flag"}


def review_text(claim: Claim) -> str:
    """The claim's review decision in words ("" when none): decision, reviewer, day, note."""
    review = claim.review
    if review is None:
        return ""
    text = f"{REVIEW_WORDS[review.decision]} by {review.reviewer} on {review.at[:10]}"
    if review.note:
        text += f": {review.note}"
    if review.stale:
        text += " (stale: the claim's text changed since)"
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _with_review(message: str, claim: Claim) -> str:
    review = review_text(claim)
    return f"{message} [review: {review}]" if review else message


def _verdict_severity(verdict: Verdict | None, policy: FailPolicy) -> Severity | None:
    """The severity of the verdict's finding, None when it is none: as the run's configuration
    set it for its file (`Verdict.severity`, see `claimcheck.selection`), else (a report built
    by hand) the verdict table's and the fail policy's."""
    if verdict is None:
        return None
    if "severity" in verdict.model_fields_set:
        return verdict.severity
    return verdicts.severity(verdict.label) if verdict.label in policy.finding_labels else None


def collect(report: Report,
            fail_on: FailOn = None) -> list[Finding]:
    """Live findings in report order: files as given, claims by offset, flags by offset+rule.

    A claim a reviewer accepted has no failing finding; one marked wrong has a `review/wrong`
    finding that fails (both while the claim's text is unchanged). Every finding's message ends
    with the claim's review decision, when there is one."""
    return collect_claims(report.claims, fail_on)


def collect_claims(claims: Sequence[Claim], fail_on: FailOn = None) -> list[Finding]:
    """`collect` for some of a report's claims (the line formats get them a few at a time:
    building a Report around each batch cost pydantic ~3 ms of default factories)."""
    policy = FailPolicy.of(fail_on)
    out: list[Finding] = []
    for claim in claims:
        for flag in sorted(claim.flags, key=lambda f: (f.start, f.rule)):
            if flag.suppressed_by:
                continue
            cue_text = flag.cue if len(flag.cue) == flag.end - flag.start else "x" * (
                flag.end - flag.start)
            end_line, end_column = end_position(flag.line, flag.column, cue_text)
            out.append(Finding(
                claim=claim, rule=flag.rule, name=flag.name, family=flag.family,
                severity=flag.severity, message=_with_review(flag.message, claim),
                hint=flag.hint, cue=flag.cue,
                line=flag.line, column=flag.column, end_line=end_line, end_column=end_column,
                failing=policy.flag_fails(flag, claim),
            ))
        verdict = claim.verdict
        severity = _verdict_severity(verdict, policy)
        if verdict and severity is not None and not verdict.suppressed_by:
            end_line, end_column = end_position(claim.line, claim.column, claim.text)
            out.append(Finding(
                claim=claim, rule=f"verdict/{verdict.label}", name=verdict.label,
                family="verdict", severity=severity,
                message=_with_review(_verdict_message(claim), claim),
                hint="Check the claim against the evidence and correct it or its source.",
                cue=claim.text, line=claim.line, column=claim.column, end_line=end_line,
                end_column=end_column, failing=policy.verdict_fails(verdict, claim),
            ))
        if policy.decision(claim) == "wrong":
            end_line, end_column = end_position(claim.line, claim.column, claim.text)
            out.append(Finding(
                claim=claim, rule="review/wrong", name="marked-wrong", family="review",
                severity="error", message=_capital(review_text(claim)),
                hint="Correct the claim; its decision lapses when its text changes.",
                cue=claim.text, line=claim.line, column=claim.column, end_line=end_line,
                end_column=end_column, failing=True,
            ))
    return out
