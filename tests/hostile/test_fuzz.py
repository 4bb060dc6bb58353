"""Property-based fuzzing of the command line over drafts, every reference format, config
files, baselines and ledgers (cases.py): exit 0, 1 or 2; exit 2 is one line without a
traceback or "internal error"; nothing but --output changes. Bounded for CI; the long run is
benchmarks/fuzz.py."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from .cases import Case, cases, digests, problems, write
from .clirun import run_cli


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_no_input_breaks_a_run(case: Case) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        root = Path(tmp)
        patch.setenv("CLAIMCHECK_CACHE_DIR", str(root / ".claimcheck-cache"))
        before = write(case, root)
        result = run_cli(case.argv, root)
        assert problems(case, result.code, result.err, before, digests(root)) == [], (
            case.category, result.err)
