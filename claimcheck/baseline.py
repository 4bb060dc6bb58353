"""Baselines: accept today's findings so that only new ones fail.

`claimcheck baseline DRAFT...` writes every live finding's content fingerprint to a JSON file;
`claimcheck check --baseline FILE` (or `baseline = "FILE"` in the config) then marks findings
found in that file `suppressed_by="baseline"`.

A fingerprint hashes the rule ID, the claim text and the cue, each with whitespace collapsed and
case folded, and NOT the file, line or column: moving a paragraph, re-wrapping it or adding text
above it keeps its findings baselined, while editing the claim itself makes them new. Identical
findings are counted, so a baseline with one copy of a sentence silences one copy, not two.

File format (version 1), sorted by file then fingerprint so diffs of it stay readable:

    {"tool": "claimcheck", "baseline_version": 1, "findings": [
        {"fingerprint": "<32 hex>", "rule": "CC101", "file": "draft.md",
         "claim": "All experts agree.", "cue": "All", "count": 1}]}

Only `fingerprint` and `count` are read back; the other fields are there for humans.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UserError
from .models import Claim, Report
from .verdicts import finding_severities

BASELINE_VERSION = 1
DEFAULT_BASELINE = ".claimcheck-baseline.json"


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def fingerprint(rule: str, claim_text: str, cue: str) -> str:
    """Stable content hash of one finding: rule + normalised claim text + normalised cue."""
    data = "\x1f".join((rule, _normal(claim_text), _normal(cue)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


CLAIM_RULE = "claim"  # the pseudo-rule of a whole claim's fingerprint (ledger, claim handles)


def claim_fingerprint(claim_text: str) -> str:
    """The fingerprint of a claim itself (no rule, no cue): what the decision ledger keys on and
    what claim handles are cut from. Same normalisation, so re-wrapping keeps it."""
    return fingerprint(CLAIM_RULE, claim_text, "")


@dataclass(frozen=True)
class Entry:
    """One baselinable finding: a flag, or a verdict under its pseudo-rule ID."""

    claim: Claim
    rule: str
    cue: str
    flag_index: int | None  # index into claim.flags; None for the verdict

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rule, self.claim.text, self.cue)

    def suppress(self, by: str) -> None:
        if self.flag_index is None:
            assert self.claim.verdict is not None
            self.claim.verdict.suppressed_by = by
        else:
            self.claim.flags[self.flag_index].suppressed_by = by


def live_entries(claims: list[Claim], verdicts: frozenset[str] | None = None) -> list[Entry]:
    """Unsuppressed flags, and verdicts that are findings, in report order."""
    labels = verdicts if verdicts is not None else frozenset(finding_severities())
    out: list[Entry] = []
    for claim in claims:
        for index, flag in enumerate(claim.flags):
            if not flag.suppressed_by:
                out.append(Entry(claim, flag.rule, flag.cue, index))
        verdict = claim.verdict
        if verdict and verdict.label in labels and not verdict.suppressed_by:
            out.append(Entry(claim, f"verdict/{verdict.label}", "", None))
    return out


def build_baseline(report: Report, verdicts: frozenset[str] | None = None) -> dict[str, Any]:
    """The baseline file's content for every live finding in `report`."""
    counts: Counter[str] = Counter()
    first: dict[str, Entry] = {}
    for entry in live_entries(report.claims, verdicts):
        counts[entry.fingerprint] += 1
        first.setdefault(entry.fingerprint, entry)
    findings = [
        {"fingerprint": fp, "rule": e.rule, "file": e.claim.file,
         "claim": " ".join(e.claim.text.split()), "cue": " ".join(e.cue.split()),
         "count": counts[fp]}
        for fp, e in first.items()
    ]
    findings.sort(key=lambda f: (str(f["file"]), str(f["fingerprint"])))
    return {"tool": "claimcheck", "baseline_version": BASELINE_VERSION, "findings": findings}


def dump_baseline(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Counter[str]:
    """Fingerprint -> how many findings with it are accepted. Malformed files are a UserError."""
    from .files import BASELINE_MAX_BYTES, read_input

    hint = f"create it with 'claimcheck baseline DRAFT... --output {path}'"
    raw = read_input(path, BASELINE_MAX_BYTES, "a baseline file",
                     missing=f"baseline file not found ({hint})")
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a BOM from a Windows editor is fine
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: baseline is not valid UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}: baseline is not valid JSON: {exc.msg} "
                        f"(line {exc.lineno})") from None
    except (ValueError, RecursionError) as exc:  # nesting or a number Python will not read
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(";")[0]
        raise UserError(f"{path}: baseline is not valid JSON: {why}") from None
    if not isinstance(data, dict) or data.get("baseline_version") != BASELINE_VERSION:
        raise UserError(f"{path}: not a claimcheck baseline (version {BASELINE_VERSION})")
    counts: Counter[str] = Counter()
    rows = data.get("findings")
    if not isinstance(rows, list):
        raise UserError(f"{path}: baseline has no 'findings' list")
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            raise UserError(f"{path}: baseline finding {number} has no fingerprint")
        count = row.get("count", 1)
        if type(count) is not int or count < 1:  # `true` is no count
            raise UserError(f"{path}: baseline finding {number} has a bad count")
        counts[row["fingerprint"]] += count
    return counts


def apply_baseline(claims: list[Claim], accepted: Counter[str],
                   verdicts: frozenset[str] | None = None, *, consume: bool = False) -> int:
    """Mark live findings found in the baseline; return how many were marked. `consume`: take
    the counts from `accepted` itself, so calls for consecutive parts of a report add up to
    one call for all of it."""
    left = accepted if consume else Counter(accepted)
    marked = 0
    for entry in live_entries(claims, verdicts):
        fp = entry.fingerprint
        if left[fp] > 0:
            left[fp] -= 1
            entry.suppress("baseline")
            marked += 1
    return marked
