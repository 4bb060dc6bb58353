"""Train the verdict model: claimcheck/check/data/verdict_model.json.

    pip install -e '.[bench]'                  # scikit-learn, for training only
    python scripts/train_verdict.py            # a few CPU minutes; same data, same weights
    python scripts/train_verdict.py --check    # fit afresh, compare with the shipped file:
                                               # exit 1 (and the first difference) if they differ

Deterministic: the fit runs on one BLAS thread (a multi-threaded matrix product may sum in
another order), under PYTHONHASHSEED=0 (the script restarts itself with it), with a fixed seed,
and every weight is rounded to 6 decimals; the same checkout and data give the same file.

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
Half the reference snippets (by a hash of their text) carry their article title as the
reference's own title, half none, as a user's references may or may not.

The training part's groups are cut in FOLDS folds. MEMBERS networks with one hidden layer
(scikit-learn's MLPClassifier, L-BFGS, fitted to convergence under an L2 penalty ALPHA; seeds
seed, seed + 1, ...) are fitted with every source weighing the same and, within a source, the
three labels weighing the same; at run time their logits are averaged. For each fold such an
ensemble is fitted without it, and every training claim is checked by the real checker
(check_all, corpus level, against the whole part's evidence) with the ensemble that never saw
it. The class priors (an offset added to the contradicted and no-evidence logits) are chosen for
the best claim-level macro F1 of these out-of-fold verdicts, both sets averaged, on a grid from
-OFFSET_RANGE to +OFFSET_RANGE searched coarse to fine; an offset on the grid's edge stops the
script. The ensemble is then fitted on the whole training part and saved with those offsets;
only numpy reads it at run time (claimcheck/check/model.py). docs/accuracy.md ("A stable fit")
says why, and what a fit costs.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# One thread for every BLAS and OpenMP pool, set before numpy loads them: the fit must not
# depend on how a multi-threaded product splits its sums.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import heldout  # noqa: E402
import mutations  # noqa: E402

from claimcheck.check import check_all  # noqa: E402
from claimcheck.check import verdict as verdict_module  # noqa: E402
from claimcheck.check.features import FEATURES  # noqa: E402
from claimcheck.check.model import LABELS, WEIGHTS_FILE, Model, from_json  # noqa: E402
from claimcheck.check.retrieve import candidates, prepare_dense  # noqa: E402
from claimcheck.check.score import SpanCache, best_spans  # noqa: E402
from claimcheck.check.semantic import Embedded  # noqa: E402
from claimcheck.check.verdict import MAX_EVIDENCE, _pairs, _semantic_texts  # noqa: E402
from claimcheck.config import Config  # noqa: E402
from claimcheck.evaluate.verify import FOLD, GOLD, _claim, scores  # noqa: E402
from claimcheck.models import Snippet  # noqa: E402
from claimcheck.references import build_index  # noqa: E402
from claimcheck.text.stems import content_stems, pool_stems  # noqa: E402

OUT = ROOT / "claimcheck" / "check" / "data" / WEIGHTS_FILE
LABEL_OF = {"SUPPORTS": 0, "REFUTES": 1, "NOT_ENOUGH_INFO": 2}
CANDIDATES = 8
FOLDS = 4  # the training part's groups, cut in folds for out-of-fold verdicts (class priors)
MEMBERS = 5  # networks in the ensemble, from seeds seed, seed + 1, ...
HIDDEN = 24
# L2 penalty (scikit-learn's alpha). Chosen once on the old 25% validation fold of the
# training part, by the balanced log-loss of each source (climate-fever, vitaminc, mutations):
# alpha 3/10/30/100/300/1000 gave 5.07/3.77/2.35/1.82/1.83/2.00 summed over the sources, and
# two seeds' networks agree on more passages the larger it is (94% at 3, 98% at 100). Below
# about 30 a network fitted to convergence learns the few heavily weighted climate-fever
# contradictions by heart (its validation log-loss exceeds a uniform guess's).
ALPHA = 100.0
ITERATIONS = 5000  # L-BFGS iterations allowed; a fit that needs more fails (no unconverged net)
# Class offsets (added to the contradicted and no-evidence logits) are searched on a coarse
# grid, then on finer steps around the best cell; the chosen offset must lie inside the grid.
OFFSET_RANGE = 4.0
OFFSET_STEPS = (0.5, 0.25, 0.125)
# floors tried for a contradiction no detector names and for support by a passage sharing only
# names with the claim (2.0: never let one through)
FLOORS = [0.5, 0.6, 0.7, 0.8, 0.9, 2.0]
# Which floors are searched (0: unnamed contradiction, 1: names-only support): none, so the
# file carries 2.0 (never) for both. The names-only floor chose 0.9 on the validation fold,
# which lets a passage sharing only the claim's names support it (our fixtures rightly pin
# that as no evidence). The unnamed-contradiction floor chose 0.5: more contradictions, but
# those no detector names are mostly wrong (held out, VitaminC contradicted precision 0.52 ->
# 0.39, macro F1 0.532 -> 0.516; docs/accuracy.md), and a contradiction the reason cannot name
# is one an editor cannot act on.
SEARCHED: tuple[int, ...] = ()


def _hash(text: str, salt: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{salt}:{text}".encode()).digest()[:4], "big")


def titled(text: str) -> bool:
    """Whether a snippet keeps its article title (half of them, by a hash of the text)."""
    return _hash(text, "title") % 2 == 0


def fold(group: str) -> int:
    """The out-of-fold part (0 .. FOLDS - 1) a group of examples and claims belongs to."""
    return _hash(group, "fold") % FOLDS


@dataclass
class Example:
    source: str  # climate-fever, vitaminc, mutations
    group: str
    row: np.ndarray
    label: int


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
        [hits] = candidates([claim], self.index, CANDIDATES, self.dense)
        stems = content_stems(claim)
        spans = best_spans(claim, stems, hits.positions, self.cache, MAX_EVIDENCE, hits.prior)
        if not spans:
            return []  # no passage shares a content word: the checker says no_evidence
        texts = _semantic_texts(claim, spans)
        pairs = _pairs(claim, stems, spans, self.cache, self.snippets, Embedded.of(texts),
                       texts)
        return [(self.texts[p.scored.span.snippet], p.row) for p in pairs]


def snippet_sources(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {str(ev["evidence"]): str(ev.get("article") or "pool") for r in rows
            for ev in r["evidences"] if titled(str(ev["evidence"]))}


def dataset_examples(name: str, folder: Path) -> list[Example]:
    rows = heldout.split_rows(heldout.SETS[name], "train")
    texts = list(dict.fromkeys(str(ev["evidence"]) for r in rows for ev in r["evidences"]))
    pool = Pool(texts, folder / name, snippet_sources(rows))
    case_texts: dict[str, set[str]] = {}
    for r in rows:
        case_texts.setdefault(heldout.group_of(r), set()).update(
            str(ev["evidence"]) for ev in r["evidences"])
    out = []
    for r in rows:
        group = heldout.group_of(r)
        own = {str(ev["evidence"]): ev["evidence_label"] for ev in r["evidences"]}
        for text, row in pool.rows(str(r["claim"])):
            if name == "vitaminc":
                if text in own:
                    label = LABEL_OF[str(r["claim_label"])]
                elif text in case_texts[group]:
                    continue  # another revision of the same sentence: label unknown
                else:
                    label = 2
            else:
                label = LABEL_OF[str(own[text])] if text in own else 2
            out.append(Example(name, group, row, label))
    return out


def mutation_examples(folder: Path, per_set: int, seed: int) -> list[Example]:
    found = mutations.pool_of("train")
    texts = [t for sentences in found.values() for _, t in sentences]
    pool = Pool(texts, folder / "mutations")
    out = []
    for case in mutations.build_cases(found, per_set, seed):
        for text, row in pool.rows(case.claim):
            if text == case.source:
                label = 1 if case.kind in mutations.CHANGING else 0
            else:
                label = 2
            out.append(Example("mutations", case.source, row, label))
    return out


def weights_of(examples: list[Example]) -> np.ndarray:
    """Each source weighs the same in total; within a source, each label the same."""
    counts = Counter((e.source, e.label) for e in examples)
    per_source = Counter(e.source for e in examples)
    labels_in = {s: sum(1 for (src, _) in counts if src == s) for s in per_source}
    w = np.asarray([1.0 / (len(per_source) * labels_in[e.source] * counts[(e.source, e.label)])
                    for e in examples])
    return w * len(examples) / w.sum()


def _round(values: Any) -> list[Any]:
    return [round(float(v), 6) for v in values]


def fit(examples: list[Example], seed: int) -> dict[str, Any]:
    """MEMBERS networks fitted on `examples` from seeds seed, seed + 1, ..., each to
    convergence (L-BFGS), as the JSON the checker reads (offsets all zero)."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    x = np.vstack([e.row for e in examples])
    y = np.asarray([e.label for e in examples])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    networks, used = [], []
    for member in range(MEMBERS):
        net = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="tanh", solver="lbfgs",
                            alpha=ALPHA, max_iter=ITERATIONS, random_state=seed + member)
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)  # unconverged: fail, loudly
            net.fit((x - mean) / scale, y, sample_weight=weights_of(examples))
        assert list(net.classes_) == [0, 1, 2]
        used.append(int(net.n_iter_))
        hidden, out = net.coefs_
        b_hidden, b_out = net.intercepts_
        networks.append({"layers": [
            {"activation": "tanh", "weights": [_round(r) for r in hidden],
             "bias": _round(b_hidden)},
            {"activation": "identity", "weights": [_round(r) for r in out],
             "bias": _round(b_out)}]})
    return {"features": list(FEATURES), "labels": list(LABELS), "mean": _round(mean),
            "scale": _round(scale), "networks": networks, "iterations_used": used}


def with_offsets(data: dict[str, Any], offsets: tuple[float, float],
                 floors: tuple[float, float] = (2.0, 2.0)) -> dict[str, Any]:
    """The same networks with their contradicted and no-evidence logits shifted (the supported
    logit is the reference; shifting every network's shifts their average alike): the class
    priors the decision uses; and the floors a contradiction no detector names, and support by
    a names-only passage, must reach."""
    networks = []
    for network in data["networks"]:
        layers = [dict(layer) for layer in network["layers"]]
        bias = list(layers[-1]["bias"])
        bias[1] = round(bias[1] + offsets[0], 6)
        bias[2] = round(bias[2] + offsets[1], 6)
        layers[-1]["bias"] = bias
        networks.append({"layers": layers})
    return {**{k: v for k, v in data.items() if k != "iterations_used"}, "networks": networks,
            "offsets": {"contradicted": offsets[0], "no_evidence": offsets[1]},
            "unnamed_contradiction": floors[0], "names_only_support": floors[1]}


class Validation:
    """Every claim of the training part of both sets, checked at claim level by the real
    checker against the whole part's evidence (as benchmarks/heldout_eval.py checks the
    held-out part), each claim with the model fitted without its fold: out-of-fold verdicts,
    what the class priors are chosen on."""

    def __init__(self, folder: Path) -> None:
        self.sets = []
        for name in ("climate-fever", "vitaminc"):
            part = heldout.split_rows(heldout.SETS[name], "train")
            sources = snippet_sources(part)
            pool = {str(ev["evidence"]): None for r in part for ev in r["evidences"]}
            snippets = [Snippet(id=f"v{n}", text=t, source=sources.get(t, "evidence"))
                        for n, t in enumerate(pool)]
            index = build_index(snippets, folder / f"validation-{name}")
            rows = [r for r in part if r["claim_label"] in GOLD]
            self.sets.append((name, rows, index))
        self.spans: dict[Any, list[Any]] = {}
        self.pairs: dict[Any, list[Any]] = {}

    def score(self, models: list[Model]) -> dict[str, float]:
        """Claim-level macro F1 of each set, each claim checked with models[its fold]. What
        the model does not change (the spans each claim gets and their feature rows) is worked
        out once and kept: the grid below runs the checker a few hundred times."""
        originals = verdict_module.load, verdict_module.best_spans, verdict_module._pairs
        verdict_module.best_spans = self._spans  # type: ignore[assignment]
        verdict_module._pairs = self._pairs
        try:
            out = {}
            for name, rows, index in self.sets:
                predicted: dict[int, str] = {}
                for part, model in enumerate(models):
                    verdict_module.load = lambda expected, m=model: m  # type: ignore[misc]
                    mine = [n for n, r in enumerate(rows) if fold(heldout.group_of(r)) == part]
                    claims = [_claim(str(rows[n]["claim"]), n + 1) for n in mine]
                    check_all(claims, index, Config(workers=1))  # patched here, in process
                    for n, c in zip(mine, claims, strict=True):
                        predicted[n] = FOLD[c.verdict.label] if c.verdict else "no_evidence"
                out[name] = scores([predicted[n] for n in range(len(rows))],
                                   [GOLD[r["claim_label"]] for r in rows]).macro_f1
            return out
        finally:
            verdict_module.load, verdict_module.best_spans, verdict_module._pairs = originals  # type: ignore[assignment]

    def _spans(self, claim: str, stems: frozenset[str], candidates: list[int],
               cache: SpanCache, limit: int, prior: Any = None) -> list[Any]:
        key = (claim, tuple(candidates), limit, None if prior is None else tuple(prior))
        if key not in self.spans:
            self.spans[key] = best_spans(claim, stems, candidates, cache, limit, prior)
        return self.spans[key]

    def _pairs(self, text: str, stems: frozenset[str], spans: list[Any], cache: SpanCache,
               snippets: list[Snippet], embedded: Embedded | None, texts: list[str]
               ) -> list[Any]:
        key = (text, id(snippets), tuple((s.span.snippet, s.span.start, s.span.end)
                                         for s in spans))
        if key not in self.pairs:
            self.pairs[key] = _pairs(text, stems, spans, cache, snippets, embedded, texts)
        return self.pairs[key]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--mutations-per-set", type=int, default=800)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--output", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true",
                    help=f"fit afresh and compare with {OUT.name} instead of writing it; "
                         "exit 1 when they differ")
    args = ap.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / OUT.name
            train(args.mutations_per_set, args.seed, fresh)
            return compare_files(args.output, fresh)
    train(args.mutations_per_set, args.seed, args.output)
    return 0


def compare_files(shipped: Path, fresh: Path) -> int:
    """0 when the two weights files hold the same JSON, else 1 with the first difference."""
    old = json.loads(shipped.read_text(encoding="utf-8"))
    new = json.loads(fresh.read_text(encoding="utf-8"))
    where = first_difference(old, new)
    if where is None:
        print(f"{shipped}: reproduced exactly by a fresh fit")
        return 0
    print(f"{shipped}: differs from a fresh fit at {where}; run scripts/train_verdict.py "
          "and commit the file it writes", file=sys.stderr)
    return 1


def first_difference(a: Any, b: Any, at: str = "") -> str | None:
    """The path of the first place two JSON values differ (None when equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(a.keys() | b.keys()):
            if key not in a or key not in b:
                return f"{at}.{key} (only in one file)"
            found = first_difference(a[key], b[key], f"{at}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{at} (length {len(a)} vs {len(b)})"
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{at}[{n}]")
            if found:
                return found
        return None
    return None if a == b else f"{at}: shipped {a!r}, fresh fit {b!r}"


def grid(step: float, around: tuple[float, float] | None, reach: float
         ) -> list[tuple[float, float]]:
    """Offset pairs `step` apart: the whole range, or within `reach` of `around`."""
    count = round(2 * OFFSET_RANGE / step)
    values = [round(-OFFSET_RANGE + step * n, 4) for n in range(count + 1)]
    pairs = list(itertools.product(values, values))
    if around is None:
        return pairs
    return [p for p in pairs if abs(p[0] - around[0]) <= reach + 1e-9
            and abs(p[1] - around[1]) <= reach + 1e-9]


def search(fits: list[dict[str, Any]], validation: Validation, floors: tuple[float, float]
           ) -> tuple[tuple[float, float], float, dict[str, float]]:
    """The class offsets with the best mean out-of-fold macro F1: the whole grid at the
    coarsest step, then each finer step around the best so far (ties: the smaller shift)."""
    seen: dict[tuple[float, float], tuple[float, dict[str, float]]] = {}
    best: tuple[float, float] | None = None
    for n, step in enumerate(OFFSET_STEPS):
        for offsets in grid(step, best, OFFSET_STEPS[n - 1] if n else 0.0):
            if offsets not in seen:
                got = validation.score([from_json(with_offsets(f, offsets, floors))
                                        for f in fits])
                seen[offsets] = (round(sum(got.values()) / len(got), 4), got)
        best = min(seen, key=lambda o: (-seen[o][0], abs(o[0]) + abs(o[1]), o))
        print(f"offsets at step {step}: {best}, out-of-fold macro F1 {seen[best][1]} "
              f"(mean {seen[best][0]}; {len(seen)} cells tried)", flush=True)
    assert best is not None
    if max(abs(best[0]), abs(best[1])) >= OFFSET_RANGE:
        raise SystemExit(f"the chosen offsets {best} sit on the grid's edge "
                         f"(+-{OFFSET_RANGE}): widen OFFSET_RANGE")
    return best, seen[best][0], seen[best][1]


def train(mutations_per_set: int, seed: int, output: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        examples = [*dataset_examples("climate-fever", folder),
                    *dataset_examples("vitaminc", folder),
                    *mutation_examples(folder, mutations_per_set, seed)]
        summary = {src: {LABELS[k]: v for k, v in sorted(Counter(
            e.label for e in examples if e.source == src).items())}
            for src in ("climate-fever", "vitaminc", "mutations")}
        print(f"{len(examples)} examples: {summary}", flush=True)
        # one ensemble per fold, fitted without that fold's groups: out-of-fold verdicts for
        # every training claim, from networks that never saw it
        fits = [fit([e for e in examples if fold(e.group) != part], seed)
                for part in range(FOLDS)]
        print("fold fits: L-BFGS iterations " + str([f["iterations_used"] for f in fits]),
              flush=True)
        validation = Validation(folder)
        # coordinate ascent: class offsets, then each floor, then the offsets again under
        # those floors; ties go to the smaller shift and the higher floor
        floors = (2.0, 2.0)
        for round_ in (1, 2):
            best, best_macro, per_set = search(fits, validation, floors)
            if round_ == 2 or not SEARCHED:
                break
            for which in SEARCHED:
                found = []
                for floor in FLOORS:
                    trial = (floor, floors[1]) if which == 0 else (floors[0], floor)
                    got = validation.score([from_json(with_offsets(f, best, trial))
                                            for f in fits])
                    found.append((round(sum(got.values()) / len(got), 4), floor))
                chosen = max(found)[1]
                floors = (chosen, floors[1]) if which == 0 else (floors[0], chosen)
                print(f"{('unnamed contradiction', 'names-only support')[which]} floor "
                      f"{chosen}: out-of-fold mean macro F1 "
                      + ", ".join(f"{f}: {m}" for m, f in found), flush=True)
    whole = fit(examples, seed)
    print(f"final fit: L-BFGS iterations {whole['iterations_used']}", flush=True)
    final = with_offsets(whole, best, floors)
    final["about"] = ("claimcheck verdict model: an ensemble of one-hidden-layer networks over "
                      "the features of one claim/passage pair, logits averaged; written by "
                      "scripts/train_verdict.py")
    final["training"] = {
        "examples": summary, "members": MEMBERS, "hidden": HIDDEN, "alpha": ALPHA,
        "solver": "lbfgs", "iterations_used": whole["iterations_used"],
        "mutations_per_set": mutations_per_set, "seed": seed,
        "split": "benchmarks/heldout.py train part", "folds": FOLDS,
        "offset_grid": {"range": OFFSET_RANGE, "steps": list(OFFSET_STEPS)},
        "out_of_fold_macro_f1": per_set}
    output.write_text(json.dumps(final, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {output}")


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        # set iteration order must not vary between runs: restart with a fixed hash seed
        os.execve(sys.executable, [sys.executable, *sys.argv],
                  {**os.environ, "PYTHONHASHSEED": "0"})
    sys.exit(main())
