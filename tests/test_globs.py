"""claimcheck.globs: the one pattern matcher and folder walk (gitignore patterns, by pathspec)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.globs import Globs, Selection, files_under


@pytest.mark.parametrize(("pattern", "path", "matched"), [
    ("**/*.md", "b.md", True),            # **/ may match no folder
    ("**/*.md", "sub/deep/c.md", True),
    ("*.md", "sub/c.md", True),           # no slash: any depth
    ("README.md", "docs/README.md", True),
    ("docs/*.md", "docs/b.md", True),
    ("docs/*.md", "docs/old/b.md", False),  # * does not cross a folder
    ("/top.md", "sub/top.md", False),     # anchored
    ("/top.md", "top.md", True),
    ("skip", "skip/d.md", True),          # a folder: everything under it
    ("skip/", "skip/sub/d.md", True),
    ("skip/**", "skip/d.md", True),
    ("skip/**", "skipped.md", False),
    ("  *.md ", "a.md", True),            # spaces around a config value are a typo
    ("*.MD", "a.md", False),              # case-sensitive, as file names are here
])
def test_gitignore_patterns(pattern: str, path: str, matched: bool) -> None:
    assert Globs([pattern]).match(path) is matched


def test_a_negated_pattern_takes_a_file_back_and_an_empty_list_matches_nothing() -> None:
    assert not Globs(["old/**", "!old/keep.md"]).match("old/keep.md")
    assert Globs(["old/**", "!old/keep.md"]).match("old/drop.md")
    assert not Globs([]).match("a.md") and not Globs(["", "  "]).match("a.md")


def test_selection_is_included_and_not_excluded() -> None:
    chosen = Selection.of(["**/*.md", "**/*.txt"], ["drafts/old/**", "CHANGELOG.md"])
    assert [p for p in ("a.md", "notes.txt", "x.rst", "drafts/old/a.md", "drafts/new.md",
                        "pkg/CHANGELOG.md") if chosen(p)] == ["a.md", "notes.txt",
                                                              "drafts/new.md"]


def test_files_under_skips_hidden_and_linked_folders_and_sorts(tmp_path: Path) -> None:
    for rel in ("b.md", "a/z.md", "a/b/c.md", ".git/x.md", "a/.cache/y.md", ".hidden.md",
                "real/r.md", "B.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / "a" / "linked").symlink_to(tmp_path / "real")
    os.symlink(tmp_path / "real" / "r.md", tmp_path / "a" / "file-link.md")
    found = files_under(tmp_path, lambda rel: rel.endswith(".md"))
    assert [rel for _, rel in found] == ["B.md", "a/b/c.md", "a/file-link.md", "a/z.md",
                                         "b.md", "real/r.md"]
    assert all(path == tmp_path / rel for path, rel in found)
