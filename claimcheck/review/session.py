"""A review session's decisions: the claims on screen, tied to the ledger on disk.

The app calls `decide` for each key the reviewer presses; every decision is appended to the ledger
(flushed, fsynced) before the claim's badge changes, so what the screen shows is what is on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..ledger import (
    Decision,
    Key,
    LedgerRecord,
    append_record,
    apply_decisions,
    apply_ledger,
    claim_keys,
    new_record,
    project_root,
    read_ledger,
    replay,
    reset,
    reviewer_name,
)
from ..models import Claim


class ReviewSession:
    def __init__(self, ledger: Path, reviewer: str | None = None) -> None:
        self.path = ledger
        self.root = project_root(ledger)
        self.reviewer = reviewer or reviewer_name()
        self.warnings: list[str] = []
        self.records: list[LedgerRecord] = read_ledger(ledger, self.warnings)
        self.claims: list[Claim] = []
        self.keys: list[Key] = []

    def attach(self, claims: Sequence[Claim]) -> None:
        """Show the ledger's decisions on these claims (a new split, or flags that arrived)."""
        self.claims = list(claims)
        self.keys = claim_keys(self.claims, self.root)
        apply_ledger(self.claims, self.records, self.root)

    def decide(self, index: int, decision: Decision, note: str | None = None,
               rule: str | None = None) -> LedgerRecord:
        """Append one decision on claim `index` and show it on the claim."""
        claim = self.claims[index]
        record = new_record(claim, decision, self.root, occurrence=self.keys[index][2],
                            reviewer=self.reviewer, note=note, rule=rule)
        append_record(self.path, record)
        self.records.append(record)
        self.refresh(index)
        return record

    def can_undo(self, index: int) -> bool:
        """The claim has a decision in force on its current text."""
        key = self.keys[index]
        return key in replay([r for r in self.records
                              if (r.file, r.fingerprint, r.occurrence) == key])

    def refresh(self, index: int) -> None:
        """Re-read claim `index`'s decisions from the records in memory."""
        key = self.keys[index]
        mine = [r for r in self.records if (r.file, r.fingerprint, r.occurrence) == key]
        state = replay(mine)
        claim = self.claims[index]
        if key in state:
            apply_decisions(claim, state[key], stale=False)
        elif claim.review and claim.review.stale:
            return  # a stale decision found by wording stays shown until a new one is made
        else:
            reset(claim)
