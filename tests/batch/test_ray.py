"""`--engine ray` joining a local Ray instance (2 CPUs, one per session, in its own process):
the same rows as `--engine local` and as `claimcheck check`, unsharded and with the index in 2
shard actors. Each batch runs as the user runs it, in a process of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import main

from .conftest import RayHead, claim_rows, write_corpus
from .test_batch import expected_rows

pytestmark = pytest.mark.ray  # one xdist worker runs both (tests/conftest.py: TOGETHER)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A corpus, its references, and the local engine's output for them."""
    folder = tmp_path_factory.mktemp("ray")
    docs, refs = write_corpus(folder, documents=8)
    local = folder / "local"
    assert main(["batch", str(docs), "--refs", str(refs), "--out", str(local), "--quiet"]) == 0
    return docs, refs, local


def ray_batch(head: RayHead, docs: Path, refs: Path, out: Path, *extra: str) -> None:
    done = subprocess.run([sys.executable, "-m", "claimcheck", "batch", str(docs), "--refs",
                           str(refs), "--out", str(out), "--engine", "ray", "--address",
                           head.address, "--quiet", *extra], capture_output=True, text=True,
                          timeout=600, env=head.env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr


@pytest.mark.slow(32)
def test_ray_rows_equal_local_rows_and_check(ray_head: RayHead,
                                            corpus: tuple[Path, Path, Path],
                                            tmp_path: Path) -> None:
    docs, refs, local = corpus
    out = tmp_path / "ray"
    ray_batch(ray_head, docs, refs, out)
    rows = claim_rows(out)
    assert rows == claim_rows(local)
    assert rows == expected_rows(docs, refs)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["engine"] == "ray" and summary["workers"] == 2 and summary["complete"]


@pytest.mark.slow(10)
def test_two_shard_actors_give_the_unsharded_rows(ray_head: RayHead,
                                                  corpus: tuple[Path, Path, Path],
                                                  tmp_path: Path) -> None:
    docs, refs, local = corpus
    out = tmp_path / "sharded"
    ray_batch(ray_head, docs, refs, out, "--shards", "2")
    assert claim_rows(out) == claim_rows(local)
    assert json.loads((out / "summary.json").read_text())["shards"] == 2
