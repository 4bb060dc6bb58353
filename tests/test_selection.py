"""Rule and verdict selection: select / ignore (config and command line), [rules] verdict
settings, [[overrides]] with gitignore-style globs, and strict validation of each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from clirun import Run, run_cli  # tests/ is on sys.path (rootdir-relative imports)

from claimcheck.config import Config, Layer, Override, load_config
from claimcheck.errors import UserError
from claimcheck.selection import Selector, Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cli"


def settings(path: str = "draft.md", **keys: Any) -> Settings:
    return Selector(Config(**keys)).for_file(path)


def on(result: Settings) -> set[str]:
    return {code for code, value in result.rules.items() if value != "off"} | {
        f"verdict/{label}" for label, value in result.verdicts.items() if value is not None}


DEFAULT = on(settings())


def test_defaults_are_each_rules_default_and_three_verdict_findings() -> None:
    result = settings()
    assert result.rules["CC101"] == "warning" and result.rules["CC202"] == "off"  # opt-in
    assert result.verdicts == {"supported": None, "partly_supported": None,
                               "contradicted": "error", "misquoted": "error",
                               "no_evidence": "warning", "not_checkable": None}
    # a label fail_on names is a finding (info) even when it is not one by default
    assert settings(fail_on=["partly_supported"]).verdicts["partly_supported"] == "info"


def test_select_replaces_the_set_prefixes_and_the_most_specific_wins() -> None:
    # as in ruff, a prefix selects every rule under it, opt-in ones (CC102) too
    assert on(settings(select=["CC1"])) == {"CC101", "CC102", "CC103", "CC104"}
    # an opt-in rule selected by its exact ID is on, with its severity
    assert settings(select=["CC202"]).rules["CC202"] == "info"
    # ignore beats a less specific select, a more specific select beats ignore
    chosen = on(settings(select=["CC1"], ignore=["CC101"]))
    assert "CC101" not in chosen and "CC103" in chosen
    chosen = on(settings(select=["CC101"], ignore=["CC1"]))
    assert chosen == {"CC101"}
    # at equal specificity ignore wins; names count as exact
    assert on(settings(select=["CC1"], ignore=["cc1"])) == set()
    assert on(settings(ignore=["sweeping-quantifier"])) == DEFAULT - {"CC101"}
    # ALL includes opt-in rules and every verdict
    every = on(settings(select=["ALL"]))
    assert {"CC202", "CC703", "verdict/supported", "verdict/not_checkable"} <= every


def test_verdict_pseudo_rules_select_ignore_and_settings() -> None:
    assert settings(ignore=["verdict/no_evidence"]).verdicts["no_evidence"] is None
    assert on(settings(ignore=["verdict"])) == {c for c in DEFAULT if c.startswith("CC")}
    only = settings(select=["verdict"])
    assert set(only.rules.values()) == {"off"} and only.verdicts["contradicted"] == "error"
    result = settings(rules={"verdict/no_evidence": "off", "misquoted": "warning",
                             "verdict/partly_supported": "on"})
    assert result.verdicts["no_evidence"] is None
    assert result.verdicts["misquoted"] == "warning"
    assert result.verdicts["partly_supported"] == "info"
    # an explicit off beats fail_on naming the label
    assert settings(fail_on=["no_evidence"],
                    ignore=["verdict/no_evidence"]).verdicts["no_evidence"] is None


def test_the_command_line_comes_after_the_configs_settings() -> None:
    config: dict[str, Any] = {"rules": {"CC202": "warning"}, "ignore": ["CC101"]}
    assert settings(**config).rules["CC202"] == "warning"
    narrowed = settings(**config, command_line=Layer(select=["CC1"]))
    assert narrowed.rules["CC202"] == "off" and narrowed.rules["CC101"] == "warning"
    widened = settings(**config, command_line=Layer(select=["CC2"]))
    assert widened.rules["CC202"] == "warning"  # the config's severity is kept
    # --ignore alone adds to the config's choice
    assert on(settings(**config, command_line=Layer(ignore=["CC201"]))) == (
        DEFAULT | {"CC202"}) - {"CC101", "CC201"}


def test_overrides_apply_to_matching_files_in_order(tmp_path: Path) -> None:
    (tmp_path / ".claimcheck.toml").write_text(
        'ignore = ["CC6"]\n'
        '[[overrides]]\nfiles = ["docs/legacy/", "!docs/legacy/keep.md"]\n'
        'ignore = ["CC1"]\n[overrides.rules]\n"verdict/no_evidence" = "off"\n'
        '[[overrides]]\nfiles = ["*.txt"]\nselect = ["CC301"]\n', encoding="utf-8")
    selector = Selector(load_config(tmp_path / ".claimcheck.toml"))
    legacy = selector.for_file(str(tmp_path / "docs" / "legacy" / "old.md"))
    assert legacy.verdicts["no_evidence"] is None and legacy.rules["CC101"] == "off"
    assert legacy.rules["CC601"] == "off" and legacy.rules["CC301"] == "warning"
    kept = selector.for_file(str(tmp_path / "docs" / "legacy" / "keep.md"))
    assert kept.verdicts["no_evidence"] == "warning" and kept.rules["CC101"] == "warning"
    notes = on(selector.for_file(str(tmp_path / "docs" / "legacy" / "notes.txt")))
    assert notes == {"CC301"}  # both overrides, the later select last
    plain = selector.for_file(str(tmp_path / "docs" / "new.md"))
    assert plain.rules["CC601"] == "off" and plain.rules["CC101"] == "warning"
    # globs are relative to the config file's folder, not the working directory
    outside = selector.for_file(str(tmp_path.parent / "docs" / "legacy" / "old.md"))
    assert outside.rules["CC101"] == "warning"
    assert selector.for_file("-").rules["CC101"] == "warning"  # stdin: no file to match


@pytest.mark.parametrize(("keys", "message"), [
    ({"select": ["CC9"]}, "select: unknown rule or prefix 'CC9'"),
    ({"ignore": ["verdict/nope"]}, "ignore: unknown rule or prefix 'verdict/nope'"),
    ({"rules": {"verdict/nope": "off"}}, "rules: unknown rule 'verdict/nope'"),
    ({"rules": {"CC1": "off"}}, "rules: unknown rule 'CC1'"),  # settings name one rule
    ({"command_line": Layer(select=["XX"])}, "--select: unknown rule or prefix 'XX'"),
    ({"overrides": [Override(files=["a/**"], ignore=["CC99"])]},
     "overrides[1].ignore: unknown rule or prefix 'CC99'"),
    ({"overrides": [Override(files=["[z-a].md"])]}, "overrides[1].files: invalid glob"),
    ({"overrides": [Override(files=["a\\"])]}, "overrides[1].files: invalid glob"),
    ({"overrides": [Override(files=["# a comment"])]}, "matches nothing"),
])
def test_every_typo_is_a_user_error(keys: dict[str, Any], message: str) -> None:
    with pytest.raises(UserError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Selector(Config(**keys))


def _cli(cwd: Path, *args: str) -> Run:
    return run_cli(args, cwd=cwd)


@pytest.mark.parametrize(("toml", "args", "message"), [
    ('select = ["CC9"]\n', (), "select: unknown rule or prefix 'CC9'"),
    ('[rules]\n"verdict/no_evidence" = "loud"\n', (), "'rules.verdict/no_evidence'"),
    ('[[overrides]]\nfiles = ["[z-a]"]\n', (), "overrides[1].files: invalid glob '[z-a]'"),
    ('[[overrides]]\nfiles = []\n', (), "'overrides.0.files'"),
    ('[[overrides]]\nfiles = ["a"]\nbogus = 1\n', (), "unknown key 'overrides.0.bogus'"),
    ('[command_line]\nselect = ["CC1"]\n', (), "unknown key 'command_line'"),
    ("", ("--ignore", "CC101,CC9"), "--ignore: unknown rule or prefix 'CC9'"),
])
def test_cli_typos_exit_2_with_one_line(tmp_path: Path, toml: str, args: tuple[str, ...],
                                        message: str) -> None:
    (tmp_path / ".claimcheck.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "d.md").write_text("All experts agree.\n", encoding="utf-8")
    result = _cli(tmp_path, "check", "d.md", *args)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert result.stdout == ""


def test_end_to_end_select_ignore_overrides_and_verdict_settings(tmp_path: Path) -> None:
    """Through the command line: a verdict switched off in one folder, --select narrowing,
    a verdict raised to error failing the run."""
    for folder in ("docs", "legacy"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "d.md").write_text(
            "All experts agree the plan works. The harbour opened in 1921.\n", encoding="utf-8")
    (tmp_path / "refs.txt").write_text((FIXTURES / "refs_budget.txt").read_text(
        encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".claimcheck.toml").write_text(
        'refs = ["refs.txt"]\n'
        '[[overrides]]\nfiles = ["legacy/"]\n[overrides.rules]\n"verdict/no_evidence" = "off"\n',
        encoding="utf-8")
    result = _cli(tmp_path, "check", "docs", "legacy", "--format", "concise")
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert any(line.startswith("docs/d.md") and "verdict/no_evidence" in line for line in lines)
    assert not any(line.startswith("legacy/d.md") and "verdict/" in line for line in lines)
    assert any(line.startswith("legacy/d.md") and "CC101" in line for line in lines)
    narrowed = _cli(tmp_path, "check", "docs", "--format", "concise", "--select", "verdict")
    assert "verdict/no_evidence" in narrowed.stdout and "CC101" not in narrowed.stdout
    failing = _cli(tmp_path, "check", "docs", "--format", "text", "--ignore", "CC")
    assert failing.returncode == 0 and "[warning]" in failing.stdout
    # re-levelled: shown as an error; a verdict fails the run when fail_on names its label
    (tmp_path / ".claimcheck.toml").write_text(
        'refs = ["refs.txt"]\n[rules]\n"verdict/no_evidence" = "error"\n', encoding="utf-8")
    shown = _cli(tmp_path, "check", "docs", "--format", "text", "--ignore", "CC")
    assert shown.returncode == 0 and "verdict/no_evidence [error]" in shown.stdout
    failing = _cli(tmp_path, "check", "docs", "--ignore", "CC", "--fail-on", "no_evidence")
    assert failing.returncode == 1
    # a verdict switched off for a file never fails it, even when fail_on names the label
    (tmp_path / ".claimcheck.toml").write_text(
        'refs = ["refs.txt"]\nfail_on = ["no_evidence"]\n'
        '[[overrides]]\nfiles = ["docs/"]\nignore = ["verdict/no_evidence"]\n',
        encoding="utf-8")
    assert _cli(tmp_path, "check", "docs", "--ignore", "CC").returncode == 0
    assert _cli(tmp_path, "check", "legacy", "--ignore", "CC").returncode == 1
