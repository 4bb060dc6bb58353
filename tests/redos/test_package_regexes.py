"""Every regex claimcheck compiles is linear in its input (issue 12: no super-linear paths).

The patterns come from tests/redos/collect.py, run in a fresh interpreter: module-level
patterns, patterns built by functions while the command line runs over the fixtures, and
patterns passed to `re.search` & co. directly. Each goes through the static checker
(tests/redos/checker.py), which counts no time: it finds the ambiguity that makes Python's
backtracking engine slow and gives a witness (prefix + pump * n + suffix).

A pattern is checked as used by `search` (every start position tried) unless it is held by a
module global that the package only ever calls `.match(` or `.fullmatch(` on: that is read
from the source, so a new `.search(` on it puts it back under the stricter check (likewise a
pattern only ever passed to `re.match`/`re.fullmatch`).

ALLOWED holds patterns the checker flags but a measured benchmark shows linear
(`python benchmarks/regex_scan.py --witnesses` times the witness at n, 2n, 4n). Nothing else
may be flagged: a new super-linear pattern fails this test with its witness.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.once import once
from tests.redos.checker import Finding, check

ROOT = Path(__file__).resolve().parents[2]

# "path:NAME" (module global) or "path:LINE" (where the pattern is compiled) -> the measured
# figure that shows the checker's witness does not grow faster than linearly.
ALLOWED: dict[str, str] = {
    # the witness ",00" * n has one match that takes the whole run; the checker cannot read the
    # search's start guard (?<![\w.]) against the number's own characters. Measured: 300,000 /
    # 600,000 / 1,200,000 characters of the witness scanned in 19 / 28 / 137 ms CPU (noisy
    # machine; a quadratic scan of 1.2 MB takes hours), `python benchmarks/regex_scan.py
    # --witnesses`.
    "claimcheck/text/figures.py:FIGURE": "one match over the run; 1.2 MB in 0.14 s",
}


# The checks are split into this many tests, so pytest-xdist's workers share them.
SHARDS = 4


def _collect() -> str:
    done = subprocess.run([sys.executable, "-m", "tests.redos.collect"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _patterns(output: str) -> list[dict[str, Any]]:
    found = json.loads(output)
    assert found["not_imported"] == []
    return found["patterns"]  # type: ignore[no-any-return]


@cache
def collected() -> list[dict[str, Any]]:
    """Every pattern the package compiles (benchmarks/regex_scan.py reads them too)."""
    return _patterns(_collect())


@pytest.fixture(scope="session")
def patterns(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """collected(), run once per test run: the workers of `-n 2` share the collector's output."""
    return _patterns(once(tmp_path_factory, "redos-patterns", _collect))


@cache
def _sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
            for path in (ROOT / "claimcheck").rglob("*.py")}


def match_only(entry: dict[str, Any]) -> bool:
    """Whether the pattern is only ever matched at one start position, not searched: it is
    passed to nothing but `re.match`/`re.fullmatch`, or every use of the module globals that
    hold it, anywhere in the package, is a `.match(` or `.fullmatch(` call."""
    names = entry["names"]
    if not names:
        return bool(entry["functions"]) and set(entry["functions"]) <= {"match", "fullmatch"}
    for held in names:
        uses = _uses(held.rsplit(":", 1)[1])
        if not uses or any(use not in (".match", ".fullmatch") for use in uses):
            return False
    return True


@cache
def _uses(name: str) -> list[str | None]:
    """How the package uses a global of this name: the attribute after each mention (None for
    a bare mention), assignments left out."""
    return [m.group(1) for text in _sources().values()
            for m in re.finditer(rf"(?<![\w.]){re.escape(name)}\b(?!\s*=[^=])(\.\w+)?", text)]


def keys(entry: dict[str, Any]) -> list[str]:
    return list(entry["names"]) + list(entry["sites"])


def verdict(entry: dict[str, Any]) -> list[Finding]:
    return _checked(entry["pattern"], entry["flags"], not match_only(entry))


@cache
def _checked(pattern: str, flags: int, search: bool) -> list[Finding]:
    return check(pattern, flags, search=search)


@pytest.mark.slow(6)
def test_the_collector_sees_module_function_and_direct_patterns(
        patterns: list[dict[str, Any]]) -> None:
    found = {key for entry in patterns for key in keys(entry)}
    assert len(patterns) > 150
    # a module global, a pattern built in a function, and one passed to re.split directly
    assert "claimcheck/text/figures.py:_AGE" in found
    assert any(key.startswith("claimcheck/text/attribution.py:") for key in found)
    assert any(key.startswith("claimcheck/rules/collective.py:") for key in found)


@pytest.mark.slow(4)
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_package_regex_is_linear(patterns: list[dict[str, Any]], shard: int) -> None:
    """Every SHARDS-th pattern from `shard` on: together, the shards check every pattern."""
    slow = []
    for entry in patterns[shard::SHARDS]:
        findings = verdict(entry)
        if findings and not any(key in ALLOWED for key in keys(entry)):
            slow.append(f"{' '.join(keys(entry)[:2])}: {entry['pattern'][:70]!r}: "
                        + "; ".join(map(str, findings[:2])))
    assert not slow, f"{len(slow)} super-linear regexes:\n" + "\n".join(slow)


def test_allowed_entries_still_exist_and_are_still_flagged(
        patterns: list[dict[str, Any]]) -> None:
    """An entry for a pattern that is gone or fixed is removed, so the list stays small."""
    flagged = {key for entry in patterns if set(keys(entry)) & set(ALLOWED) and verdict(entry)
               for key in keys(entry)}
    assert sorted(set(ALLOWED) - flagged) == []


@pytest.mark.parametrize("pattern", [
    r"(\w+\s?)+$",            # nested quantifiers over the same characters
    r"(?:a|a)*b",             # overlapping alternatives under a loop
    r"\s*\w*\s*x",            # adjacent loops that share characters
    r"[\s-]+years?\s+old",    # a search restarting inside the run
])
def test_a_planted_catastrophic_pattern_is_caught(pattern: str) -> None:
    entry = {"pattern": pattern, "flags": 0, "names": [], "sites": ["planted"],
             "functions": ["compile"]}
    assert verdict(entry)
