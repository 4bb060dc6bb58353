"""The decision ledger: what reviewers decided about claims, kept beside the drafts.

`claimcheck review` appends one record per decision; `claimcheck check` reads them back and shows
each claim's decision, lets an accepted claim pass and fails a claim marked wrong until its text
changes. The format is public (docs/review.md): JSON Lines, one record per line, keys always in
the order of `LedgerRecord`'s fields, so the file diffs cleanly in git:

    {"ledger_version": 1, "fingerprint": "<32 hex>", "occurrence": 1, "file": "draft.md",
     "line": 12, "handle": "3f9a2b1c", "claim": "...", "decision": "accepted", "note": null,
     "rule": null, "verdict": "supported", "flags": ["CC101"], "reviewer": "Ann Lee",
     "at": "2026-12-03T09:50:00Z"}

Decisions: `accepted` (checked, correct), `wrong` (to fix), `note`, `suppressed` (one flag, `rule`,
with the reason in `note`) and `undone`, which takes back the claim's latest decision still in
force.
A claim is found again by its content fingerprint (the baseline's, `claim_fingerprint`) in its
file, so decisions follow it when lines move; `occurrence` tells copies of the same text apart.
When a claim's text changes, the decisions on its old text are shown on the claim now nearest to
it in wording and place, marked stale, and no longer change whether the run fails.

Writes append one line, flushed and fsynced. A killed session loses at most the record being
written: a record cut off mid-write (its JSON object ends early) is skipped with a warning when the
file is read, and the next append starts on a fresh line. Any other malformed line is an error
naming the line: a decision silently dropped could let a wrong claim pass.
"""

from __future__ import annotations

import getpass
import json
import os
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .baseline import claim_fingerprint
from .errors import UserError
from .models import Claim, Review

LEDGER_VERSION = 1
DEFAULT_LEDGER = ".claimcheck/ledger.jsonl"
Decision = Literal["accepted", "wrong", "note", "suppressed", "undone"]
DECISIONS: tuple[str, ...] = ("accepted", "wrong", "note", "suppressed", "undone")
STALE_MIN_SIMILARITY = 60.0  # rapidfuzz ratio (0-100) for "the same claim, edited"
STALE_LINE_WINDOW = 200  # lines either side of the decision's old line searched for the edit


class LedgerRecord(BaseModel):
    """One decision. Field order is the order of keys in the file."""

    model_config = ConfigDict(extra="forbid", strict=True)

    ledger_version: int = LEDGER_VERSION
    fingerprint: str
    occurrence: int = 1  # 1 for the first claim with this text in the file, 2 for the next...
    file: str  # relative to the ledger's project folder, forward slashes
    line: int  # where the claim was when the decision was made (for stale matching, humans)
    handle: str
    claim: str
    decision: Decision
    note: str | None = None
    rule: str | None = None  # the flag a `suppressed` decision silences
    verdict: str | None = None  # the verdict at that moment (None: not checked yet)
    flags: list[str] = []  # live flag rule IDs at that moment
    reviewer: str
    at: str

    def line_text(self) -> str:
        return json.dumps(self.model_dump(), ensure_ascii=False) + "\n"


# -- where things are -------------------------------------------------------------------------


def project_root(ledger: Path) -> Path:
    """The folder draft paths in the ledger are relative to: the one holding `.claimcheck/`
    for the default layout, else the ledger's own folder."""
    folder = ledger.resolve().parent
    return folder.parent if folder.name == ".claimcheck" else folder


def draft_key(path: str, root: Path) -> str:
    """A draft's path as the ledger stores it: relative to `root` with forward slashes, or
    absolute when outside it; "-" (standard input) stays "-"."""
    if path == "-":
        return path
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return resolved.as_posix()


def reviewer_name() -> str:
    """git's user.name, else the login name."""
    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              timeout=5, check=False)
        name = done.stdout.strip()
        if done.returncode == 0 and name:
            return name
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return os.environ.get("USER") or getpass.getuser() or "unknown"
    except Exception:  # getpass raises OSError or KeyError when no user is known
        return "unknown"


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- reading and writing ------------------------------------------------------------------------


class _Torn(Exception):
    """A line whose JSON stops short: a record cut off by an interrupted write."""


def read_ledger(path: Path, warnings: list[str]) -> list[LedgerRecord]:
    """Every record, in file order. A missing file is an empty ledger. A record cut off by an
    interrupted write (its JSON ends early; the next append closes its line) is skipped with a
    warning wherever it is; anything else malformed is a one-line UserError naming the line."""
    from .files import LEDGER_MAX_BYTES, read_input

    try:  # a FIFO or device is a one-line error, never a hang (see claimcheck.files)
        data = read_input(path, LEDGER_MAX_BYTES, "a ledger file", missing=None)
    except FileNotFoundError:
        return []
    records: list[LedgerRecord] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            records.append(_parse(raw, path, number))
        except _Torn:
            warnings.append(f"{path}:{number}: skipped an incomplete record (a review session "
                            "was interrupted while writing it)")
    return records


def _parse(raw: bytes, path: Path, number: int) -> LedgerRecord:
    where = f"{path}:{number}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise _Torn from None
        raise UserError(f"{where}: ledger line is not UTF-8") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        # Cut off: the text ran out inside the object (a string cannot hold a raw newline, so
        # an unterminated one ran to the end of the line too).
        ran_out = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        if ran_out and text.lstrip().startswith("{"):
            raise _Torn from None
        raise UserError(f"{where}: ledger line is not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise UserError(f"{where}: ledger line is nested too deeply") from None
    if not isinstance(obj, dict):
        raise UserError(f"{where}: ledger line is not a JSON object")
    version = obj.get("ledger_version")
    if version != LEDGER_VERSION:
        raise UserError(f"{where}: unsupported ledger_version {version!r} "
                        f"(this claimcheck reads version {LEDGER_VERSION})")
    try:
        return LedgerRecord.model_validate(obj)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "record"
        problem = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].lower()
        raise UserError(f"{where}: bad ledger record: '{key}': {problem}") from None


def append_record(path: Path, record: LedgerRecord) -> None:
    """Append one record, flushed and fsynced; a torn last line left by a killed session is
    closed first, so the new record starts on its own line."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
    except OSError as exc:
        raise UserError(f"{path}: cannot write ledger: {exc.strerror}") from None
    try:
        data = record.line_text().encode("utf-8")
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)
    except OSError as exc:
        raise UserError(f"{path}: cannot write ledger: {exc.strerror}") from None
    finally:
        os.close(fd)


def new_record(claim: Claim, decision: Decision, root: Path, *, occurrence: int,
               reviewer: str, note: str | None = None, rule: str | None = None
               ) -> LedgerRecord:
    """A record of `decision` on `claim` as it is now (verdict and live flags included)."""
    return LedgerRecord(
        fingerprint=claim_fingerprint(claim.text), occurrence=occurrence,
        file=draft_key(claim.file, root), line=claim.line, handle=claim.id,
        claim=" ".join(claim.text.split()), decision=decision, note=note or None, rule=rule,
        verdict=claim.verdict.label if claim.verdict else None,
        flags=[f.rule for f in claim.flags if not f.suppressed_by],
        reviewer=reviewer, at=utc_now(),
    )


# -- what the records mean now ----------------------------------------------------------------


Key = tuple[str, str, int]  # (file key, fingerprint, occurrence)


@dataclass
class ClaimDecisions:
    """The decisions on one claim still in force, after undos, oldest first."""

    records: list[LedgerRecord] = field(default_factory=list)

    def add(self, record: LedgerRecord) -> None:
        if record.decision == "undone":
            if self.records:
                self.records.pop()
        else:
            self.records.append(record)

    def status(self) -> LedgerRecord | None:
        """The latest accepted/wrong decision in force."""
        return next((r for r in reversed(self.records)
                     if r.decision in ("accepted", "wrong")), None)

    def suppressions(self) -> dict[str, LedgerRecord]:
        return {r.rule: r for r in self.records if r.decision == "suppressed" and r.rule}

    def review(self, stale: bool) -> Review | None:
        if not self.records:
            return None
        status = self.status()
        notes = [r for r in self.records if r.decision == "note"]
        deciding = status or (notes[-1] if notes else self.records[-1])
        note = next((r.note for r in reversed(self.records)
                     if r.note and r.decision != "suppressed"), None)
        if deciding.decision == "suppressed":
            note = f"{deciding.rule}: {deciding.note}" if deciding.note else deciding.rule
        return Review(decision=deciding.decision, note=note,  # type: ignore[arg-type]
                      reviewer=deciding.reviewer, at=deciding.at, stale=stale)


def replay(records: Sequence[LedgerRecord]) -> dict[Key, ClaimDecisions]:
    state: dict[Key, ClaimDecisions] = defaultdict(ClaimDecisions)
    for record in records:
        state[(record.file, record.fingerprint, record.occurrence)].add(record)
    return {k: v for k, v in state.items() if v.records}


def claim_keys(claims: Sequence[Claim], root: Path) -> list[Key]:
    """Each claim's ledger key, occurrences counted per file in report order. Each draft's
    path is resolved once, not once per claim (a 1 MB draft's 15,000 resolves, each a few
    system calls, held the review app's event loop for about a second when claims arrived)."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    files: dict[str, str] = {}
    keys = []
    for claim in claims:
        file = files.get(claim.file)
        if file is None:
            file = files[claim.file] = draft_key(claim.file, root)
        pair = (file, claim_fingerprint(claim.text))
        seen[pair] += 1
        keys.append((pair[0], pair[1], seen[pair]))
    return keys


def apply_ledger(claims: Sequence[Claim], records: Sequence[LedgerRecord], root: Path,
                 keys: list[Key] | None = None) -> None:
    """Set `claim.review` from the ledger, and mark flags suppressed there `suppressed_by=
    "ledger"`. Decisions on a text that no longer exists show, stale, on its edited claim.
    `keys`: the claims' `claim_keys`, when the caller has them already."""
    state = replay(records)
    keys = claim_keys(claims, root) if keys is None else keys
    matched: set[Key] = set()
    unmatched: dict[str, list[int]] = defaultdict(list)  # file key -> indexes into claims
    for i, (claim, key) in enumerate(zip(claims, keys, strict=True)):
        decisions = state.get(key)
        if decisions is None:
            reset(claim)
            unmatched[key[0]].append(i)
            continue
        matched.add(key)
        apply_decisions(claim, decisions, stale=False)
    orphans = [(k, v) for k, v in state.items() if k not in matched and k[0] in unmatched]
    if orphans:
        for index, decisions in _stale_matches(claims, orphans, unmatched):
            apply_decisions(claims[index], decisions, stale=True)


def reset(claim: Claim) -> None:
    """Undo what the ledger set on a claim (before applying it again)."""
    claim.review = None
    for flag in claim.flags:
        if flag.suppressed_by == "ledger":
            flag.suppressed_by = None


def apply_decisions(claim: Claim, decisions: ClaimDecisions, stale: bool) -> None:
    reset(claim)
    claim.review = decisions.review(stale)
    if stale:
        return
    rules = decisions.suppressions()
    for flag in claim.flags:
        if flag.rule in rules and not flag.suppressed_by:
            flag.suppressed_by = "ledger"


def _stale_matches(claims: Sequence[Claim], orphans: list[tuple[Key, ClaimDecisions]],
                   unmatched: dict[str, list[int]]) -> list[tuple[int, ClaimDecisions]]:
    """Pair decisions whose claim text is gone with the unmatched claim most like the old text
    near the old line; each claim takes at most one, the most similar first."""
    from rapidfuzz import fuzz

    pairs: list[tuple[float, int, int, int]] = []  # (-score, distance, orphan, claim index)
    for o, (key, decisions) in enumerate(orphans):
        last = decisions.records[-1]
        for i in unmatched[key[0]]:
            distance = abs(claims[i].line - last.line)
            if distance > STALE_LINE_WINDOW:
                continue
            score = fuzz.ratio(last.claim.casefold(), " ".join(claims[i].text.split()).casefold(),
                               score_cutoff=STALE_MIN_SIMILARITY)
            if score:
                pairs.append((-score, distance, o, i))
    pairs.sort()
    used_orphans: set[int] = set()
    used_claims: set[int] = set()
    out = []
    for _, _, o, i in pairs:
        if o in used_orphans or i in used_claims:
            continue
        used_orphans.add(o)
        used_claims.add(i)
        out.append((i, orphans[o][1]))
    return out


def load_into(claims: Sequence[Claim], path: Path, warnings: list[str]) -> None:
    """Read the ledger at `path` (if any) and apply it to the claims."""
    records = read_ledger(path, warnings)
    if records:
        apply_ledger(claims, records, project_root(path))


def review_counts(claims: Sequence[Claim]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for claim in claims:
        if claim.review:
            counts["stale" if claim.review.stale else claim.review.decision] += 1
    return dict(sorted(counts.items()))


def in_force(claim: Claim, decision: str) -> bool:
    """The claim carries `decision` and it was made on the claim's current text."""
    return bool(claim.review and not claim.review.stale and claim.review.decision == decision)
