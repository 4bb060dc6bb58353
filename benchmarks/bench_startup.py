"""How long `claimcheck --help` takes, and which imports cost the most.

Start-up is paid on every editor save and every CI step, so `--help` must not pull in the heavy
stages (pydantic models, rich, rapidfuzz, the index). The CLI imports them inside the command
functions; this script measures the result and lists any heavy module that leaked into start-up.

    python benchmarks/bench_startup.py            # 21 runs
    python benchmarks/bench_startup.py --quick    # 5 runs
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

TARGET_SECONDS = 0.3
# Modules that only the `check` stages need; none should be imported to print help.
HEAVY = ("pydantic", "rich", "rapidfuzz", "numpy", "httpx", "markdown_it", "yaml", "bm25s",
         "claimcheck.models", "claimcheck.pipeline", "claimcheck.references", "claimcheck.check",
         "claimcheck.split", "claimcheck.rules", "claimcheck.report")
_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def command() -> list[str]:
    """The installed entry point next to this interpreter, as a user runs it."""
    script = os.path.join(os.path.dirname(sys.executable), "claimcheck")
    if os.path.exists(script):
        return [script]
    found = shutil.which("claimcheck")
    return [found] if found else [sys.executable, "-m", "claimcheck"]


def time_help(runs: int, args: Sequence[str] = ("--help",)) -> list[float]:
    cmd = [*command(), *args]
    seconds = []
    for _ in range(runs):
        begin = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False)
        seconds.append(time.perf_counter() - begin)
        if done.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return seconds


def import_times() -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) per import made while printing help, slowest first."""
    code = "import sys; from claimcheck.cli import main; sys.argv=['claimcheck','--help']; main()"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                          capture_output=True, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        m = _IMPORTTIME.match(line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), m.group(4)))
    return sorted(rows, reverse=True)


def leaked(modules: Sequence[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="5 runs instead of 21")
    parser.add_argument("--runs", type=int, help="how many timed runs (default 21, quick 5)")
    parser.add_argument("--top", type=int, default=12, help="import-time rows to show")
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 21)

    time_help(1)  # warm the OS file cache and __pycache__ so runs compare like with like
    seconds = time_help(runs)
    median = statistics.median(seconds)
    print(f"command: {' '.join(command())} --help")
    print(f"runs: {runs}  median: {median * 1000:.0f} ms  min: {min(seconds) * 1000:.0f} ms  "
          f"max: {max(seconds) * 1000:.0f} ms  target: < {TARGET_SECONDS * 1000:.0f} ms  "
          f"{'OK' if median < TARGET_SECONDS else 'OVER TARGET'}")
    sub = statistics.median(time_help(runs, ("check", "--help")))
    print(f"same for 'claimcheck check --help': median {sub * 1000:.0f} ms")

    rows = import_times()
    total = sum(own for _, own, _ in rows)
    print(f"\npython -X importtime (help path): {len(rows)} modules, {total / 1000:.1f} ms "
          f"of import work; top {args.top} by cumulative time:")
    print(f"{'cumulative ms':>14} {'self ms':>8}  module")
    for cumulative, own, name in rows[: args.top]:
        print(f"{cumulative / 1000:>14.1f} {own / 1000:>8.1f}  {name}")
    heavy = leaked([name for _, _, name in rows])
    print(f"\nheavy modules imported for --help: {', '.join(heavy) if heavy else 'none'}")
    return 0 if median < TARGET_SECONDS and not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
