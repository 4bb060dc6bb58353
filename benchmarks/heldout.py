"""The one split of the dev sets into a training part and a reported held-out part.

The verdict model (scripts/train_verdict.py) is fitted on the training part only; every figure
reported for the checker (benchmarks/heldout_eval.py, benchmarks/mutations.py by default) is
measured on the held-out part. The split goes by group, so claims written about one fact never
straddle it: VitaminC's `case_id` (the claims of one Wikipedia revision), CLIMATE-FEVER's
`claim_id`. A group's part is a hash of its id, so the split needs no stored list and never
changes when rows are added or reordered.

    python benchmarks/heldout.py            # group and row counts of each part
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# ../shared/data beside the checkout (a worktree one level deeper finds it one further up);
# CLAIMCHECK_DATA overrides.
DATA = Path(os.environ.get("CLAIMCHECK_DATA") or next(
    (p for p in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")
     if p.is_dir()), ROOT.parent / "shared" / "data"))
SETS = {"climate-fever": DATA / "climate-fever" / "dev.jsonl",
        "vitaminc": DATA / "vitaminc" / "dev.jsonl"}
HELDOUT_SHARE = 50  # percent of groups held out
SALT = "claimcheck-heldout-v1"


def group_of(row: dict[str, Any]) -> str:
    """VitaminC rows carry `case_id`; CLIMATE-FEVER rows only `claim_id`."""
    return str(row.get("case_id") or row["claim_id"])


def part(group: str) -> str:
    digest = hashlib.sha256(f"{SALT}:{group}".encode()).digest()
    return "heldout" if int.from_bytes(digest[:4], "big") % 100 < HELDOUT_SHARE else "train"


def rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def split_rows(path: Path, which: str) -> list[dict[str, Any]]:
    """Rows of one part ("train" or "heldout"), in file order."""
    return [row for row in rows(path) if part(group_of(row)) == which]


def evidence_sentences(path: Path, which: str) -> list[tuple[str, str]]:
    """(evidence id, sentence) of the part's claims, first occurrence kept. A sentence that
    any claim of the other part also cites belongs to neither (CLIMATE-FEVER claims share
    Wikipedia sentences), so nothing held out is ever trained on."""
    mine: dict[str, str] = {}
    other: set[str] = set()
    for row in rows(path):
        inside = part(group_of(row)) == which
        for ev in row["evidences"]:
            text = str(ev["evidence"])
            if inside:
                mine.setdefault(text, str(ev.get("evidence_id") or text))
            else:
                other.add(text)
    return [(key, text) for text, key in mine.items() if text not in other]


def main() -> int:
    for name, path in SETS.items():
        if not path.exists():
            print(f"{path}: not found", file=sys.stderr)
            return 2
        for which in ("train", "heldout"):
            got = split_rows(path, which)
            groups = {group_of(r) for r in got}
            print(f"{name:14} {which:8} {len(groups):5} groups {len(got):5} claims "
                  f"{len(evidence_sentences(path, which)):5} evidence sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
