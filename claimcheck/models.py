"""Records that cross a pipeline stage.

These models are the public contract: the JSON report is `Report.model_dump_json()`, so a field
renamed here breaks users' scripts. Change them on purpose, with a CHANGELOG entry.
Offsets are 0-based character (code point) offsets into the original file text; lines and
columns are 1-based.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .verdicts import VerdictLabel

SCHEMA_VERSION = "1.0"

BlockKind = Literal[
    "paragraph", "heading", "list_item", "table_cell", "blockquote", "line"
]
ClaimKind = Literal[
    "factual", "quote", "attributed", "opinion", "speculation", "question", "non_claim"
]
# Speculation is checked too: a sentence that also hopes or predicts usually states a fact, and a
# forecast a reference reports can be checked against it (a speculation no reference speaks to
# stays not_checkable).
CHECKABLE_KINDS: frozenset[str] = frozenset({"factual", "quote", "attributed", "speculation"})
Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
MentionKind = Literal["number", "percent", "money", "date", "entity", "quote"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Offset of each line's first character. CRLF, LF and a lone CR (old Mac files) each end a
    line, so every reported position agrees with what an editor shows."""
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def line_column(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, given the text's `line_starts`."""
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


class Block(_Record):
    """A unit of prose the splitter may cut into sentences (never crosses a block boundary)."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0  # heading level, 0 elsewhere


class Document(_Record):
    """A loaded draft: the original text, plus the same text with non-prose masked by spaces.

    `masked` has exactly the length of `text`, so every offset found in it is an offset in the
    file. Code, front matter, HTML comments, link URLs and Markdown markup are blanked.
    """

    path: str  # as given by the user; "-" for standard input
    text: str
    masked: str
    markdown: bool
    blocks: list[Block] = Field(default_factory=list)
    line_starts: list[int] = Field(default_factory=list)
    # Character ranges the Markdown parser found to be code (fenced, indented, inline spans):
    # a directive shown there is an example, not an instruction. Internal: never in the JSON.
    code: list[tuple[int, int]] = Field(default_factory=list, exclude=True)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        return line_column(self.line_starts, offset)


class Mention(_Record):
    """Something in a claim the checker compares: a number, date, named entity or quoted span."""

    kind: MentionKind
    text: str
    start: int
    end: int
    value: str | float | None = None  # normalised: 3.0 for "three", "2024-05-07" for a date


class Sentence(_Record):
    index: int
    start: int
    end: int
    text: str
    line: int
    column: int
    block: BlockKind = "paragraph"


class Flag(_Record):
    """A finding of a generalization rule, pointing at the cue's exact span."""

    rule: str  # stable ID, e.g. "CC101"
    name: str  # e.g. "sweeping-quantifier"
    family: str
    severity: Severity
    message: str
    hint: str
    cue: str
    start: int
    end: int
    line: int
    column: int
    supported: bool = False  # a reference supports the sentence: kept, marked, not failing
    # "inline", "baseline" or "ledger" (a reviewer suppressed it); suppressed flags are not reported
    suppressed_by: str | None = None


class Evidence(_Record):
    ref_id: str
    source: str
    text: str  # the whole snippet
    start: int  # best-matching span inside `text`
    end: int
    score: float
    url: str | None = None


class Difference(_Record):
    """One way the claim and its evidence disagree."""

    kind: Literal["number", "bound", "unit", "date", "entity", "negation", "opposite",
                  "quantifier", "quote", "speaker"]
    claim: str
    evidence: str


class Verdict(_Record):
    label: VerdictLabel
    score: float = Field(ge=0.0, le=1.0)
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)
    differences: list[Difference] = Field(default_factory=list)
    diff: str | None = None  # word-level diff for a misquote: "[-old-] {+new+}"
    suppressed_by: str | None = None  # "inline" or "baseline": kept in JSON, never failing
    # The severity of its finding `verdict/<label>` in force for its file (defaults, select,
    # ignore, [rules], overrides: `claimcheck.selection`); None: not a finding.
    severity: Severity | None = None


ReviewDecision = Literal["accepted", "wrong", "note", "suppressed"]


class Review(_Record):
    """A reviewer's decision on a claim, read from the decision ledger (`claimcheck review`)."""

    decision: ReviewDecision
    note: str | None = None  # the latest note, or the reason of a suppression
    reviewer: str
    at: str  # UTC, ISO 8601 with a Z: "2026-12-03T09:50:00Z"
    stale: bool = False  # made on an earlier text of the claim: shown, no longer in force


class Claim(_Record):
    # Stable handle: 8 hex digits of the claim's content fingerprint (see `handles`), with
    # "-2", "-3" for later copies of the same text; it survives edits elsewhere in the draft.
    id: str
    file: str
    text: str  # == source[start:end]
    start: int
    end: int
    line: int
    column: int
    sentence_index: int
    sentence_start: int
    sentence_end: int
    kind: ClaimKind
    checkable: bool
    speaker: str | None = None  # for quotes and attributed claims
    numbers: list[Mention] = Field(default_factory=list)
    dates: list[Mention] = Field(default_factory=list)
    entities: list[Mention] = Field(default_factory=list)
    quotes: list[Mention] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    verdict: Verdict | None = None
    review: Review | None = None


@dataclass(frozen=True, slots=True)
class Snippet:
    """A reference passage from the user's own sources.

    Not a pydantic record: a snippet never reaches a report or a file (`Evidence` is what a
    report shows of one), the reference readers type-check every field before building it
    (references/formats.py), and a reference set is up to 100,000s of them, built in a third of
    a validated record's time. Frozen: judging and the index share one list of them."""

    id: str
    text: str
    source: str  # file path or URL the snippet came from
    url: str | None = None
    date: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


class Summary(_Record):
    files: int = 0
    claims: int = 0
    checkable: int = 0
    verdicts: dict[str, int] = Field(default_factory=dict)
    flags: dict[str, int] = Field(default_factory=dict)  # by severity
    suppressed: int = 0  # flags and verdicts silenced inline, by the baseline or the ledger
    reviews: dict[str, int] = Field(default_factory=dict)  # claims by review decision, "stale"
    failed: bool = False


class Report(_Record):
    schema_version: str = SCHEMA_VERSION
    tool: str = "claimcheck"
    version: str = ""
    files: list[str] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)


def by_file(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    """Claims grouped by file in one pass, each group in the given order."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.file, []).append(claim)
    return groups
