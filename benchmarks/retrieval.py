"""Own-evidence recall: how often retrieval, then the passage ranking, reaches the evidence a
dev set gives for each claim (CLIMATE-FEVER's SUPPORTS/REFUTES sentences, VitaminC's one
sentence), with every evidence sentence of the part in one reference pool, as
`claimcheck eval verify` and benchmarks/heldout_eval.py run it.

For BM25 alone and for the hybrid (BM25 + nearest by meaning, fused; claimcheck/check/retrieve.py)
"before" is BM25 with passages ranked by span score alone (main before hybrid retrieval), "bm25"
the same candidates ranked with the BM25 prior (what sets above the dense size limit get). For
each it prints recall@1 and @5 of the candidate list, @k of the whole list (`thresholds.candidates`,
what the judge may look at), and @1 / @3 of the passages the judge is shown (score.best_spans,
ranked with the retrieval prior), plus the cost of embedding the pool's snippets.

    python benchmarks/retrieval.py                 # held-out part (the figures to report)
    python benchmarks/retrieval.py --part train    # the part the weights were chosen on
    python benchmarks/retrieval.py --cost 20000    # embedding cost: N synthetic snippets, cold
                                                   # and read back from the cache, and search
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout  # noqa: E402
import synth  # noqa: E402

from claimcheck.check import semantic  # noqa: E402
from claimcheck.check.retrieve import candidates, prepare_dense, snippet_vectors  # noqa: E402
from claimcheck.check.score import SpanCache, best_spans  # noqa: E402
from claimcheck.config import Config  # noqa: E402
from claimcheck.evaluate.verify import evidence_pool  # noqa: E402
from claimcheck.models import Snippet  # noqa: E402
from claimcheck.references import build_index  # noqa: E402
from claimcheck.text.stems import content_stems, pool_stems  # noqa: E402


def pool_and_claims(name: str, rows: list[dict[str, Any]]) -> tuple[list[Snippet],
                                                                    list[tuple[str, set[int]]]]:
    """The part's evidence pool (as eval verify builds it) and, for each claim with evidence
    of its own, the positions of that evidence."""
    pool = evidence_pool(rows)
    position = {snippet.id: n for n, snippet in enumerate(pool)}
    claims = []
    for row in rows:
        own = {position[str(ev.get("evidence_id") or ev["evidence"])] for ev in row["evidences"]
               if name == "vitaminc" or ev["evidence_label"] != "NOT_ENOUGH_INFO"}
        if own:
            claims.append((str(row["claim"]), own))
    return pool, claims


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--part", choices=("heldout", "train"), default="heldout")
    ap.add_argument("--set", choices=sorted(heldout.SETS), action="append")
    ap.add_argument("--cost", type=int, metavar="N",
                    help="time embedding N synthetic snippets instead (benchmarks/synth.py)")
    args = ap.parse_args(argv)
    if args.cost:
        return cost(args.cost)
    k = Config().thresholds.candidates
    for name in args.set or sorted(heldout.SETS):
        path = heldout.SETS[name]
        if not path.exists():
            print(f"{path}: dataset not found", file=sys.stderr)
            return 2
        snippets, claims = pool_and_claims(name, heldout.split_rows(path, args.part))
        index = build_index(snippets, cache_dir=None)
        texts = [s.text for s in snippets]
        cache = SpanCache(texts, pool_stems(texts))
        started, cpu = time.perf_counter(), time.process_time()
        dense = prepare_dense(index)
        embed = (time.perf_counter() - started, time.process_time() - cpu)
        print(f"# {name}, {args.part} part: {len(claims)} claims with their own evidence, "
              f"{len(snippets)} snippets; snippet vectors {embed[0]:.2f} s "
              f"({embed[1]:.2f} s CPU, model load included; cached after)")
        print(f"{'retrieval':10s} {'cand@1':>7s} {'cand@5':>7s} {'cand@' + str(k):>7s} "
              f"{'shown@1':>8s} {'shown@3':>8s}")
        # "before": BM25 candidates, passages ranked by span score alone (no retrieval prior)
        modes = [("before", False), ("bm25", False)] + ([("hybrid", True)] if dense else [])
        for label, use in modes:
            found = candidates([c for c, _ in claims], index, k, dense=use)
            hits = [0, 0, 0, 0, 0]
            for (claim, own), got in zip(claims, found, strict=True):
                prior = None if label == "before" else got.prior
                shown = [s.span.snippet for s in best_spans(
                    claim, content_stems(claim), got.positions, cache, 3, prior)]
                for n, chosen in enumerate((got.positions[:1], got.positions[:5], got.positions,
                                            shown[:1], shown[:3])):
                    hits[n] += bool(own.intersection(chosen))
            print(f"{label:10s} " + " ".join(f"{h / len(claims):7.3f}" for h in hits))
    return 0


def cost(count: int) -> int:
    """CPU and wall seconds to make the snippet vectors of `count` synthetic snippets (the
    model already loaded), to read them back from the cache, and to search 1,000 claims."""
    if semantic.vectors() is None:
        print("wordllama is not installed", file=sys.stderr)
        return 2
    made = synth.make_snippets(count, max(1, count // 4))
    snippets = [Snippet(id=s.id, text=s.text, source="synth") for s in made]
    with tempfile.TemporaryDirectory() as tmp:
        index = build_index(snippets, Path(tmp))
        for label in ("cold", "cached"):
            fresh = build_index(snippets, Path(tmp))  # a new process would hold nothing
            wall, cpu = time.perf_counter(), time.process_time()
            snippet_vectors(fresh)  # whatever the size limit
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"{label:7s} {count} snippets: {wall:.2f} s wall, {cpu:.2f} s CPU "
                  f"({cpu * 10_000 / count:.2f} s CPU per 10,000)")
            index = fresh
        claims = [s.text for s in snippets[:1000]]
        for label, dense in (("BM25 alone", False), ("BM25 + dense, fused", True)):
            wall, cpu = time.perf_counter(), time.process_time()
            candidates(claims, index, 8, dense=dense)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"search  1,000 claims x {count} snippets ({label}): {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
