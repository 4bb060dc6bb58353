"""Find regexes in claimcheck whose scan of hostile text grows faster than linearly.

Every compiled pattern held by a claimcheck module (module globals, and patterns built by
functions that are cached) is run with `finditer` over repetitive strings made of the
characters and pieces that open Markdown, quotes and clauses, at n and 2n characters; a
pattern whose time grows more than 3x per doubling (and takes over 5 ms) is listed with the
input that did it. A screening tool: timing-based, so it lives here, not in the tests.

    python benchmarks/regex_scan.py [--size 4000]
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import time

import claimcheck

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4000)
    args = parser.parse_args()
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
