"""`claimcheck batch` with the local engine, end to end through the command line (in-process):
the rows are `claimcheck check`'s claims, every corpus form gives the same rows, runs resume,
bad documents are recorded and the output folder is never mixed up."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimcheck.batch.schema import claim_rows as rows_of_claims
from claimcheck.batch.schema import claim_schema
from claimcheck.cli import main
from claimcheck.config import Config
from claimcheck.pipeline import run

from .conftest import NEWS_DRAFTS, NEWS_REFS, claim_rows, summaries, write_corpus


def batch(*args: str | Path) -> int:
    return main(["batch", *map(str, args), "--quiet"])


def expected_rows(folder: Path, refs: Path) -> list[dict[str, Any]]:
    """What `claimcheck check` says of each draft, checked on its own, as batch rows."""
    rows = []
    for path in sorted(folder.iterdir()):
        report = run([str(path)], Config(refs=[str(refs)]))
        digest = __import__("hashlib").sha256(path.read_bytes()).hexdigest()
        rows.extend(rows_of_claims(path.name, digest, report.claims))
    return sorted(rows, key=lambda r: (r["document_id"], r["start"], r["claim_id"]))


@pytest.mark.slow(4)
def test_rows_are_what_check_says_of_each_draft(tmp_path: Path) -> None:
    assert batch(NEWS_DRAFTS, "--refs", NEWS_REFS, "--out", tmp_path / "out") == 0
    got = claim_rows(tmp_path / "out")
    want = expected_rows(NEWS_DRAFTS, NEWS_REFS)
    assert got == want
    labels = {r["verdict"] for r in got}  # the fixture exercises the interesting verdicts
    assert {"supported", "contradicted", "misquoted", "no_evidence"} <= labels
    assert any(r["flags"] for r in got) and any(r["evidence_ids"] for r in got)


@pytest.mark.slow(9)
def test_synthetic_corpus_in_two_workers_matches_check(tmp_path: Path) -> None:
    docs, refs = write_corpus(tmp_path, documents=10)
    out = tmp_path / "out"
    assert batch(docs, "--refs", refs, "--out", out, "--workers", "2") == 0
    assert claim_rows(out) == expected_rows(docs, refs)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["complete"] and summary["documents"] == summary["checked"] == 10
    assert summary["claims"] == len(claim_rows(out)) and summary["workers"] == 2
    assert [s["id"] for s in summaries(out)] == sorted(p.name for p in docs.iterdir())
    # the schema is the public one, column for column
    assert pq.read_schema(next((out / "claims").glob("*.parquet"))).equals(claim_schema())


@pytest.mark.slow(11)
def test_jsonl_and_parquet_corpora_give_the_same_rows_as_the_folder(tmp_path: Path) -> None:
    docs, refs = write_corpus(tmp_path, documents=4)
    assert batch(docs, "--refs", refs, "--out", tmp_path / "a") == 0
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(docs.iterdir())}
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()))
    paths = tmp_path / "paths.jsonl"  # "path" rows, relative to the JSONL file
    paths.write_text("".join(json.dumps({"path": f"docs/{k}"}) + "\n" for k in texts))
    table = tmp_path / "corpus.parquet"
    pq.write_table(pa.table({"id": list(texts), "text": list(texts.values())}), table)
    assert batch(jsonl, "--refs", refs, "--out", tmp_path / "b") == 0
    assert batch(table, "--refs", refs, "--out", tmp_path / "c") == 0
    assert batch(paths, "--refs", refs, "--out", tmp_path / "d") == 0
    folder_rows = claim_rows(tmp_path / "a")
    assert claim_rows(tmp_path / "b") == folder_rows
    assert claim_rows(tmp_path / "c") == folder_rows
    renamed = [{**r, "document_id": f"docs/{r['document_id']}"} for r in folder_rows]
    assert claim_rows(tmp_path / "d") == renamed


@pytest.mark.slow(3)
def test_bad_documents_are_recorded_and_the_batch_goes_on(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    good = (NEWS_DRAFTS / "news.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join([
        json.dumps({"id": "good.txt", "text": good}),
        "{not json",
        json.dumps({"text": "no id here"}),
        json.dumps({"id": "empty.txt", "text": "   "}),
        json.dumps({"id": "nul.txt", "text": "a\u0000b"}),
        json.dumps({"id": "missing.txt", "path": "nowhere.txt"}),
        json.dumps({"id": "good.txt", "text": good + " Again."}),
        json.dumps({"id": "no-text.txt"}),
        json.dumps(["a", "list"]),
    ]) + "\n")
    out = tmp_path / "out"
    assert batch(corpus, "--refs", NEWS_REFS, "--out", out) == 1  # errors: exit 1
    lines = summaries(out)
    assert [s["status"] for s in lines] == ["ok"] + ["error"] * 8
    errors = [s["error"] for s in lines[1:]]
    assert "corpus.jsonl:2: not a JSON object" in errors[0]
    assert "no document id" in errors[1]
    assert "the draft is empty" in errors[2]
    assert "NUL bytes" in errors[3]
    assert "cannot read" in errors[4]
    assert "duplicate document id" in errors[5]
    assert "no document text" in errors[6]
    assert "not a JSON object" in errors[7]
    assert {r["document_id"] for r in claim_rows(out)} == {"good.txt"}
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["documents"], summary["checked"], summary["errors"]) == (9, 1, 8)
    assert "8 with errors" in capsys.readouterr().err


@pytest.mark.slow(7)
def test_a_second_run_skips_what_is_written_and_rechecks_changed_documents(
        tmp_path: Path) -> None:
    docs, refs = write_corpus(tmp_path, documents=5)
    out = tmp_path / "out"
    assert batch(docs, "--refs", refs, "--out", out) == 0
    first = claim_rows(out)
    assert batch(docs, "--refs", refs, "--out", out) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["resumed"] == 5 and summary["documents_per_second"] == 0
    assert claim_rows(out) == first
    # one draft edited, one removed, one added: only they change, old rows are gone
    (docs / "doc001.md").write_text("The council approved 12 new schools in 2021.\n")
    (docs / "doc002.md").unlink()
    (docs / "new.md").write_text("The ministry said: “We will never raise taxes.”\n")
    assert batch(docs, "--refs", refs, "--out", out) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["resumed"] == 3 and summary["documents"] == 5
    rows = claim_rows(out)
    assert rows == expected_rows(docs, refs)
    assert not [r for r in rows if r["document_id"] == "doc002.md"]
    assert len(list((out / "claims").iterdir())) == len({s["part"] for s in summaries(out)})


@pytest.mark.slow(4)
def test_a_folder_of_other_settings_or_other_files_is_never_mixed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert batch(NEWS_DRAFTS, "--refs", NEWS_REFS, "--out", out) == 0
    other_refs = tmp_path / "refs.md"
    other_refs.write_text("The council approved 12 new schools in 2021.\n")
    capsys.readouterr()
    assert batch(NEWS_DRAFTS, "--refs", other_refs, "--out", out) == 2
    err = capsys.readouterr().err
    assert "holds results of other settings (changed: references)" in err
    assert err.count("\n") == 1
    # another claimcheck under the same version (a checkout, refitted weights) is other code
    monkeypatch.setattr("claimcheck.references.cache.code_fingerprint", lambda *_: "other")
    assert batch(NEWS_DRAFTS, "--refs", NEWS_REFS, "--out", out) == 2
    assert "holds results of other settings (changed: code)" in capsys.readouterr().err
    monkeypatch.undo()
    assert batch(NEWS_DRAFTS, "--refs", other_refs, "--out", out, "--overwrite") == 0
    assert {r["document_id"] for r in claim_rows(out)} == {p.name for p in NEWS_DRAFTS.iterdir()}
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    assert batch(NEWS_DRAFTS, "--refs", NEWS_REFS, "--out", foreign) == 2
    assert "holds no claimcheck batch" in capsys.readouterr().err
    assert (foreign / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("args, message", [
    (["nowhere"], "nowhere: no such file or folder"),
    (["{corpus}", "--shards", "2"], "--shards needs --engine ray"),
    (["{bad}"], "a corpus is a folder of drafts"),
    (["{parquet}"], "needs the columns 'id' and 'text'"),
])
def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   args: list[str], message: str) -> None:
    bad = tmp_path / "corpus.csv"
    bad.write_text("id,text\n")
    parquet = tmp_path / "c.parquet"
    pq.write_table(pa.table({"name": ["a"]}), parquet)
    values = {"corpus": str(NEWS_DRAFTS), "bad": str(bad), "parquet": str(parquet)}
    argv = [a.format(**values) for a in args]
    assert batch(*argv, "--refs", NEWS_REFS, "--out", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_missing_pyarrow_is_one_line_naming_the_extra(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    assert batch(NEWS_DRAFTS, "--refs", NEWS_REFS, "--out", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "needs pyarrow" in err and "[batch]'" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_missing_ray_is_one_line_naming_the_extra(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    assert batch(NEWS_DRAFTS, "--refs", NEWS_REFS, "--out", tmp_path / "out",
                 "--engine", "ray") == 2
    err = capsys.readouterr().err
    assert "needs Ray" in err and "[ray]'" in err and err.count("\n") == 1


def test_config_keys_set_the_engine_settings(tmp_path: Path) -> None:
    (tmp_path / ".claimcheck.toml").write_text(
        f'refs = ["{NEWS_REFS}"]\n[batch]\nworkers = 1\npart_documents = 1\nbatch_size = 1\n')
    out = tmp_path / "out"
    assert batch(NEWS_DRAFTS, "--out", out, "--config", tmp_path / ".claimcheck.toml") == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["workers"] == 1
    assert len(list((out / "claims").iterdir())) == 3  # one part per document
    (tmp_path / "bad.toml").write_text("[batch]\nengine = 'spark'\n")
    assert batch(NEWS_DRAFTS, "--out", out, "--config", tmp_path / "bad.toml") == 2


@pytest.mark.slow(3)
def test_a_threaded_caller_gets_workers_from_a_fork_server(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """With another thread running, a fork could copy a lock that thread holds: the pool then
    starts its workers from a fork server, and the rows are the same."""
    import threading

    from claimcheck.batch import local

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    methods: list[str] = []
    original = local.start_method
    monkeypatch.setattr(local, "start_method", lambda: methods.append(original()) or methods[-1])
    try:
        assert batch(NEWS_DRAFTS, "--refs", NEWS_REFS, "--out", tmp_path / "out",
                     "--workers", "2") == 0
    finally:
        stop.set()
    assert methods == ["forkserver"]
    assert claim_rows(tmp_path / "out") == expected_rows(NEWS_DRAFTS, NEWS_REFS)


def test_extra_fields_of_a_reference_reach_judging(tmp_path: Path) -> None:
    """A record marked verbatim makes a changed word a misquote (unmarked, a contradiction):
    the packed references carry every field judging reads, not only id and text."""
    refs = tmp_path / "refs.jsonl"
    refs.write_text(json.dumps({
        "id": "t1", "source": "transcript", "verbatim": True, "title": "Minister's speech",
        "text": "We will build forty new bridges across the northern valley before the end of "
                "2030, and every one of them will carry trains."}) + "\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(
        "The minister said: “We will build fourteen new bridges across the northern valley "
        "before the end of 2030, and every one of them will carry trains.”\n")
    assert batch(docs, "--refs", refs, "--out", tmp_path / "out", "--workers", "2") == 0
    rows = claim_rows(tmp_path / "out")
    assert rows == expected_rows(docs, refs)
    assert [r["verdict"] for r in rows] == ["misquoted"]
