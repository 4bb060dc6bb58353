"""`--engine ray`: documents through Ray Data `map_batches` on a pool of checker actors.

- No `--address`: a local Ray instance is started (and stopped at the end); with one, the run
  joins that cluster. claimcheck must be installed on every node (same version).
- Unsharded: the packed references (`packed`, numpy arrays only) go into the object store once;
  every actor gets them zero-copy, read-only, from the node's shared memory.
- `--shards N`: each shard actor holds one snippet range and its part of the index, weighted with
  the global BM25 statistics (`shards`); a checker actor sends each group's claims to every shard
  and merges their top-k, which is exactly the whole index's top-k. The candidate snippets come
  back with the hits, so checker actors never hold the whole reference set.

Documents go to the object store in waves (their texts only, as Arrow tables); each wave is one
Ray Data pipeline whose results stream back to the driver, which commits them as parts: the
output folder is written by the driver only, so it need not be shared with the cluster.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import Any

import numpy as np

from ..check.retrieve import BM25_POOL, DENSE_MAX_SNIPPETS, SearchIndex
from ..check.score import SpanCache
from ..check.semantic import embedder
from ..config import Config
from ..distribution import DIST_NAME
from ..errors import UserError
from ..models import Snippet
from ..processes import freeze_collector
from .corpus import Item
from .packed import PackedSnippets, pack_snippets
from .schema import DocumentSummary
from .shards import GlobalStats, Hits, Shard, merge, ranges
from .work import Checker, Result

INSTALL_HINT = f"pip install '{DIST_NAME}[ray]'"
WAVE = 20_000  # documents put into the object store per Ray Data pipeline
# A local instance started for one batch: no Python workers started ahead of need. Ray starts one
# per CPU when the driver connects, and a batch uses none of them (the checker actors and Ray
# Data's helper actors get processes of their own): on 2 CPUs, 2 idle processes that took 1.0 s
# of CPU and 89 MB (PSS) between them while the actors were starting, measured. Only for an
# instance we start: a cluster's configuration is its own.
STREAM_BLOCK_BYTES = 64 * 1024  # see _quiet
LOCAL_SYSTEM_CONFIG = {"enable_worker_prestart": False, "prestart_worker_first_driver": False}


def ray_module() -> ModuleType:
    try:
        import ray
        import ray.data  # noqa: F401  (Ray Data is the [data] extra of ray)
    except ImportError:
        raise UserError(f"--engine ray needs Ray (with Ray Data), which is not installed "
                        f"({INSTALL_HINT})") from None
    return ray


class RayEngine:
    name = "ray"

    def __init__(self, snippets: Sequence[Snippet], key: str, config: Config,
                 workers: int | None, batch_size: int, address: str | None,
                 shards: int) -> None:
        self.ray = ray = ray_module()
        self.config = config
        self.batch_size = batch_size
        self.snippets = len(snippets)
        self._started = False
        if not ray.is_initialized():
            try:
                ray.init(address=address, include_dashboard=False, log_to_driver=False,
                         logging_level=logging.ERROR,
                         **({} if address else {"_system_config": LOCAL_SYSTEM_CONFIG}))
            except (ConnectionError, ValueError, RuntimeError) as exc:
                where = f"the Ray cluster at {address}" if address else "a local Ray instance"
                raise UserError(f"cannot start or join {where}: {exc}") from None
            self._started = True
        _quiet(ray)
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self._shards: list[Any] = []
        if shards > 1:
            self._constructor = self._sharded(snippets, shards)
        else:
            from . import _packed

            arrays = ray.put(_packed(list(snippets), key))
            self._constructor = {"arrays": [arrays], "known": None, "shards": None}

    def _sharded(self, snippets: Sequence[Snippet], count: int) -> dict[str, Any]:
        """Shard actors, built in the two rounds of `claimcheck.batch.shards`."""
        ray = self.ray
        actor = ray.remote(num_cpus=0)(ShardActor)  # they serve; checker actors compute
        # each shard gets its range packed: a few buffers, not a list of records to unpickle
        self._shards = [actor.remote([ray.put(pack_snippets(snippets[begin:end]))], begin)
                        for begin, end in ranges(len(snippets), count)]
        stats = ray.get([s.stats.remote() for s in self._shards])
        total = ray.put(GlobalStats.of(stats))
        ray.get([s.build.remote(total) for s in self._shards])
        known = frozenset().union(*(s.known for s in stats))
        return {"arrays": None, "known": ray.put(known), "shards": self._shards,
                "total": len(snippets)}

    def run(self, items: Iterator[Item]) -> Iterator[Result]:
        wave: list[Item] = []
        for item in items:
            wave.append(item)
            if len(wave) >= WAVE:
                yield from self._wave(wave)
                wave = []
        if wave:
            yield from self._wave(wave)

    def _wave(self, items: list[Item]) -> Iterator[Result]:
        ray = self.ray
        # enough blocks for every actor to get some, none bigger than 16 batches
        size = min(max(len(items) // (4 * self.workers), self.batch_size), 16 * self.batch_size)
        # from_items builds the blocks and their metadata here in the driver; from_arrow_refs
        # ran a remote task per block for its metadata, in worker processes started for those
        # tasks alone (with the idle ones above, 2.5 s of CPU in a 300-document batch, measured)
        dataset = ray.data.from_items(
            [{"id": i.id, "hash": i.hash, "text": i.text, "markdown": i.markdown,
              "ordinal": i.ordinal} for i in items],
            override_num_blocks=-(-len(items) // size),
        ).map_batches(
            CheckerActor, batch_size=self.batch_size, batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=self.workers), num_cpus=1,
            fn_constructor_kwargs={"config_json": self.config.model_dump_json(),
                                   **self._constructor})
        for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
            for summaries, rows in zip(batch.column("summaries").to_pylist(),
                                       batch.column("rows").to_pylist(), strict=True):
                yield Result([DocumentSummary.model_validate(s) for s in json.loads(summaries)],
                             _rows_from_ipc(rows))

    def close(self) -> None:
        for shard in self._shards:
            self.ray.kill(shard)
        self._shards = []
        if self._started:
            self.ray.shutdown()
            self._started = False


def _quiet(ray: ModuleType) -> None:
    """The progress line is claimcheck's: no Ray Data progress bars, start and end notices;
    and results stream back batch by batch."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    # A map task's outputs are buffered into blocks of this size: at Ray Data's default (128
    # MB) a task returned all its documents' results at its end, in bursts of a block's 37 to
    # 128 documents, so the progress line, the ETA and the commits jumped (and a kill lost
    # more); each batch's result (one row of a few hundred KB) now comes back as it is made.
    # Measured on 300 documents: the same CPU (54.9 against 57.0 s, within noise).
    context.target_max_block_size = STREAM_BLOCK_BYTES
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"ray\..*")


def _rows_from_ipc(data: bytes | None) -> Any:
    if data is None:
        return None
    from .arrow import pyarrow

    pa = pyarrow()
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def _rows_to_ipc(table: Any) -> bytes | None:
    if table is None:
        return None
    from .arrow import pyarrow

    pa = pyarrow()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


class CheckerActor:
    """A Ray Data actor: checks a batch of documents, returns one row with their summaries
    (JSON) and claim rows (an Arrow IPC stream)."""

    def __init__(self, config_json: str, arrays: list[Any] | None, known: Any,
                 shards: list[Any] | None, total: int = 0) -> None:
        ray = ray_module()
        config = Config.model_validate_json(config_json)
        if shards:
            self.checker = Checker(ShardedSearcher(shards, ray.get(known), total), config)
        else:
            from .local import checker_for

            assert arrays is not None
            self.checker = checker_for(ray.get(arrays[0]), config)  # zero-copy numpy arrays
        freeze_collector()  # as a local worker does: start-up's objects out of the passes

    def __call__(self, batch: Any) -> Any:
        from .arrow import pyarrow

        pa = pyarrow()
        columns = batch.to_pydict()
        items = [Item(ordinal, doc_id, digest, text, markdown) for doc_id, digest, text,
                 markdown, ordinal in zip(columns["id"], columns["hash"], columns["text"],
                                          columns["markdown"], columns["ordinal"], strict=True)]
        result = self.checker.check(items)
        summaries = json.dumps([s.model_dump() for s in result.summaries], ensure_ascii=False)
        return pa.table({"summaries": [summaries],
                         "rows": pa.array([_rows_to_ipc(result.rows)], type=pa.binary())})


class ShardActor:
    """One snippet range of the reference set (see `claimcheck.batch.shards.Shard`)."""

    def __init__(self, arrays: list[Any], begin: int) -> None:
        ray = ray_module()
        self.shard = Shard(PackedSnippets(ray.get(arrays[0])), begin)  # zero-copy buffers

    def stats(self) -> Any:
        return self.shard.stats()

    def build(self, total: GlobalStats) -> None:
        self.shard.build(total)

    def search(self, queries: list[str], k: int, dense: bool = False
               ) -> tuple[list[Hits], dict[int, Snippet]]:
        """Each query's top k in this shard (global positions), with those snippets; with
        `dense`, also each query's nearest snippets by meaning in this shard, so the merged
        view holds the whole set's nearest (see `_View`)."""
        hits = self.shard.search_many(queries, k)
        found = {pos for query in hits for pos, _ in query}
        if dense:
            found.update(self.shard.nearest(queries))
        begin = self.shard.begin
        return hits, {pos: self.shard.snippets[pos - begin] for pos in found}


class _View:
    """The index as one group of claims sees it: their merged hits, and only the snippets among
    them, numbered in their global order (so ties break as in the whole index)."""

    def __init__(self, queries: Sequence[str], hits: list[Hits],
                 snippets: dict[int, Snippet]) -> None:
        positions = sorted(snippets)
        local = {pos: i for i, pos in enumerate(positions)}
        self.snippets = [snippets[pos] for pos in positions]
        self._queries = list(queries)
        self._hits = [[(local[pos], score) for pos, score in query] for query in hits]

    def search_many(self, queries: Sequence[str], k: int) -> list[list[tuple[int, float]]]:
        assert list(queries) == self._queries, "a view answers the queries it was made for"
        return [query[:k] for query in self._hits]


class _DenseView(_View):
    """A view of a reference set small enough to search by meaning: it holds every shard's
    nearest snippets for its queries, so the nearest among its own snippets are the whole
    set's, and its vectors are computed per snippet (a text's vector never depends on the
    others), so retrieval and verdicts equal an unsharded run's."""

    def __init__(self, queries: Sequence[str], hits: list[Hits],
                 snippets: dict[int, Snippet]) -> None:
        super().__init__(queries, hits, snippets)
        self._rows: dict[str, np.ndarray] = {}

    def vectors(self, name: str, compute: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        if name not in self._rows:
            self._rows[name] = np.asarray(compute([s.text for s in self.snippets]),
                                          dtype=np.float16)
        return self._rows[name]


class ShardedSearcher:
    """Candidates from every shard actor, merged; a span cache per group of claims (snippet
    numbers are the group's own)."""

    def __init__(self, shards: list[Any], known: frozenset[str], total: int = 0) -> None:
        self.shards = shards
        self.known = known
        self.total = total  # snippets in the whole set: whether it is searched by meaning

    def view(self, queries: Sequence[str], k: int) -> tuple[SearchIndex, SpanCache]:
        ray = ray_module()
        dense = 0 < self.total <= DENSE_MAX_SNIPPETS and embedder() is not None
        if dense:
            k = max(k, BM25_POOL)  # what candidates() asks of an index it searches by meaning
        answers = ray.get([s.search.remote(list(queries), k, dense) for s in self.shards])
        snippets: dict[int, Snippet] = {}
        for _, found in answers:
            snippets.update(found)
        kind = _DenseView if dense else _View
        view = kind(queries, merge([hits for hits, _ in answers], k), snippets)
        return view, SpanCache([s.text for s in view.snippets], self.known)
