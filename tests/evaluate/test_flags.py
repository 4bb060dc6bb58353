"""`claimcheck eval flags`: scores on a small dataset of our own, peers, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.errors import UserError
from claimcheck.evaluate import Score, read_jsonl, score
from claimcheck.evaluate import flags as evalflags

FIXTURES = Path(__file__).parents[2] / "fixtures" / "evaluate"
SMALL = FIXTURES / "flags_small.jsonl"


def test_score_counts_and_ratios() -> None:
    s = score([True, True, False, False, True], [True, False, True, False, True])
    assert (s.tp, s.fp, s.fn, s.tn) == (2, 1, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert Score().f1 == 0.0


def test_read_jsonl_errors_are_one_line_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="dataset not found"):
        read_jsonl(tmp_path / "nope.jsonl", ("text",))
    with pytest.raises(UserError, match=r"bad_row.jsonl:2: missing key\(s\) generalization"):
        read_jsonl(FIXTURES / "bad_row.jsonl", ("text", "generalization"))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": \n', encoding="utf-8")
    with pytest.raises(UserError, match="broken.jsonl:1: not valid JSON"):
        read_jsonl(broken, ("text",))


def test_evaluate_small_dataset_by_hand() -> None:
    result = evalflags.evaluate_flags(SMALL)
    assert (result.rows, result.positives) == (7, 3)
    overall = result.scores["claimcheck (generalization families)"]
    # Hand-checked: two of the three generalizations are caught by the default rules
    # ("Everyone", "once, so cats are vicious"); "I met two rude waiters in Lyon. Waiters are
    # rude." is CC104's (a leap from a case to the next sentence), opt-in since it was below
    # half worth acting on in plain prose. The ad populum row "Everyone is buying it, so you
    # should too" is a call to follow the crowd, which the sweeping rule leaves alone.
    assert (overall.tp, overall.fp, overall.fn, overall.tn) == (2, 0, 1, 4)
    assert result.scores["  family: sweeping"].tp == 2
    # No row here has a slippery slope, so the dataset's reading scores the same.
    reading = result.scores["claimcheck (+ slippery slope, the dataset's reading)"]
    assert (reading.tp, reading.fp, reading.fn, reading.tn) == (2, 0, 1, 4)


def test_slippery_slope_row_follows_the_datasets_reading(tmp_path: Path) -> None:
    rows = [
        ("If we allow one food truck, the next thing you know the square will be a car park.",
         True),  # labelled a generalization by the dataset; our rule files it as a hedge
        ("My cousin failed his test once, so driving tests are rigged.", True),
        ("The ferry left at noon.", False),
    ]
    data = tmp_path / "slope.jsonl"
    data.write_text("".join(json.dumps({"text": t, "generalization": g}) + "\n"
                            for t, g in rows), encoding="utf-8")
    result = evalflags.evaluate_flags(data)
    plain = result.scores["claimcheck (generalization families)"]
    reading = result.scores["claimcheck (+ slippery slope, the dataset's reading)"]
    assert (plain.tp, plain.fp, plain.fn) == (1, 0, 1)
    assert (reading.tp, reading.fp, reading.fn) == (2, 0, 0)


def test_render_formats() -> None:
    result = evalflags.evaluate_flags(SMALL)
    table = evalflags.render_eval(result, "table")
    assert "flags_small.jsonl: 7 rows, 3 generalizations" in table
    row = r"^claimcheck \(generalization families\) +1\.000   0\.667  0\.800   2   0   1$"
    assert re.search(row, table, re.MULTILINE)
    data = json.loads(evalflags.render_eval(result, "json"))
    assert data["scores"]["claimcheck (generalization families)"]["f1"] == 0.8
    assert data["scores"]["baseline: cue words, no context"]["fp"] == 1  # "Everyone is buying"
    md = evalflags.render_eval(result, "markdown")
    assert "| claimcheck (generalization families) | 1.000 | 0.667 | 0.800 | 2 | 0 | 1 |" in md


def test_a_row_that_did_not_run_says_why() -> None:
    result = evalflags.FlagEval("x.jsonl", 1, 1, "test", {"peer": Score(skipped="not run: why")})
    assert re.search(r"^peer +not run: why$", evalflags.render_eval(result), re.MULTILINE)


def test_eval_flags_runs_no_peer_and_installs_nothing(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"claimcheck eval started a process: {args}")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    assert main(["eval", "flags", str(SMALL), "--format", "json"]) == 0
    names = set(json.loads(capsys.readouterr().out)["scores"])
    assert not any("write-good" in n or "proselint" in n for n in names)
    assert main(["eval", "flags", str(SMALL), "--no-peers"]) == 0  # still accepted


def test_text_document_positions() -> None:
    doc = evalflags.text_document("One.\n\nTwo three.")
    assert [(b.start, b.end) for b in doc.blocks] == [(0, 4), (6, 16)]
    assert doc.position(6) == (3, 1) and doc.text == doc.masked


def test_cli_eval_flags(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "flags", str(SMALL), "--no-peers", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 7


def test_cli_eval_flags_missing_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "flags", "/nonexistent/x.jsonl", "--no-peers"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("claimcheck: error: ") and "dataset not found" in err
    assert len(err.strip().splitlines()) == 1


def test_cli_eval_usage_errors_name_the_right_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "flags"]) == 2
    assert "see 'claimcheck eval flags --help'" in capsys.readouterr().err
    assert main(["eval"]) == 2
    assert "see 'claimcheck eval --help'" in capsys.readouterr().err
