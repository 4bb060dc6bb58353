"""The line formats (text, concise) and the colour decision."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.report import render
from claimcheck.report.color import choice_to_flag, use_color

from .sample import make_report

LINE = re.compile(r"^(?P<path>[^:]+(?: [^:]+)?):(?P<line>\d+):(?P<col>\d+): (?P<code>\S+) ")


@pytest.fixture(autouse=True)
def _no_color_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


def test_text_is_one_line_per_finding_then_warnings_and_summary() -> None:
    lines = render(make_report(), "text").splitlines()
    assert lines[:3] == [
        "docs/draft one.md:3:1: CC101 [warning] 'All' overreaches. Say who, or how many.",
        "docs/draft one.md:3:1: verdict/contradicted [error] contradicted: the source says it "
        "failed (evidence: refs/budget.txt)",
        "docs/draft one.md:5:1: verdict/no_evidence [warning] no evidence: nothing close",
    ]
    assert lines[3].startswith("docs/draft one.md:5:") and " CC701 [info] " in lines[3]
    assert lines[4] == "claimcheck: warning: refs/x.txt: empty \\x1b[2J reference"
    assert lines[5] == ("Found 4 findings (1 error, 2 warnings, 1 info) in 1 file; 3 claims, "
                        "3 checkable; 1 suppressed; FAILED.")
    assert all(LINE.match(line) for line in lines[:4])
    assert "\x1b" not in "".join(lines)


def test_concise_has_no_severity_and_no_hint() -> None:
    lines = render(make_report(), "concise").splitlines()
    assert lines[0] == "docs/draft one.md:3:1: CC101 'All' overreaches"
    assert not any("[warning]" in line or "Say who" in line for line in lines)
    assert lines[-1].startswith("Found 4 findings")


def test_no_findings_says_so() -> None:
    report = make_report()
    report.claims = []
    report.warnings = []
    report.summary.failed = False
    assert render(report, "text").splitlines() == [
        "No findings in 1 file; 3 claims, 3 checkable; 1 suppressed; passed."]


def test_color_only_when_asked_or_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in render(make_report(), "text")  # pytest's stdout is not a terminal
    colored = render(make_report(), "text", color=True)
    assert "\x1b[1;33mCC101\x1b[0m" in colored
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in render(make_report(), "concise")
    monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins over FORCE_COLOR, as in CPython
    assert "\x1b[" not in render(make_report(), "concise")
    assert "\x1b[" in render(make_report(), "concise", color=True)  # --color always wins


class _Tty:
    def isatty(self) -> bool:
        return True


def test_use_color_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    assert use_color(None, _Tty()) is True  # type: ignore[arg-type]
    monkeypatch.setenv("TERM", "dumb")
    assert use_color(None, _Tty()) is False  # type: ignore[arg-type]
    assert use_color(True, _Tty()) is True  # type: ignore[arg-type]
    assert [choice_to_flag(c) for c in ("auto", "always", "never", None)] == [
        None, True, False, None]


def test_table_honours_force_color(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in render(make_report(), "table", width=100)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in render(make_report(), "table", width=100)


def test_cli_default_format_is_text_when_piped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text("All experts agree.\n", encoding="utf-8")
    assert main(["check", "d.md"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("d.md:1:1: CC101 [warning] ")
    assert main(["check", "d.md", "--format", "concise", "--color", "always"]) == 0
    assert capsys.readouterr().out.startswith("\x1b[1md.md:1:1:\x1b[0m \x1b[1;33mCC101")
