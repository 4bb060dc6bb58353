"""Train the verdict model: claimcheck/check/data/verdict_model.json.

    python scripts/train_verdict.py            # about a minute; same data, same weights

Training data, all from the TRAINING part of the dev sets (benchmarks/heldout.py: split by
VitaminC case_id and CLIMATE-FEVER claim_id; the held-out part is never read here):
- CLIMATE-FEVER dev: each claim against the pool of the part's evidence sentences, through the
  real index and span scoring; each of the best passages is one example, labelled with that
  sentence's own evidence_label when it is one of the claim's evidence sentences, else "not
  enough information";
- VitaminC dev: the same, labelled with the claim's label when the passage is the claim's own
  evidence; another revision of the same sentence (same case) is left out, since its label is
  not known;
- mutations (benchmarks/mutations.py) of the part's evidence sentences: the passage a claim was
  made from is labelled supported (unedited, paraphrased) or contradicted (edited), the other
  passages not enough information.
Each source weighs the same in total, and within a source the three labels weigh the same.
The model is a multinomial logistic regression (numpy, full-batch gradient descent with L2) on
standardised features; the file records the features, their mean and scale, the weights and
how it was trained.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import heldout  # noqa: E402
import mutations  # noqa: E402

from claimcheck.check.features import FEATURES  # noqa: E402
from claimcheck.check.model import LABELS, WEIGHTS_FILE  # noqa: E402
from claimcheck.check.retrieve import candidates, prepare_dense  # noqa: E402
from claimcheck.check.score import SpanCache, best_spans  # noqa: E402
from claimcheck.check.verdict import MAX_EVIDENCE, _pairs  # noqa: E402
from claimcheck.models import Snippet  # noqa: E402
from claimcheck.references import build_index  # noqa: E402
from claimcheck.text.stems import content_stems, pool_stems  # noqa: E402

OUT = ROOT / "claimcheck" / "check" / "data" / WEIGHTS_FILE
GOLD = {"SUPPORTS": 0, "REFUTES": 1, "NOT_ENOUGH_INFO": 2}
CANDIDATES = 8
L2 = 1e-3
STEPS = 4000
RATE = 0.5


class Pool:
    """Snippets of one set of sentences, with the index and span cache the checker uses."""

    def __init__(self, texts: list[str], folder: Path, sources: dict[str, str] | None = None
                 ) -> None:
        self.texts = texts
        self.snippets = [Snippet(id=f"s{n}", text=t, source=(sources or {}).get(t, "pool"))
                         for n, t in enumerate(texts)]
        self.index = build_index(self.snippets, folder)
        self.cache = SpanCache(texts, pool_stems(texts))
        self.dense = prepare_dense(self.index)  # retrieval as the checker does it

    def rows(self, claim: str) -> list[tuple[str, np.ndarray]]:
        """(passage text, feature row) of the claim's best passages."""
        (found,) = candidates([claim], self.index, CANDIDATES, self.dense)
        stems = content_stems(claim)
        spans = best_spans(claim, stems, found.positions, self.cache, MAX_EVIDENCE, found.prior)
        if not spans or spans[0].names_only:
            return []
        return [(self.texts[p.scored.span.snippet], p.row)
                for p in _pairs(claim, stems, spans, self.cache, self.snippets)]


def dataset_examples(name: str, folder: Path) -> tuple[list[np.ndarray], list[int]]:
    path = heldout.SETS[name]
    rows = heldout.split_rows(path, "train")
    texts = list(dict.fromkeys(str(ev["evidence"]) for r in rows for ev in r["evidences"]))
    sources = {str(ev["evidence"]): str(ev.get("article") or "pool") for r in rows
               for ev in r["evidences"]}
    pool = Pool(texts, folder / name, sources)
    case_texts: dict[str, set[str]] = {}
    for r in rows:
        case_texts.setdefault(heldout.group_of(r), set()).update(
            str(ev["evidence"]) for ev in r["evidences"])
    xs, ys = [], []
    for r in rows:
        own = {str(ev["evidence"]): ev["evidence_label"] for ev in r["evidences"]}
        for text, row in pool.rows(str(r["claim"])):
            if name == "vitaminc":
                if text in own:
                    label = GOLD[str(r["claim_label"])]
                elif text in case_texts[heldout.group_of(r)]:
                    continue  # another revision of the same sentence: label unknown
                else:
                    label = 2
            else:
                label = GOLD[str(own[text])] if text in own else 2
            xs.append(row)
            ys.append(label)
    return xs, ys


def mutation_examples(folder: Path, per_set: int, seed: int) -> tuple[list[np.ndarray],
                                                                      list[int]]:
    found = mutations.pool_of("train")
    texts = [t for sentences in found.values() for _, t in sentences]
    pool = Pool(texts, folder / "mutations")
    xs, ys = [], []
    for case in mutations.build_cases(found, per_set, seed):
        for text, row in pool.rows(case.claim):
            if text == case.source:
                label = 1 if case.kind in mutations.CHANGING else 0
            else:
                label = 2
            xs.append(row)
            ys.append(label)
    return xs, ys


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weights (features + intercept, labels) of a multinomial logistic regression."""
    n, d = x.shape
    k = len(LABELS)
    xb = np.hstack([x, np.ones((n, 1))])
    onehot = np.eye(k)[y]
    weights = np.zeros((d + 1, k))
    velocity = np.zeros_like(weights)
    w = w / w.sum()
    for _ in range(STEPS):
        logits = xb @ weights
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = xb.T @ ((p - onehot) * w[:, None])
        grad[:-1] += L2 * weights[:-1]
        velocity = 0.9 * velocity - RATE * grad
        weights += velocity
    return weights


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--mutations-per-set", type=int, default=800)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    sources: dict[str, tuple[list[np.ndarray], list[int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("climate-fever", "vitaminc"):
            sources[name] = dataset_examples(name, folder)
        sources["mutations"] = mutation_examples(folder, args.mutations_per_set, args.seed)
    xs, ys, ws = [], [], []
    summary = {}
    for name, (x, y) in sources.items():
        counts = Counter(y)
        summary[name] = {LABELS[k]: v for k, v in sorted(counts.items())}
        for row, label in zip(x, y, strict=True):
            xs.append(row)
            ys.append(label)
            ws.append(1.0 / (len(sources) * len(counts) * counts[label]))
    x = np.vstack(xs)
    y = np.asarray(ys)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights = fit((x - mean) / scale, y, np.asarray(ws))
    z = (x - mean) / scale
    logits = np.hstack([z, np.ones((len(z), 1))]) @ weights
    accuracy = float((logits.argmax(axis=1) == y).mean())
    data = {
        "about": "claimcheck verdict model: multinomial logistic regression over the features "
                 "of one claim/passage pair; written by scripts/train_verdict.py",
        "labels": list(LABELS), "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [[round(float(v), 6) for v in row] for row in weights],
        "training": {"examples": summary, "train_accuracy_unweighted": round(accuracy, 4),
                     "l2": L2, "steps": STEPS, "mutations_per_set": args.mutations_per_set,
                     "seed": args.seed, "split": "benchmarks/heldout.py train part"},
    }
    args.output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(y)} examples {summary}; training accuracy {accuracy:.3f}")
    for f, row in zip(FEATURES, weights[:-1], strict=True):
        print(f"  {f:16} " + " ".join(f"{v:+.2f}" for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
