from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from claimcheck.models import Snippet
from claimcheck.references import build_index
from claimcheck.references import index as index_module
from claimcheck.references.cache import code_fingerprint
from claimcheck.references.tokenize import tokenize

TEXTS = [
    "The harbour handled 4.2 million containers in 2023, up 3% from the year before.",
    "Mayor Jane Doe said the port fees will not rise this year.",
    "Unemployment in the region fell to 3.5% in May.",
    "Exports to Norway grew by 12% in 2023.",
    "The ferry service carried 1,200 passengers a day.",
]


def snippets(texts: list[str] = TEXTS) -> list[Snippet]:
    return [Snippet(id=f"r{i}", text=t, source="test") for i, t in enumerate(texts)]


def test_finds_the_right_snippet(tmp_path: Path) -> None:
    index = build_index(snippets(), tmp_path)
    assert index.search("How many containers did the harbour handle?", 3)[0][0] == 0
    assert index.search("Jane Doe promised that fees would not rise", 3)[0][0] == 1
    assert index.search("unemployment 3.5%", 3)[0][0] == 2
    # stemming: "exported" meets "Exports"; thousands separators: "1200" meets "1,200"
    assert index.search("Norway exported more", 3)[0][0] == 3
    assert index.search("1200 passengers", 3)[0][0] == 4


def test_scores_best_first_and_only_matching_snippets(tmp_path: Path) -> None:
    index = build_index(snippets(), tmp_path)
    hits = index.search("2023 containers harbour", 5)
    assert [pos for pos, _ in hits] == [0, 3]  # only these mention any query term
    assert hits[0][1] > hits[1][1] > 0


def test_no_known_terms_or_stopwords_only(tmp_path: Path) -> None:
    index = build_index(snippets(), tmp_path)
    assert index.search("zebra xylophone", 5) == []
    assert index.search("the of and", 5) == []
    assert index.search("", 5) == []


def test_ties_break_by_position_and_k_cuts(tmp_path: Path) -> None:
    same = snippets(["alpha beta", "gamma delta", "alpha beta", "alpha beta"])
    index = build_index(same, tmp_path)
    hits = index.search("alpha", 2)
    assert [pos for pos, _ in hits] == [0, 2]
    assert hits[0][1] == hits[1][1]
    assert [pos for pos, _ in index.search("alpha", 10)] == [0, 2, 3]


def test_search_many_matches_search(tmp_path: Path) -> None:
    index = build_index(snippets(), tmp_path)
    queries = ["harbour containers", "fees", "nothing matches zzz", "Norway 2023"]
    assert index.search_many(queries, 3) == [index.search(q, 3) for q in queries]


def test_second_build_loads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_index(snippets(), tmp_path)
    files = list(tmp_path.glob("*.npz"))
    assert not first.from_cache and len(files) == 1
    built = []
    monkeypatch.setattr(index_module, "_build", lambda s: built.append(s))
    second = build_index(snippets(), tmp_path)
    assert second.from_cache and built == []
    queries = ["harbour containers 2023", "mayor fees"]
    assert second.search_many(queries, 5) == first.search_many(queries, 5)


def test_changed_snippets_get_a_new_cache_entry(tmp_path: Path) -> None:
    build_index(snippets(), tmp_path)
    changed = snippets()
    changed[1] = Snippet(id="r1", text="Mayor Jane Doe said fees will rise.", source="test")
    index = build_index(changed, tmp_path)
    assert not index.from_cache
    assert len(list(tmp_path.glob("*.npz"))) == 2
    renamed = [Snippet(id=f"x{i}", text=t, source="test") for i, t in enumerate(TEXTS)]
    assert not build_index(renamed, tmp_path).from_cache


def test_an_index_built_by_other_code_is_never_read(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every installed claimcheck (an upgrade, a checkout, a pre-commit or pipx environment)
    shares the user cache. Another version whose tokens differ (here: unstemmed, upper-case)
    once handed its index to this one under the same key, and a sentence the references hold
    word for word got 'no reference shares a content word'."""
    with monkeypatch.context() as other:
        other.setattr(index_module, "code_fingerprint", lambda *modules: "other-version")
        real = index_module.term_ids
        other.setattr(index_module, "term_ids",
                      lambda texts: real([t.upper() + " XX" for t in texts]))
        assert not build_index(snippets(), tmp_path).from_cache
    index = build_index(snippets(), tmp_path)
    assert not index.from_cache
    assert index.search("How many containers did the harbour handle?", 3)[0][0] == 0
    assert len(list(tmp_path.glob("*.npz"))) == 2


def test_the_code_fingerprint_follows_every_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "fp_probe"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("X = 1\n")
    (package / "data" / "words.txt").write_text("alpha\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    first = code_fingerprint("fp_probe", "fp_probe_missing")
    code_fingerprint.cache_clear()
    assert code_fingerprint("fp_probe", "fp_probe_missing") == first  # stable
    (package / "data" / "words.txt").write_text("alpha\nbeta\n")
    code_fingerprint.cache_clear()
    assert code_fingerprint("fp_probe", "fp_probe_missing") != first  # data counts
    module = tmp_path / "fp_module.py"
    module.write_text("Y = 1\n")
    alone = code_fingerprint("fp_module")
    module.write_text("Y = 2\n")
    code_fingerprint.cache_clear()
    assert code_fingerprint("fp_module") != alone


@pytest.mark.parametrize("damage", ["huge", "expands", "fifo"])
def test_an_oversized_cache_file_is_rebuilt_without_being_read(
        tmp_path: Path, damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(snippets(), tmp_path)
    (path,) = tmp_path.glob("*.npz")
    cap = index_module.cache_cap(snippets())
    if damage == "huge":  # sparse: 4 GB on disk costs nothing
        with path.open("r+b") as fh:
            fh.truncate(4 << 30)
    elif damage == "expands":  # this set's own metadata, and a member that inflates past the cap
        with np.load(path) as npz:
            arrays = dict(npz)
        arrays["data"] = np.zeros(cap // 4 + 1024, dtype=np.float32)
        with path.open("wb") as fh:
            np.savez_compressed(fh, **arrays)
        assert path.stat().st_size < cap
    else:  # a FIFO would block the read forever
        path.unlink()
        os.mkfifo(path)
    real_load = np.load
    read: list[object] = []
    monkeypatch.setattr(index_module.np, "load",
                        lambda file, *a, **k: read.append(file) or real_load(file, *a, **k))
    index = build_index(snippets(), tmp_path)
    assert read == [] and not index.from_cache
    assert index.search("harbour containers", 1)[0][0] == 0
    assert path.is_file() and path.stat().st_size < cap  # replaced by a sound entry
    monkeypatch.undo()
    assert build_index(snippets(), tmp_path).from_cache


@pytest.mark.parametrize("damage", ["garbage", "truncate", "wrong_docs"])
def test_corrupt_cache_is_rebuilt(tmp_path: Path, damage: str) -> None:
    build_index(snippets(), tmp_path)
    (path,) = tmp_path.glob("*.npz")
    if damage == "garbage":
        path.write_bytes(b"not an npz file")
    elif damage == "truncate":
        path.write_bytes(path.read_bytes()[:200])
    else:  # a well-formed file whose postings point past the snippets
        with np.load(path) as npz:
            arrays = dict(npz)
        arrays["indices"] = arrays["indices"] + 100
        with path.open("wb") as fh:
            np.savez(fh, **arrays)
    index = build_index(snippets(), tmp_path)
    assert not index.from_cache
    assert index.search("harbour containers", 1)[0][0] == 0
    assert build_index(snippets(), tmp_path).from_cache  # the rebuilt entry is good again


def test_no_temporary_files_left_behind(tmp_path: Path) -> None:
    build_index(snippets(), tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".npz"]


def test_default_cache_dir_is_the_user_cache(_isolated: Path) -> None:
    build_index(snippets())
    assert len(list((_isolated / "index").glob("*.npz"))) == 1
    assert build_index(snippets()).from_cache


def test_empty_reference_sets(tmp_path: Path) -> None:
    assert build_index([], tmp_path).search("anything", 5) == []
    only_stopwords = build_index(snippets(["the and of", "it is"]), tmp_path)
    assert only_stopwords.search("the", 3) == []
    assert build_index(snippets(["the and of", "it is"]), tmp_path).from_cache


def test_unwritable_cache_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    index = build_index(snippets(), blocker / "index")
    assert index.search("fees", 1)[0][0] == 1


def test_dense_and_sparse_accumulation_agree(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    index = build_index(snippets(), tmp_path)
    queries = ["harbour containers 2023 Norway", "mayor fees rise year", "3.5% May region"]
    monkeypatch.setattr(index_module, "DENSE_RATIO", 0)  # never dense
    sparse = index.search_many(queries, 5)
    monkeypatch.setattr(index_module, "DENSE_RATIO", 10**9)  # always dense
    assert index.search_many(queries, 5) == sparse
    assert sparse[0][0][0] == 0 and len(sparse[0]) == 2


def _zipf_snippets(count: int, seed: int) -> list[Snippet]:
    """Snippets whose words follow a steep frequency curve: a few words are in most snippets,
    the tail in a handful, as in real reference sets."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"term{i}" for i in range(400)]
    weights = 1 / np.arange(1, len(vocabulary) + 1) ** 1.1
    weights /= weights.sum()
    texts = [" ".join(rng.choice(vocabulary, size=int(rng.integers(5, 25)), p=weights))
             for _ in range(count)]
    return snippets(texts)


def test_dense_bound_gives_the_sorted_accumulation_ranking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many queries over a realistic frequency curve: the dense path's lower bound from the
    rarest word (or its argpartition fallback) keeps exactly the snippets a full sort ranks."""
    index = build_index(_zipf_snippets(2000, seed=3), tmp_path)
    rng = np.random.default_rng(4)
    queries = [" ".join(f"term{int(i)}" for i in rng.choice(400, size=int(rng.integers(1, 8))))
               for _ in range(200)]
    monkeypatch.setattr(index_module, "DENSE_RATIO", 0)  # never dense: sort every posting
    exact = index.search_many(queries, 8)
    monkeypatch.setattr(index_module, "DENSE_RATIO", 10**9)  # always dense
    dense = index.search_many(queries, 8)
    for got, want in zip(dense, exact, strict=True):
        assert [pos for pos, _ in got] == [pos for pos, _ in want]
        assert [score for _, score in got] == pytest.approx([score for _, score in want])


def _full_sort(index: index_module.ReferenceIndex, query: str,
               k: int) -> list[tuple[int, float]]:
    """Every snippet scored one posting at a time, rarest word first (the documented summing
    order), then fully sorted: best score first, earlier snippet on ties."""
    ids = list(dict.fromkeys(index.vocab[t] for t in tokenize(query) if t in index.vocab))
    ids.sort(key=lambda i: int(index.indptr[i + 1] - index.indptr[i]))
    scores = [0.0] * len(index.snippets)
    for i in ids:
        for p in range(int(index.indptr[i]), int(index.indptr[i + 1])):
            scores[int(index.indices[p])] += float(index.data[p])
    ranked = sorted((d for d, s in enumerate(scores) if s > 0), key=lambda d: (-scores[d], d))
    return [(d, scores[d]) for d in ranked[:k]]


def _padded(texts: list[str], fillers: int) -> list[Snippet]:
    """`texts` followed by snippets of a common word alone, so the query's postings are
    many and the dense path is taken even without forcing it."""
    return snippets(texts + ["filler"] * fillers)


def test_rarest_word_below_k_postings_overlapping_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rarest word has 2 postings (fewer than k = 3), both inside the next word's 5. The
    bound must count each snippet once: the 3rd best of the 7 postings' scores is snippet 0's
    or 1's again, which would wrongly cut snippet 2, the real 3rd."""
    monkeypatch.setattr(index_module, "DENSE_RATIO", 10**9)
    texts = ["rare mid filler", "rare mid filler", "mid filler",
             "mid filler filler filler", "mid filler filler filler"]
    index = build_index(_padded(texts, 20), tmp_path)
    hits = index.search("rare mid filler", 3)
    assert [pos for pos, _ in hits] == [0, 1, 2]
    assert hits[0][1] == hits[1][1] > hits[2][1]
    assert hits == _full_sort(index, "rare mid filler", 3)


@pytest.mark.parametrize("k", [1, 2, 4, 6, 8, 30])
def test_rarest_words_below_k_postings_match_a_full_sort(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, k: int) -> None:
    """Short posting lists that together cover k snippets (some twice), that do not (so the
    bound needs the next, common word), and queries with fewer than k matching snippets."""
    monkeypatch.setattr(index_module, "DENSE_RATIO", 10**9)
    texts = ["rare mid filler", "rare mid", "mid filler filler", "mid other",
             "other filler", "other", "rare other filler filler", "mid mid filler"]
    index = build_index(_padded(texts, 30), tmp_path)
    queries = ["rare mid filler", "rare mid", "rare other", "mid other filler",
               "rare", "rare mid other filler", "other filler", "nothing rare"]
    for query in queries:
        assert index.search(query, k) == _full_sort(index, query, k), query


@pytest.mark.parametrize("seed_cap", [1, 1024])
def test_dense_path_matches_a_full_sort_exactly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_cap: int) -> None:
    """Ranks and scores equal to the last bit, with the bound taken from many or from as few
    postings of a word as it allows (seed_cap 1: only k of them)."""
    index = build_index(_zipf_snippets(1500, seed=5), tmp_path)
    rng = np.random.default_rng(6)
    queries = [" ".join(f"term{int(i)}" for i in rng.choice(400, size=int(rng.integers(1, 9))))
               for _ in range(120)]
    monkeypatch.setattr(index_module, "DENSE_RATIO", 10**9)
    monkeypatch.setattr(index_module, "SEED_CAP", seed_cap)
    for k in (1, 3, 8, 40):
        got = index.search_many(queries, k)
        assert got == [_full_sort(index, q, k) for q in queries]


def _unit_rows(texts: list[str]) -> np.ndarray:
    """A stand-in embedder: one unit row per text, from its length and word count."""
    rows = np.array([[len(t), len(t.split()), 1.0] for t in texts], dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


class _Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        return _unit_rows(texts)


def test_vectors_are_computed_once_per_reference_set(tmp_path: Path) -> None:
    compute = _Counting()
    first = build_index(snippets(), tmp_path).vectors("test-v1", compute)
    assert compute.calls == 1 and first.dtype == np.float16 and first.shape == (5, 3)
    assert (tmp_path / f"{index_module.cache_key(snippets())}.test-v1.npy").exists()
    index = build_index(snippets(), tmp_path)
    again = index.vectors("test-v1", compute)
    assert compute.calls == 1 and isinstance(again, np.memmap)  # read, memory-mapped
    assert np.array_equal(again, first)
    assert index.vectors("test-v1", compute) is again  # held once read
    index.vectors("other-v2", compute)  # another embedder's rows are its own
    assert compute.calls == 2


@pytest.mark.parametrize("damage", ["garbage", "truncate", "rows", "nan", "dtype"])
def test_damaged_vectors_are_computed_again(tmp_path: Path, damage: str) -> None:
    compute = _Counting()
    good = build_index(snippets(), tmp_path).vectors("test-v1", compute)
    (path,) = tmp_path.glob("*.npy")
    if damage == "garbage":
        path.write_bytes(b"\x93NUMPY garbage")
    elif damage == "truncate":
        path.write_bytes(path.read_bytes()[:-7])
    elif damage == "rows":
        np.save(path, np.asarray(good[:3]))
    elif damage == "nan":
        np.save(path, np.full(good.shape, np.nan, dtype=np.float16))
    else:
        np.save(path, np.asarray(good, dtype=np.float32))
    rows = build_index(snippets(), tmp_path).vectors("test-v1", compute)
    assert compute.calls == 2 and np.array_equal(rows, good)
    build_index(snippets(), tmp_path).vectors("test-v1", compute)
    assert compute.calls == 2  # the rewritten file is sound again


def test_vectors_without_a_writable_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    index = build_index(snippets(), blocker / "index")
    assert index.vectors("test-v1", _unit_rows).shape == (5, 3)
    with pytest.raises(ValueError):
        index.vectors("../escape", _unit_rows)


def test_pruning_drops_vectors_of_pruned_indexes(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "KEEP_CACHED", 1)
    build_index(snippets(), tmp_path).vectors("test-v1", _unit_rows)
    other = snippets(TEXTS[:2])
    build_index(other, tmp_path)  # prunes the first set's index, and so its vectors
    assert [p.name for p in tmp_path.iterdir()] == [f"{index_module.cache_key(other)}.npz"]
