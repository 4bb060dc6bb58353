"""`claimcheck eval verify DATASET`: how well the checker's verdicts match CLIMATE-FEVER labels.

Two modes, as the dataset allows. Pair level: each claim against one evidence sentence alone
(the file's evidence sentences are still the reference set the checker knows the words of).
Corpus level: every evidence sentence of the file is a reference snippet, each claim goes through
the real index and checker against the whole pool (DISPUTED claims are left out: they have no
single right verdict). Beside each, a plain baseline: the best rapidfuzz token_set_ratio over the
same evidence, "supported" at or above a threshold chosen on the same data (for macro F1, so the
majority label alone does not win), else "no evidence".
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from ..config import Config, Thresholds
from ..errors import UserError
from ..models import Claim, Snippet
from . import read_jsonl, score
from .table import markdown_table, plain_table

LABELS = ("supported", "contradicted", "no_evidence")
GOLD = {"SUPPORTS": "supported", "REFUTES": "contradicted", "NOT_ENOUGH_INFO": "no_evidence"}
# The checker's six verdicts folded onto the dataset's three labels.
FOLD = {"supported": "supported", "contradicted": "contradicted", "misquoted": "contradicted",
        "partly_supported": "no_evidence", "no_evidence": "no_evidence",
        "not_checkable": "no_evidence"}


@dataclass
class LabelScore:
    precision: float
    recall: float
    f1: float
    gold: int  # how many items carry this label


@dataclass
class Scores:
    accuracy: float
    labels: dict[str, LabelScore]
    macro_f1: float


@dataclass
class ModeResult:
    mode: str
    items: int
    note: str
    checker: Scores  # at the configured thresholds
    tuned: Scores  # at support/partial tuned on this data
    tuned_support: float
    tuned_partial: float
    baseline: Scores
    baseline_threshold: float
    seconds: float
    verdicts: dict[str, int] = field(default_factory=dict)  # checker labels before folding


@dataclass
class VerifyEval:
    dataset: str
    claims: int
    modes: list[ModeResult]


def scores(predicted: Sequence[str], gold: Sequence[str]) -> Scores:
    per: dict[str, LabelScore] = {}
    for label in LABELS:
        s = score([p == label for p in predicted], [g == label for g in gold])
        per[label] = LabelScore(s.precision, s.recall, s.f1, s.tp + s.fn)
    accuracy = sum(p == g for p, g in zip(predicted, gold, strict=True)) / max(1, len(gold))
    return Scores(accuracy, per, sum(s.f1 for s in per.values()) / len(per))


def baseline(best: Sequence[float], gold: Sequence[str]) -> tuple[Scores, float]:
    """Threshold on the best fuzzy score: the one with the best macro F1 on this data."""
    best_pick: tuple[float, float] = (-1.0, 0.0)
    for cut in range(0, 101):
        predicted = ["supported" if b >= cut else "no_evidence" for b in best]
        macro = scores(predicted, gold).macro_f1
        if macro > best_pick[0]:
            best_pick = (macro, float(cut))
    threshold = best_pick[1]
    predicted = ["supported" if b >= threshold else "no_evidence" for b in best]
    return scores(predicted, gold), threshold


def _claim(text: str, number: int) -> Claim:
    """A dataset claim as the checker sees it: one whole factual claim."""
    return Claim(id=f"C{number}", file="<dataset>", text=text, start=0, end=len(text), line=1,
                 column=1, sentence_index=0, sentence_start=0, sentence_end=len(text),
                 kind="factual", checkable=True)


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = read_jsonl(path, ("claim", "claim_label", "evidences"))
    for number, row in enumerate(rows, start=1):
        evidences = row["evidences"]
        if not isinstance(evidences, list) or not all(
                isinstance(e, dict) and {"evidence", "evidence_label"} <= e.keys()
                for e in evidences):
            raise UserError(f"{path}: row {number}: 'evidences' must be a list of objects with "
                            "'evidence' and 'evidence_label'")
        if row["claim_label"] not in (*GOLD, "DISPUTED"):
            raise UserError(f"{path}: row {number}: unknown claim_label {row['claim_label']!r}")
    return rows


Runner = Callable[[Thresholds], list[tuple[str, float]]]  # thresholds -> (label, score) per item


def pair_level(rows: list[dict[str, Any]], config: Config) -> ModeResult:
    from ..check.score import SpanCache
    from ..check.verdict import Asked, judge

    started = time.perf_counter()
    pairs: list[tuple[Claim, Snippet]] = []
    gold: list[str] = []
    for number, row in enumerate(rows, start=1):
        claim = _claim(row["claim"], number)
        for ev in row["evidences"]:
            if ev["evidence_label"] in GOLD:
                pairs.append((claim, Snippet(id="E", text=ev["evidence"],
                                             source=str(ev.get("article", "")) or "evidence")))
                gold.append(GOLD[ev["evidence_label"]])

    # Every evidence sentence of the file is the reference set (as at corpus level), so the
    # checker knows which claim words no reference mentions; each claim is still scored
    # against its one sentence only.
    snippets = [s for _, s in pairs]
    cache = SpanCache([s.text for s in snippets])

    def run(thresholds: Thresholds) -> list[tuple[str, float]]:
        verdicts = [judge(Asked.of(c), [n], snippets, cache, thresholds)
                    for n, (c, _) in enumerate(pairs)]
        return [(v.label, v.score) for v in verdicts]

    fuzzy = [fuzz.token_set_ratio(c.text, s.text, processor=default_process) for c, s in pairs]
    return _measure("pair", "claim + one evidence sentence; target: that sentence's "
                    "evidence_label", run, gold, fuzzy, config.thresholds, started)


def evidence_pool(rows: list[dict[str, Any]]) -> list[Snippet]:
    """Every evidence sentence of the rows once, as one reference pool; a snippet's id is the
    evidence id (or its text when it has none)."""
    pool: dict[str, Snippet] = {}
    for row in rows:
        for ev in row["evidences"]:
            key = str(ev.get("evidence_id") or ev["evidence"])
            pool.setdefault(key, Snippet(id=key, text=ev["evidence"],
                                         source=str(ev.get("article", "")) or "evidence"))
    return list(pool.values())


def corpus_level(rows: list[dict[str, Any]], config: Config) -> ModeResult:
    """All evidence sentences as one reference pool, through the real index and checker."""
    from ..check import check_all
    from ..references import build_index

    started = time.perf_counter()
    snippets = evidence_pool(rows)
    kept = [row for row in rows if row["claim_label"] in GOLD]
    gold = [GOLD[row["claim_label"]] for row in kept]
    index = build_index(snippets)

    def run(thresholds: Thresholds) -> list[tuple[str, float]]:
        claims = [_claim(row["claim"], n) for n, row in enumerate(kept, start=1)]
        check_all(claims, index, config.model_copy(update={"thresholds": thresholds}))
        return [(c.verdict.label, c.verdict.score) if c.verdict else ("no_evidence", 0.0)
                for c in claims]

    texts = [s.text for s in snippets]
    matrix = process.cdist([row["claim"] for row in kept], texts, scorer=fuzz.token_set_ratio,
                           processor=default_process, workers=-1)
    best = [float(row.max()) if len(texts) else 0.0 for row in matrix]
    note = (f"each claim against all {len(snippets)} evidence sentences; target: claim_label; "
            f"{len(rows) - len(kept)} DISPUTED claims left out")
    return _measure("corpus", note, run, gold, best, config.thresholds, started)


def _measure(mode: str, note: str, run: Runner, gold: list[str], fuzzy: Sequence[float],
             thresholds: Thresholds, started: float) -> ModeResult:
    """Score the checker at the configured thresholds, then at support/partial tuned on this
    data (chosen by macro F1 from one run with every score exposed), beside the baseline."""
    raw = run(thresholds)
    # support 0 and partial 0: every verdict that some thresholds could make "supported" is
    # "supported" here (a claim the checker caps at partly supported stays partly supported).
    exposed = run(thresholds.model_copy(update={"support": 0.0, "partial": 0.0}))
    support, partial = _tune(exposed, gold)
    tuned_thresholds = thresholds.model_copy(update={"support": support, "partial": partial})
    tuned = run(tuned_thresholds)
    base, cut = baseline(fuzzy, gold)
    return ModeResult(
        mode=mode, items=len(gold), note=note,
        checker=scores([FOLD[label] for label, _ in raw], gold),
        tuned=scores([FOLD[label] for label, _ in tuned], gold), tuned_support=support,
        tuned_partial=partial, baseline=base, baseline_threshold=cut,
        seconds=time.perf_counter() - started, verdicts=_count([label for label, _ in raw]))


def _tune(exposed: list[tuple[str, float]], gold: list[str]) -> tuple[float, float]:
    """Best (support, partial) on a grid, replaying the verdict rules on exposed scores: a
    contradiction counts from `partial` up, support from `support` up."""
    best = (-1.0, 1.0, 1.0)
    grid = [round(0.2 + 0.05 * n, 2) for n in range(16)]
    for support in grid:
        for partial in (p for p in grid if p <= support):
            predicted = [_replay(label, score, support, partial) for label, score in exposed]
            macro = scores(predicted, gold).macro_f1
            if macro > best[0]:
                best = (macro, support, partial)
    return best[1], best[2]


def _replay(label: str, score: float, support: float, partial: float) -> str:
    if label in ("misquoted", "not_checkable"):
        return FOLD[label]
    if score < partial:
        return "no_evidence"
    if label == "contradicted":
        return "contradicted"
    return "supported" if score >= support and label == "supported" else "no_evidence"


def _count(labels: Sequence[str]) -> dict[str, int]:
    return {label: labels.count(label) for label in sorted(set(labels))}


def evaluate_verify(path: Path, config: Config,
                    modes: Sequence[str] = ("pair", "corpus")) -> VerifyEval:
    rows = _rows(path)
    results = []
    if "pair" in modes:
        results.append(pair_level(rows, config))
    if "corpus" in modes:
        results.append(corpus_level(rows, config))
    return VerifyEval(dataset=str(path), claims=len(rows), modes=results)


def render_verify(result: VerifyEval, fmt: str, config: Config) -> str:
    if fmt == "json":
        return json.dumps(asdict(result), indent=2) + "\n"
    t = config.thresholds
    lines = [f"Dataset: {result.dataset} ({result.claims} claims)",
             f"Checker thresholds: support {t.support}, partial {t.partial}, "
             f"quote {t.quote}, misquote {t.misquote}, candidates {t.candidates}",
             "Verdicts folded: misquoted -> contradicted; partly_supported, not_checkable "
             "-> no_evidence.", ""]
    for mode in result.modes:
        lines += [f"## {mode.mode.capitalize()} level: {mode.items} items ({mode.note}); "
                  f"{mode.seconds:.1f} s", ""]
        lines += _table(mode, markdown=fmt == "markdown")
        lines += [f"Tuned: support {mode.tuned_support}, partial {mode.tuned_partial} (best macro "
                  "F1 on this data; optimistic, since tuned and scored on the same split).",
                  f"Baseline: best token_set_ratio >= {mode.baseline_threshold:.0f} -> supported, "
                  f"else no_evidence (threshold chosen for macro F1 on this data).",
                  "Checker verdicts: " + ", ".join(f"{k} {v}" for k, v in mode.verdicts.items()),
                  ""]
    return "\n".join(lines)


def _table(mode: ModeResult, markdown: bool) -> list[str]:
    """One row per label (precision, recall, F1 of each system), then macro F1 and accuracy."""
    systems = (mode.checker, mode.tuned, mode.baseline)
    head = ["label", "gold", "claimcheck P", "R", "F1", "tuned P", "R", "F1",
            "baseline P", "R", "F1"]
    rows = []
    for label in LABELS:
        cells = [label, str(mode.checker.labels[label].gold)]
        for system in systems:
            ls = system.labels[label]
            cells += [f"{ls.precision:.3f}", f"{ls.recall:.3f}", f"{ls.f1:.3f}"]
        rows.append(cells)
    for name, values in (("macro F1", [s.macro_f1 for s in systems]),
                         ("accuracy", [s.accuracy for s in systems])):
        rows.append([name, str(mode.items) if name == "accuracy" else ""]
                    + [cell for v in values for cell in ("", "", f"{v:.3f}")])
    table = markdown_table(head, rows) if markdown else plain_table(head, rows)
    return [*table, ""]
