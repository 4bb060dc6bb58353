"""Hostile text in drafts, references and file names: nothing a terminal acts on (ESC, OSC,
C1 controls, bidi overrides and isolates, zero-width characters) reaches the table, stderr or
a CI format raw; machine formats stay valid for their readers."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .clirun import run_cli

HOSTILE = ("\x1b]0;pwned\x07\x1b[2J\u202eAll experts agree\u2066 that \u200bthe harbour "
           "\x9b31m is always the \ufffebest\uffff in the world.")
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069"
                 "\ufffe\uffff]")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "draft.md").write_text(f"# Port\n\n{HOSTILE}\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "text", "concise", "markdown", "github", "junit"])
def test_no_raw_control_or_bidi_character_in_any_human_format(work: Path, fmt: str) -> None:
    result = run_cli(["check", "draft.md", "--format", fmt], work)
    assert result.code in (0, 1), result.err
    assert not RAW.findall(result.out), fmt
    if fmt in ("table", "junit"):  # these show the claim itself
        assert "&lt;U+FFFE&gt;" in result.out or "<U+FFFE>" in result.out


def test_junit_is_well_formed_xml(work: Path) -> None:
    result = run_cli(["check", "draft.md", "--format", "junit"], work)
    ET.fromstring(result.out.split("\n", 1)[1])  # after the XML declaration


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_escape_c1_and_bidi_but_keep_the_text(work: Path, fmt: str) -> None:
    result = run_cli(["check", "draft.md", "--format", fmt], work)
    assert not re.findall("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]", result.out)
    if fmt == "json":
        assert "\\u009b" in result.out and "\\u202e" in result.out
        texts = " ".join(c["text"] for c in json.loads(result.out)["claims"])
        assert "\u202eAll experts agree" in texts  # the data itself is unchanged


@pytest.mark.skipif(os.name != "posix", reason="control characters in file names")
def test_errors_on_stderr_show_file_names_visibly_on_one_line(work: Path) -> None:
    name = "evil\x1b]0;x\x07\n\u202ename.txt"
    result = run_cli(["check", name], work)
    assert result.code == 2
    assert result.err.count("\n") == 1 and not RAW.findall(result.err)
    assert "evil\\x1b]0;x\\x07 <U+202E>name.txt: no such file or folder" in result.err


def test_reference_ids_and_csv_headers_are_shown_visibly(work: Path) -> None:
    (work / "refs").mkdir()
    (work / "refs" / "a.csv").write_text("id,\x1b[2Jbody\ntext,x\n", encoding="utf-8")
    result = run_cli(["check", "draft.md", "--refs", "refs"], work)
    assert result.code == 2 and not RAW.findall(result.err)
    assert "\\x1b[2Jbody" in result.err
