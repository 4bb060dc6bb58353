"""Batch tests: a private index cache per test, a small synthetic corpus with references that
support, contradict and misquote some of its claims, and helpers to read the output back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from benchmarks.scripts import load

pytest.importorskip("pyarrow", reason="the batch extra is not installed")

synth = load("synth")
REPO = Path(__file__).resolve().parents[2]
NEWS_DRAFTS = REPO / "fixtures" / "drafts"
NEWS_REFS = REPO / "fixtures" / "refs" / "news"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))


def write_corpus(folder: Path, documents: int, size: int = 1500,
                 snippets_each: int = 12) -> tuple[Path, Path]:
    """`documents` Markdown drafts (each its own fact stream) in folder/docs, and a JSONL
    reference set in folder/refs.jsonl with `snippets_each` snippets per draft, about a quarter
    of them on its facts (supporting, contradicting, quoting, misquoting)."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    records = []
    for seed in range(documents):
        draft = synth.make_draft(size, seed=seed)
        (docs / f"doc{seed:03d}.md").write_text(draft.text, encoding="utf-8")
        for s in synth.make_snippets(snippets_each, max(draft.facts, 1), seed=seed):
            records.append({"id": f"D{seed}-{s.id}", "text": s.text, "source": s.source})
    refs = folder / "refs.jsonl"
    refs.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return docs, refs


def claim_rows(out: Path) -> list[dict[str, Any]]:
    """Every Parquet row of an output folder, sorted by document then claim."""
    import pyarrow.parquet as pq

    rows = pq.read_table(out / "claims").to_pylist()
    return sorted(rows, key=lambda r: (r["document_id"], r["start"], r["claim_id"]))


def summaries(out: Path) -> list[dict[str, Any]]:
    text = (out / "documents.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


# The Ray instance lives in a process of its own, never in the test process: Ray's threads in
# the test process would make every later fork there (the local engine's pool, check's
# background judge) liable to deadlock on a lock a Ray thread held at the fork.
_RAY_HEAD = """
import os
import sys
import ray
context = ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                   logging_level="error")
# the address, and the authentication mode a joining driver must use (Ray >= 2.5x turns token
# authentication on for a local instance, and a joining driver uses it only when told)
print(context.address_info["gcs_address"], os.environ.get("RAY_AUTH_MODE", ""), flush=True)
sys.stdin.read()  # until the session closes our stdin
ray.shutdown()
"""


@dataclass(frozen=True)
class RayHead:
    address: str
    env: dict[str, str]  # the environment for a driver that joins it


@pytest.fixture(scope="session")
def ray_head() -> Iterator[RayHead]:
    """A local Ray instance with 2 CPUs, started once per session (about 10 s) in its own
    process; batch runs join it with --address."""
    pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[ray]')")
    head = subprocess.Popen([sys.executable, "-c", _RAY_HEAD], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert head.stdout is not None and head.stdin is not None
    address, _, mode = head.stdout.readline().strip().partition(" ")
    assert address, "the Ray head process did not start"
    env = dict(os.environ)
    if mode:
        env["RAY_AUTH_MODE"] = mode
    try:
        yield RayHead(address, env)
    finally:
        head.stdin.close()
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            head.kill()
            head.wait()
