"""benchmarks/peers.py: the peer tools beside claimcheck's own rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.evaluate.flags import render_eval

from .scripts import load

peers = load("peers")
SMALL = Path(__file__).parents[2] / "fixtures" / "evaluate" / "flags_small.jsonl"


def test_a_peer_that_cannot_run_says_why_beside_claimchecks_rows(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(peers.shutil, "which", lambda name: None)
    monkeypatch.setattr(peers, "run_proselint", lambda texts, only=None: "not run: test")
    result = peers.with_peers(SMALL, tmp_path)
    table = render_eval(result)
    assert re.search(r"^write-good \(weasel check\) +not run: node/npm not found$", table,
                     re.MULTILINE)
    assert "claimcheck (generalization families)" in table
    assert list(tmp_path.iterdir()) == []  # nothing installed


def test_proselint_peer_runs_when_installed() -> None:
    pytest.importorskip("proselint")
    found = peers.run_proselint(["I would argue that it is fine.", "It rained."],
                                peers.PROSELINT_VAGUE)
    assert found == [True, False]
