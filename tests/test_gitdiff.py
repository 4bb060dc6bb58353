import subprocess
from pathlib import Path

import pytest

from claimcheck.errors import UserError
from claimcheck.gitdiff import changed_lines, parse_hunks

DIFF = """diff --git a/d.md b/d.md
--- a/d.md
+++ b/d.md
@@ -3 +3 @@ heading
-old
+new
@@ -10,2 +9,0 @@
-gone
-gone
@@ -20,0 +19,3 @@
+a
+b
+c
"""


def test_parse_hunks_reads_the_new_side() -> None:
    assert parse_hunks(DIFF) == {3, 19, 20, 21}
    assert parse_hunks("") == set()


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   cwd=cwd, check=True, capture_output=True)


def test_changed_lines_in_a_repository(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("one\ntwo\nthree\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "d.md")
    _git(tmp_path, "commit", "-q", "-m", "x")
    assert changed_lines(str(draft)) == set()
    draft.write_text("one\nTWO\nthree\nfour\n", encoding="utf-8")
    assert changed_lines(str(draft)) == {2, 4}
    (tmp_path / "new.md").write_text("x\n", encoding="utf-8")
    assert changed_lines(str(tmp_path / "new.md")) is None  # untracked: all lines
    assert changed_lines("-") is None
    with pytest.raises(UserError, match="unknown git revision 'v9'"):
        changed_lines(str(draft), "v9")


def test_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("x\n", encoding="utf-8")
    with pytest.raises(UserError, match="not in a git repository"):
        changed_lines(str(tmp_path / "d.md"))


def test_changed_lines_of_checks_the_repository_once_per_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck import gitdiff

    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("one\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "a.md", "b.md")
    _git(tmp_path, "commit", "-q", "-m", "x")
    (tmp_path / "b.md").write_text("one\ntwo\n", encoding="utf-8")
    calls: list[str] = []
    real = gitdiff._git

    def counted(args: list[str], cwd: Path) -> object:
        calls.append(args[0])
        return real(args, cwd)

    monkeypatch.setattr(gitdiff, "_git", counted)
    paths = [str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-"]
    assert gitdiff.changed_lines_of(paths) == {paths[0]: set(), paths[1]: {2}, "-": None}
    assert calls.count("rev-parse") == 2  # the repository and the revision, once for the folder
    with pytest.raises(UserError, match="unknown git revision 'v9'"):
        gitdiff.changed_lines_of(paths, "v9")


def _repo_with_remote(tmp_path: Path) -> tuple[Path, Path]:
    """An 'origin' with main (one commit) and a clone on branch 'feature' with one more."""
    origin = tmp_path / "origin"
    origin.mkdir()
    (origin / "d.md").write_text("One.\n", encoding="utf-8")
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "d.md")
    _git(origin, "commit", "-q", "-m", "one")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(origin), str(clone))
    _git(clone, "checkout", "-q", "-b", "feature")
    (clone / "d.md").write_text("One.\nTwo.\n", encoding="utf-8")
    _git(clone, "commit", "-q", "-am", "two")
    return origin, clone


def test_default_base_at_the_prompt_is_head(tmp_path: Path) -> None:
    from claimcheck.gitdiff import default_base

    assert default_base(tmp_path, env={}) == "HEAD"  # not even a repository: HEAD, as before


def test_default_base_in_ci_is_the_merge_base_with_the_target(tmp_path: Path) -> None:
    from claimcheck.gitdiff import changed_lines, default_base

    origin, clone = _repo_with_remote(tmp_path)
    main_commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=origin, capture_output=True,
                                 text=True, check=True).stdout.strip()
    for env in ({"CI": "true"}, {"GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "main"}):
        base = default_base(clone, env=env)
        assert base == main_commit
        assert changed_lines(str(clone / "d.md"), base) == {2}


def test_default_base_in_ci_fails_when_there_is_none(tmp_path: Path) -> None:
    from claimcheck.gitdiff import default_base

    origin, clone = _repo_with_remote(tmp_path)
    with pytest.raises(UserError, match="target branch 'release', which is not in this checkout"):
        default_base(clone, env={"CI": "true", "GITHUB_BASE_REF": "release"})
    _git(clone, "checkout", "-q", "main")  # a push to the default branch itself
    with pytest.raises(UserError, match="HEAD is already on origin/main"):
        default_base(clone, env={"CI": "1"})
    with pytest.raises(UserError, match="remote's default branch, which is not in this"):
        default_base(origin, env={"CI": "1"})  # no remote at all


def test_changed_only_in_ci_without_a_base_exits_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.cli import main

    origin, _ = _repo_with_remote(tmp_path)
    monkeypatch.chdir(origin)
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    assert main(["check", "--changed-only", "d.md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("claimcheck: error: --changed-only: in CI")
    assert "--changed-only=REV" in err
    monkeypatch.setenv("CI", "false")
    assert main(["check", "--changed-only", "d.md", "--format", "json"]) == 0  # HEAD: nothing
