"""Exit codes a CI job can gate on: 0 passed, 1 findings at the fail level, 2 a usage, input
or reference error. A check against references that gave nothing is an error, not a pass."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.cli import main


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "draft.md").write_text("The council met on Tuesday.\n", encoding="utf-8")
    (tmp_path / "refs").mkdir()
    (tmp_path / "refs" / "minutes.txt").write_text("The council met on Tuesday.\n",
                                                    encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "blank.md").write_text("# Only a heading\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit", "markdown"])
def test_empty_references_are_an_error_in_every_format(
        repo: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "draft.md", "--refs", "refs", "--format", fmt]) == 0
    capsys.readouterr()
    assert main(["check", "draft.md", "--refs", "empty", "--format", fmt]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("claimcheck: error: empty: no reference files")
    assert main(["check", "draft.md", "--refs", "refs", "--refs", "blank.md"]) == 2


def test_refs_optional_turns_them_into_warnings_that_every_format_shows(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".claimcheck.toml").write_text("refs_optional = true\n", encoding="utf-8")
    expected = {"text": "claimcheck: warning: empty: no reference files found",
                "github": "::warning title=claimcheck::empty: no reference files found",
                "json": '"empty: no reference files found',
                "sarif": '"text": "empty: no reference files found',
                "junit": "warning: empty: no reference files found",
                "markdown": "> warning: empty: no reference files found"}
    for fmt, needle in expected.items():
        assert main(["check", "draft.md", "--refs", "refs", "--refs", "empty",
                     "--format", fmt]) == 0
        assert needle in capsys.readouterr().out, fmt


def test_a_missing_reference_path_is_an_error(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "draft.md", "--refs", "nowhere"]) == 2
    assert "nowhere: reference file or folder not found" in capsys.readouterr().err


def test_findings_at_the_fail_level_exit_1(repo: Path) -> None:
    (repo / "draft.md").write_text("The council met on Wednesday.\n", encoding="utf-8")
    assert main(["check", "draft.md", "--refs", "refs"]) == 1  # contradicted
    assert main(["check", "draft.md", "--refs", "refs", "--fail-on", "none"]) == 0


def test_check_reads_the_baseline_at_its_default_path(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "draft.md").write_text("The council met on Wednesday.\n", encoding="utf-8")
    assert main(["check", "draft.md", "--refs", "refs"]) == 1
    assert main(["baseline", "draft.md", "--refs", "refs"]) == 0  # .claimcheck-baseline.json
    assert (repo / ".claimcheck-baseline.json").is_file()
    assert main(["check", "draft.md", "--refs", "refs"]) == 0  # found without --baseline
    assert main(["check", "draft.md", "--refs", "refs", "--no-baseline"]) == 1
    # beside the config file, when run from a subfolder
    (repo / ".claimcheck.toml").write_text('refs = ["refs"]\n', encoding="utf-8")
    (repo / "sub").mkdir()
    (repo / "sub" / "d.md").write_text("The council met on Wednesday.\n", encoding="utf-8")
    os.chdir(repo / "sub")  # the fixture's monkeypatch restores the working folder
    assert main(["check", "../draft.md"]) == 0
    capsys.readouterr()
