from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimcheck.models import Snippet
from claimcheck.references import build_index
from claimcheck.references import index as index_module

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
