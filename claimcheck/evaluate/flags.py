"""`claimcheck eval flags DATASET`: how well the generalization rules find faulty generalizations.

Each row's text goes through the real pipeline stages (split, then rules). A row is predicted
positive when any generalization-family rule fires; per family, when that family fires. A
cue-word baseline (the same cues, no context) sits beside it. Peer tools (write-good, which
installs from npm, and proselint) run from benchmarks/peers.py, never from the installed command.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..document import build_document
from ..models import Claim, Document
from ..split import split_document
from . import Score, read_jsonl, score
from .table import markdown_table, plain_table


@dataclass
class FlagEval:
    dataset: str
    rows: int
    positives: int
    splitter: str
    scores: dict[str, Score] = field(default_factory=dict)


def text_document(text: str, path: str = "<row>") -> Document:
    """A plain-text Document for in-memory text, through the project's loader."""
    return build_document(path, text, False)


def claim_splitter() -> tuple[Callable[[Document], list[Claim]], str]:
    """The splitter the rows go through, and its name for the output."""
    return split_document, "claimcheck.split"


def rules_fired(text: str, split: Callable[[Document], list[Claim]],
                settings: dict[str, str] | None = None) -> set[tuple[str, str]]:
    """(family, rule ID) of every flag raised in `text` (default rule settings unless given)."""
    from ..rules import find_flags

    doc = text_document(text)
    return {(flag.family, flag.rule) for claim in split(doc)
            for flag in find_flags(claim, doc, settings or {})}


# The Logic dataset files slippery-slope arguments under "faulty generalization" (43 of the 49
# train rows that contain one of our slippery-slope phrases are labelled so). Our slope rules
# (CC702 slippery-slope, CC703 consequence-chain) belong to the hedge family, since a chain of
# consequences is not a claim about a whole, so the headline row leaves them out; the extra row
# shows the figure under the dataset's reading, with both switched on (they are opt-in). They
# supersede no default rule, so one pass with them on gives the default rows too.
DATASET_READING = ("CC702", "CC703")


def _bare_cues() -> re.Pattern[str]:
    """The generalization families' cue lists matched anywhere, with no support or idiom checks:
    what the context rules add is measured against this."""
    from ..rules.words import EDGE_L, EDGE_R, alternation, words

    cues = sum((words(n) for n in ("sweeping", "vague", "weasel_phrases", "superlative_absolutes")),
               ())
    return re.compile(EDGE_L + alternation(cues) + EDGE_R, re.IGNORECASE)


def evaluate_flags(dataset: Path) -> FlagEval:
    from ..rules import BY_ID, FAMILIES

    rows = read_jsonl(dataset, ("text", "generalization"))
    texts = [str(row["text"]) for row in rows]
    gold = [bool(row["generalization"]) for row in rows]
    split, splitter = claim_splitter()
    reading_on = {r: "on" for r in DATASET_READING}
    with_slopes = [rules_fired(text, split, reading_on) for text in texts]
    found = [{(fam, r) for fam, r in f if BY_ID[r].default_on} for f in with_slopes]
    fired = [{family for family, _ in f} for f in found]
    general = {f for f, is_general in FAMILIES.items() if is_general}
    result = FlagEval(dataset=str(dataset), rows=len(rows), positives=sum(gold),
                      splitter=splitter)
    result.scores["claimcheck (generalization families)"] = score(
        [bool(f & general) for f in fired], gold)
    result.scores["claimcheck (+ slippery slope, the dataset's reading)"] = score(
        [bool(f & general) or any(r in DATASET_READING for _, r in rules)
         for f, rules in zip(fired, with_slopes, strict=True)], gold)
    result.scores["claimcheck (any rule)"] = score([bool(f) for f in fired], gold)
    cues = _bare_cues()
    result.scores["baseline: cue words, no context"] = score(
        [bool(cues.search(text)) for text in texts], gold)
    for family in FAMILIES:
        result.scores[f"  family: {family}"] = score([family in f for f in fired], gold)
    return result


def render_eval(result: FlagEval, fmt: str = "table") -> str:
    """The scores as one plain table (or Markdown / JSON), each detector a row."""
    if fmt == "json":
        data = {
            "dataset": result.dataset, "rows": result.rows, "positives": result.positives,
            "splitter": result.splitter,
            "scores": {name: ({"skipped": s.skipped} if s.skipped else {
                "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn, "tn": s.tn})
                for name, s in result.scores.items()},
        }
        return json.dumps(data, indent=2) + "\n"
    head = ("detector", "precision", "recall", "F1", "TP", "FP", "FN")
    body: list[tuple[str, ...]] = []
    for name, s in result.scores.items():
        if s.skipped:
            body.append((name, s.skipped))  # a note: why the detector did not run
        else:
            body.append((name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                         str(s.tp), str(s.fp), str(s.fn)))
    title = (f"{os.path.basename(result.dataset)}: {result.rows} rows, {result.positives} "
             f"generalizations; split: {result.splitter}")
    if fmt == "markdown":
        return "\n".join([f"**{title}**", "", *markdown_table(head, body)]) + "\n"
    return "\n".join([title, *plain_table(head, body, ruled=True)]) + "\n"
