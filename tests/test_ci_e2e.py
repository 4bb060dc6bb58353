"""The CI setup of docs/ci.md, end to end, in a throwaway docs repository.

What a docs team does: install claimcheck with the documented command (`pip install
"git+<repository>@<commit SHA>"` into a virtual environment of its own), add the pre-commit hook
pinned to that commit, add the workflow, and run both. The workflow cannot run here, so its step
is run as GitHub would run it: the action's two scripts with the environment GitHub gives them
(`action.yml` and the workflow are validated against GitHub's schemas in tests/test_ci.py).

The repository is this checkout's files as they are now (tracked and new), committed into a
temporary git repository, so the test checks the work tree, not the last commit. Installs use
the package index pip is configured with; the throwaway environments of the documented install
and of the action's install script reach this environment's installed dependencies through a
.pth file, so only claimcheck itself is built and installed there (that its dependencies install
from the index into a fresh venv is what .ci/run shows with the README's own commands).
pre-commit builds its own hook environment, dependencies and all, as it does for users.

The three tests share nothing but the snapshot, so pytest-xdist's workers can run them at once.

Slow (a minute or more): it runs when CI is set (as in .ci/run) or with CLAIMCHECK_E2E=1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml

from tests.checkout import checkout_files

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not (os.environ.get("CI", "").lower() not in ("", "0", "false")
         or os.environ.get("CLAIMCHECK_E2E")),
    reason="slow end-to-end CI test: runs in CI, or set CLAIMCHECK_E2E=1")

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
LINE = re.compile(r"^docs/guide\.md:(\d+):(\d+): (CC\d{3}|verdict/\w+) \[(error|warning|info)\] ")


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
         check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **GIT_ENV, **(env or {})})
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {done.returncode}\n{done.stdout}\n"
                             f"{done.stderr}")
    return done


def _snapshot(target: Path) -> str:
    """This work tree (tracked and untracked, not ignored) committed in a repository at
    `target`; returns the commit SHA."""
    for rel in checkout_files(ROOT):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    _run(["git", "init", "-q", "-b", "main"], target)
    _run(["git", "add", "-A"], target)
    _run(["git", "commit", "-q", "-m", "snapshot"], target)
    return _run(["git", "rev-parse", "HEAD"], target).stdout.strip()


def _docs_repo(repo: Path, tool: Path, sha: str) -> None:
    files = {
        "docs/guide.md": "# Guide\n\nAll experts agree that the bridge is safe.\n\n"
                         "The bridge opened in 1998.\n",
        "refs/facts.txt": "The bridge opened in 1998.\n\nInspectors found the bridge safe.\n",
        "requirements.txt": "mkdocs>=1.5\nAll of this is not prose.\n",
        ".claimcheck.toml": 'refs = ["refs"]\nexclude = ["requirements*.txt"]\n',
        ".pre-commit-config.yaml": yaml.safe_dump({"repos": [{
            "repo": str(tool), "rev": sha,
            "hooks": [{"id": "claimcheck", "verbose": True}]}]}),  # show warnings too
    }
    workflow = _documented_workflow().replace("OWNER/claimcheck@COMMIT_SHA",
                                              f"OWNER/claimcheck@{sha}")
    files[".github/workflows/claimcheck.yml"] = workflow
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    _run(["git", "init", "-q", "-b", "main"], repo)
    _run(["git", "add", "-A"], repo)
    _run(["git", "commit", "-q", "-m", "docs"], repo)


def _documented_workflow() -> str:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return next(b for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.S) if "\njobs:" in b)


def _documented_install(sha: str, tool: Path) -> str:
    """The CI install line of docs/ci.md, pointed at the snapshot."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "pip install \"git+" in x)
    return line.replace("https://github.com/OWNER/claimcheck@COMMIT_SHA",
                        f"file://{tool}@{sha}")


def _sharing_venv(path: Path, with_pip: bool = True) -> Path:
    """A new virtual environment that also sees this one's site-packages (after its own), so
    installing claimcheck there finds its dependencies already satisfied."""
    venv.EnvBuilder(with_pip=with_pip).create(path)
    bindir = path / "bin"
    py = bindir / "python"
    site = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                path).stdout.strip()
    Path(site, "_outer_site.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return bindir


@pytest.fixture(scope="session")  # kept while other slow tests run between these three
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("e2e")
    tool = base / "claimcheck-src"
    tool.mkdir()
    sha = _snapshot(tool)
    repo = base / "docs-repo"
    repo.mkdir()
    _docs_repo(repo, tool, sha)
    return {"base": base, "tool": tool, "sha": sha, "repo": repo}


@pytest.mark.slow(13)
def test_documented_install_gives_our_claimcheck(setup: dict[str, object]) -> None:
    base, tool, sha = Path(str(setup["base"])), Path(str(setup["tool"])), str(setup["sha"])
    command = _documented_install(sha, tool)
    assert command.startswith("python3 -m venv /tmp/claimcheck && /tmp/claimcheck/bin/pip ")
    bindir = _sharing_venv(base / "venv")
    pip_args = command.split("/tmp/claimcheck/bin/pip ", 1)[1].split()
    _run([str(bindir / "pip"), *[a.strip('"') for a in pip_args]], base)
    version = _run([str(bindir / "claimcheck"), "--version"], base)
    assert version.stdout.startswith("claimcheck ") and "(factlint " in version.stdout
    assert str(base / "venv") in version.stdout  # the installed copy, not this checkout
    assert version.stderr == ""  # no rival, none of our files changed


@pytest.mark.slow(26)
def test_pre_commit_hook_reports_lines_and_skips_excluded_files(
        setup: dict[str, object]) -> None:
    repo = Path(str(setup["repo"]))
    env = {"PRE_COMMIT_HOME": str(Path(str(setup["base"])) / "pre-commit-home")}
    done = _run([sys.executable, "-m", "pre_commit", "run", "--all-files"], repo, env,
                check=False)
    out = done.stdout
    lines = [line for line in out.splitlines() if LINE.match(line)]
    assert lines, out + done.stderr
    assert any(" CC101 [warning] " in line for line in lines)
    assert "requirements.txt" not in out and "refs/facts.txt" not in out
    assert done.returncode == 0, out  # warnings only: the commit may go ahead
    # a broken reference fails the hook
    (repo / "refs" / "facts.txt").write_text("\n", encoding="utf-8")  # no snippets
    broken = _run([sys.executable, "-m", "pre_commit", "run", "--all-files"], repo, env,
                  check=False)
    assert broken.returncode == 1, broken.stdout  # pre-commit reports a failing hook as 1
    assert "refs/facts.txt: no reference snippets in this file" in broken.stdout
    _run(["git", "checkout", "--", "refs/facts.txt"], repo)


@pytest.fixture(scope="module")
def action_env(setup: dict[str, object]) -> Path:
    """action/install.sh as the runner runs it: a venv of its own (made again by the script
    over one prepared to see this environment's dependencies, so pip builds and installs only
    claimcheck) with claimcheck installed from the action's checkout, its bin folder handed to
    later steps through GITHUB_PATH. Returns that folder."""
    base, tool = Path(str(setup["base"])), Path(str(setup["tool"]))
    runner = base / "runner"
    runner.mkdir()
    _sharing_venv(runner / "claimcheck-venv", with_pip=False)  # the script's venv path
    path_file = runner / "github_path"
    path_file.write_text("", encoding="utf-8")
    done = _run(["bash", str(tool / "action" / "install.sh")], base,
                {"ACTION_PATH": str(tool), "RUNNER_TEMP": str(runner),
                 "GITHUB_PATH": str(path_file)})
    assert "(factlint " in done.stdout
    assert str(runner / "claimcheck-venv") in done.stdout  # the installed copy ran
    added = path_file.read_text(encoding="utf-8").splitlines()
    assert added == [str(runner / "claimcheck-venv" / "bin")]
    return Path(added[0])


def _action_step(setup: dict[str, object], bindir: Path,
                 tmp: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """The workflow's claimcheck step, as the runner executes action.yml's run step."""
    repo, tool = Path(str(setup["repo"])), Path(str(setup["tool"]))
    workflow = yaml.safe_load((repo / ".github/workflows/claimcheck.yml").read_text())
    step = next(s for s in workflow["jobs"]["claimcheck"]["steps"]
                if s.get("uses", "").startswith("OWNER/claimcheck@"))
    assert step["uses"] == f"OWNER/claimcheck@{setup['sha']}"
    files = {name: tmp / name for name in ("summary", "output")}
    for file in files.values():
        file.write_text("", encoding="utf-8")
    env = {"ACTION_PATH": str(tool), "GITHUB_STEP_SUMMARY": str(files["summary"]),
           "GITHUB_OUTPUT": str(files["output"]), "GITHUB_ACTIONS": "true", "CI": "true",
           "INPUT_PATHS": step["with"].get("paths", "."),
           "INPUT_REFS": step["with"].get("refs", ""), "INPUT_ARGS": step["with"].get("args", ""),
           "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}  # as GITHUB_PATH does
    done = _run(["bash", str(tool / "action" / "run.sh")], repo, env, check=False)
    return done, {name: file.read_text(encoding="utf-8") for name, file in files.items()}


@pytest.mark.slow(40)
def test_workflow_step_annotates_summarises_and_fails_on_a_broken_reference(
        setup: dict[str, object], action_env: Path, tmp_path: Path) -> None:
    done, files = _action_step(setup, action_env, tmp_path)
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert any(a.startswith("::warning file=docs/guide.md,line=3,col=1,") and "CC101" in a
               for a in annotations), done.stdout + done.stderr
    assert done.returncode == 0 and files["output"] == "exit-code=0\n"
    assert files["summary"].startswith("## claimcheck report\n")
    assert "| CC101 sweeping-quantifier | 1 |" in files["summary"]
    repo = Path(str(setup["repo"]))
    (repo / "refs" / "facts.txt").write_text("\n", encoding="utf-8")  # no snippets
    try:
        broken, files = _action_step(setup, action_env, tmp_path)
    finally:
        _run(["git", "checkout", "--", "refs/facts.txt"], repo)
    assert broken.returncode == 2 and files["output"] == "exit-code=2\n"
    assert "refs/facts.txt: no reference snippets in this file" in broken.stderr
