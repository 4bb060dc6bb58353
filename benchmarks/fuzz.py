"""The long fuzz run: many generated hostile cases (tests/hostile/cases.py) through the command
line, in this process, each with a time limit; prints cases per category, then tracebacks,
internal errors, hangs, wrong exit codes, multi-line errors and files changed.

    python benchmarks/fuzz.py --cases 20000 [--timeout 20] [--seed 0]

The goal is zero of each. The CI suite (tests/hostile/test_fuzz.py) runs the same property on
120 cases.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests.hostile.cases import Case, cases, digests, problems, write  # noqa: E402
from tests.hostile.clirun import run_cli  # noqa: E402


class Hang(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per case")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    per_category: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    examples: dict[str, str] = {}

    def on_alarm(*_: object) -> None:
        raise Hang()

    signal.signal(signal.SIGALRM, on_alarm)
    started = time.monotonic()

    @seed(args.seed)
    @settings(max_examples=args.cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def one(case: Case) -> None:
        per_category[case.category] += 1
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            os.environ["CLAIMCHECK_CACHE_DIR"] = str(root / ".claimcheck-cache")
            before = write(case, root)
            signal.setitimer(signal.ITIMER_REAL, args.timeout)
            try:
                result = run_cli(case.argv, root)
                found = problems(case, result.code, result.err, before, digests(root))
            except Hang:
                found = ["hang"]
            except BaseException as exc:  # noqa: BLE001 (a crash is what we count)
                found = [f"traceback: {type(exc).__name__}: {exc}"[:200]]
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        for problem in found:
            kind = problem.split(":")[0]
            failures[kind] += 1
            examples.setdefault(kind, f"{case.category} {case.argv} -> {problem}")

    one()
    seconds = time.monotonic() - started
    print(f"{sum(per_category.values())} cases in {seconds:.0f} s")
    for category, n in sorted(per_category.items()):
        print(f"  {category:<12} {n}")
    for kind in ("traceback", "internal error", "hang", "exit code",
                 "error of more than one line", "files changed"):
        print(f"{kind:<28} {failures[kind]}" + (f"   e.g. {examples[kind]}"
                                                  if kind in examples else ""))


if __name__ == "__main__":
    main()
