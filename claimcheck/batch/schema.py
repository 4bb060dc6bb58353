"""The batch output's public contract: the Parquet schema of the claim rows, and the records of the
per-document summaries and of `summary.json` (documented in docs/batch.md; a change here is a
CHANGELOG entry).

One row per claim. Fingerprints come from `claimcheck.baseline.fingerprint`, the same function as
the baseline file's: a flag's `fingerprint` and a finding verdict's `verdict_fingerprint` are
exactly the values `claimcheck baseline` records, and the claim's own `fingerprint` is
`baseline.claim_fingerprint` (the one the review ledger keys on and claim handles are cut from),
so one sentence has one fingerprint in every document it appears in.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..baseline import claim_fingerprint, fingerprint
from ..models import Claim
from .arrow import pyarrow

FORMAT = "claimcheck-batch"
FORMAT_VERSION = 1


@cache
def claim_schema() -> Any:
    pa = pyarrow()
    flag = pa.struct([
        ("rule", pa.string()), ("name", pa.string()), ("severity", pa.string()),
        ("cue", pa.string()), ("message", pa.string()),
        ("start", pa.int64()), ("end", pa.int64()), ("line", pa.int32()),
        ("column", pa.int32()), ("supported", pa.bool_()), ("suppressed_by", pa.string()),
        ("fingerprint", pa.string()),
    ])
    difference = pa.struct([("kind", pa.string()), ("claim", pa.string()),
                            ("evidence", pa.string())])
    return pa.schema([
        ("document_id", pa.string()),
        ("document_hash", pa.string()),
        ("claim_id", pa.string()),
        ("fingerprint", pa.string()),
        ("text", pa.string()),
        ("kind", pa.string()),
        ("checkable", pa.bool_()),
        ("speaker", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("line", pa.int32()),
        ("column", pa.int32()),
        ("flags", pa.list_(flag)),
        ("verdict", pa.string()),
        ("verdict_score", pa.float64()),
        ("verdict_reason", pa.string()),
        ("verdict_suppressed_by", pa.string()),
        ("verdict_fingerprint", pa.string()),
        ("differences", pa.list_(difference)),
        ("diff", pa.string()),
        ("evidence_ids", pa.list_(pa.string())),
        ("evidence_scores", pa.list_(pa.float64())),
        ("evidence_sources", pa.list_(pa.string())),
    ])


def claim_rows(document_id: str, document_hash: str, claims: list[Claim]) -> list[dict[str, Any]]:
    """The Parquet rows of one document's claims, in claim order."""
    rows = []
    for claim in claims:
        verdict = claim.verdict
        evidence = verdict.evidence if verdict else []
        rows.append({
            "document_id": document_id,
            "document_hash": document_hash,
            "claim_id": claim.id,
            "fingerprint": claim_fingerprint(claim.text),
            "text": claim.text,
            "kind": claim.kind,
            "checkable": claim.checkable,
            "speaker": claim.speaker,
            "start": claim.start,
            "end": claim.end,
            "line": claim.line,
            "column": claim.column,
            "flags": [{
                "rule": f.rule, "name": f.name, "severity": f.severity, "cue": f.cue,
                "message": f.message, "start": f.start, "end": f.end, "line": f.line,
                "column": f.column, "supported": f.supported, "suppressed_by": f.suppressed_by,
                "fingerprint": fingerprint(f.rule, claim.text, f.cue),
            } for f in claim.flags],
            "verdict": verdict.label if verdict else None,
            "verdict_score": verdict.score if verdict else None,
            "verdict_reason": verdict.reason if verdict else None,
            "verdict_suppressed_by": verdict.suppressed_by if verdict else None,
            "verdict_fingerprint": (fingerprint(f"verdict/{verdict.label}", claim.text, "")
                                    if verdict else None),
            "differences": [d.model_dump() for d in verdict.differences] if verdict else [],
            "diff": verdict.diff if verdict else None,
            "evidence_ids": [e.ref_id for e in evidence],
            "evidence_scores": [e.score for e in evidence],
            "evidence_sources": [e.source for e in evidence],
        })
    return rows


class DocumentSummary(BaseModel):
    """One line of `documents.jsonl`: what became of one document of the corpus."""

    model_config = ConfigDict(extra="forbid")

    id: str
    hash: str  # sha256 of the document's UTF-8 bytes
    status: str  # "ok" or "error"
    error: str | None = None
    claims: int = 0
    checkable: int = 0
    verdicts: dict[str, int] = Field(default_factory=dict)
    flags: dict[str, int] = Field(default_factory=dict)  # live flags by severity
    suppressed: int = 0
    failed: bool = False  # a live finding at or above the config's fail_on
    part: str | None = None  # the Parquet part file (relative to the output folder) of its rows
    seconds: float = 0.0  # time spent on it by its worker


class BatchSummary(BaseModel):
    """`summary.json`, written when a run completes (and `complete` is then true)."""

    model_config = ConfigDict(extra="forbid")

    tool: str = "claimcheck"
    version: str
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    complete: bool
    corpus: str
    engine: str
    workers: int
    shards: int
    snippets: int
    documents: int  # in the corpus
    checked: int  # documents with rows, this run or an earlier one
    errors: int  # documents recorded with an error
    resumed: int  # documents skipped because an earlier run had written them
    claims: int
    checkable: int
    verdicts: dict[str, int]
    flags: dict[str, int]
    suppressed: int
    failed_documents: int
    seconds: float  # this run's wall time
    documents_per_second: float  # documents this run checked, per second of this run
