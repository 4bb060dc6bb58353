"""`claimcheck explain FILE:LINE` and `check --explain`: each cue and why it was flagged or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.cli import main


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


def test_explain_a_line_names_each_cue_and_its_fate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Everyone knows the plan will fail.\n\nAll 12 members voted.\n",
                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = _run(["explain", "d.txt:1"], capsys)
    assert code == 0
    assert "CC301 weasel-attribution 'Everyone knows': flagged" in out
    assert "CC101 sweeping-quantifier 'Everyone': not reported: CC301" in out
    code, out = _run(["explain", "d.txt:3"], capsys)
    assert "CC101 sweeping-quantifier 'All': let through by 'figure-in-clause'" in out
    code, out = _run(["check", "d.txt", "--explain"], capsys)
    assert code == 0 and "d.txt:1:1:" in out and "d.txt:3:1:" in out


def test_explain_follows_the_rule_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck.rules]\nCC301 = "off"\n',
                                             encoding="utf-8")
    (tmp_path / "d.txt").write_text("Everyone knows the plan will fail.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out = _run(["explain", "d.txt:1"], capsys)
    assert "CC101 sweeping-quantifier 'Everyone': flagged" in out
    assert "CC301 weasel-attribution 'Everyone knows': not reported: the rule is off" in out


def test_explain_a_line_without_cues_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "d.txt").write_text("The bridge opened on 4 May 2021.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out = _run(["explain", "d.txt:1"], capsys)
    assert "no cue" in out
    _, out = _run(["explain", "d.txt:9"], capsys)
    assert out == "no claim on that line\n"
    assert main(["explain", "missing.txt:3"]) == 2
