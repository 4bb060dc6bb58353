"""The documented Python API: claimcheck.check_text and claimcheck.check_files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck
from claimcheck.models import Report

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cli"
REFS = str(FIXTURES / "refs_budget.txt")
TEXT = "All experts agree that the tax works. The council met on Tuesday.\n"


def test_check_text_flags_and_checks_a_string() -> None:
    report = claimcheck.check_text(TEXT, refs=[REFS])
    assert isinstance(report, Report) and report.files == ["<text>"]
    first, second = report.claims
    assert [f.rule for f in first.flags] == ["CC101", "CC301"]
    assert second.verdict is not None and second.verdict.label == "contradicted"
    assert report.summary.failed  # contradicted fails by default
    assert claimcheck.check_text(TEXT).claims[1].verdict is None  # no refs: rules only


def test_config_as_mapping_or_object_and_refs_override() -> None:
    quiet = claimcheck.check_text(TEXT, refs=[REFS], config={"fail_on": ["error"],
                                                             "rules": {"CC301": "off"}})
    assert [f.rule for f in quiet.claims[0].flags] == ["CC101"]
    assert not quiet.summary.failed
    config = claimcheck.Config(refs=["nowhere"], fail_on=["warning"])
    report = claimcheck.check_text(TEXT, refs=REFS, config=config)  # one ref as a plain str
    assert report.summary.failed and config.refs == ["nowhere"]  # the caller's object untouched


def test_markdown_and_the_path_name() -> None:
    report = claimcheck.check_text("# Title\n\n`All code` is skipped. Everyone lies.\n",
                                   markdown=True, path="post.md")
    assert report.files == ["post.md"]
    assert [c.text for c in report.claims if c.kind != "non_claim"][-1] == "Everyone lies."


def test_check_files_is_the_command_line_run(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(TEXT, encoding="utf-8")
    report = claimcheck.check_files(draft, refs=[REFS])
    assert report.files == [str(draft)]
    assert claimcheck.check_files([tmp_path]).files == [str(draft)]  # a folder is expanded
    assert report.model_dump()["summary"] == claimcheck.check_text(
        TEXT, refs=[REFS], path=str(draft)).model_dump()["summary"]


def test_errors_are_user_errors_with_one_line() -> None:
    with pytest.raises(claimcheck.UserError, match="unknown key 'bogus'"):
        claimcheck.check_text(TEXT, config={"bogus": 1})
    with pytest.raises(claimcheck.UserError, match="unknown rule 'CC999'"):
        claimcheck.check_text(TEXT, config={"rules": {"CC999": "off"}})
    with pytest.raises(claimcheck.UserError, match="no such file"):
        claimcheck.check_files(["missing.md"])
    with pytest.raises(TypeError):
        claimcheck.check_text(b"bytes")  # type: ignore[arg-type]


def test_the_package_exports_the_api_lazily_and_typed() -> None:
    assert set(claimcheck.__all__) >= {"check_text", "check_files", "Config", "Report",
                                       "UserError", "load_config"}
    code = ("import sys, claimcheck; assert 'pydantic' not in sys.modules; "
            "claimcheck.check_text; assert 'pydantic' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert (Path(claimcheck.__file__).parent / "py.typed").is_file()
    with pytest.raises(AttributeError):
        claimcheck.nothing_here  # noqa: B018
