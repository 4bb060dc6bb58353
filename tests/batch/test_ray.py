"""`--engine ray` on a local Ray instance (2 CPUs, started once per session): the same rows as
`--engine local` and as `claimcheck check`, unsharded and with the index in 2 shard actors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimcheck.batch.packed import pack_snippets
from claimcheck.batch.ray_engine import ShardActor
from claimcheck.batch.shards import GlobalStats, merge, ranges
from claimcheck.cli import main
from claimcheck.models import Snippet
from claimcheck.references.index import _build

from .conftest import claim_rows, synth, write_corpus
from .test_batch import expected_rows

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A corpus, its references, and the local engine's output for them."""
    folder = tmp_path_factory.mktemp("ray")
    docs, refs = write_corpus(folder, documents=8)
    local = folder / "local"
    assert main(["batch", str(docs), "--refs", str(refs), "--out", str(local), "--quiet"]) == 0
    return docs, refs, local


def test_ray_rows_equal_local_rows_and_check(ray_instance: Any, corpus: tuple[Path, Path, Path],
                                            tmp_path: Path) -> None:
    docs, refs, local = corpus
    out = tmp_path / "ray"
    assert main(["batch", str(docs), "--refs", str(refs), "--out", str(out), "--engine", "ray",
                 "--quiet"]) == 0
    rows = claim_rows(out)
    assert rows == claim_rows(local)
    assert rows == expected_rows(docs, refs)
    assert ray_instance.is_initialized()  # an instance it did not start is left running


def test_two_shards_give_the_unsharded_rows(ray_instance: Any, corpus: tuple[Path, Path, Path],
                                            tmp_path: Path) -> None:
    docs, refs, local = corpus
    out = tmp_path / "sharded"
    assert main(["batch", str(docs), "--refs", str(refs), "--out", str(out), "--engine", "ray",
                 "--shards", "2", "--quiet"]) == 0
    assert claim_rows(out) == claim_rows(local)


def test_shard_actors_merge_to_the_whole_index_top_k(ray_instance: Any) -> None:
    made = synth.make_snippets(1500, 60, seed=9)
    snippets = [Snippet(id=s.id, text=s.text, source=s.source) for s in made]
    queries = [q for q in synth.make_draft(8000, seed=9).text.split(". ") if q.strip()][:80]
    actor = ray_instance.remote(num_cpus=0)(ShardActor)
    shards = [actor.remote([ray_instance.put(pack_snippets(snippets[b:e]))], b)
              for b, e in ranges(len(snippets), 2)]
    total = GlobalStats.of(ray_instance.get([s.stats.remote() for s in shards]))
    ray_instance.get([s.build.remote(total) for s in shards])
    answers = ray_instance.get([s.search.remote(queries, 8) for s in shards])
    assert merge([hits for hits, _ in answers], 8) == _build(snippets).search_many(queries, 8)
    for hits, found in answers:  # the snippets come along with the hits
        assert {p for query in hits for p, _ in query} == set(found)
        assert all(found[p] == snippets[p] for p in found)
    for shard in shards:
        ray_instance.kill(shard)
