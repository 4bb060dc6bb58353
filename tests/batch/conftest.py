"""Batch tests: a private index cache per test, a small synthetic corpus with references that
support, contradict and misquote some of its claims, and helpers to read the output back."""

from __future__ import annotations

import json
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def ray_instance() -> Iterator[Any]:
    """A local Ray instance with 2 CPUs for the whole session (it takes about 10 s to start)."""
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[ray]')")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="error")
    yield ray
    ray.shutdown()
