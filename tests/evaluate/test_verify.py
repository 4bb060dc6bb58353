"""`claimcheck eval verify` on a four-claim CLIMATE-FEVER-shaped fixture we wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.config import Config
from claimcheck.errors import UserError
from claimcheck.evaluate.verify import (
    _replay,
    _rows,
    baseline,
    corpus_level,
    evaluate_verify,
    pair_level,
    render_verify,
    scores,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "evaluate"
SMALL = FIXTURES / "verify_small.jsonl"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))


def test_scores_per_label() -> None:
    s = scores(["supported", "supported", "no_evidence", "contradicted"],
               ["supported", "no_evidence", "no_evidence", "supported"])
    assert s.accuracy == 0.5
    assert (s.labels["supported"].precision, s.labels["supported"].recall) == (0.5, 0.5)
    assert s.labels["contradicted"].f1 == 0.0 and s.labels["contradicted"].gold == 0
    assert s.labels["no_evidence"].precision == 1.0 and s.labels["no_evidence"].recall == 0.5


def test_baseline_threshold_is_the_first_best_cut() -> None:
    result, threshold = baseline([90.0, 80.0, 30.0], ["supported", "no_evidence", "no_evidence"])
    assert threshold == 81.0 and result.accuracy == 1.0


def test_pair_level_checks_each_evidence_sentence() -> None:
    result = pair_level(_rows(SMALL), Config())
    assert result.items == 5
    assert result.verdicts == {"contradicted": 1, "no_evidence": 3, "supported": 1}
    assert result.checker.accuracy == 1.0


def test_corpus_level_uses_the_whole_pool_and_leaves_out_disputed() -> None:
    result = corpus_level(_rows(SMALL), Config())
    assert result.items == 3
    assert "all 5 evidence sentences" in result.note
    assert "1 DISPUTED claims left out" in result.note
    assert result.verdicts == {"contradicted": 1, "no_evidence": 1, "supported": 1}
    assert result.checker.accuracy == 1.0


def test_render_shows_both_modes_and_the_baseline_threshold() -> None:
    config = Config()
    text = render_verify(evaluate_verify(SMALL, config), "table", config)
    assert "## Pair level: 5 items" in text and "## Corpus level: 3 items" in text
    assert "Baseline: best token_set_ratio >= " in text
    assert "supported" in text and "macro F1" in text


def test_cli_runs_one_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "verify", "--mode", "pair", "--format", "markdown", str(SMALL)]) == 0
    out = capsys.readouterr().out
    assert "| label | gold | claimcheck P |" in out and "Corpus level" not in out


def test_bad_rows_are_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"claim": "x", "claim_label": "MAYBE", "evidences": []}\n')
    with pytest.raises(UserError, match="unknown claim_label 'MAYBE'"):
        _rows(bad)
    bad.write_text('{"claim": "x", "claim_label": "SUPPORTS", "evidences": [{"text": "y"}]}\n')
    with pytest.raises(UserError, match="'evidences' must be a list of objects"):
        _rows(bad)
    assert main(["eval", "verify", str(tmp_path / "missing.jsonl")]) == 2


def test_replay_never_makes_a_capped_partly_supported_verdict_supported() -> None:
    """Scores are exposed at support 0 and partial 0, where only a capped claim stays partly
    supported; no support threshold may turn it into 'supported' on replay."""
    assert _replay("partly_supported", 0.9, 0.45, 0.40) == "no_evidence"
    assert _replay("supported", 0.5, 0.45, 0.40) == "supported"
    assert _replay("supported", 0.42, 0.45, 0.40) == "no_evidence"
    assert _replay("contradicted", 0.42, 0.45, 0.40) == "contradicted"
    assert _replay("contradicted", 0.3, 0.45, 0.40) == "no_evidence"
    assert _replay("misquoted", 0.1, 0.45, 0.40) == "contradicted"


def test_pair_level_knows_the_words_of_the_whole_pool(tmp_path: Path) -> None:
    """Pair level scores each sentence alone, but a claim word that only another sentence of
    the file has still counts as one the references mention (as at corpus level)."""
    rows = [
        {"claim": "Glaciers in the Alps retreated quickly in spring after 1980.",
         "claim_label": "SUPPORTS",
         "evidences": [{"evidence": "Glaciers in the Alps retreated after 1980.",
                        "evidence_label": "SUPPORTS"}]},
        {"claim": "Snow melted quickly.", "claim_label": "NOT_ENOUGH_INFO",
         "evidences": [{"evidence": "Rivers rose quickly in spring.",
                        "evidence_label": "NOT_ENOUGH_INFO"}]},
    ]
    path = tmp_path / "pool.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = pair_level(_rows(path), Config())
    assert result.verdicts == {"no_evidence": 1, "supported": 1}
