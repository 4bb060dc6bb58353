from pathlib import Path

import pytest

from claimcheck.errors import UserError
from claimcheck.report import render, write_atomic

from .sample import make_report


def test_writes_and_replaces_without_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    write_atomic(target, "first\n")
    write_atomic(target, "second ✓\n")
    assert target.read_text(encoding="utf-8") == "second ✓\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.sarif"]
    assert target.stat().st_mode & 0o044  # not left at mkstemp's private 0600


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.json", "{}")


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(UserError, match="unknown format 'xml'"):
        render(make_report(), "xml")
