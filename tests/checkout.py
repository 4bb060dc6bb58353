"""The files of this checkout that git would see (tracked, and untracked but not ignored).

From `git ls-files` in a git checkout; otherwise (CI can run on an exported tree with no .git)
by walking the tree and reading the top-level .gitignore as git would (pathspec's gitignore
language), so both give the same list.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from pathspec import PathSpec


def checkout_files(root: Path) -> list[str]:
    """Relative POSIX paths of the checkout's files, sorted."""
    if (root / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached",
                                 "--others", "--exclude-standard"],
                                capture_output=True, text=True, check=True).stdout
        return sorted(f for f in listed.split("\0") if f and (root / f).is_file())
    ignore = root / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else []
    spec = PathSpec.from_lines("gitignore", [*lines, ".git/"])
    found: list[str] = []
    for here, dirs, names in os.walk(root):
        prefix = Path(here).relative_to(root).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        dirs[:] = [d for d in dirs if not spec.match_file(f"{prefix}{d}/")]
        found.extend(f"{prefix}{n}" for n in names
                     if not spec.match_file(f"{prefix}{n}") and (Path(here) / n).is_file())
    return sorted(found)
