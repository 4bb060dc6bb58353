"""Where gold-refuted claims go, and why: the error table of issue 15's contradicted recall.

TRAINING part only (benchmarks/heldout.py): the held-out sentences are never read here. Each
claim of the part goes through the corpus route of `claimcheck eval verify` (every evidence
sentence of the part one reference pool, the real index, retrieval and judge), and the script
looks inside the judge to file each gold-refuted claim under the first class that holds:

  contradicted      the verdict is contradicted (or misquoted): right
  not retrieved     no refuting evidence sentence among the claim's candidates
  not shown         a refuting sentence is a candidate, but not among the passages judged
  unnamed           a refuting sentence is judged, no detector names a difference in it
                    (a semantic refutation); split by what the model reads: contradicted
                    (held back: a contradiction nothing names is not reported), supported or
                    no evidence
  named, outvoted   a detector names a difference in the refuting passage and the model
                    reads it as a contradiction, but another passage's support wins
  named, unsettled  a detector names a difference, but the model reads the passage as not
                    settling the claim (most probable: no evidence)

Refuting sentences: CLIMATE-FEVER's evidence labelled REFUTES; VitaminC's claim evidence
(its pool also holds other revisions of the same sentence, which may support the claim: the
script says when the winning support is one of them). Beside the table: the verdicts of the
false contradictions (gold not REFUTES), by the kind of difference named, for precision.

The model was fitted on these claims' passages, so the split between "unnamed" subclasses is
optimistic; retrieval and detectors do not learn, so the other classes are what they are.

    python benchmarks/refuted_errors.py [--set vitaminc] [--dump FILE.jsonl] [--route]

--dump writes one JSON line per gold-refuted claim (claim, class, passages, differences,
probabilities) and per false contradiction (claim, verdict, reason) for reading; --route also
runs `claimcheck check --format json` on the part as benchmarks/check_route.py does (one claim
per blank-line paragraph) and counts, for the gold-refuted rows, the route's folded verdict and
whether the splitter cut the row or called a part not checkable.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimcheck.processes import one_native_thread  # noqa: E402

one_native_thread()

import heldout  # noqa: E402

from claimcheck.check import verdict as verdict_module  # noqa: E402
from claimcheck.check.features import FEATURES  # noqa: E402
from claimcheck.check.model import LABELS, load  # noqa: E402
from claimcheck.check.retrieve import candidates, prepare_dense  # noqa: E402
from claimcheck.check.score import SpanCache, best_spans  # noqa: E402
from claimcheck.check.semantic import Embedded  # noqa: E402
from claimcheck.config import Config  # noqa: E402
from claimcheck.evaluate.verify import GOLD, evidence_pool  # noqa: E402
from claimcheck.references import build_index  # noqa: E402
from claimcheck.text.stems import content_stems, pool_stems  # noqa: E402

CLASSES = ("contradicted", "not retrieved", "not shown", "unnamed: model contradicted",
           "unnamed: model supported", "unnamed: model no evidence", "named, outvoted",
           "named, unsettled")


def refuting(name: str, row: dict[str, Any]) -> set[str]:
    """The sentences that refute the claim (see the module's docstring)."""
    if name == "vitaminc":
        return {str(ev["evidence"]) for ev in row["evidences"]}
    return {str(ev["evidence"]) for ev in row["evidences"] if ev["evidence_label"] == "REFUTES"}


class Judged:
    """One claim through retrieval and the judge, with what the judge saw on the way."""

    def __init__(self, claim: str, index: Any, cache: SpanCache, dense: bool,
                 config: Config) -> None:
        thresholds = config.thresholds
        [hits] = candidates([claim], index, thresholds.candidates, dense)
        self.candidates = [index.snippets[p].text for p in hits.positions]
        asked = verdict_module.Asked(claim, "factual")
        self.verdict = verdict_module.judge(asked, hits.positions, index.snippets, cache,
                                            thresholds, hits.prior)
        stems = content_stems(claim)
        spans = best_spans(claim, stems, hits.positions, cache, verdict_module.MAX_EVIDENCE,
                           hits.prior)
        self.shown = [index.snippets[s.span.snippet].text for s in spans]
        self.pairs: list[Any] = []
        self.probs: list[list[float]] = []
        self.decided: list[str] = []
        if spans:
            texts = verdict_module._semantic_texts(claim, spans)
            self.pairs = verdict_module._pairs(claim, stems, spans, cache, index.snippets,
                                               Embedded.of(texts), texts)
            model = load(FEATURES)
            probs = model.probabilities(verdict_module.np.vstack([p.row for p in self.pairs]))
            self.probs = [[round(float(x), 3) for x in row] for row in probs]
            self.decided = [verdict_module._decide(p, probs[n], thresholds, model)[0]
                            for n, p in enumerate(self.pairs)]

    def passage(self, n: int) -> dict[str, Any]:
        p = self.pairs[n]
        return {"text": p.scored.span.text, "score": round(p.scored.score, 3),
                "probs": dict(zip(LABELS, self.probs[n], strict=True)),
                "decided": self.decided[n],
                "differences": [m.reason for m in p.mismatches],
                "found": list(p.details.found), "missing": list(p.details.missing)}


def classify(judged: Judged, gold: set[str]) -> str:
    if judged.verdict.label in ("contradicted", "misquoted"):
        return "contradicted"
    if not gold & set(judged.candidates):
        return "not retrieved"
    at = next((n for n, text in enumerate(judged.shown) if text in gold), None)
    if at is None:
        return "not shown"
    pair = judged.pairs[at]
    if not pair.mismatches:
        top = LABELS[max(range(len(LABELS)), key=lambda k: judged.probs[at][k])]
        return {"supported": "unnamed: model supported",
                "contradicted": "unnamed: model contradicted"}.get(
                    top, "unnamed: model no evidence")
    if judged.decided[at] == "contradicted":
        return "named, outvoted"
    return "named, unsettled"


def analyse(name: str, config: Config, dump: list[dict[str, Any]]) -> dict[str, Any]:
    rows = [r for r in heldout.split_rows(heldout.SETS[name], "train")
            if r["claim_label"] in GOLD]
    snippets = evidence_pool(rows)
    with tempfile.TemporaryDirectory() as tmp:
        index = build_index(snippets, Path(tmp))
        texts = [s.text for s in snippets]
        cache = SpanCache(texts, pool_stems(texts))
        dense = prepare_dense(index)
        case_texts: dict[str, set[str]] = {}
        for r in rows:
            case_texts.setdefault(heldout.group_of(r), set()).update(
                str(ev["evidence"]) for ev in r["evidences"])
        classes: Counter[str] = Counter()
        verdicts: Counter[tuple[str, str]] = Counter()
        winners: Counter[str] = Counter()
        disagree: Counter[tuple[str, str]] = Counter()
        false_kinds: Counter[str] = Counter()
        true_kinds: Counter[str] = Counter()
        refuted = predicted = 0
        for row in rows:
            claim = str(row["claim"])
            judged = Judged(claim, index, cache, dense, config)
            said = judged.verdict.label in ("contradicted", "misquoted")
            predicted += said
            kinds = sorted({d.kind for d in judged.verdict.differences}) or ["none named"]
            if "the references disagree" in judged.verdict.reason:
                disagree[(str(row["claim_label"]), judged.verdict.label)] += 1
            if row["claim_label"] != "REFUTES":
                if said:
                    false_kinds.update(kinds)
                    dump.append({"set": name, "claim": claim,
                                 "class": f"false contradiction ({row['claim_label']})",
                                 "verdict": judged.verdict.label,
                                 "reason": judged.verdict.reason})
                continue
            refuted += 1
            if said:
                true_kinds.update(kinds)
            gold = refuting(name, row)
            found = classify(judged, gold)
            classes[found] += 1
            verdicts[(found, judged.verdict.label)] += 1
            if found == "named, outvoted":
                winners[_winner(judged, gold, case_texts[heldout.group_of(row)], row)] += 1
            dump.append({"set": name, "claim": claim, "class": found,
                         "verdict": judged.verdict.label, "reason": judged.verdict.reason,
                         "gold": sorted(gold),
                         "passages": [judged.passage(n) for n in range(len(judged.pairs))]})
    return {"claims": len(rows), "refuted": refuted, "predicted": predicted,
            "classes": classes, "verdicts": verdicts, "winners": winners,
            "false_kinds": false_kinds, "true_kinds": true_kinds, "disagree": disagree}


def _winner(judged: Judged, gold: set[str], case: set[str], row: dict[str, Any]) -> str:
    """What the supporting passage that won is: another revision of the same sentence
    (VitaminC), evidence the dataset labels SUPPORTS for this claim (CLIMATE-FEVER), or
    another passage."""
    support = next((n for n, d in enumerate(judged.decided) if d == "supported"), None)
    if support is None:
        return "no passage supports (the verdict is another)"
    text = judged.shown[support]
    if text in case - gold:
        return "another revision of the same sentence"
    labels = {str(ev["evidence"]): ev["evidence_label"] for ev in row["evidences"]}
    if labels.get(text) == "SUPPORTS":
        return "evidence the dataset labels SUPPORTS"
    return "another passage"


def route(name: str) -> Counter[str]:
    """Gold-refuted rows through `claimcheck check --format json` (see check_route.py)."""
    import check_route

    rows = [r for r in heldout.split_rows(heldout.SETS[name], "train")
            if r["claim_label"] in GOLD]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft, refs, line_of = check_route.write_inputs(rows, folder, "blank")
        report, _ = check_route.run_check(draft, refs, folder / "cache")
    parts: dict[int, list[tuple[str, bool, str]]] = {n: [] for n in range(len(rows))}
    for claim in report["claims"]:
        row = line_of.get(claim["line"])
        if row is not None:
            label = (claim.get("verdict") or {"label": "not_checkable"})["label"]
            parts[row].append((label, claim["checkable"], claim["kind"]))
    out: Counter[str] = Counter()
    for n, row in enumerate(rows):
        if row["claim_label"] != "REFUTES":
            continue
        got = parts[n]
        folded = check_route.fold([(label, checkable) for label, checkable, _ in got])
        shape = ("no claim" if not got else "not checkable: " + ",".join(
            sorted({k for _, c, k in got if not c})) if not any(c for _, c, _ in got) else
            "cut, a part not checkable" if len(got) > 1 and not all(c for _, c, _ in got) else
            "cut, all parts checked" if len(got) > 1 else "one claim, checked")
        out[f"{shape} -> {folded}"] += 1
    return out


def render(name: str, got: dict[str, Any]) -> list[str]:
    refuted = got["refuted"]
    right = got["classes"]["contradicted"]
    out = [f"## {name}, training part: {got['claims']} claims, {refuted} gold REFUTES; "
           f"contradicted said {got['predicted']} times, {right} right "
           f"(recall {right / max(1, refuted):.3f}, precision "
           f"{right / max(1, got['predicted']):.3f})",
           f"{'class':30} {'claims':>6} {'share':>6}  verdicts given"]
    for c in CLASSES:
        n = got["classes"][c]
        given = ", ".join(f"{label} {k}" for (cls, label), k in
                          sorted(got["verdicts"].items()) if cls == c)
        out.append(f"{c:30} {n:6} {n / max(1, refuted):6.3f}  {given}")
    if got["winners"]:
        out.append("named, outvoted: the support that won is "
                   + "; ".join(f"{w} {k}" for w, k in got["winners"].most_common()))
    out.append("right contradictions by kind named: " + ", ".join(
        f"{k} {v}" for k, v in got["true_kinds"].most_common()))
    out.append("false contradictions by kind named: " + ", ".join(
        f"{k} {v}" for k, v in got["false_kinds"].most_common()))
    out.append("verdicts whose references disagree (gold -> verdict): " + ", ".join(
        f"{g} -> {v} {k}" for (g, v), k in sorted(got["disagree"].items())))
    return [*out, ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--set", choices=sorted(heldout.SETS), action="append")
    ap.add_argument("--dump", type=Path, help="one JSON line per gold-refuted claim")
    ap.add_argument("--route", action="store_true",
                    help="also count the gold-refuted rows on the check route")
    args = ap.parse_args(argv)
    config = Config(workers=1)
    dump: list[dict[str, Any]] = []
    for name in args.set or sorted(heldout.SETS):
        if not heldout.SETS[name].exists():
            print(f"{heldout.SETS[name]}: dataset not found", file=sys.stderr)
            return 2
        print("\n".join(render(name, analyse(name, config, dump))), flush=True)
        if args.route:
            print(f"## {name}, training part, check route (blank lines): gold-refuted rows")
            for key, n in sorted(route(name).items(), key=lambda kv: -kv[1]):
                print(f"{key:60} {n:5}")
            print(flush=True)
    if args.dump:
        args.dump.write_text("".join(json.dumps(d) + "\n" for d in dump), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
