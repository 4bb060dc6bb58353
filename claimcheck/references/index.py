"""BM25 retrieval over the reference snippets, built once per reference set and cached.

bm25s computes every (term, snippet) BM25 weight at build time into a column-compressed
matrix, so a query only touches the postings of its own terms: cost follows how common the
query words are, not how many snippets there are. (rank_bm25 rescores every document for every
query in Python and has no persistence, so it is orders of magnitude slower at 100k snippets.)
The top-k selection is ours, to make ties deterministic: best score first, then the earlier
snippet.

The cache file is keyed by a hash of the snippets' ids and texts plus the tokenizer and BM25
settings and a fingerprint of the code that builds it (`INDEX_CODE`: this package, the text
layer with its word-list reader, the bm25s adapter and bm25s), so any change to the references or to
that code builds a new index (another claimcheck sharing the user cache never hands this one its
index); an unreadable or inconsistent file is rebuilt, never fatal. A file larger than an
index of these snippets can be (or a compressed one that would expand past that, or anything
but a regular file) is rebuilt without being read: a huge or corrupt cache never fills memory
or blocks the run.

Snippet vectors (one row per snippet, from whatever embedder the checker names: see
`ReferenceIndex.vectors`) are kept beside the index file as `<key>.<name>.npy`, float16,
memory-mapped when read back; the name carries the embedder and its version, so a new
embedder never reads an old one's rows. A damaged vectors file is computed again, never fatal.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ..adapters.bm25 import METHOD
from ..models import Snippet
from ..processes import collector_paused
from .cache import atomic_write, cache_root, code_fingerprint
from .tokenize import signature, term_ids, tokenize_many

K1 = 1.5
B = 0.75
FORMAT_VERSION = 1
# An index holds per (word, snippet) a float32 weight and an int32 snippet number, the
# vocabulary and one int64 offset per word: well under 64 bytes per character of snippet text.
CACHE_BYTES_PER_CHAR = 64
CACHE_SLACK = 1 << 20  # the archive's own overhead and the metadata
# Postings summed by sorting while they are fewer than 1/128 of the snippets, else into one
# slot per snippet (measured on the benchmark's 100,000 snippets: 1/8 was 1.4x slower).
DENSE_RATIO = 128
SEED_CAP = 1024  # most postings of one word scored for the k-th score's lower bound
PRESELECT = 64  # above this many, candidates are cut to the k-th score before sorting
KEEP_CACHED = 32  # newest index files kept; older reference sets are rebuilt if they return
_VECTORS_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}")
# The code whose behaviour is in a cached index (tokens, stopwords, stems, weights, layout).
INDEX_CODE = ("claimcheck.references", "claimcheck.text",
              "claimcheck.adapters", "bm25s")


class ReferenceIndex:
    """Snippets plus their BM25 term-by-snippet weights in CSC form (one column per term)."""

    def __init__(self, snippets: list[Snippet], vocab: list[str], data: np.ndarray,
                 indices: np.ndarray, indptr: np.ndarray, from_cache: bool = False) -> None:
        self.snippets = snippets
        self.vocab = {token: i for i, token in enumerate(vocab)}
        self.data = data
        self.indices = indices
        self.indptr = indptr
        self.from_cache = from_cache  # True when loaded from disk instead of built
        # Set on a shard (part of a larger reference set, see claimcheck.batch.shards): each
        # term's document frequency in the WHOLE set. Query terms are summed rarest first by it
        # instead of by this index's own postings, so a shard's scores are bitwise the whole
        # index's.
        self.rarity: list[int] | None = None
        self._starts: list[int] | None = None  # indptr as Python ints, made on first query
        # Set by build_index: where this index is cached, so vectors are kept beside it.
        self.cache_path: Path | None = None
        self._vectors: dict[str, np.ndarray] = {}

    def vectors(self, name: str, compute: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """One float16 row per snippet from `compute` (texts -> rows), made once per reference
        set: read from the cache beside the index (memory-mapped) when there and sound, else
        computed and written there. `name` names the embedder and its version."""
        held = self._vectors.get(name)
        if held is not None:
            return held
        if not _VECTORS_NAME.fullmatch(name):
            raise ValueError(f"not a vectors name: {name!r}")
        path = None if self.cache_path is None else self.cache_path.with_name(
            f"{self.cache_path.stem}.{name}.npy")
        found = None if path is None else _load_vectors(path, len(self.snippets))
        if found is None:
            with collector_paused():
                found = np.asarray(compute([s.text for s in self.snippets]), dtype=np.float16)
            if found.ndim != 2 or len(found) != len(self.snippets):
                raise ValueError(f"{name}: {found.shape} vectors for {len(self.snippets)} "
                                 "snippets")
            if path is not None:
                _save_vectors(path, found)
        self._vectors[name] = found
        return found

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(snippet position, BM25 score) of the best `k` snippets, best first."""
        return self.search_many([query], k)[0]

    def search_many(self, queries: Sequence[str], k: int) -> list[list[tuple[int, float]]]:
        return [self._top(tokens, k) for tokens in tokenize_many(queries)]

    def _top(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        vocab = self.vocab
        # a repeated query word counts once: a claim that says "tax" twice is not about tax twice
        terms = list(dict.fromkeys(i for t in tokens if (i := vocab.get(t)) is not None))
        if not terms or k <= 0:
            return []
        if self._starts is None:  # Python ints: cheaper per query than numpy scalars
            self._starts = self.indptr.tolist()
        starts = self._starts
        if self.rarity is None:
            terms.sort(key=lambda i: starts[i + 1] - starts[i])  # rarest first; stable for ties
        else:
            terms.sort(key=self.rarity.__getitem__)
        indices, data = self.indices, self.data
        spans = [slice(starts[i], starts[i + 1]) for i in terms]
        if len(spans) == 1:
            hit, weight = indices[spans[0]], data[spans[0]]
        else:
            # in the dtypes bincount works in, so it copies nothing
            hit = np.concatenate([indices[s] for s in spans], dtype=np.intp)
            weight = np.concatenate([data[s] for s in spans], dtype=np.float64)
        n_docs = len(self.snippets)
        # bincount adds the float32 weights in float64 in posting order, so every snippet's
        # score is summed rarest word first on both paths
        if not DENSE_RATIO or len(hit) * DENSE_RATIO <= n_docs:
            # rare words: sorting their few postings beats a slot per snippet
            docs, inverse = np.unique(hit, return_inverse=True)
            return _best(docs, np.bincount(inverse, weights=weight, minlength=len(docs)), k)
        dense = np.bincount(hit, weights=weight, minlength=n_docs)
        kth = _kth_bound(dense, hit, spans, k)
        docs = np.flatnonzero(dense) if kth is None else np.flatnonzero(dense >= kth)
        return _best(docs, dense[docs], k)


def _kth_bound(dense: np.ndarray, hit: np.ndarray, spans: list[slice], k: int) -> float | None:
    """A score that at least k snippets reach (None if fewer than k have any), so one
    comparison over `dense` finds every snippet that can be in the top k.

    Any k distinct snippets' scores bound the k-th best from below; those holding the rarest
    words are few and likely among the best. `hit` lists the postings rarest word first.
    """
    seen = 0  # postings of the rarer words
    for span in spans:
        n = span.stop - span.start
        if seen + n >= k:
            if n >= k:
                # this word's postings are k or more distinct snippets; with the rarer words'
                # postings, a snippet appears at most `seen` extra times, so the (k + seen)-th
                # best of these scores is reached by k distinct snippets
                held = dense[hit[:seen + min(n, max(k, SEED_CAP))]]
                rank = len(held) - k - seen
                return float(np.partition(held, rank)[rank])
            distinct = set(hit[:seen + n].tolist())  # fewer than 2k postings
            if len(distinct) >= k:
                held = dense[sorted(distinct)]
                return float(np.partition(held, len(held) - k)[len(held) - k])
        seen += n
    return None


def _best(docs: np.ndarray, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (snippet, score), best first; ties go to the earlier snippet."""
    if len(docs) > max(k, PRESELECT):
        # keep everything tied with the k-th score so the tie-break below sees all of them
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        keep = scores >= kth
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:k]
    return list(zip(docs[order].tolist(), scores[order].tolist(), strict=True))


def build_index(snippets: list[Snippet], cache_dir: Path | None = None) -> ReferenceIndex:
    """The index of `snippets`, loaded from `cache_dir` (default: the user cache) when there."""
    folder = cache_dir if cache_dir is not None else cache_root() / "index"
    key = cache_key(snippets)
    path = folder / f"{key}.npz"
    cached = _load(path, snippets, key)
    if cached is not None:
        try:
            os.utime(path)  # pruning goes by mtime: keep the sets in use
        except OSError:
            pass
        cached.cache_path = path
        return cached
    with collector_paused():  # millions of small lists that no cycle collection frees
        index = _build(snippets)
    _save(path, index, key)
    index.cache_path = path
    return index


def cache_key(snippets: Sequence[Snippet]) -> str:
    digest = hashlib.sha256(
        f"v{FORMAT_VERSION}|{signature()}|{METHOD}|k1={K1}|b={B}|"
        f"code={code_fingerprint(*INDEX_CODE)}\n".encode())
    for snippet in snippets:
        # lengths first, so no choice of id and text can collide with another split of them
        digest.update(f"{len(snippet.id)}:{len(snippet.text)}:".encode())
        digest.update(snippet.id.encode())
        digest.update(snippet.text.encode())
    return digest.hexdigest()


def _build(snippets: list[Snippet]) -> ReferenceIndex:
    # Term ids are computed by us in one pass (in an order that does not depend on string
    # hashing); handing bm25s token strings costs another pass per token.
    vocab, ids = term_ids([s.text for s in snippets])
    if not vocab:
        empty = np.zeros(0, dtype=np.float32)
        return ReferenceIndex(snippets, [], empty, np.zeros(0, dtype=np.int32),
                              np.zeros(1, dtype=np.int64))
    from ..adapters.bm25 import weights

    return ReferenceIndex(snippets, vocab, *weights(ids, vocab, K1, B))


def _save(path: Path, index: ReferenceIndex, key: str) -> None:
    buffer = io.BytesIO()
    meta = json.dumps({"key": key, "docs": len(index.snippets)}).encode()
    np.savez(buffer, data=index.data, indices=index.indices, indptr=index.indptr,
             vocab=np.frombuffer("\n".join(index.vocab).encode(), dtype=np.uint8),
             meta=np.frombuffer(meta, dtype=np.uint8))
    try:
        atomic_write(path, buffer.getvalue())
        _prune(path.parent)
    except OSError:
        pass  # no cache (read-only or full disk): the next run simply builds again


def cache_cap(snippets: Sequence[Snippet]) -> int:
    """The most bytes a cached index of these snippets can take, stored or expanded."""
    return CACHE_BYTES_PER_CHAR * sum(len(s.text) + len(s.id) for s in snippets) + CACHE_SLACK


def _within_cap(path: Path, cap: int) -> bool:
    """A regular file of at most `cap` bytes whose members expand to at most `cap` bytes."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > cap:
            return False
        with zipfile.ZipFile(path) as archive:
            return sum(member.file_size for member in archive.infolist()) <= cap
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def _load(path: Path, snippets: list[Snippet], key: str) -> ReferenceIndex | None:
    """The cached index, or None when missing, unreadable, too big or not this reference
    set's."""
    if not _within_cap(path, cache_cap(snippets)):
        return None
    try:
        with np.load(path, allow_pickle=False) as npz:
            meta = json.loads(npz["meta"].tobytes())
            data, indices, indptr = npz["data"], npz["indices"], npz["indptr"]
            raw_vocab = npz["vocab"].tobytes().decode("utf-8")
    except Exception:  # missing, or damaged (truncated zip, bad JSON...): rebuild
        return None
    vocab = raw_vocab.split("\n") if len(indptr) > 1 else []
    consistent = (
        meta.get("key") == key
        and meta.get("docs") == len(snippets)
        and data.dtype.kind == "f" and indices.dtype.kind in "iu" and indptr.dtype.kind in "iu"
        and len(data) == len(indices) and len(indptr) == len(vocab) + 1
        and indptr[0] == 0 and indptr[-1] == len(data)
        and bool(np.all(np.diff(indptr) >= 0))
        and (len(indices) == 0 or int(indices.max()) < len(snippets) and int(indices.min()) >= 0)
    )
    if not consistent:
        return None
    return ReferenceIndex(snippets, vocab, data, indices, indptr, from_cache=True)


def _save_vectors(path: Path, rows: np.ndarray) -> None:
    buffer = io.BytesIO()
    np.save(buffer, rows, allow_pickle=False)
    try:
        atomic_write(path, buffer.getvalue())
    except OSError:
        pass  # no cache: computed again next run


def _load_vectors(path: Path, docs: int) -> np.ndarray | None:
    """The cached rows, memory-mapped, or None when missing, damaged or not `docs` rows of
    finite float16 (a truncated file fails to map; garbage in a sound header fails the checks)."""
    try:
        rows = np.load(path, mmap_mode="r", allow_pickle=False)
        sound = (isinstance(rows, np.ndarray) and rows.dtype == np.float16 and rows.ndim == 2
                 and rows.shape[0] == docs and bool(np.isfinite(rows).all()))
    except Exception:  # missing, truncated, not a .npy file: compute again
        return None
    if not sound:
        return None
    try:
        os.utime(path)
    except OSError:
        pass
    return rows


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_CACHED:]:
        old.unlink(missing_ok=True)
    for rows in folder.glob("*.npy"):  # vectors of a reference set whose index is gone
        if not rows.with_name(rows.name.split(".", 1)[0] + ".npz").exists():
            rows.unlink(missing_ok=True)
