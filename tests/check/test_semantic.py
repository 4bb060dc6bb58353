"""The meaning model read from wordllama's files (check/semantic.py) is the one WordLlama.load()
gives: the same token ids, the same matrix, and the same vectors, bit for bit."""

from __future__ import annotations

import json
import logging
import os
import random
import struct
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
    ours = [e.ids for e in model._tokenizer.encode_batch(words, add_special_tokens=False)]
    assert ours == [e.ids for e in theirs.encode_batch(words, add_special_tokens=False)]


def test_vectors_are_bit_for_bit_those_of_wordllama_load(loaded: object) -> None:
    """The vectors the checker used before (WordVectors over WordLlama.load()'s float32 matrix)
    against those of the files read here, over many strings, in one batch and one by one."""
    model = semantic.vectors()
    assert model is not None
    tokenizer = loaded.tokenizer  # type: ignore[attr-defined]
    tokenizer.no_padding()
    before = WordVectors(tokenizer, np.ascontiguousarray(loaded.embedding,  # type: ignore[attr-defined]
                                                         dtype=np.float32))
    texts = _texts()
    now = model.embed(texts)
    assert now.dtype == np.float32
    assert now.tobytes() == before.embed(texts).tobytes()
    fresh = semantic.WordVectors(model._tokenizer, model._embedding)
    for text in texts[::97]:
        assert fresh.embed([text]).tobytes() == before.embed([text]).tobytes()


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
