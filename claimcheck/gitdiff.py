"""`--changed-only`: which lines of a draft changed against a git revision.

Runs `git diff -U0 REV -- FILE` and reads the `+start,count` side of each hunk header, so the
line numbers are those of the file as it is now. An untracked file counts as wholly changed.

Without a REV, the base depends on where it runs (`default_base`). At a developer's prompt it is
HEAD: the edits not yet committed. In CI a clean checkout has none, so HEAD would check nothing
and pass; there the base is the merge base of HEAD with the pull request's target branch
(`GITHUB_BASE_REF`) or with the remote's default branch, and when none can be found the run
fails and says what to pass instead.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

from .errors import UserError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
ALL_LINES = None  # sentinel for "the whole file changed"


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", check=False)
    except FileNotFoundError:
        raise UserError("--changed-only: git is not installed") from None


def parse_hunks(diff: str) -> set[int]:
    """Line numbers (new side) added or changed by the hunks of a `-U0` diff."""
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start = int(match.group(1))
        count = int(match.group(2)) if match.group(2) is not None else 1
        lines.update(range(start, start + count))  # count 0: a pure deletion adds no line
    return lines


def changed_lines(path: str, rev: str = "HEAD") -> set[int] | None:
    """Changed line numbers of `path` against `rev`; None means every line (untracked, stdin)."""
    return changed_lines_of([path], rev)[path]


def changed_lines_of(paths: list[str], rev: str = "HEAD") -> dict[str, set[int] | None]:
    """`changed_lines` of each path; the repository and the revision are checked once per
    folder, not once per file."""
    checked: set[Path] = set()
    out: dict[str, set[int] | None] = {}
    for path in paths:
        if path == "-":
            out[path] = ALL_LINES
            continue
        file = Path(path).resolve()
        folder = file.parent
        if folder not in checked:
            _check_repository(path, folder, rev)
            checked.add(folder)
        out[path] = _file_lines(path, file, folder, rev)
    return out


def _check_repository(path: str, folder: Path, rev: str) -> None:
    if _git(["rev-parse", "--show-toplevel"], folder).returncode != 0:
        raise UserError(f"--changed-only: {path} is not in a git repository")
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], folder).returncode != 0:
        raise UserError(f"--changed-only: unknown git revision '{rev}'")


def _file_lines(path: str, file: Path, folder: Path, rev: str) -> set[int] | None:
    tracked = _git(["ls-files", "--error-unmatch", "--", str(file)], folder)
    if tracked.returncode != 0:
        return ALL_LINES
    diff = _git(["diff", "--no-color", "--no-ext-diff", "-U0", rev, "--", str(file)], folder)
    if diff.returncode != 0:
        message = diff.stderr.strip().splitlines()
        raise UserError(f"--changed-only: git diff failed for {path}: "
                        f"{message[0] if message else 'unknown error'}")
    return parse_hunks(diff.stdout)


def in_ci(env: Mapping[str, str] | None = None) -> bool:
    """CI services set CI (GitHub Actions, GitLab, CircleCI, Travis...) or GITHUB_ACTIONS."""
    env = os.environ if env is None else env
    return env.get("CI", "").lower() not in ("", "0", "false") or "GITHUB_ACTIONS" in env


_NO_BASE = ("pass --changed-only=REV (e.g. origin/main, or the commit before a push), or fetch "
            "the target branch (actions/checkout with fetch-depth: 0)")


def default_base(folder: Path, env: Mapping[str, str] | None = None) -> str:
    """The revision `--changed-only` without REV compares against (see the module doc)."""
    env = os.environ if env is None else env
    if not in_ci(env):
        return "HEAD"
    if _git(["rev-parse", "--show-toplevel"], folder).returncode != 0:
        raise UserError("--changed-only: not in a git repository")
    target = env.get("GITHUB_BASE_REF") or env.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME")
    if target:
        candidates = [f"origin/{target}", target]
    else:
        head = _git(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], folder)
        candidates = [head.stdout.strip()] if head.returncode == 0 else []
        candidates += ["origin/main", "origin/master"]
    for branch in candidates:
        if _git(["rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}"],
                folder).returncode != 0:
            continue
        base = _git(["merge-base", "HEAD", branch], folder)
        if base.returncode != 0:
            raise UserError(f"--changed-only: HEAD shares no history with {branch} (a shallow "
                            f"checkout?); {_NO_BASE}")
        commit = base.stdout.strip()
        head_commit = _git(["rev-parse", "HEAD"], folder).stdout.strip()
        if commit == head_commit:
            raise UserError(f"--changed-only: in CI, HEAD is already on {branch}, so nothing "
                            f"would count as changed; {_NO_BASE}")
        return commit
    named = f"the target branch '{target}'" if target else "the remote's default branch"
    raise UserError(f"--changed-only: in CI, with no REV, the base is {named}, which is not in "
                    f"this checkout; {_NO_BASE}")
