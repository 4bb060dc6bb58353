"""The meaning model read from wordllama's files (check/semantic.py) is the one WordLlama.load()
gives: the same token ids, the same matrix, and the same vectors, bit for bit."""

from __future__ import annotations

import json
import logging
import marshal
import os
import random
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimcheck.check import semantic
from claimcheck.check.semantic import WordVectors

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def loaded() -> object:
    """WordLlama.load() as the adapter called it before it read the files itself."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
        from wordllama import WordLlama
    finally:  # wordllama calls logging.basicConfig(level=INFO) on import
        root.handlers[:] = handlers
        root.setLevel(level)
    return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)


def _texts() -> list[str]:
    """Many strings: every line and sentence of the fixtures' drafts and references, sentences
    drawn from their words, and made-up words (digits, accents, scripts, punctuation, emoji,
    long runs)."""
    texts: list[str] = []
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".txt", ".jsonl", ".yaml", ".html"):
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                texts.append(line)
                texts.extend(line.split(". "))
    rng = random.Random(17)
    vocabulary = sorted({w for t in texts for w in t.split()})
    for _ in range(3000):
        texts.append(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 60))))
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789éüßçñ中文字кирилл'’-.,;:!?()%$€ \t🙂"
    for _ in range(2000):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))))
    texts += ["", " ", "a", "x" * 500, "\u200b", "Ünïcödé", "1,234,567", "don't"]
    assert len(texts) > 5000
    return texts


def test_the_files_read_here_are_what_wordllama_load_reads(loaded: object) -> None:
    model = semantic.vectors()
    assert model is not None
    expected = np.ascontiguousarray(loaded.embedding, dtype=np.float32)  # type: ignore[attr-defined]
    matrix = model._embedding
    assert matrix.shape == expected.shape
    assert np.array_equal(np.asarray(matrix, dtype=np.float32), expected)
    words = sorted({w for t in _texts() for w in t.split()})
    theirs = loaded.tokenizer  # type: ignore[attr-defined]
    theirs.no_padding()
    tokenizer = model._ids.tokenizer  # type: ignore[attr-defined]
    ours = [e.ids for e in tokenizer.encode_batch(words, add_special_tokens=False)]
    assert ours == [e.ids for e in theirs.encode_batch(words, add_special_tokens=False)]


def test_vectors_are_bit_for_bit_those_of_wordllama_load(loaded: object) -> None:
    """The vectors the checker used before (WordVectors over WordLlama.load()'s float32 matrix)
    against those of the files read here, over many strings, in one batch and one by one."""
    model = semantic.vectors()
    assert model is not None
    tokenizer = loaded.tokenizer  # type: ignore[attr-defined]
    tokenizer.no_padding()
    before = WordVectors(_plain(tokenizer), np.ascontiguousarray(
        loaded.embedding, dtype=np.float32))  # type: ignore[attr-defined]
    texts = _texts()
    now = model.embed(texts)
    assert now.dtype == np.float32
    assert now.tobytes() == before.embed(texts).tobytes()
    fresh = semantic.WordVectors(_plain(model._ids.tokenizer),  # type: ignore[attr-defined]
                                 model._embedding)
    for text in texts[::97]:
        assert fresh.embed([text]).tobytes() == before.embed([text]).tobytes()


def _plain(tokenizer: object) -> semantic.TokenIds:
    """Token ids straight from the tokenizer, nothing kept between runs."""
    return semantic.TokenIds(lambda: tokenizer)


def test_the_weights_are_memory_mapped_not_copied() -> None:
    model = semantic.vectors()
    assert model is not None
    assert isinstance(model._embedding, np.memmap)
    assert model._embedding.dtype == np.float16


def _safetensors(path: Path, header: dict[str, object], data: bytes) -> Path:
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + data)
    return path


def test_read_tensor(tmp_path: Path) -> None:
    values = np.arange(6, dtype="<f2").reshape(3, 2)
    good = _safetensors(tmp_path / "w.safetensors", {
        "__metadata__": {"format": "np"},
        "other": {"dtype": "F32", "shape": [1, 1], "data_offsets": [0, 4]},
        "t": {"dtype": "F16", "shape": [3, 2], "data_offsets": [4, 16]}},
        b"\0\0\0\0" + values.tobytes())
    assert np.array_equal(semantic.read_tensor(str(good), "t"), values)
    short = _safetensors(tmp_path / "s.safetensors", {
        "t": {"dtype": "F16", "shape": [3, 2], "data_offsets": [0, 12]}}, b"\0" * 6)
    with pytest.raises(ValueError):
        semantic.read_tensor(str(short), "t")
    wrong = _safetensors(tmp_path / "x.safetensors", {
        "t": {"dtype": "F16", "shape": [4, 2], "data_offsets": [0, 12]}}, values.tobytes())
    with pytest.raises(ValueError):
        semantic.read_tensor(str(wrong), "t")
    (tmp_path / "e.safetensors").write_bytes(b"\1")
    with pytest.raises(ValueError):
        semantic.read_tensor(str(tmp_path / "e.safetensors"), "t")


def test_without_wordllama_files_there_is_no_model(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setattr(semantic, "package_folder", lambda: str(tmp_path))
    semantic.vectors.cache_clear()
    try:
        assert semantic.vectors() is None
    finally:
        semantic.vectors.cache_clear()


class _Counted:
    """The real tokenizer, loaded through a counter."""

    def __init__(self) -> None:
        self.loads = 0

    def __call__(self) -> object:
        self.loads += 1
        folder = semantic.package_folder()
        assert folder is not None
        return semantic.load_tokenizer(os.path.join(folder, *semantic.TOKENIZER_FILE))


def _vectors(path: Path, texts: list[str]) -> tuple[bytes, _Counted, semantic.KeptIds]:
    model = semantic.vectors()
    assert model is not None
    load = _Counted()
    kept = semantic.KeptIds(path)
    got = WordVectors(semantic.TokenIds(load, kept), model._embedding).embed(texts)
    return got.tobytes(), load, kept


# a word of more tokens than a byte counts (each CJK character is three byte tokens)
LONG = "".join(chr(0x4E00 + n) for n in range(120))


def test_kept_ids_give_the_same_vectors_without_loading_the_tokenizer(tmp_path: Path) -> None:
    texts = _texts()[:3000] + [f"a {LONG} b"]
    model = semantic.vectors()
    assert model is not None
    plain = WordVectors(_plain(model._ids.tokenizer), model._embedding).embed(texts).tobytes()
    path = tmp_path / "words" / "ids"
    first, load, kept = _vectors(path, texts)
    assert first == plain and load.loads == 1
    assert kept.save() and path.exists()
    again, load, kept = _vectors(path, texts[:-1])
    assert again == plain[:-4 * 256] and load.loads == 0 and kept.added == []
    again, load, kept = _vectors(path, texts)
    assert again == plain and load.loads == 1  # for LONG: more than 255 tokens, never kept
    assert kept.added == []  # LONG was tokenized again, and is not kept
    new, load, kept = _vectors(path, [*texts, "zyzzyvas and quokkas"])
    assert load.loads == 1 and {"zyzzyvas", "quokkas"} <= set(kept.added)
    assert kept.save()
    _, load, _ = _vectors(path, ["zyzzyvas quokkas"])
    assert load.loads == 0


def test_a_damaged_or_foreign_file_is_an_empty_cache(tmp_path: Path) -> None:
    texts = ["The council met on Tuesday.", "Ünïcödé words, 1,234 of them."]
    good, _, kept = _vectors(tmp_path / "ids", texts)
    kept.save()
    raw = (tmp_path / "ids").read_bytes()
    fmt, words, counts, ids = marshal.loads(raw)
    for bad in (raw[:-3], b"", b"\0junk",
                marshal.dumps((fmt + 1, words, counts, ids)),
                marshal.dumps((fmt, words, counts[:-1], ids)),
                marshal.dumps((fmt, words, counts, ids[:-2])),
                marshal.dumps([1, 2])):
        (tmp_path / "ids").write_bytes(bad)
        got, load, _ = _vectors(tmp_path / "ids", texts)
        assert got == good and load.loads == 1


def test_past_max_words_the_file_restarts_from_this_runs_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ids"
    _, _, kept = _vectors(path, ["alpha beta gamma delta"])
    kept.save()
    monkeypatch.setattr(semantic.KeptIds, "MAX_WORDS", 4)
    _, _, kept = _vectors(path, ["alpha epsilon zeta"])
    kept.save()
    _, words, _, _ = marshal.loads(path.read_bytes())
    assert words.split("\n") == ["alpha", "epsilon", "zeta"]


def test_the_kept_file_is_named_for_the_tokenizer_and_its_library() -> None:
    kept = semantic.KeptIds.of(b"tokenizer one")
    other = semantic.KeptIds.of(b"tokenizer two")
    assert kept is not None and other is not None and kept.path != other.path
    from importlib.metadata import version

    assert f"tokenizers-{version('tokenizers')}" in kept.path.name


def test_a_second_run_on_the_same_words_never_loads_the_tokenizer(tmp_path: Path) -> None:
    """The command line keeps the words it tokenized; the next run over the same draft and
    references finds them all and never imports tokenizers."""
    (tmp_path / "d.md").write_text("The council approved 3 new bridges in 2019.\n",
                                   encoding="utf-8")
    (tmp_path / "refs.txt").write_text("The council approved 4 new bridges in 2019.\n",
                                       encoding="utf-8")
    code = ("import sys; from claimcheck.cli import main; code = main(sys.argv[1:]); "
            "print('TOKENIZERS', 'tokenizers' in sys.modules, file=sys.stderr)")
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    seen = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code, "check", "d.md", "--refs",
                               "refs.txt", "--format", "text"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=False)
        assert "contradicted" in done.stdout, done.stderr
        seen.append((done.stdout, done.stderr.splitlines()[-1]))
    assert seen[0][0] == seen[1][0]
    assert [err for _, err in seen] == ["TOKENIZERS True", "TOKENIZERS False"]


def test_only_words_that_fit_are_kept(tmp_path: Path) -> None:
    kept = semantic.KeptIds(tmp_path / "ids")
    kept.add(["a", "b", "c", "d"], np.array([1, 2, 1, 300]),
             np.array([5, 70_000, 6, 7, *range(300)]))
    assert kept.added == ["a", "c"]  # b has an id above 16 bits, d more than 255 tokens
    assert kept.save()
    again = semantic.KeptIds(tmp_path / "ids")
    assert again.split(["c", "b", "a"]) == (["c", "a"], ["b"])
    counts, ids = again.ids(["c", "a"])
    assert counts.tolist() == [1, 1] and ids.tolist() == [7, 5]
