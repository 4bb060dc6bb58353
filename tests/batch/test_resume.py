"""A batch killed with SIGTERM at random points and restarted with the same arguments ends with
the same Parquet rows as an uninterrupted run: nothing lost, nothing twice. And the commit
protocol underneath: a torn log line or a part no line names is undone when a run resumes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from claimcheck.batch.output import CLAIMS, LOG, Output
from claimcheck.batch.schema import DocumentSummary, claim_schema
from claimcheck.errors import UserError

from .conftest import claim_rows, summaries, write_corpus

SEED = 18
KILLS = 4
DOCUMENTS = 40


def start(docs: Path, refs: Path, out: Path, config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "claimcheck", "batch", str(docs), "--refs",
                             str(refs), "--out", str(out), "--config", str(config), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def committed(out: Path) -> int:
    """Documents named by complete lines of the commit log."""
    try:
        data = (out / LOG).read_bytes()
    except FileNotFoundError:
        return 0
    count = 0
    for line in data.splitlines(keepends=True):
        if line.endswith(b"\n"):
            count += len(json.loads(line)["documents"])
    return count


@pytest.mark.slow(20)
def test_sigterm_at_random_points_then_resume_gives_the_same_rows(tmp_path: Path) -> None:
    docs, refs = write_corpus(tmp_path, documents=DOCUMENTS, size=800)
    config = tmp_path / "batch.toml"  # small parts and tasks: many commit points to hit
    config.write_text("[batch]\npart_documents = 2\nbatch_size = 1\nworkers = 2\n")
    whole = tmp_path / "whole"
    done = start(docs, refs, whole, config)
    assert done.wait(timeout=300) == 0, done.stderr.read() if done.stderr else ""
    rng = random.Random(SEED)
    out = tmp_path / "killed"
    kills = []
    for _ in range(KILLS):
        # aim at a random point of the remaining work, plus a random fraction of a second so
        # the signal lands between and inside commits
        target = committed(out) + rng.randint(1, 3)
        run = start(docs, refs, out, config)
        deadline = time.monotonic() + 120
        while committed(out) < target and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.1))
        if run.poll() is not None:
            break  # it finished first
        run.send_signal(signal.SIGTERM)
        code = run.wait(timeout=60)
        err = run.stderr.read().decode() if run.stderr else ""
        if code != -signal.SIGTERM:  # else it came before the handler, during start-up
            assert code == 128 + signal.SIGTERM, err
            assert "run the same command again to resume" in err
        assert "Traceback" not in err
        kills.append(committed(out))
    assert sum(k < DOCUMENTS for k in kills) >= 3, kills  # most kills landed mid-run
    final = start(docs, refs, out, config)
    assert final.wait(timeout=300) == 0
    rows = claim_rows(out)
    assert rows == claim_rows(whole)
    keys = [(r["document_id"], r["claim_id"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert [s["id"] for s in summaries(out)] == [s["id"] for s in summaries(whole)]
    assert not [p for p in out.iterdir() if p.name.startswith(".claimcheck-refs-")]
    assert not [p for p in (out / CLAIMS).iterdir() if p.name.startswith(".")]


def _summary(doc: str) -> DocumentSummary:
    return DocumentSummary(id=doc, hash=f"h-{doc}", status="ok", claims=1)


def _row(doc: str) -> Any:
    row = {"document_id": doc, "document_hash": f"h-{doc}", "claim_id": "C1", "text": doc}
    return pa.Table.from_pylist([row], schema=claim_schema())


def test_a_torn_log_line_and_an_unnamed_part_are_undone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = Output(out, {"s": 1}, overwrite=False)
    first.commit([_summary("a")], [_row("a")])
    first.commit([_summary("b")], [_row("b")])
    del first
    # a kill between a part's rename and its log line, then one inside a log append
    (out / CLAIMS / "part-000002.parquet").write_bytes(b"orphan")
    (out / CLAIMS / ".part-000003.parquet.tmp").write_bytes(b"half")
    with (out / LOG).open("ab") as fh:
        fh.write(b'{"part": "claims/part-000001.parquet", "documents": [{"id": "c"')
    again = Output(out, {"s": 1}, overwrite=False)
    assert set(again.done) == {("a", "h-a"), ("b", "h-b")}
    assert sorted(p.name for p in (out / CLAIMS).iterdir()) == [
        "part-000000.parquet", "part-000001.parquet"]
    assert (out / LOG).read_bytes().endswith(b"]}\n")  # the torn line is cut off
    again.commit([_summary("c")], [_row("c")])  # and appends after the last good line
    assert [json.loads(line)["documents"][0]["id"]
            for line in (out / LOG).read_text().splitlines()] == ["a", "b", "c"]


def test_a_log_line_naming_a_missing_part_is_not_committed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = Output(out, {"s": 1}, overwrite=False)
    first.commit([_summary("a")], [_row("a")])
    first.commit([_summary("b")], [_row("b")])
    del first
    os.unlink(out / CLAIMS / "part-000001.parquet")
    assert set(Output(out, {"s": 1}, overwrite=False).done) == {("a", "h-a")}


def test_one_run_at_a_time_per_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    held = Output(out, {"s": 1}, overwrite=False)
    with pytest.raises(UserError, match="another claimcheck batch is writing"):
        Output(out, {"s": 1}, overwrite=False)
    del held
