"""bm25s internals, read here only: the weight matrix `BM25.index` leaves in `model.scores`,
and the private scoring functions that compute it (for shards that share global statistics).

bm25s (MIT) has no public API for either; both are stable across 0.2.10 .. 0.3.x, the range
pyproject.toml allows. tests/test_adapters.py checks them against a BM25 computed here from its
formula, so a bm25s that renames or changes them fails the suite, not a user's run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

# Lucene's variant: the only one without a weight for absent terms, so a snippet's score is the
# sum of its own terms' weights (what the index's postings hold).
METHOD = "lucene"


def weights(ids: Sequence[Sequence[int]], vocab: Sequence[str], k1: float,
            b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(data, indices, indptr) of the term-by-snippet BM25 weights in column-compressed form
    (one column per term id, snippet positions in each): what `bm25s.BM25.index` computes into
    `model.scores` for the snippets' token ids (`vocab`: the term of each id)."""
    import bm25s

    model = bm25s.BM25(k1=k1, b=b, method=METHOD)
    model.index((ids, {term: i for i, term in enumerate(vocab)}), create_empty_token=False,
                show_progress=False)
    scores = model.scores
    return (np.asarray(scores["data"], dtype=np.float32), np.asarray(scores["indices"]),
            np.asarray(scores["indptr"]))


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

    idf = _build_idf_array(doc_frequencies=dict(document_frequency), n_docs=snippets,
                           compute_idf_fn=_select_idf_scorer(METHOD), dtype="float32")
    scores, rows, cols = _build_scores_and_indices_for_matrix(
        corpus_token_ids=ids, idf_array=idf, avg_doc_len=average_length,
        doc_frequencies=dict(local_frequency), k1=k1, b=b, delta=None,
        nonoccurrence_array=None, method=METHOD, dtype="float32", int_dtype="int32",
        show_progress=False)
    return np.asarray(scores), np.asarray(rows), np.asarray(cols)
