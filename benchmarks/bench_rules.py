"""The rules stage alone on the 1 MB synthetic draft: seconds (best of N runs), flags by rule.

Why: issue 14 holds the rules stage within 10% of its time before the rules-v2 work. The draft
is split once; only `pipeline.flag_claims` is timed, N times in one process, and the best run is
reported (the machine is shared, so the minimum is the least noisy figure), with the process's
CPU time beside it, which other processes disturb much less than wall time. A hash of every
flag's rule, span and cue shows whether two versions raise the same flags.

    python benchmarks/bench_rules.py [--size 1MB] [--seed 7] [--runs 5]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import make_draft, parse_size, write_atomic  # noqa: E402

from claimcheck.config import Config  # noqa: E402
from claimcheck.pipeline import flag_claims, load_documents, split_documents  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1MB", help="draft size (default 1MB)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--draft", type=Path, help="time this draft instead of a synthetic one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        draft = args.draft
        if draft is None:
            draft = Path(tmp) / "draft.md"
            write_atomic(draft, make_draft(parse_size(args.size), args.seed).text)
        config = Config()
        docs = load_documents([str(draft)], config)
        claims = split_documents(docs)
        times, cpu = [], []
        for _ in range(args.runs):
            for claim in claims:
                claim.flags = []
            clock, used = time.perf_counter(), time.process_time()
            flag_claims(docs, claims, config)
            times.append(time.perf_counter() - clock)
            cpu.append(time.process_time() - used)
    flags = [f for c in claims for f in c.flags]
    digest = hashlib.sha1("\n".join(f"{f.rule} {f.start} {f.end} {f.cue}" for f in flags)
                          .encode("utf-8")).hexdigest()[:12]
    by_rule = Counter(f.rule for f in flags)
    print(f"{draft.name if args.draft else args.size + ' draft (seed ' + str(args.seed) + ')'}: "
          f"{len(claims):,} claims, {len(flags):,} flags (hash {digest})")
    print("  " + ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())))
    print(f"  rules stage: best {min(times):.2f} s, median {sorted(times)[len(times) // 2]:.2f} s "
          f"of {args.runs} runs (CPU time: best {min(cpu):.2f} s; on a busy machine compare "
          f"CPU times)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
