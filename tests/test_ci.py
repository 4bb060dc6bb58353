"""The CI pieces a docs repository uses: --force-exclude for hooks, --summary, the hook
manifest, action.yml and the workflow in docs/ci.md (structure; the end-to-end run is in
tests/test_ci_e2e.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimcheck.cli import main
from claimcheck.config import Config
from claimcheck.pipeline import expand_drafts

ROOT = Path(__file__).parent.parent


def _tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


DOCS = {
    "docs/guide.md": "All experts agree that the bridge is safe.\n",
    "docs/old/legacy.md": "Everyone knows the old bridge was unsafe.\n",
    "requirements.txt": "mkdocs>=1.5\n",
    "refs/notes.md": "The bridge was inspected in 2023.\n",
    "README.txt": "Many people read this.\n",
}


def test_force_exclude_applies_the_config_to_named_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, DOCS)
    monkeypatch.chdir(tmp_path)
    named = list(DOCS)
    config = Config(refs=["refs"], exclude=["requirements*.txt", "docs/old/**"],
                    config_path=str(tmp_path / ".claimcheck.toml"))
    assert expand_drafts(named, config) == named  # named files are checked as given
    assert expand_drafts(named, config, force_exclude=True) == ["docs/guide.md", "README.txt"]
    # include narrows too; the config's folder is the base of the globs, not the cwd
    monkeypatch.chdir(tmp_path / "docs")
    narrow = Config(refs=["../refs"], include=["docs/**"],
                    config_path=str(tmp_path / ".claimcheck.toml"))
    assert expand_drafts(["guide.md", "../README.txt", "old/legacy.md"], narrow,
                         force_exclude=True) == ["guide.md", "old/legacy.md"]


def test_reference_files_are_never_drafts_of_a_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, DOCS)
    monkeypatch.chdir(tmp_path)
    assert "refs/notes.md" in expand_drafts(["."], Config())
    found = expand_drafts(["."], Config(refs=["refs"]))
    assert "refs/notes.md" not in found and "docs/guide.md" in found


def test_hook_run_on_excluded_files_only_passes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path, DOCS)
    (tmp_path / ".claimcheck.toml").write_text('exclude = ["requirements.txt"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--force-exclude", "requirements.txt"]) == 0
    assert "no drafts to check" in capsys.readouterr().err
    assert main(["check", "--force-exclude", "requirements.txt", "docs/guide.md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("docs/guide.md:1:1: CC101 [warning]")
    assert "requirements" not in out


def test_summary_is_appended_as_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path, DOCS)
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    assert main(["check", "docs/guide.md", "--format", "github", "--summary", str(summary)]) == 0
    assert capsys.readouterr().out.startswith("::warning file=docs/guide.md,line=1,col=1,")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## claimcheck report\n")
    assert "| CC101 sweeping-quantifier | 1 |" in text
    assert main(["check", "docs/guide.md", "--summary", "nowhere/summary.md"]) == 2


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
    assert "--force-exclude" in hook["entry"].split()


def _check_jsonschema(schema: str, file: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert exe, "check-jsonschema is a dev dependency: pip install -e '.[dev]'"
    return subprocess.run([exe, "--builtin-schema", schema, str(file)],
                          capture_output=True, text=True, check=False)


def test_action_yml_is_a_valid_composite_action() -> None:
    done = _check_jsonschema("vendor.github-actions", ROOT / "action.yml")
    assert done.returncode == 0, done.stdout + done.stderr
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        assert "uses" in step or step.get("shell") == "bash"
        if "run" in step:  # inputs reach scripts through env, never pasted into the script
            assert "${{" not in step["run"]
            script = re.search(r'"\$ACTION_PATH/(\S+)"', step["run"])
            assert script and (ROOT / script.group(1)).is_file()


def documented_workflow() -> str:
    """The first YAML block of docs/ci.md that is a workflow (has `jobs:`)."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    return next(b for b in blocks if "\njobs:" in b)


def test_documented_workflow_is_valid_and_uses_this_action(tmp_path: Path) -> None:
    workflow = tmp_path / "claimcheck.yml"
    workflow.write_text(documented_workflow(), encoding="utf-8")
    done = _check_jsonschema("vendor.github-workflows", workflow)
    assert done.returncode == 0, done.stdout + done.stderr
    steps = yaml.safe_load(workflow.read_text())["jobs"]["claimcheck"]["steps"]
    ours = [s for s in steps if s.get("uses", "").startswith("OWNER/claimcheck@")]
    assert len(ours) == 1
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert set(ours[0]["with"]) <= set(action["inputs"])
