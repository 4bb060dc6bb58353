"""Find regexes in claimcheck whose scan of hostile text grows faster than linearly.

Every compiled pattern held by a claimcheck module (module globals, and patterns built by
functions that are cached) is run with `finditer` over repetitive strings made of the
characters and pieces that open Markdown, quotes and clauses, at n and 2n characters; a
pattern whose time grows more than 3x per doubling (and takes over 5 ms) is listed with the
input that did it. A screening tool: timing-based, so it lives here, not in the tests.

    python benchmarks/regex_scan.py [--size 4000]
    python benchmarks/regex_scan.py --witnesses [--size 4000]

--witnesses: every pattern claimcheck compiles (tests/redos/collect.py) through the static
checker (tests/redos/checker.py), as tests/redos/test_package_regexes.py does; each finding's own
witness, prefix + pump * n + suffix, is timed with `finditer` at n, 2n and 4n characters of
pump and its growth per doubling printed. The checker errs towards reporting; a finding whose
witness grows about 2x per doubling is linear in practice, and that figure is what
tests/redos/test_package_regexes.py allows a pattern on.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

import claimcheck

ROOT = Path(__file__).resolve().parents[1]

PIECES = ["[", "]", "(", ")", "![", "](", "][", "<", "<!--", "`", "*", "_", "\"", "'", "“",
          "‘", "#", ">", "|", "\\", " ", "\n", "\r\n", "\t", ".", ",", ":", ";", "-", "a",
          "A", "1", "a ", "A ", "1 ", "A. ", "a, ", "The ", "all ", "\"a ", "(a ", "[a ",
          "http://", "<a ", "a.", "1.", "Mr. ", " - ", "...", "—", "A B ", "1,2", "a1 "]


def patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(claimcheck.__path__, "claimcheck."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 (optional extras: ray, textual)
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{info.name}.{name}"] = value
    return found


def cost(pattern: re.Pattern[str], text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start


def witnesses(size: int) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.redos.test_package_regexes import collected, keys, verdict

    found = collected()
    print(f"{len(found)} patterns; witnesses of {size:,}, {2 * size:,}, {4 * size:,} "
          "characters of pump, timed as the package uses the pattern")
    for entry in found:
        findings = verdict(entry)
        if not findings:
            continue
        pattern = re.compile(entry["pattern"], entry["flags"])
        for finding in findings:
            times = []
            for scale in (1, 2, 4):
                n = max(1, scale * size // max(1, len(finding.pump)))
                times.append(cost(pattern, finding.attack(n)))
            growth = max(times[2] / max(times[1], 1e-9), times[1] / max(times[0], 1e-9))
            print(f"x{growth:5.1f} {times[2] * 1000:8.1f} ms  {keys(entry)[0]}  "
                  f"{finding.kind} pump {finding.pump!r}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4000)
    parser.add_argument("--witnesses", action="store_true",
                        help="time the static checker's witnesses instead")
    args = parser.parse_args()
    if args.witnesses:
        witnesses(args.size)
        return
    found = patterns()
    print(f"{len(found)} patterns, inputs of {args.size:,} and {2 * args.size:,} characters")
    bad = 0
    for name, pattern in sorted(found.items()):
        worst = (0.0, 0.0, "")
        for piece in PIECES + [a + b for a in PIECES[:20] for b in ("a", " ", "\n")]:
            small = piece * (args.size // len(piece))
            t1 = cost(pattern, small)
            if t1 < 0.0005:
                continue
            t2 = cost(pattern, piece * (2 * args.size // len(piece)))
            if t2 > 0.005 and t2 / max(t1, 1e-9) > worst[0]:
                worst = (t2 / max(t1, 1e-9), t2, piece)
        if worst[0] > 3:
            bad += 1
            print(f"x{worst[0]:.1f} {worst[1] * 1000:7.1f} ms  {name}  on {worst[2]!r}")
    print(f"{bad} super-linear")


if __name__ == "__main__":
    main()
