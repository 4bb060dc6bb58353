"""Configuration wiring: file values reach the run, CLI flags override them, typos fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import Run, run_cli

from claimcheck.cli import _config_for, _parser
from claimcheck.config import Config, check_fail_on
from claimcheck.errors import UserError
from claimcheck.pipeline import expand_drafts

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cli"


def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, *argv: str) -> Config:
    (tmp_path / ".claimcheck.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return _config_for(_parser().parse_args(["check", *argv, "x.md"]))


def _cli(cwd: Path, *args: str) -> Run:
    return run_cli(args, cwd)


def test_file_values_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, monkeypatch, 'fail_on = ["warning"]\nbaseline = "b.json"\n'
                     'refs = ["refs"]\n[rules]\nCC101 = "off"\n[thresholds]\nsupport = 0.9\n')
    assert config.fail_on == ["warning"]
    assert config.baseline == "b.json"
    assert config.refs == ["refs"]
    assert config.rules == {"CC101": "off"}
    assert config.thresholds.support == 0.9


def test_cli_flags_override_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, monkeypatch, 'fail_on = ["warning"]\nbaseline = "b.json"\n',
                     "--fail-on", "contradicted,error", "--baseline", "other.json",
                     "--refs", "r.txt", "--plain")
    assert config.fail_on == ["contradicted", "error"]
    assert config.baseline == "other.json"
    assert config.refs == ["r.txt"]
    assert config.markdown == "never"


def test_paths_in_config_are_relative_to_its_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".claimcheck.toml").write_text('refs = ["refs", "https://x.org/a"]\n'
                                               'baseline = "base.json"\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    config = _config_for(_parser().parse_args(["check", "x.md"]))
    assert config.refs == ["../refs", "https://x.org/a"]
    assert config.baseline == "../base.json"


def test_fail_on_none_and_unknown_values() -> None:
    assert check_fail_on(["none"], "--fail-on") == []
    assert check_fail_on([" Error", "misquoted", "error"], "x") == ["error", "misquoted"]
    with pytest.raises(UserError, match="--fail-on: unknown fail levels 'bogus', 'nope'"):
        check_fail_on(["error", "bogus", "nope"], "--fail-on")


def test_folder_expansion_uses_include_exclude_sorted() -> None:
    folder = str(FIXTURES / "folder")
    found = expand_drafts([folder], Config())
    assert [Path(p).relative_to(folder).as_posix() for p in found] == [
        "a.txt", "b.md", "skip/d.md", "sub/c.md"]
    narrowed = expand_drafts([folder], Config(include=["**/*.md"], exclude=["skip"]))
    assert [Path(p).relative_to(folder).as_posix() for p in narrowed] == ["b.md", "sub/c.md"]


def test_explicit_files_keep_their_order_and_folders_need_matches(tmp_path: Path) -> None:
    a, b = str(FIXTURES / "draft.md"), str(FIXTURES / "clean.txt")
    assert expand_drafts([a, b, a], Config()) == [a, b]
    (tmp_path / "x.rst").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="no drafts in this folder"):
        expand_drafts([str(tmp_path)], Config())
    with pytest.raises(UserError, match="no such file or folder"):
        expand_drafts([str(tmp_path / "missing.md")], Config())


@pytest.mark.parametrize(("toml", "message"), [
    ("colour = true\n", "unknown key 'colour'"),
    ('fail_on = ["bogus"]\n', "unknown fail level 'bogus'"),
    ('[rules]\nCC999 = "off"\n', "unknown rule 'CC999'"),
    ('[rules]\nCC101 = "loud"\n', "'rules.CC101'"),
    ("[thresholds]\nsupport = 2\n", "'thresholds.support'"),
    ("fail_on = [\n", "invalid TOML"),
])
def test_bad_config_exits_2_with_one_line(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / ".claimcheck.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "d.md").write_text("All experts agree.\n", encoding="utf-8")
    result = _cli(tmp_path, "check", "d.md")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_pyproject_table_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck]\nfail_on = ["loud"]\n',
                                             encoding="utf-8")
    (tmp_path / "sub").mkdir()
    result = _cli(tmp_path / "sub", "check", "nothing.md")
    assert result.returncode == 2
    assert "pyproject.toml" in result.stderr and "'loud'" in result.stderr
