"""How far contradictions that a detector can name can take issue 15's goals: an audit.

A contradiction is reported only when a detector names the difference (a number, date, name,
bound, unit, negation, opposite word or quantifier; docs/accuracy.md says why: the model's own
contradictions with nothing named were right one time in four). This script asks, for every
gold-refuted claim, whether the detectors (`compare.compare`) name any difference between the
claim and the sentence the dataset gives as refuting it, with retrieval and the verdict model
out of the way. That share is a ceiling on `contradicted` recall for this design, whatever the
weights and retrieval do.

Beside it, the checker's own corpus-level verdicts (as `claimcheck eval verify --mode corpus`)
and what macro F1 they would reach if some of their errors were repaired by an oracle:

  named          every refuted claim with a named difference is contradicted, the rest as is
  named, clean   ... and no false contradiction (those claims get their gold label)
  named only     the claims nothing names are no evidence, every other verdict perfect

Then the second question: among refuted and supported claims whose evidence no detector reads
differently, whether the words the claim has in place of the evidence's (a replaced run of
content words in the word alignment, at most three words a side) mean something else by
WordLlama's vectors: the mean cosine of the two runs, by gold label. Equal means say the
vectors cannot tell a swapped fact from a paraphrase.

    python benchmarks/contradiction_ceiling.py [--part train|heldout] [--set vitaminc]

The training part is the default; `--part heldout` reads the reported half (an audit: nothing
here is fitted or tuned).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout  # noqa: E402
import numpy as np  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from claimcheck.check import check_all  # noqa: E402
from claimcheck.check.compare import compare, parse  # noqa: E402
from claimcheck.check.semantic import similarities, vectors  # noqa: E402
from claimcheck.config import Config  # noqa: E402
from claimcheck.evaluate.verify import FOLD, GOLD, _claim, evidence_pool, scores  # noqa: E402
from claimcheck.references import build_index  # noqa: E402
from claimcheck.text.stopwords import stopwords  # noqa: E402

SWAP_RUN = 3  # longest replaced run, in words a side, read as one swap


def refuting(name: str, row: dict[str, Any]) -> list[str]:
    """VitaminC gives each claim one evidence sentence; CLIMATE-FEVER labels each."""
    return [str(ev["evidence"]) for ev in row["evidences"]
            if name == "vitaminc" or ev["evidence_label"] == "REFUTES"]


def verdicts(rows: list[dict[str, Any]], pool: list[dict[str, Any]]) -> list[str]:
    """The checker's folded corpus-level verdicts, as `eval verify --mode corpus` gives them:
    every evidence sentence of the part's rows (`pool`, disputed ones too) is the reference."""
    index = build_index(evidence_pool(pool))
    claims = [_claim(row["claim"], n) for n, row in enumerate(rows, start=1)]
    check_all(claims, index, Config())
    return [FOLD[c.verdict.label] if c.verdict else "no_evidence" for c in claims]


def swaps(claim: str, evidence: str) -> list[tuple[str, str]]:
    """Replaced runs of content words: the claim's words in place of the evidence's, each
    word absent from the other text."""
    c, e = parse(claim), parse(evidence)
    stop = stopwords("coverage")
    out = []
    for op in Levenshtein.opcodes(c.stems, e.stems):
        if op.tag != "replace" or max(op.src_end - op.src_start,
                                      op.dest_end - op.dest_start) > SWAP_RUN:
            continue
        said = [c.lower[i] for i in range(op.src_start, op.src_end)
                if c.lower[i] not in stop and not c.lower[i][:1].isdigit()
                and c.stems[i] not in e.stem_set]
        source = [e.lower[j] for j in range(op.dest_start, op.dest_end)
                  if e.lower[j] not in stop and not e.lower[j][:1].isdigit()
                  and e.stems[j] not in c.stem_set]
        if said and source:
            out.append((" ".join(said), " ".join(source)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--part", choices=("train", "heldout"), default="train")
    ap.add_argument("--set", choices=sorted(heldout.SETS), action="append")
    args = ap.parse_args(argv)
    words = vectors()
    for name in args.set or sorted(heldout.SETS):
        path = heldout.SETS[name]
        if not path.exists():
            print(f"{path}: dataset not found", file=sys.stderr)
            return 2
        started = time.perf_counter()
        part = heldout.split_rows(path, args.part)
        rows = [r for r in part if r["claim_label"] in GOLD]
        gold = [GOLD[r["claim_label"]] for r in rows]
        # the kind of the first difference named in a refuted claim's refuting sentences
        first = [next((m.difference.kind for e in refuting(name, r)
                       for m in compare(r["claim"], e)), None) if g == "contradicted" else None
                 for r, g in zip(rows, gold, strict=True)]
        named = [kind is not None for kind in first]
        kinds = Counter(kind for kind in first if kind is not None)
        refuted = gold.count("contradicted")
        said = verdicts(rows, part)
        print(f"## {name}, {args.part} part: {len(rows)} claims, {refuted} gold refuted")
        print(f"refuted claims with a difference a detector names in their refuting sentence: "
              f"{sum(named)} ({sum(named) / refuted:.3f}: the ceiling on contradicted recall); "
              f"first kind named: {dict(kinds.most_common())}")
        oracles = {
            "checker": said,
            "named": ["contradicted" if n else p for p, n in zip(said, named, strict=True)],
        }
        oracles["named, clean"] = [g if p == "contradicted" and g != "contradicted" else p
                                   for p, g in zip(oracles["named"], gold, strict=True)]
        oracles["named only"] = ["contradicted" if n else (
            "no_evidence" if g == "contradicted" else g) for g, n in zip(gold, named,
                                                                           strict=True)]
        print(f"{'verdicts':14s} {'macro F1':>8s} {'contradicted R':>15s} {'P':>6s}")
        for label, predicted in oracles.items():
            s = scores(predicted, gold)
            c = s.labels["contradicted"]
            print(f"{label:14s} {s.macro_f1:8.3f} {c.recall:15.3f} {c.precision:6.3f}")
        if words is not None:
            cosines: dict[str, list[float]] = {}
            for row, g in zip(rows, gold, strict=True):
                evidence = refuting(name, row) if g == "contradicted" else [
                    str(ev["evidence"]) for ev in row["evidences"]
                    if ev["evidence_label"] == "SUPPORTS"]
                if g == "no_evidence" or not evidence or compare(row["claim"], evidence[0]):
                    continue
                for a, b in swaps(row["claim"], evidence[0])[:1]:
                    cosines.setdefault(g, []).extend(similarities(a, [b]) or [])
            print("nothing named, a swapped run of words: " + "; ".join(
                f"{g} {len(v)} claims, mean cosine {np.mean(v):.3f}"
                for g, v in sorted(cosines.items())))
        print(f"({time.perf_counter() - started:.1f} s)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
