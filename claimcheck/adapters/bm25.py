"""bm25s internals, read here only: the weight matrix `BM25.index` leaves in `model.scores`,
and the private scoring functions that compute it (for shards that share global statistics).

bm25s (MIT) has no public API for either; both are stable across 0.2.10 .. 0.3.x, the range
pyproject.toml allows. tests/test_adapters.py checks them against a BM25 computed here from its
formula, so a bm25s that renames or changes them fails the suite, not a user's run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

import numpy as np

# Lucene's variant: the only one without a weight for absent terms, so a snippet's score is the
# sum of its own terms' weights (what the index's postings hold).
METHOD = "lucene"


def weights(ids: Sequence[Sequence[int]], vocab: Sequence[str], k1: float,
            b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(data, indices, indptr) of the term-by-snippet BM25 weights in column-compressed form
    (one column per term id, snippet positions in each): bitwise what `bm25s.BM25.index`
    computes into `model.scores` for the snippets' token ids (`vocab`: the term of each id).

    Computed here with whole-array numpy operations instead of bm25s's loop over snippets (a
    Counter and five small arrays per snippet: 4 of the 6.4 s an index of 100,000 snippets
    took). Every weight goes through the same floating-point operations in the same order and
    types as bm25s's (`_weight_dtype`), with bm25s's own idf function, so the result is the
    same to the last bit; tests/test_adapters.py compares the two on random corpora.
    """
    from bm25s.scoring import _select_idf_scorer

    n_docs, n_vocab = len(ids), len(vocab)
    lengths = np.fromiter(map(len, ids), dtype=np.int64, count=n_docs)
    average = np.array([len(doc) for doc in ids]).mean()  # as bm25s computes it
    flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
    # one entry per (snippet, term) with the term's count in the snippet, snippet-major
    pairs, counts = np.unique(np.repeat(np.arange(n_docs, dtype=np.int64), lengths) * n_vocab
                              + flat, return_counts=True)
    rows, cols = np.divmod(pairs, n_vocab)
    frequency = np.bincount(cols, minlength=n_vocab)
    idf_of = _select_idf_scorer(METHOD)
    idf = np.zeros(n_vocab, dtype=np.float32)
    for term in np.flatnonzero(frequency).tolist():
        idf[term] = idf_of(int(frequency[term]), N=n_docs)
    # bm25s, per snippet: tf / (k1 * ((1 - b) + b * len / average) + tf) * idf, in `work`
    work = _weight_dtype()
    norm = k1 * ((1 - b) + b * lengths[rows].astype(np.float64) / average)
    tf = counts.astype(np.float32).astype(work)
    scores = (idf[cols].astype(work) * (tf / (norm.astype(work) + tf))).astype(np.float32)
    order = np.argsort(cols * n_docs + rows, kind="stable")  # column-major, snippets ascending
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(frequency, out=indptr[1:])
    return scores[order], rows[order].astype(np.int32), indptr


def _weight_dtype() -> np.dtype[Any]:
    """The type bm25s's per-snippet arithmetic runs in: a float64 scalar (the length norm) with
    float32 arrays (counts, idf) is float64 under numpy 2's promotion rules, float32 under
    numpy 1's value-based casting."""
    return np.result_type(np.float64(1.5), np.zeros(1, dtype=np.float32))


def weights_with(ids: Sequence[Sequence[int]], document_frequency: Mapping[int, int],
                 snippets: int, average_length: np.float64, local_frequency: Mapping[int, int],
                 k1: float, b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(weights, snippet rows, term columns) of these snippets' BM25 weights, in bm25s's own
    order, computed from statistics given by the caller (a shard's, from the whole set), by
    the functions `BM25.index` uses, so each weight is bitwise what the whole index holds."""
    from bm25s.scoring import (
        _build_idf_array,
        _build_scores_and_indices_for_matrix,
        _select_idf_scorer,
    )

    _no_monitor_thread()
    idf = _build_idf_array(doc_frequencies=dict(document_frequency), n_docs=snippets,
                           compute_idf_fn=_select_idf_scorer(METHOD), dtype="float32")
    scores, rows, cols = _build_scores_and_indices_for_matrix(
        corpus_token_ids=ids, idf_array=idf, avg_doc_len=average_length,
        doc_frequencies=dict(local_frequency), k1=k1, b=b, delta=None,
        nonoccurrence_array=None, method=METHOD, dtype="float32", int_dtype="int32",
        show_progress=False)
    return np.asarray(scores), np.asarray(rows), np.asarray(cols)


def _no_monitor_thread() -> None:
    """bm25s makes tqdm bars even with show_progress=False, and tqdm starts a monitor thread
    with its first bar: a thread the process that forks the judges must not have (a fork may
    copy a lock it holds). `tqdm.monitor_interval = 0`, tqdm's documented switch, keeps it from
    starting; the bars are hidden, so nothing is lost."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0
