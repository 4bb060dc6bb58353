"""Every verdict label, and what each means to the rest of claimcheck, in one table.

A verdict's label is public contract (the JSON report, `fail_on`, baselines, inline directives
`verdict/<label>`, SARIF pseudo-rules, `claimcheck rules verdict/<label>`); so are the facts kept
beside it here. Each row (`VerdictKind`) says:

- `words`: the label as people read it ("partly supported");
- `severity`: the severity of its finding (the pseudo-rule `verdict/<label>` in every CI format
  and in baselines), or None when it is a finding only if the run fails on it;
- `fails`: whether the default fail policy (`fail_on`) fails a run on it;
- `rank`: how bad it is; labels are listed for people worst first (fail levels, rule pages);
- `notable`: worth a block of its own in the table view (otherwise one line);
- `scored`: its score is shown beside it (a label given without weighing evidence has none);
- `style`, `badge`: how terminals colour it and its four-letter badge in the review list;
- `title`, `meaning`, `fix`: its rule page (`claimcheck rules verdict/<label>`, SARIF help).

Adding a label means adding it to `VerdictLabel` and a row to `VERDICTS` here (an import-time
check holds the two equal), then teaching the checker to give it. Every reporter reads the rest
from this table; whether a run fails is decided by `config.FailPolicy`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from .models import Severity

VerdictLabel = Literal[
    "supported", "partly_supported", "contradicted", "misquoted", "no_evidence", "not_checkable"
]

_ASKED = "Nothing to do; it is reported only when you ask for it with --fail-on."


@dataclass(frozen=True)
class VerdictKind:
    label: str
    words: str
    severity: Severity | None
    fails: bool
    rank: int
    notable: bool
    scored: bool
    style: str
    badge: str
    title: str
    meaning: str
    fix: str


VERDICTS: tuple[VerdictKind, ...] = (
    VerdictKind(
        "supported", "supported", None, False, 1, notable=False, scored=True,
        style="green", badge="SUP ", title="A reference supports the claim",
        meaning="A reference supports the claim.", fix=_ASKED),
    VerdictKind(
        "partly_supported", "partly supported", None, False, 3, notable=True, scored=True,
        style="yellow", badge="PART", title="A reference supports only part of the claim",
        meaning="A reference supports part of the claim, but not all of it.",
        fix="Narrow the claim to what the source says, or add a source for the rest."),
    VerdictKind(
        "contradicted", "contradicted", "error", True, 6, notable=True, scored=True,
        style="bold red", badge="CONT", title="A reference contradicts the claim",
        meaning="The best evidence in your references says something different: a number, "
        "date, name, negation or quantifier in the claim disagrees with the matching "
        "reference sentence.",
        fix="Check the claim against the evidence shown and correct whichever is wrong: the "
        "draft, or the reference."),
    VerdictKind(
        "misquoted", "misquoted", "error", True, 5, notable=True, scored=True,
        style="bold magenta", badge="MISQ", title="A quotation differs from its source",
        meaning="A quotation differs from the words in the source: the report shows a word "
        "diff of what was added, dropped or changed.",
        fix="Quote the source's exact words, or paraphrase without quotation marks."),
    VerdictKind(
        "no_evidence", "no evidence", "warning", False, 4, notable=True, scored=True,
        style="yellow", badge="NOEV", title="No reference supports the claim",
        meaning="A checkable claim (a factual, quoted or attributed sentence) that none of "
        "your references supports closely enough.",
        fix="Add the source to your references, cite it in the sentence, or mark the claim as "
        "the writer's own assessment. To stop reporting these, set the verdict to \"off\" or "
        "\"info\" in the config."),
    VerdictKind(
        "not_checkable", "not checkable", None, False, 2, notable=False, scored=False,
        style="dim", badge=" -  ", title="Not a checkable claim",
        meaning="A sentence that is not a checkable claim (opinion, speculation, question, "
        "heading).", fix=_ASKED),
)

VERDICT_LABELS: tuple[str, ...] = get_args(VerdictLabel)
if tuple(v.label for v in VERDICTS) != VERDICT_LABELS:  # pragma: no cover - a coding error
    raise AssertionError("verdicts.VERDICTS and VerdictLabel list different labels")


def labels() -> tuple[str, ...]:
    """Every label, in the table's order (read on each call, so a test may add a row)."""
    return tuple(v.label for v in VERDICTS)


def by_label() -> dict[str, VerdictKind]:
    """label -> its row (read from `VERDICTS` on each call, so a test may add a row)."""
    return {v.label: v for v in VERDICTS}


def kind(label: str) -> VerdictKind | None:
    return by_label().get(label)


def ranked() -> tuple[str, ...]:
    """Labels from the worst down: how they are listed for people."""
    return tuple(v.label for v in sorted(VERDICTS, key=lambda v: -v.rank))


def default_failing() -> tuple[str, ...]:
    """Labels the default fail policy fails a run on, worst first."""
    rows = by_label()
    return tuple(label for label in ranked() if rows[label].fails)


def finding_severities() -> dict[str, Severity]:
    """Labels that are findings even when the run does not fail on them -> their severity."""
    return {label: row.severity for label in ranked() if (row := by_label()[label]).severity}


def words(label: str) -> str:
    """The label as people read it: "partly supported"."""
    row = kind(label)
    return row.words if row else label.replace("_", " ")


def severity(label: str) -> Severity:
    """The severity of the label's finding ("info" for a label that is a finding only because
    the run fails on it)."""
    row = kind(label)
    return row.severity if row and row.severity else "info"


def style(label: str) -> str:
    """How terminals colour the label (a rich style)."""
    row = kind(label)
    return row.style if row else ""


def notable(label: str) -> bool:
    row = kind(label)
    return row.notable if row else True


def scored(label: str) -> bool:
    row = kind(label)
    return row.scored if row else True
