"""claimcheck.files.read_input: the one wording of every input file's read errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.errors import UserError
from claimcheck.files import read_input


def test_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(b"One claim.\n")
    assert read_input(path, 100, "a draft file") == b"One claim.\n"


def test_a_folder_names_what_the_file_should_be(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r": is a folder, not a config file$"):
        read_input(tmp_path, 100, "a config file")


def test_a_missing_file_uses_the_callers_words(tmp_path: Path) -> None:
    path = tmp_path / "gone.toml"
    with pytest.raises(UserError, match=r"gone\.toml: no such file$"):
        read_input(path, 100, "a draft file")
    with pytest.raises(UserError, match=r"gone\.toml: config file not found$"):
        read_input(path, 100, "a config file", missing="config file not found")


def test_missing_none_leaves_absence_to_the_caller(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_input(tmp_path / "ledger.jsonl", 100, "a ledger file", missing=None)


def test_any_other_os_error_is_one_line_naming_the_label(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    below_a_file = tmp_path / "plain" / "refs.md"  # ENOTDIR, even for root
    with pytest.raises(UserError, match=r"^refs: cannot read a reference file: Not a directory$"):
        read_input(below_a_file, 100, "a reference file", label="refs")


def test_over_the_cap_names_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(UserError, match=r"too large .*max_draft_bytes is 10 bytes"):
        read_input(path, 10, "a draft file", setting="max_draft_bytes")
