"""A review session's decisions: the claims on screen, tied to the ledger on disk.

The app calls `decide` for each key the reviewer presses; every decision is appended to the ledger
(flushed, fsynced) before the claim's badge changes, so what the screen shows is what is on disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..ledger import (
    ClaimDecisions,
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
        self.state: dict[Key, ClaimDecisions] = replay(self.records)
        self.claims: list[Claim] = []
        self.keys: list[Key] = []
        self.made: list[LedgerRecord] = []  # appended in this session

    def attach(self, claims: Sequence[Claim]) -> None:
        """Show the ledger's decisions on these claims (a new split of the drafts)."""
        self.claims = list(claims)
        self.keys = claim_keys(self.claims, self.root)
        apply_ledger(self.claims, self.records, self.root, self.keys)

    def reapply(self, indexes: Iterable[int]) -> None:
        """Decisions again on claims whose flags were just replaced (suppressions find their
        flag); stale decisions, found by wording, stay as they are."""
        for index in indexes:
            decisions = self.state.get(self.keys[index])
            if decisions is not None:
                apply_decisions(self.claims[index], decisions, stale=False)

    def decide(self, index: int, decision: Decision, note: str | None = None,
               rule: str | None = None) -> LedgerRecord:
        """Append one decision on claim `index` and show it on the claim."""
        claim = self.claims[index]
        key = self.keys[index]
        record = new_record(claim, decision, self.root, occurrence=key[2],
                            reviewer=self.reviewer, note=note, rule=rule)
        append_record(self.path, record)
        self.records.append(record)
        self.made.append(record)
        decisions = self.state.setdefault(key, ClaimDecisions())
        decisions.add(record)
        if decisions.records:
            apply_decisions(claim, decisions, stale=False)
        else:
            del self.state[key]
            reset(claim)
        return record

    def can_undo(self, index: int) -> bool:
        """The claim has a decision in force on its current text."""
        return self.keys[index] in self.state
