"""The installed distribution is ours: its name, version and files, and rivals detected."""

from __future__ import annotations

import base64
import hashlib
import tomllib
from pathlib import Path

import pytest

import claimcheck
from claimcheck import distribution
from claimcheck.cli import main

ROOT = Path(__file__).parent.parent


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _fake_dist(site: Path, name: str, files: dict[str, bytes], *, script: bool = False,
               record_as: dict[str, bytes] | None = None) -> None:
    """A dist-info folder in `site` whose RECORD lists `files` (hashed as `record_as` says)."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    rows = []
    for rel, data in files.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        hashed = (record_as or files)[rel]
        rows.append(f"{rel},{_record_hash(hashed)},{len(hashed)}")
    (info / "RECORD").write_text("\n".join(rows) + "\n")
    if script:
        (info / "entry_points.txt").write_text(
            "[console_scripts]\nclaimcheck = claimcheck.cli:main\n")


def test_the_installed_distribution_is_ours() -> None:
    """Fails when the `claimcheck` package here is not factlint's, another distribution writes
    into it, or another install changed our files (see claimcheck.distribution)."""
    assert distribution.problems() == [], (
        "reinstall in a clean venv: pip uninstall -y claimcheck; pip install -e '.[dev]'")
    dist = distribution.ours()
    assert dist is not None and dist.version == claimcheck.__version__


def test_package_metadata_agrees_with_the_code() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == distribution.DIST_NAME
    assert project["version"] == claimcheck.__version__
    # no public repository yet: none declared, so no output links a placeholder
    assert "urls" not in project and distribution.repository() is None
    assert project["scripts"] == {"claimcheck": "claimcheck.cli:main"}


def test_a_rival_that_writes_into_our_package_is_named(tmp_path: Path) -> None:
    _fake_dist(tmp_path, "claimcheck-receipts", {"claimcheck/cli.py": b"print('receipts')\n"},
               script=True)
    _fake_dist(tmp_path, "unrelated", {"unrelated/__init__.py": b""})
    assert distribution.rivals([str(tmp_path)]) == ["claimcheck-receipts 1.0"]
    problems = distribution.problems([str(tmp_path)])
    assert any("not installed" in p for p in problems)  # no factlint on this path
    assert any("claimcheck-receipts 1.0" in p for p in problems)


def test_a_command_of_the_same_name_alone_is_a_rival(tmp_path: Path) -> None:
    _fake_dist(tmp_path, "other-tool", {"other_tool/__init__.py": b""}, script=True)
    assert distribution.rivals([str(tmp_path)]) == ["other-tool 1.0"]


def test_our_files_changed_by_another_install_are_reported(tmp_path: Path) -> None:
    original = b"def main():\n    return 0\n"
    _fake_dist(tmp_path, "factlint", {"claimcheck/cli.py": b"print('overwritten')\n",
                                     "claimcheck/__init__.py": b""},
               record_as={"claimcheck/cli.py": original, "claimcheck/__init__.py": b""})
    dist = distribution.ours([str(tmp_path)])
    assert dist is not None
    assert distribution.changed_files(dist) == ["claimcheck/cli.py"]
    (tmp_path / "claimcheck" / "__init__.py").unlink()
    problems = distribution.problems([str(tmp_path)])
    assert len(problems) == 1 and "2 of factlint's files were changed" in problems[0]
    assert "claimcheck/__init__.py (missing)" in problems[0]


def test_an_intact_install_has_no_problems(tmp_path: Path) -> None:
    _fake_dist(tmp_path, "factlint", {"claimcheck/cli.py": b"x = 1\n"})
    assert distribution.problems([str(tmp_path)]) == []


def test_version_names_the_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    out = capsys.readouterr()
    assert out.out.startswith(f"claimcheck {claimcheck.__version__} (factlint ")
    assert out.err == ""


SHA = "0123456789abcdef0123456789abcdef01234567"
GIT = {"vcs": "git", "commit_id": SHA}


@pytest.mark.parametrize(("record", "expected"), [
    # pip install git+https://github.com/acme/claimcheck@<sha>: links at that very commit
    ({"url": "https://github.com/acme/claimcheck.git",
      "vcs_info": {"vcs": "git", "commit_id": SHA, "requested_revision": "v1"}},
     ("https://github.com/acme/claimcheck", SHA)),
    ({"url": "https://gitlab.com/team/sub/claimcheck", "vcs_info": GIT},
     ("https://gitlab.com/team/sub/claimcheck", SHA)),
    # no web page we know how to address, or nothing that is a repository on the web
    ({"url": "https://git.example.org/acme/claimcheck", "vcs_info": GIT},
     None),
    ({"url": "ssh://git@github.com/acme/claimcheck", "vcs_info": {"vcs": "git", "commit_id": SHA}},
     None),
    ({"url": "https://user:token@github.com/acme/claimcheck",
      "vcs_info": {"vcs": "git", "commit_id": SHA}}, None),
    ({"url": "https://github.com/acme", "vcs_info": {"vcs": "git", "commit_id": SHA}}, None),
    ({"url": "https://github.com/acme/claimcheck", "vcs_info": {"vcs": "hg", "commit_id": SHA}},
     None),
    ({"url": "https://github.com/acme/claimcheck", "vcs_info": {"vcs": "git"}}, None),
    ({"url": "https://github.com/acme/claimcheck", "vcs_info": {"vcs": "git", "commit_id": "../x"}},
     None),
    ({"url": "file:///home/me/claimcheck", "dir_info": {"editable": True}}, None),
    ({"url": "https://example.org/factlint-0.1.0.tar.gz", "archive_info": {}}, None),
])
def test_a_git_install_links_the_pages_of_the_commit_it_came_from(
        record: dict[str, object], expected: tuple[str, str] | None) -> None:
    import json

    assert distribution._installed_from(json.dumps(record)) == expected


@pytest.mark.parametrize("text", [None, "", "not json", "[]", '{"url": 3, "vcs_info": {}}'])
def test_a_missing_or_odd_install_record_is_no_home(text: str | None) -> None:
    assert distribution._installed_from(text) is None


def test_this_checkout_installed_from_its_folder_has_no_home() -> None:
    distribution.home.cache_clear()
    assert distribution.home() is None and distribution.rule_doc_url("CC101") is None
