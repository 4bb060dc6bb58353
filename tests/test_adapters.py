"""The third-party internals claimcheck reads, each through one adapter (claimcheck/adapters/):
these tests fail loudly when a new release of the library changes what the adapter reads, and
when anything outside the adapters starts reading it."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import math
import re
from pathlib import Path

import numpy as np
import pytest
from packaging.requirements import Requirement

import claimcheck
from claimcheck.adapters import blingfire as bf
from claimcheck.adapters.bm25 import weights, weights_with
from claimcheck.distribution import DIST_NAME

PACKAGE = Path(claimcheck.__file__).parent
ADAPTED = {"bm25s": "bm25.py", "blingfire": "blingfire.py"}  # library -> its one adapter

CORPUS = [[0, 1, 2], [1, 1, 3], [2, 4], [0, 1, 2, 3, 4, 4], [5]]  # token ids per snippet
VOCAB = ["council", "school", "budget", "rose", "fell", "harbour"]
K1, B = 1.5, 0.75


def _lucene(ids: list[list[int]], k1: float, b: float) -> dict[tuple[int, int], float]:
    """BM25 (Lucene's variant) from its formula: (snippet, term) -> weight."""
    n = len(ids)
    avg = sum(map(len, ids)) / n
    df = {t: sum(t in doc for doc in ids) for t in {t for doc in ids for t in doc}}
    out = {}
    for d, doc in enumerate(ids):
        for t in set(doc):
            tf = doc.count(t)
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            out[(d, t)] = idf * tf / (tf + k1 * (1 - b + b * len(doc) / avg))
    return out


def _csc(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray) -> dict[tuple[int, int],
                                                                            float]:
    return {(int(indices[k]), term): float(data[k])
            for term in range(len(indptr) - 1) for k in range(indptr[term], indptr[term + 1])}


def test_bm25s_index_weights_are_lucene_bm25_in_csc_form() -> None:
    data, indices, indptr = weights(CORPUS, VOCAB, K1, B)
    assert data.dtype == np.float32 and len(indptr) == len(VOCAB) + 1
    for term in range(len(VOCAB)):  # snippet positions ascending in each term's column
        column = indices[indptr[term]:indptr[term + 1]]
        assert list(column) == sorted(column)
    found, expected = _csc(data, indices, indptr), _lucene(CORPUS, K1, B)
    assert found.keys() == expected.keys()
    for key, value in expected.items():
        assert found[key] == pytest.approx(value, rel=1e-5), key


def test_bm25s_scoring_functions_give_the_index_weights_bitwise() -> None:
    """The private functions the shards call, given the whole set's statistics, give exactly
    what BM25.index computed (claimcheck.batch.shards relies on it to the last bit)."""
    df = {t: sum(t in doc for doc in CORPUS) for t in range(len(VOCAB))}
    avg = np.float64(sum(map(len, CORPUS))) / np.float64(len(CORPUS))
    scores, rows, cols = weights_with(CORPUS, df, len(CORPUS), avg, df, K1, B)
    whole = _csc(*weights(CORPUS, VOCAB, K1, B))
    assert {(int(r), int(c)): float(s) for s, r, c in zip(scores, rows, cols, strict=True)} \
        == whole


def test_index_weights_are_bitwise_what_bm25s_index_computes() -> None:
    """`weights` computes BM25.index's matrix with whole-array operations: on random corpora
    (repeated terms, empty snippets, one-snippet sets) every array is bm25s's to the last bit."""
    import random

    import bm25s

    rng = random.Random(11)
    for _ in range(40):
        n_terms, n_docs = rng.randint(1, 50), rng.randint(1, 60)
        docs = [[rng.randrange(n_terms) for _ in range(rng.randint(0, 20))] for _ in range(n_docs)]
        used = sorted({t for doc in docs for t in doc})
        if not used:
            continue
        dense = {t: i for i, t in enumerate(used)}
        ids = [[dense[t] for t in doc] for doc in docs]
        vocab = [f"w{i}" for i in range(len(used))]
        model = bm25s.BM25(k1=K1, b=B, method="lucene")
        model.index((ids, {term: i for i, term in enumerate(vocab)}), create_empty_token=False,
                    show_progress=False)
        expected = (np.asarray(model.scores["data"], dtype=np.float32),
                    np.asarray(model.scores["indices"]), np.asarray(model.scores["indptr"]))
        for ours, theirs in zip(weights(ids, vocab, K1, B), expected, strict=True):
            assert ours.dtype == theirs.dtype and ours.tobytes() == theirs.tobytes()


def test_blingfire_library_is_loaded_directly_and_answers_as_blingfire_does() -> None:
    assert bf.loaded(), (f"blingfire's {bf.LIBRARY} was not found in its package folder: "
                         "claimcheck.adapters.blingfire needs updating for this blingfire")
    blingfire = bf.module()
    texts = ["Dr. Smith arrived at 5 p.m. on Monday. He left!  Did he?\n\nYes.",
             "Ünïcödé — “quoted,” she said. 3.5 million rose; 12% fell.",
             " ".join(f"Sentence number {n} is here." for n in range(400)),  # buffer classes
             "no full stop at all", ""]
    for text in texts:
        assert bf.text_to_sentences(text) == blingfire.text_to_sentences(text), text[:40]
    offsets = bf.sentence_offsets(texts[0])
    assert [texts[0][s:e] for s, e in offsets][:2] == ["Dr. Smith arrived at 5 p.m. on Monday.",
                                                      "He left!"]


@pytest.mark.parametrize("library", sorted(ADAPTED))
def test_adapted_libraries_have_an_upper_version_bound_the_installed_one_meets(
        library: str) -> None:
    requirements = [Requirement(r) for r in metadata.requires(DIST_NAME) or []]
    declared = [r for r in requirements if r.name == library and not r.marker]
    assert declared, f"{library} is not declared in pyproject.toml"
    assert any(s.operator in ("<", "<=", "~=", "==") for s in declared[0].specifier), (
        f"{library} is read through an adapter: give it an upper version bound")
    assert declared[0].specifier.contains(metadata.version(library))


def test_only_the_adapters_import_the_adapted_libraries_or_ctypes() -> None:
    outside: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom)
                     and not node.level else [])
            for name in names:
                top = name.split(".")[0]
                if top == "ctypes" and rel != f"adapters/{ADAPTED['blingfire']}":
                    outside.append(f"{rel}: {name}")
                elif top in ADAPTED and rel != f"adapters/{ADAPTED[top]}":
                    outside.append(f"{rel}: {name}")
    assert outside == []


def test_no_model_scores_or_private_bm25s_names_outside_the_adapter() -> None:
    pattern = re.compile(r"\bmodel\.scores\b|bm25s\.scoring|_build_(scores_and_indices|idf_array)")
    found = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
             if p.parent.name != "adapters" and pattern.search(p.read_text(encoding="utf-8"))]
    assert found == []
