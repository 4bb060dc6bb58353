from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from clirun import run_cli

from claimcheck.check import retrieve
from claimcheck.check.retrieve import candidates, dense_fits, prepare_dense
from claimcheck.references import build_index

from .fake_index import FakeIndex, snippets


def test_candidates_drop_zero_scores_and_cap_k() -> None:
    index = FakeIndex(snippets("river council met", "river council voted", "weather report"))
    found = candidates(["river council", "nothing shared"], index, 1)
    assert [r.positions for r in found] == [[0], []]
    assert found[0].prior == [1.0]  # BM25's share of the claim's best score


# A paraphrase of the claim that shares one rare word with it, among snippets that share more.
PARAPHRASED = [
    "Hamas fighters agreed to leave the hospital in Gaza.",
    "The proposal from the mayor was discussed in the council on Monday.",
    "Qatar agreed to host the World Cup; Egypt agreed to send a team.",
    "Hamas accepted a plan put forward by Egyptian and Qatari mediators.",
    "Israel agreed to the proposal from the United States.",
    "Egypt and Qatar signed a gas deal.",
    "Hamas leaders met in Doha.",
]
CLAIM = "Hamas agreed to the proposal from Egypt and Qatar."


def test_a_paraphrase_sharing_few_words_is_found_by_meaning(tmp_path: Path) -> None:
    index = build_index(snippets(*PARAPHRASED), tmp_path)
    assert 3 not in candidates([CLAIM], index, 3)[0].positions  # BM25 alone misses it
    assert dense_fits(index)
    hybrid = candidates([CLAIM], index, 3, dense=True)[0]
    assert 3 in hybrid.positions
    assert len(hybrid.positions) == len(hybrid.prior) == 3
    assert all(0 <= p <= 1 for p in hybrid.prior)
    # the same input, the same candidates and scores (asked alone or with others)
    again = candidates(["Unrelated words about weather", CLAIM], index, 3, dense=True)[1]
    assert again == hybrid


def test_dense_retrieval_needs_an_index_with_vectors_and_a_small_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not dense_fits(FakeIndex(snippets(*PARAPHRASED)))  # no vectors kept
    index = build_index(snippets(*PARAPHRASED), tmp_path)
    monkeypatch.setattr(retrieve, "DENSE_MAX_SNIPPETS", len(PARAPHRASED) - 1)
    assert not dense_fits(index) and not prepare_dense(index)


def test_the_checker_embeds_snippets_once_per_reference_set(tmp_path: Path) -> None:
    index = build_index(snippets(*PARAPHRASED), tmp_path)
    assert prepare_dense(index)
    (kept,) = tmp_path.glob("*.npy")  # beside the index file, named by the embedder
    assert kept.name.startswith(index.cache_path.stem + ".wordllama-")  # type: ignore[union-attr]
    again = build_index(snippets(*PARAPHRASED), tmp_path)
    rows = retrieve.snippet_vectors(again)
    assert isinstance(rows, np.memmap)  # read back, memory-mapped, not computed again
    assert rows.shape == (len(PARAPHRASED), 256)



def test_the_report_is_byte_identical_with_cold_and_cached_vectors(tmp_path: Path) -> None:
    refs = tmp_path / "refs.jsonl"
    refs.write_text("".join(json.dumps({"id": f"e{n}", "text": t}) + "\n"
                            for n, t in enumerate(PARAPHRASED)), encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(f"{CLAIM}\n\nQatar agreed to host the World Cup.\n", encoding="utf-8")
    env = {"CLAIMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    argv = ["check", str(draft), "--refs", str(refs), "--format", "json"]
    cold = run_cli(argv, env=env)
    (kept,) = (tmp_path / "cache" / "index").glob("*.npy")  # the snippet vectors, cached
    made = kept.stat().st_mtime_ns
    cached = run_cli(argv, env=env)
    assert cold.code == cached.code == 0 and cold.out == cached.out
    assert kept.stat().st_mtime_ns >= made and len(list(kept.parent.glob("*.npy"))) == 1
    kept.write_bytes(b"damaged")  # a damaged vectors file is made again, never fatal
    again = run_cli(argv, env=env)
    assert again.code == 0 and again.out == cold.out and again.err == cold.err
    assert np.load(kept).shape == (len(PARAPHRASED), 256)
