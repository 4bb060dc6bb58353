"""Meaning similarity that runs offline: WordLlama's static token embeddings (PyPI `wordllama`,
MIT; its 256-dimension weights and tokenizer ship inside the wheel).

A text's vector is the mean of its tokens' embeddings (what `WordLlama.embed` computes); here each
distinct whitespace-separated word is tokenized once and its token embeddings summed once, so a
text costs a dictionary look-up per word and one numpy sum, not a tokenizer call: the checker
embeds only a claim and its few best passages, and the same passages recur across claims.

The two files are read here, not through `WordLlama.load()`: that is all `load` does for the
default model (`l2_supercat`, 256 dimensions) found in the package's folder, and importing
`wordllama` costs more than both files (0.12-0.17 s of CPU: `requests` for its downloads, and
twenty training configurations parsed into pydantic models), ahead of every run's first verdict.
- the tokenizer: `tokenizers.Tokenizer.from_file` on the JSON file `load` reads, without padding
  or truncation (what `load` sets up, less the padding this module always switched off);
- the embedding matrix: the one float16 tensor of the `.safetensors` file (an 8-byte
  little-endian header length, a JSON header naming dtype, shape and byte offsets, then the
  data), memory-mapped rather than converted to float32 (32 MB, ~20 ms): float16 widens to
  float32 exactly, and `segment_sums` adds the gathered float16 rows into float32 sums, so every
  vector is the one `load`'s float32 matrix gives, bit for bit (tests/check/test_semantic.py
  checks it against `WordLlama.load()` over many strings).
The file names are wordllama 0.4's, hence its upper bound in pyproject.toml.

Without wordllama installed the similarity is None and the verdict model reads its neutral value.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from typing import Any

import numpy as np

DIM = 256
METHOD = 1  # bump when a text's vector is made differently: cached snippet vectors go stale
EMBED_SLICE = 2048  # texts embedded per numpy call (bounds the gathered word rows)
# What `WordLlama.load()` reads for its default model, in the installed package's folder.
TOKENIZER_FILE = ("tokenizers", "l2_supercat_tokenizer_config.json")
WEIGHTS_FILE = ("weights", "l2_supercat_256.safetensors")
TENSOR = "embedding.weight"
_DTYPES = {"F16": "<f2", "F32": "<f4"}


class WordVectors:
    """Per-word token-embedding sums, filled lazily."""

    def __init__(self, tokenizer: Any, embedding: np.ndarray) -> None:
        self._tokenizer = tokenizer
        self._embedding = embedding
        self._row: dict[str, int] = {}
        self._sums = np.zeros((1024, embedding.shape[1]), dtype=np.float32)
        self._counts = np.zeros(1024, dtype=np.float32)

    def _learn(self, words: list[str]) -> None:
        encoded = self._tokenizer.encode_batch(words, add_special_tokens=False)
        need = len(self._row) + len(words)
        if need > len(self._counts):
            size = max(need, 2 * len(self._counts))
            self._sums = np.resize(self._sums, (size, self._sums.shape[1]))
            self._counts = np.resize(self._counts, size)
        first = len(self._row)
        lengths = np.fromiter((len(enc.ids) for enc in encoded), dtype=np.int64,
                              count=len(encoded))
        ids = np.fromiter((i for enc in encoded for i in enc.ids), dtype=np.int64,
                          count=int(lengths.sum()))
        np.clip(ids, 0, self._embedding.shape[0] - 1, out=ids)
        self._sums[first:need] = segment_sums(self._embedding, ids, lengths)
        self._counts[first:need] = lengths
        for n, word in enumerate(words):
            self._row[word] = first + n

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text (zeros for a text with no words)."""
        out = np.zeros((len(texts), self._sums.shape[1]), dtype=np.float32)
        for begin in range(0, len(texts), EMBED_SLICE):
            out[begin:begin + EMBED_SLICE] = self._embed(texts[begin:begin + EMBED_SLICE])
        return out

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        split = [t.split() for t in texts]
        new = sorted({w for words in split for w in words if w not in self._row})
        if new:
            self._learn(new)
        row = self._row
        index = np.fromiter((row[w] for words in split for w in words), dtype=np.int64)
        sizes = np.fromiter((len(words) for words in split), dtype=np.int64, count=len(split))
        out = segment_sums(self._sums, index, sizes)
        counts = segment_sums(self._counts[:, None], index, sizes)[:, 0]
        out /= np.maximum(counts, 1.0)[:, None]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


def segment_sums(table: np.ndarray, index: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Row sums of `table[index]` cut into consecutive runs of `lengths` (one row per run).

    Each run is summed first row to last whatever else is asked with it, so a text's vector
    never depends on the batch. Runs are walked position by position, longest first, so each
    step adds one row to every run still going with two slices and one gather: several times
    faster than np.add.reduceat on rows, and never more than one row per run in memory.
    """
    out = np.zeros((len(lengths), table.shape[1]), dtype=np.float32)
    if not len(lengths):
        return out
    order = np.argsort(-lengths, kind="stable")
    ordered = lengths[order]
    starts = (np.cumsum(lengths) - lengths)[order]
    # live[j]: how many runs are longer than j
    live = np.searchsorted(-ordered, -np.arange(int(ordered[0])), side="left")
    sums = np.zeros_like(out)
    for j, n in enumerate(live.tolist()):
        sums[:n] += table[index[starts[:n] + j]]
    out[order] = sums
    return out


@cache
def vectors() -> WordVectors | None:
    """The shared WordVectors, or None when wordllama is not installed or cannot load."""
    folder = package_folder()
    if folder is None:
        return None
    try:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(os.path.join(folder, *TOKENIZER_FILE))
        embedding = read_tensor(os.path.join(folder, *WEIGHTS_FILE), TENSOR)
    except Exception:  # a broken install: the checker works without the signal
        return None
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return WordVectors(tokenizer, embedding)


def package_folder() -> str | None:
    """The installed wordllama package's folder, found without importing it; None when it is
    not installed."""
    try:
        spec = find_spec("wordllama")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def read_tensor(path: str, name: str) -> np.ndarray:
    """Tensor `name` of a .safetensors file as a read-only memory map (2-D, float16 or float32).
    Raises ValueError for a file that is not what its header says."""
    with open(path, "rb") as f:
        head = f.read(8)
        if len(head) != 8:
            raise ValueError(f"{path}: not a safetensors file")
        (size,) = struct.unpack("<Q", head)
        if size > 100_000_000:
            raise ValueError(f"{path}: header of {size} bytes")
        header = json.loads(f.read(size))
        total = os.fstat(f.fileno()).st_size
    entry = header[name]
    dtype = np.dtype(_DTYPES[entry["dtype"]])
    rows, cols = entry["shape"]
    begin, end = entry["data_offsets"]
    if end - begin != rows * cols * dtype.itemsize or 8 + size + end > total:
        raise ValueError(f"{path}: {name}'s offsets do not match its shape")
    return np.memmap(path, dtype=dtype, mode="r", offset=8 + size + begin, shape=(rows, cols))


def embedder() -> tuple[str, WordVectors] | None:
    """(name, vectors) for snippet vectors kept in the index cache, or None without wordllama.
    The name changes with wordllama's version and with how a text's vector is made here."""
    model = vectors()
    if model is None:
        return None
    from importlib.metadata import version

    return f"wordllama-{version('wordllama')}-words{METHOD}", model


class Embedded:
    """Unit vectors of many texts made in one `WordVectors.embed` call, to be looked up by
    text: a text's vector is the same whatever else is embedded with it."""

    def __init__(self, rows: dict[str, int], matrix: np.ndarray) -> None:
        self._rows = rows
        self._matrix = matrix

    @classmethod
    def of(cls, texts: Sequence[str]) -> Embedded | None:
        """The vectors of `texts`, or None without wordllama (or without texts)."""
        model = vectors()
        if model is None or not texts:
            return None
        rows = {text: n for n, text in enumerate(dict.fromkeys(texts))}
        return cls(rows, model.embed(list(rows)))

    def get(self, texts: Sequence[str]) -> np.ndarray | None:
        """The rows of `texts` in a new array, as `WordVectors.embed` would give them; None
        when a text was not embedded here."""
        try:
            rows = [self._rows[t] for t in texts]
        except KeyError:
            return None
        out = np.zeros((len(rows), self._matrix.shape[1]), dtype=np.float32)
        np.take(self._matrix, rows, axis=0, out=out)
        return out


def similarities(claim: str, passages: Sequence[str],
                 embedded: Embedded | None = None) -> list[float] | None:
    """Cosine similarity of the claim to each passage, or None without wordllama. Vectors come
    from `embedded` when it has them."""
    model = vectors()
    if model is None or not passages:
        return None
    texts = [claim, *passages]
    found = embedded.get(texts) if embedded is not None else None
    if found is None:
        found = model.embed(texts)
    return [float(v) for v in found[1:] @ found[0]]
