"""A corpus to batch-check: a folder of drafts, a JSON Lines file or a Parquet file, read as a
stream of documents with their content hash.

- A folder is expanded like `claimcheck check`'s (config `include` / `exclude`, hidden folders
  skipped, sorted); a document's id is its path relative to the folder, POSIX style.
- A `.jsonl` (or `.ndjson`) file holds one JSON object per line: `{"id": ..., "text": ...}`, or
  `{"id": ..., "path": ...}` with the path relative to the JSONL file's folder (`id` defaults to
  the path). Other keys are ignored.
- A `.parquet` file has a string column `id` and a string column `text` (or `path`).

Whether a document is Markdown follows `claimcheck check`: the config's `markdown` setting, else
the extension of its path (or of its id).

Nothing here stops the batch for one bad document: an unreadable file, a line that is not JSON, a
missing id, a binary or empty text, a repeated id each become an `Item` with an `error`. Only a
corpus that cannot be opened at all is a UserError.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Config
from ..document import draft_text, is_markdown
from ..errors import UserError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_BATCH = 1024  # rows read at a time from a Parquet corpus


@dataclass(frozen=True)
class Item:
    """One document of the corpus, in corpus order. `text` is None when `error` says why."""

    ordinal: int  # 0-based position in the corpus
    id: str
    hash: str  # sha256 of the document's UTF-8 bytes ("" when there are none to hash)
    text: str | None
    markdown: bool
    error: str | None = None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Corpus:
    """Documents of one CORPUS argument; iterate it (again) for a fresh stream."""

    def __init__(self, spec: str, config: Config) -> None:
        self.spec = spec
        self._force = {"auto": None, "always": True, "never": False}[config.markdown]
        self.path = path = Path(spec)
        if path.is_dir():
            from ..pipeline import expand_drafts

            self.kind = "folder"
            self._files = [Path(p) for p in expand_drafts([spec], config)]
            self._root = path
        elif not path.exists():
            raise UserError(f"{spec}: no such file or folder")
        elif path.suffix.lower() in JSONL_SUFFIXES:
            self.kind = "jsonl"
        elif path.suffix.lower() in PARQUET_SUFFIXES:
            self.kind = "parquet"
            self._parquet_columns()  # a wrong file fails now, not halfway
        else:
            raise UserError(f"{spec}: a corpus is a folder of drafts, a JSON Lines file "
                            f"({', '.join(JSONL_SUFFIXES)}) or a Parquet file "
                            f"({', '.join(PARQUET_SUFFIXES)})")

    def count(self) -> int:
        """How many documents the corpus holds (for a JSONL file, its non-blank lines): for
        progress and the ETA."""
        if self.kind == "folder":
            return len(self._files)
        if self.kind == "parquet":
            return int(self._parquet_file().metadata.num_rows)
        with self._open() as fh:
            return sum(1 for line in fh if line.strip())  # as `_jsonl` counts them

    def __iter__(self) -> Iterator[Item]:
        seen: dict[str, int] = {}
        for item in self._items():
            first = seen.setdefault(item.id, item.ordinal)
            if first != item.ordinal and item.error is None:
                item = Item(item.ordinal, item.id, item.hash, None, item.markdown,
                            f"duplicate document id (also document {first + 1} of the corpus)")
            yield item

    def _items(self) -> Iterator[Item]:
        if self.kind == "folder":
            for ordinal, file in enumerate(self._files):
                doc_id = file.relative_to(self._root).as_posix()
                yield self._from_file(ordinal, doc_id, file)
        elif self.kind == "jsonl":
            yield from self._jsonl()
        else:
            yield from self._parquet()

    def _markdown(self, name: str) -> bool:
        return is_markdown(name) if self._force is None else self._force

    def _from_text(self, ordinal: int, doc_id: str, text: str, name: str) -> Item:
        data = text.encode("utf-8", "surrogatepass")
        return self._checked(ordinal, doc_id, data, name)

    def _from_file(self, ordinal: int, doc_id: str, file: Path) -> Item:
        try:
            data = file.read_bytes()
        except OSError as exc:
            return Item(ordinal, doc_id, "", None, self._markdown(file.name),
                        f"{file}: cannot read ({exc.strerror or exc})")
        return self._checked(ordinal, doc_id, data, file.name)

    def _checked(self, ordinal: int, doc_id: str, data: bytes, name: str) -> Item:
        digest = content_hash(data)
        markdown = self._markdown(name)
        try:
            text = draft_text(doc_id, data)
        except UserError as exc:
            return Item(ordinal, doc_id, digest, None, markdown, str(exc))
        return Item(ordinal, doc_id, digest, text, markdown)

    def _row(self, ordinal: int, where: str, row: dict[str, Any]) -> Item:
        """One JSONL object or Parquet row: id plus text or path."""
        doc_id, text, path = row.get("id"), row.get("text"), row.get("path")
        if doc_id is None and isinstance(path, str):
            doc_id = path
        if not isinstance(doc_id, str) or not doc_id:
            return Item(ordinal, where, "", None, False,
                        f"{where}: no document id (a string 'id', or a 'path')")
        if isinstance(text, str):
            return self._from_text(ordinal, doc_id, text, path if isinstance(path, str)
                                   else doc_id)
        if isinstance(path, str) and path:
            return self._from_file(ordinal, doc_id, self.path.parent / path)
        return Item(ordinal, doc_id, "", None, self._markdown(doc_id),
                    f"{where}: no document text (a string 'text', or a 'path')")

    def _open(self) -> Any:
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise UserError(f"{self.spec}: cannot read ({exc.strerror or exc})") from None

    def _jsonl(self) -> Iterator[Item]:
        ordinal = 0
        with self._open() as fh:
            for number, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                where = f"{self.path.name}:{number}"
                try:
                    row = json.loads(raw)
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
                    yield Item(ordinal, where, content_hash(raw), None, False,
                               f"{where}: not a JSON object ({reason})")
                else:
                    if isinstance(row, dict):
                        yield self._row(ordinal, where, row)
                    else:
                        yield Item(ordinal, where, content_hash(raw), None, False,
                                   f"{where}: not a JSON object")
                ordinal += 1

    def _parquet_file(self) -> Any:
        from .arrow import parquet

        try:
            return parquet().ParquetFile(self.path)
        except Exception as exc:  # pyarrow raises its own types for a file that is not Parquet
            raise UserError(f"{self.spec}: not a readable Parquet file ({exc})") from None

    def _parquet_columns(self) -> list[str]:
        names = set(self._parquet_file().schema_arrow.names)
        if "id" not in names or not names & {"text", "path"}:
            raise UserError(f"{self.spec}: a Parquet corpus needs the columns 'id' and 'text' "
                            f"(or 'path'); it has {', '.join(sorted(names)) or 'none'}")
        return [c for c in ("id", "text", "path") if c in names]

    def _parquet(self) -> Iterator[Item]:
        columns = self._parquet_columns()
        ordinal = 0
        for batch in self._parquet_file().iter_batches(batch_size=PARQUET_BATCH,
                                                       columns=columns):
            for row in batch.to_pylist():
                yield self._row(ordinal, f"{self.path.name} row {ordinal + 1}", row)
                ordinal += 1
