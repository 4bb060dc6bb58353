"""The wheel users install (pipx, pip install git+..., pre-commit: never editable) holds every
file the package reads.

An editable install reads the source tree, so a data file the wheel leaves out (a new suffix
that package-data does not cover, a file read from outside the package) works here and breaks
for every user. The wheel is built the way pip builds it for them (isolated build, setuptools
from the index); a run with references is traced with an audit hook, and every file it opens
in this checkout must be in the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.checkout import checkout_files

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "claimcheck"

# Run in a folder of its own (so no pyproject.toml or config of this checkout is read), with a
# cold cache (so the index is built, not loaded), printing every file opened under ROOT
# (a virtual environment inside ROOT is not ours).
_TRACE = """
import os, sys
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.add(os.path.realpath(os.fsdecode(args[0])))
sys.addaudithook(hook)
from claimcheck.cli import main
code = 0
for argv in (["check", "draft.md", "--refs", "refs", "--format", "json"],
             ["check", "draft.md", "--format", "table"],
             ["rules", "CC101"]):
    try:
        main(argv)
    except SystemExit as exc:
        code = max(code, exc.code or 0)
root = sys.argv[1]
envs = {os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix)}
sys.stdout.flush()
print("\\n=== opened", file=sys.stderr)
for path in sorted(opened):
    if path.startswith(root + os.sep) and not any(path.startswith(e) for e in envs):
        print(path, file=sys.stderr)
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The file names in a wheel built from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    source = out / "src"
    files = checkout_files(ROOT)
    for rel in files:
        target = source / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                            str(source), "-w", str(out)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    (path,) = out.glob("*.whl")
    with zipfile.ZipFile(path) as archive:
        return set(archive.namelist())


@pytest.mark.slow(6)
def test_every_file_of_the_package_is_in_the_wheel(wheel: set[str]) -> None:
    package = [f for f in checkout_files(ROOT) if f.startswith("claimcheck/")]
    assert [f for f in package if f not in wheel] == []
    assert "claimcheck/py.typed" in wheel


def test_every_file_a_run_reads_is_in_the_wheel(wheel: set[str], tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(
        "# Port\n\nAll experts agree that the port is busy. The port of Valmora handled 1.2 "
        "million containers in 2023. The mayor said \"fees will not rise\" on 3 May 2024.\n",
        encoding="utf-8")
    shutil.copytree(ROOT / "fixtures" / "refs" / "news", tmp_path / "refs")
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", _TRACE, str(ROOT.resolve())], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert '"verdict"' in done.stdout or '"label"' in done.stdout  # references were judged
    opened = done.stderr.split("=== opened\n", 1)[1].split()
    read = sorted(Path(p).relative_to(ROOT.resolve()).as_posix() for p in opened)
    data = [f for f in read if not f.endswith((".py", ".pyc"))]
    assert any(f.endswith(".json") for f in data) and any(f.endswith(".txt") for f in data)
    assert [f for f in read if "__pycache__" not in f and f not in wheel] == []


def test_the_meaning_signal_loads_from_the_installed_wordllama() -> None:
    """wordllama's weights and tokenizer ship in its wheel; the checker loads them offline.
    A failed load is silent at run time (the checker works without the signal, with other
    verdicts), so it is caught here."""
    from claimcheck.check import semantic

    assert semantic.vectors() is not None
