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
The file names are wordllama 0.4's, hence its upper bound in pyproject.toml. The tokenizer is
loaded only for a word no earlier run tokenized: the token ids of every word tokenized are kept
in the cache folder (`KeptIds`), so a run over words seen before never loads it.

Without wordllama installed the similarity is None and the verdict model reads its neutral value.
"""

from __future__ import annotations

import json
import marshal
import os
import struct
from collections.abc import Callable, Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path
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
# Words, their token counts and all their token ids (int64), as `TokenIds` gives them.
Group = tuple[list[str], np.ndarray, np.ndarray]


class WordVectors:
    """Per-word token-embedding sums, filled lazily. `ids` gives words' token ids (a
    `TokenIds`, or any callable returning the same groups)."""

    def __init__(self, ids: Callable[[list[str]], list[Group]], embedding: np.ndarray) -> None:
        self._ids = ids
        self._embedding = embedding
        self._row: dict[str, int] = {}
        self._sums = np.zeros((1024, embedding.shape[1]), dtype=np.float32)
        self._counts = np.zeros(1024, dtype=np.float32)

    def _learn(self, words: list[str]) -> None:
        need = len(self._row) + len(words)
        if need > len(self._counts):
            size = max(need, 2 * len(self._counts))
            self._sums = np.resize(self._sums, (size, self._sums.shape[1]))
            self._counts = np.resize(self._counts, size)
        # a word's sum is its own tokens' (segment_sums), whatever group it comes in
        for group, lengths, ids in self._ids(words):
            first = len(self._row)
            end = first + len(group)
            np.clip(ids, 0, self._embedding.shape[0] - 1, out=ids)
            self._sums[first:end] = segment_sums(self._embedding, ids, lengths)
            self._counts[first:end] = lengths
            for n, word in enumerate(group):
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
    """The shared WordVectors, or None when wordllama is not installed or cannot load. Its
    tokenizer is loaded at the first word no earlier run kept (see `KeptIds`)."""
    global _kept
    folder = package_folder()
    if folder is None:
        return None
    tokenizer_file = os.path.join(folder, *TOKENIZER_FILE)
    try:
        embedding = read_tensor(os.path.join(folder, *WEIGHTS_FILE), TENSOR)
        with open(tokenizer_file, "rb") as f:
            content = f.read()
    except Exception:  # a broken install: the checker works without the signal
        return None
    _kept = KeptIds.of(content)
    return WordVectors(TokenIds(lambda: load_tokenizer(tokenizer_file), _kept), embedding)


def load_tokenizer(path: str) -> Any:
    """WordLlama's tokenizer as `WordLlama.load()` sets it up, less the padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def encode(tokenizer: Any, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(token count of each word, all their token ids in order), as int64 arrays."""
    encoded = tokenizer.encode_batch(words, add_special_tokens=False)
    lengths = np.fromiter((len(enc.ids) for enc in encoded), dtype=np.int64, count=len(encoded))
    ids = np.fromiter((i for enc in encoded for i in enc.ids), dtype=np.int64,
                      count=int(lengths.sum()))
    return lengths, ids


class TokenIds:
    """Words' token ids: those `kept` holds from earlier runs, the rest from the tokenizer,
    which is loaded (0.06-0.08 s of CPU) only when a word needs it."""

    def __init__(self, load: Callable[[], Any], kept: KeptIds | None = None) -> None:
        self._load = load
        self._tokenizer: Any = None
        self.kept = kept

    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            self._tokenizer = self._load()
        return self._tokenizer

    @property
    def loaded(self) -> bool:
        return self._tokenizer is not None

    def __call__(self, words: list[str]) -> list[Group]:
        """The words in groups, each with its words' token counts and token ids (int64)."""
        groups: list[Group] = []
        missing = words
        if self.kept is not None:
            known, missing = self.kept.split(words)
            if known:
                groups.append((known, *self.kept.ids(known)))
        if missing:
            lengths, ids = encode(self.tokenizer, missing)
            if self.kept is not None:
                self.kept.add(missing, lengths, ids)
            groups.append((missing, lengths, ids))
        return groups


class KeptIds:
    """Token ids of the words earlier runs tokenized, kept in the cache folder so that a run
    whose words were all seen before never loads the tokenizer (issue 17: 0.06-0.08 s of CPU
    before the first verdict; the file reads in a few milliseconds).

    A word's ids are exactly what the tokenizer returned for it (one word, no special tokens:
    what `encode` asks), stored as the tokenizer gave them. The file is keyed by the tokenizer
    file's content (CRC-32 and size) and the installed tokenizers version, so another tokenizer
    never reads it; a file that does not read back whole is an empty cache. Words of more than
    255 tokens and ids above 65,535 are not kept. The command line writes it (atomically, after
    its output) when a run tokenized new words, with the words it held first; past `MAX_WORDS`
    it restarts from the words of that run. Format: marshal of (FORMAT, the words joined by
    newlines (a word never holds whitespace), one byte per word of token count, the ids as
    little-endian uint16)."""

    FORMAT = 1
    MAX_WORDS = 100_000

    def __init__(self, path: Path) -> None:
        self.path = path
        self._words: list[str] = []
        self._index: dict[str, int] = {}
        self._lengths = np.zeros(0, dtype=np.int64)
        self._starts = np.zeros(0, dtype=np.int64)
        self._ids = np.zeros(0, dtype=np.int64)
        self._used: list[np.ndarray] = []  # positions of the held words this run asked for
        self._added: list[Group] = []  # tokenized this run, to be written
        self._read()

    @classmethod
    def of(cls, tokenizer_file: bytes) -> KeptIds | None:
        """The kept ids for this tokenizer in the user's cache folder; None when there is no
        cache folder to be had."""
        import zlib
        from importlib.metadata import PackageNotFoundError, version

        from ..cachedir import cache_root

        try:
            tokenizers = version("tokenizers")
            root = cache_root()
        except (PackageNotFoundError, OSError, RuntimeError):
            return None
        name = (f"{zlib.crc32(tokenizer_file):08x}-{len(tokenizer_file)}-tokenizers-"
                f"{tokenizers}-{cls.FORMAT}")
        return cls(root / "words" / name)

    def _read(self) -> None:
        try:
            fmt, text, counts, ids = marshal.loads(self.path.read_bytes())
            if fmt != self.FORMAT or not isinstance(text, str):
                return
            words = text.split("\n") if text else []
            lengths = np.frombuffer(counts, dtype=np.uint8).astype(np.int64)
            flat = np.frombuffer(ids, dtype="<u2").astype(np.int64)
        except (OSError, EOFError, ValueError, TypeError):
            return
        if len(words) != len(lengths) or int(lengths.sum()) != len(flat):
            return
        self._words, self._lengths, self._ids = words, lengths, flat
        self._starts = np.cumsum(lengths) - lengths
        self._index = dict(zip(words, range(len(words)), strict=True))

    def split(self, words: list[str]) -> tuple[list[str], list[str]]:
        """(words held, words not held), each in the order given."""
        index = self._index
        known = [w for w in words if w in index]
        if len(known) == len(words):
            return known, []
        return known, [w for w in words if w not in index]

    def ids(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(token counts, token ids) of held words, as `encode` gives them."""
        where = np.fromiter((self._index[w] for w in words), dtype=np.int64, count=len(words))
        self._used.append(where)
        return _gather(self._lengths, self._starts, self._ids, where)

    @property
    def added(self) -> list[str]:
        """The words tokenized this run that the next save keeps."""
        return [w for words, _, _ in self._added for w in words]

    def add(self, words: list[str], lengths: np.ndarray, ids: np.ndarray) -> None:
        """Words just tokenized, to be kept when the run saves (not those of more than 255
        tokens, nor any whose ids do not fit 16 bits)."""
        keep = lengths <= 255
        if len(ids) and int(ids.max()) > 0xFFFF:
            wide = np.zeros(len(words), dtype=bool)
            np.logical_or.at(wide, np.repeat(np.arange(len(words)), lengths), ids > 0xFFFF)
            keep &= ~wide
        if keep.all():
            self._added.append((list(words), lengths.copy(), ids.copy()))
            return
        chosen = np.flatnonzero(keep)
        starts = np.cumsum(lengths) - lengths
        self._added.append(([words[n] for n in chosen.tolist()],
                            *_gather(lengths, starts, ids, chosen)))

    def save(self) -> bool:
        """Write the held words and those added this run (see the class doc); True if the
        file was written. A folder that cannot be written is no error."""
        if not any(words for words, _, _ in self._added):
            return False
        parts: list[Group] = [(self._words, self._lengths, self._ids), *self._added]
        if len(self._words) + sum(len(words) for words, _, _ in self._added) > self.MAX_WORDS:
            used = np.unique(np.concatenate(self._used)) if self._used else np.zeros(0, np.int64)
            parts[0] = ([self._words[n] for n in used.tolist()],
                        *_gather(self._lengths, self._starts, self._ids, used))
        words = [w for group, _, _ in parts for w in group][-self.MAX_WORDS:]
        lengths = np.concatenate([counts for _, counts, _ in parts])[-self.MAX_WORDS:]
        ids = np.concatenate([flat for _, _, flat in parts])
        ids = ids[len(ids) - int(lengths.sum()):]
        data = marshal.dumps((self.FORMAT, "\n".join(words), lengths.astype(np.uint8).tobytes(),
                              ids.astype("<u2").tobytes()))
        try:
            from ..atomic import replace_atomically

            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_atomically(self.path, data)
        except (OSError, ValueError):
            return False
        self._added = []
        return True


def _gather(lengths: np.ndarray, starts: np.ndarray, ids: np.ndarray,
            where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(counts, ids) of the words at positions `where` of a (counts, starts, ids) table."""
    counts = lengths[where]
    total = int(counts.sum())
    offsets = np.repeat(starts[where] - (np.cumsum(counts) - counts), counts)
    return counts, ids[offsets + np.arange(total, dtype=np.int64)]


_kept: KeptIds | None = None  # the one `vectors()` reads, if it was made


def save_kept_ids() -> bool:
    """Write the words this run tokenized (see `KeptIds`); the command line calls it after
    its output. Nothing when the meaning model was never loaded."""
    return _kept.save() if _kept is not None else False


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
