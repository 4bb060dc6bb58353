"""The reference side of a batch as a handful of flat numpy arrays, so every worker shares one copy.

A list of 100,000 `Snippet` records is millions of Python objects: a forked worker that reads them
touches their reference counts and so copies their pages, and anything else (a spawned worker, a
Ray actor on another node) would have to unpickle them all. Packed, the snippets' texts, ids,
sources and URLs are each one UTF-8 buffer plus an offsets array, next to the BM25 matrix of the
index and the references' vocabulary of content stems. Arrays are never written after packing, so:

- `--engine local` saves them once per run as `.npy` files and every worker memory-maps them
  (the operating system keeps one copy in its page cache, whatever the number of workers);
- `--engine ray` puts the same dict into Ray's object store once; actors get numpy arrays that
  point into shared memory (zero-copy, read-only).

`PackedSnippets` turns a position back into a `Snippet` on demand, so the checker (which only
reads `snippets[i]`) runs unchanged on either.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar, cast, overload

import numpy as np

from ..models import Snippet
from ..references.index import ReferenceIndex

PACK_VERSION = 1
T = TypeVar("T")
Arrays = dict[str, np.ndarray]


def pack_strings(values: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(UTF-8 bytes of all values, offsets): value i is buf[off[i]:off[i + 1]]."""
    return _pack_bytes([v.encode("utf-8", "surrogatepass") for v in values])


def _pack_bytes(encoded: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def pack_lines(values: Sequence[str]) -> np.ndarray:
    """Values that hold no line break (index terms, stems), newline-joined."""
    return np.frombuffer("\n".join(values).encode("utf-8"), dtype=np.uint8)


def unpack_lines(buf: np.ndarray) -> list[str]:
    text = buf.tobytes().decode("utf-8")
    return text.split("\n") if text else []


class _Packed(Sequence[T]):
    """A read-only sequence whose items are made on access from packed arrays."""

    def __len__(self) -> int:
        raise NotImplementedError

    def _at(self, i: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._at(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._at(i)

    def __iter__(self) -> Iterator[T]:
        return (self._at(i) for i in range(len(self)))


class PackedStrings(_Packed[str]):
    """Strings over a packed buffer; each access decodes its value."""

    def __init__(self, buf: np.ndarray, offsets: np.ndarray) -> None:
        self._buf = buf
        self._off = offsets

    def __len__(self) -> int:
        return len(self._off) - 1

    def _at(self, i: int) -> str:
        return self._buf[int(self._off[i]):int(self._off[i + 1])].tobytes().decode(
            "utf-8", "surrogatepass")


class PackedSnippets(_Packed[Snippet]):
    """Snippets made on demand from packed arrays, every field as it was (judging reads a
    record's extra fields too: a title, `verbatim`, `kind`)."""

    def __init__(self, arrays: Arrays) -> None:
        self.ids = PackedStrings(arrays["id_buf"], arrays["id_off"])
        self.texts = PackedStrings(arrays["text_buf"], arrays["text_off"])
        self.sources = PackedStrings(arrays["source_buf"], arrays["source_off"])
        self.urls = PackedStrings(arrays["url_buf"], arrays["url_off"])
        self.dates = PackedStrings(arrays["date_buf"], arrays["date_off"])
        self._set = arrays["field_set"]  # url, date given (None when not)
        self._extra_buf, self._extra_off = arrays["extra_buf"], arrays["extra_off"]

    def __len__(self) -> int:
        return len(self.ids)

    def _at(self, i: int) -> Snippet:
        url = self.urls[i] if self._set[i, 0] else None
        date = self.dates[i] if self._set[i, 1] else None
        start, end = int(self._extra_off[i]), int(self._extra_off[i + 1])
        # pickled by `pack_snippets` in this run (a date from YAML stays a date); {} is empty
        extra = pickle.loads(self._extra_buf[start:end].tobytes()) if end > start else {}
        return Snippet(self.ids[i], self.texts[i], self.sources[i], url, date, extra)


def pack_snippets(snippets: Sequence[Snippet]) -> Arrays:
    arrays: Arrays = {}
    for name, values in (("id", [s.id for s in snippets]), ("text", [s.text for s in snippets]),
                         ("source", [s.source for s in snippets]),
                         ("url", [s.url or "" for s in snippets]),
                         ("date", [s.date or "" for s in snippets])):
        arrays[f"{name}_buf"], arrays[f"{name}_off"] = pack_strings(values)
    arrays["field_set"] = np.array([(s.url is not None, s.date is not None) for s in snippets],
                                   dtype=bool).reshape(len(snippets), 2)
    arrays["extra_buf"], arrays["extra_off"] = _pack_bytes(
        [pickle.dumps(s.extra) if s.extra else b"" for s in snippets])
    return arrays


def pack_references(snippets: Sequence[Snippet], index: ReferenceIndex,
                    known: frozenset[str], key: str) -> Arrays:
    """Everything judging reads of the references: snippets, BM25 matrix, known stems."""
    arrays = pack_snippets(snippets)
    vocab = sorted(index.vocab, key=index.vocab.__getitem__)
    arrays.update(
        bm25_data=np.ascontiguousarray(index.data), bm25_indices=np.ascontiguousarray(
            index.indices), bm25_indptr=np.ascontiguousarray(index.indptr),
        vocab=pack_lines(vocab), known=pack_lines(sorted(known)),
        meta=np.frombuffer(json.dumps({"version": PACK_VERSION, "key": key,
                                       "snippets": len(snippets)}).encode(), dtype=np.uint8))
    return arrays


def meta(arrays: Arrays) -> dict[str, object]:
    return cast(dict[str, object], json.loads(arrays["meta"].tobytes()))


def search_index(arrays: Arrays) -> ReferenceIndex:
    """The BM25 index over packed arrays (they are used in place, not copied)."""
    snippets = cast(list[Snippet], PackedSnippets(arrays))  # read by position only
    return ReferenceIndex(snippets, unpack_lines(arrays["vocab"]), arrays["bm25_data"],
                          arrays["bm25_indices"], arrays["bm25_indptr"])


def known_stems(arrays: Arrays) -> frozenset[str]:
    return frozenset(unpack_lines(arrays["known"]))


def save(arrays: Arrays, folder: Path) -> None:
    """One `.npy` file per array in `folder`, which must not exist yet: written in a temporary
    folder beside it, then renamed into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", array, allow_pickle=False)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def load(folder: Path) -> Arrays:
    """The arrays of `save`, memory-mapped read-only (plain ndarray views of the mappings)."""
    arrays: Arrays = {}
    for file in sorted(folder.glob("*.npy")):
        try:
            arrays[file.stem] = np.load(file, mmap_mode="r", allow_pickle=False).view(
                np.ndarray)
        except ValueError:  # an empty array: nothing to map
            arrays[file.stem] = np.load(file, allow_pickle=False)
    return arrays
