"""The route the CEO measures on unseen sets: `claimcheck check --format json`, end to end.

All claims of a set go into one plain-text draft, one claim per paragraph, written as the data
gives them (no full stop added); all their evidence sentences go into one JSONL reference file.
The draft is checked as a user would check it, in a fresh process, and each claim's verdict is
read back from the JSON report by its line. The splitter may cut a claim into parts or call a
part not checkable; the claim's verdict is then folded from its parts: contradicted when any
checkable part is contradicted or misquoted, supported when every checkable part is supported,
else no evidence (a claim with no checkable part at all is no evidence). Gold labels map
SUPPORTS -> supported, REFUTES -> contradicted, NOT_ENOUGH_INFO -> no_evidence; DISPUTED claims
are left out.

Beside it, the baseline the issue names: the best rapidfuzz token_set_ratio of the claim over
all evidence sentences, "supported" at or above the threshold with the best macro F1 on the
same data (an optimistic baseline: tuned on what it is scored on), else "no evidence".

    python benchmarks/check_route.py [--part heldout|train|all] [--set vitaminc] [--keep DIR]
                                     [--separator blank|line|both]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout  # noqa: E402

from claimcheck.evaluate.verify import GOLD, Scores, baseline, scores  # noqa: E402


def write_inputs(rows: list[dict[str, Any]], folder: Path, separator: str = "blank"
                 ) -> tuple[Path, Path, dict[int, int]]:
    """The draft (one claim per paragraph, or per line with --separator line), the reference
    file, and line -> row number."""
    lines: list[str] = []
    line_of: dict[int, int] = {}
    for n, row in enumerate(rows):
        line_of[len(lines) + 1] = n
        lines += [" ".join(str(row["claim"]).split())] + ([""] if separator == "blank" else [])
    draft = folder / "claims.txt"
    draft.write_text("\n".join(lines), encoding="utf-8")
    seen: dict[str, None] = {}
    for row in rows:
        for ev in row["evidences"]:
            seen.setdefault(" ".join(str(ev["evidence"]).split()), None)
    refs = folder / "evidence.jsonl"
    with refs.open("w", encoding="utf-8") as fh:
        for n, text in enumerate(seen, start=1):
            fh.write(json.dumps({"id": f"e{n}", "text": text}) + "\n")
    return draft, refs, line_of


def fold(labels: list[tuple[str, bool]]) -> str:
    """One row's verdict from its claims' (label, checkable)."""
    checked = [label for label, checkable in labels if checkable]
    if any(label in ("contradicted", "misquoted") for label in checked):
        return "contradicted"
    if checked and all(label == "supported" for label in checked):
        return "supported"
    return "no_evidence"


def run_check(draft: Path, refs: Path, cache: Path) -> tuple[dict[str, Any], float]:
    """`claimcheck check` of this checkout (ROOT first on the path: from a copy of the repo,
    the installed claimcheck would otherwise be the one measured)."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache), "PYTHONPATH": path}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(draft), "--refs",
                           str(refs), "--format", "json"], capture_output=True, text=True,
                          env=env, cwd=draft.parent)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"claimcheck check failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout), seconds


def measure(rows: list[dict[str, Any]], keep: Path | None, separator: str = "blank"
            ) -> dict[str, Any]:
    from rapidfuzz import fuzz, process
    from rapidfuzz.utils import default_process

    rows = [r for r in rows if r["claim_label"] in GOLD]
    gold = [GOLD[r["claim_label"]] for r in rows]
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        draft, refs, line_of = write_inputs(rows, folder, separator)
        report, seconds = run_check(draft, refs, Path(tmp) / "cache")
        texts = [json.loads(line)["text"] for line in refs.read_text("utf-8").splitlines()]
    parts: dict[int, list[tuple[str, bool]]] = {n: [] for n in range(len(rows))}
    kinds: Counter[str] = Counter()
    for claim in report["claims"]:
        row = line_of.get(claim["line"])
        if row is None:
            continue
        verdict = claim.get("verdict") or {"label": "not_checkable"}
        parts[row].append((verdict["label"], claim["checkable"]))
        kinds[claim["kind"]] += 1
    predicted = [fold(parts[n]) for n in range(len(rows))]
    matrix = process.cdist([r["claim"] for r in rows], texts, scorer=fuzz.token_set_ratio,
                           processor=default_process, workers=1)
    base, cut = baseline([float(m.max()) for m in matrix], gold)
    return {"items": len(rows), "seconds": seconds, "checker": scores(predicted, gold),
            "baseline": base, "baseline_threshold": cut, "claim_kinds": dict(kinds),
            "split_rows": sum(len(p) > 1 for p in parts.values()),
            "predicted": dict(Counter(predicted))}


def render(name: str, part: str, result: dict[str, Any]) -> list[str]:
    checker: Scores = result["checker"]
    base: Scores = result["baseline"]
    c, b = checker.labels, base.labels
    out = [f"## {name} ({part} part): {result['items']} claims, "
           f"check ran {result['seconds']:.1f} s",
           f"{'label':13} {'gold':>5}  {'check P':>7} {'R':>6} {'F1':>6}   "
           f"{'fuzzy P':>7} {'R':>6} {'F1':>6}"]
    for label in ("supported", "contradicted", "no_evidence"):
        out.append(f"{label:13} {c[label].gold:5}  {c[label].precision:7.3f} "
                   f"{c[label].recall:6.3f} {c[label].f1:6.3f}   {b[label].precision:7.3f} "
                   f"{b[label].recall:6.3f} {b[label].f1:6.3f}")
    gap = checker.macro_f1 - base.macro_f1
    out += [f"macro F1: check {checker.macro_f1:.3f}, fuzzy baseline {base.macro_f1:.3f} "
            f"(token_set_ratio >= {result['baseline_threshold']:.0f}); gap {gap:+.3f} "
            f"(goal +0.15)",
            f"contradicted: recall {c['contradicted'].recall:.3f} at precision "
            f"{c['contradicted'].precision:.3f} (goal 0.5 at 0.7)",
            f"claim kinds from the splitter: {result['claim_kinds']}; rows cut into several "
            f"claims: {result['split_rows']}; folded verdicts: {result['predicted']}", ""]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--part", choices=("heldout", "train", "all"), default="heldout")
    ap.add_argument("--set", choices=sorted(heldout.SETS), action="append",
                    help="dataset (repeatable; default: both)")
    ap.add_argument("--keep", type=Path, help="write the draft and reference file here")
    ap.add_argument("--separator", choices=("blank", "line", "both"), default="both",
                    help="claims apart by a blank line, one per line, or both routes")
    args = ap.parse_args(argv)
    for name in args.set or sorted(heldout.SETS):
        path = heldout.SETS[name]
        if not path.exists():
            print(f"{path}: dataset not found", file=sys.stderr)
            return 2
        rows = list(heldout.rows(path)) if args.part == "all" else heldout.split_rows(
            path, args.part)
        for separator in ("blank", "line") if args.separator == "both" else (args.separator,):
            keep = args.keep / name / separator if args.keep else None
            result = measure(rows, keep, separator)
            print("\n".join(render(f"{name}, one claim per {separator}", args.part, result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
