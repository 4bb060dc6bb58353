"""`claimcheck eval verify` on the held-out part of both dev sets (benchmarks/heldout.py).

The verdict model is trained on the other part (scripts/train_verdict.py), so these are the
figures to report; `claimcheck eval verify` on a whole dev file mixes in what it was trained on.
The held-out rows are written to a temporary JSONL file and the real command is run on it.

    python benchmarks/heldout_eval.py [--mode corpus|pair|both] [--set vitaminc]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--mode", choices=("corpus", "pair", "both"), default="corpus")
    ap.add_argument("--set", choices=sorted(heldout.SETS), action="append")
    ap.add_argument("--part", choices=("heldout", "train"), default="heldout")
    args = ap.parse_args(argv)
    for name in args.set or sorted(heldout.SETS):
        path = heldout.SETS[name]
        if not path.exists():
            print(f"{path}: dataset not found", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory() as tmp:
            subset = Path(tmp) / f"{name}-{args.part}.jsonl"
            subset.write_text("".join(json.dumps(r) + "\n" for r in heldout.split_rows(
                path, args.part)), encoding="utf-8")
            print(f"# {name}, {args.part} part", flush=True)
            done = subprocess.run([sys.executable, "-m", "claimcheck", "eval", "verify",
                                   str(subset), "--mode", args.mode], cwd=ROOT)
            if done.returncode:
                return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
