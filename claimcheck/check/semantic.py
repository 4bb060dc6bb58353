"""Meaning similarity that runs offline: WordLlama's static token embeddings (PyPI `wordllama`,
MIT; its 256-dimension weights and tokenizer ship inside the wheel).

`WordLlama.load()` tries to download its tokenizer and fails offline; loading with the installed
package's folder as `cache_dir` and `disable_download=True` reads what the wheel ships. A text's
vector is the mean of its tokens' embeddings (what `WordLlama.embed` computes); here each
distinct whitespace-separated word is tokenized once and its token embeddings summed once, so a
text costs a dictionary look-up per word and one numpy sum, not a tokenizer call: the checker
embeds only a claim and its few best passages, and the same passages recur across claims.

Without wordllama installed the similarity is None and the verdict model reads its neutral value.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

DIM = 256


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
        top = self._embedding.shape[0] - 1
        for word, enc in zip(words, encoded, strict=True):
            row = len(self._row)
            ids = np.clip(np.asarray(enc.ids, dtype=np.int64), 0, top)
            self._sums[row] = self._embedding[ids].sum(axis=0) if len(ids) else 0.0
            self._counts[row] = len(ids)
            self._row[word] = row

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text (zeros for a text with no words)."""
        split = [t.split() for t in texts]
        new = sorted({w for words in split for w in words if w not in self._row})
        if new:
            self._learn(new)
        rows = [self._row[w] for words in split for w in words]
        sizes = [len(words) for words in split]
        out = np.zeros((len(texts), self._sums.shape[1]), dtype=np.float32)
        if rows:
            starts = np.cumsum([0, *sizes[:-1]])
            full = np.asarray(sizes) > 0
            index = np.asarray(rows, dtype=np.int64)
            # one gather and one segmented sum for all texts, not a numpy call per text
            sums = np.add.reduceat(self._sums[index], starts[full], axis=0)
            counts = np.add.reduceat(self._counts[index], starts[full])
            out[full] = sums / np.maximum(counts, 1.0)[:, None]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


@cache
def vectors() -> WordVectors | None:
    """The shared WordVectors, or None when wordllama is not installed or cannot load."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    finally:
        # wordllama.inference calls logging.basicConfig(level=INFO) on import, which would
        # print every library's INFO records (httpx's requests among them) to stderr
        root.handlers[:] = handlers
        root.setLevel(level)
    try:
        model = WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__),
                               disable_download=True)
    except Exception:  # a broken install: the checker works without the signal
        return None
    tokenizer = model.tokenizer
    tokenizer.no_padding()
    return WordVectors(tokenizer, np.ascontiguousarray(model.embedding, dtype=np.float32))


def similarities(claim: str, passages: Sequence[str]) -> list[float] | None:
    """Cosine similarity of the claim to each passage, or None without wordllama."""
    model = vectors()
    if model is None or not passages:
        return None
    found = model.embed([claim, *passages])
    return [float(v) for v in found[1:] @ found[0]]
