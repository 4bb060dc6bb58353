"""The output folder of a batch, and what makes a killed run resumable without duplicates.

    DIR/batch.json          what produced this folder: format, settings signature, corpus
    DIR/commits.jsonl       the commit log: one line per part file, with its documents' summaries
    DIR/claims/part-NNNNNN.parquet   the Parquet dataset, one row per claim
    DIR/documents.jsonl     one summary per corpus document, in corpus order (when complete)
    DIR/summary.json        totals of the run (when complete)

Commit protocol: a part file is written under a hidden temporary name, synced to disk and renamed
into place (and the folder synced); only then is ONE line appended to the commit log naming it and
listing its documents, and synced. A document counts as done only when a complete log line lists
it. So a run killed at any point leaves at worst a part file no line names (deleted when the run
resumes) or a torn last line (cut off when it resumes); the documents they held are checked again.
Rows of a document are valid only in the part its log line names.

A document is keyed by (id, content hash): if its text changed since it was written, it is checked
again and its old rows are dropped when the run completes (as are those of documents no longer in
the corpus). A folder written with other settings (references, rules, thresholds, claimcheck
version) is never mixed with new results: the run stops unless told to start over.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..atomic import replace_atomically
from ..errors import UserError
from .arrow import parquet, pyarrow
from .schema import FORMAT, FORMAT_VERSION, DocumentSummary

MANIFEST = "batch.json"
LOCK = "batch.lock"  # held (flock) by the run writing the folder
LOG = "commits.jsonl"
CLAIMS = "claims"
DOCUMENTS = "documents.jsonl"
SUMMARY = "summary.json"
OURS = (MANIFEST, LOG, CLAIMS, DOCUMENTS, SUMMARY)
_OWN_FILES = (*OURS, LOCK)
_PART = re.compile(r"part-(\d{6,})\.parquet")
Key = tuple[str, str]  # (document id, content hash)


def _lock(folder: Path) -> Any:
    """An exclusive lock on the folder for this run (released when the process ends, however
    it ends): two runs appending to one commit log would corrupt it."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder}: exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / LOCK).open("a+")
    except OSError as exc:
        raise UserError(f"{folder}: cannot write there ({exc.strerror or exc})") from None
    try:
        import fcntl
    except ImportError:  # not on this platform: no protection against a second run
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise UserError(f"{folder}: another claimcheck batch is writing to this folder") from None
    return handle


def _file_mode() -> int:
    """Permissions of a new file under the user's umask (temporary files are made 0600). Read
    once, at import, before any engine starts threads: setting the umask to read it is not
    thread-safe."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def _write(path: Path, text: str) -> None:
    replace_atomically(path, text.encode("utf-8"), mode=FILE_MODE, durable=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform opens folders
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Output:
    """An output folder opened for a run: resumes what an earlier run with the same settings
    committed, and commits new parts."""

    def __init__(self, folder: Path, signature: dict[str, Any], overwrite: bool) -> None:
        self.folder = folder
        self.claims = folder / CLAIMS
        self.signature = signature
        self._lock = _lock(folder)
        self._prepare(overwrite)
        self.done: dict[Key, DocumentSummary] = {}  # written documents, by (id, hash)
        self.failed: dict[Key, DocumentSummary] = {}  # documents that failed in this run
        self._next_part = 0
        self._read_log()

    # -- opening -------------------------------------------------------------------------

    def _prepare(self, overwrite: bool) -> None:
        folder = self.folder
        manifest = folder / MANIFEST
        if any(p.name not in _OWN_FILES for p in folder.iterdir()) or manifest.exists():
            if not manifest.is_file():
                raise UserError(f"{folder}: folder is not empty and holds no claimcheck batch "
                                f"({MANIFEST}); choose another --out")
            try:
                old = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise UserError(f"{manifest}: unreadable batch manifest ({exc})") from None
            if old.get("format") != FORMAT or old.get("format_version") != FORMAT_VERSION:
                raise UserError(f"{manifest}: not a {FORMAT} folder of version "
                                f"{FORMAT_VERSION}; choose another --out")
            if overwrite:
                self._clear()
            elif old.get("signature") != self.signature:
                changed = sorted(k for k in set(old.get("signature", {})) | set(self.signature)
                                 if old.get("signature", {}).get(k) != self.signature.get(k))
                raise UserError(f"{folder}: holds results of other settings (changed: "
                                f"{', '.join(changed)}); use --overwrite to discard them, or "
                                f"another --out")
        folder.mkdir(parents=True, exist_ok=True)
        self.claims.mkdir(exist_ok=True)
        for name in (SUMMARY, DOCUMENTS):  # a run under way is not complete: made again at its end
            (folder / name).unlink(missing_ok=True)
        data = {"tool": "claimcheck", "format": FORMAT, "format_version": FORMAT_VERSION,
                "signature": self.signature}
        _write(manifest, json.dumps(data, indent=2) + "\n")

    def _clear(self) -> None:
        """--overwrite: remove what a batch writes here, and nothing else."""
        for name in OURS:
            path = self.folder / name
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)

    def _read_log(self) -> None:
        """Load the complete commit lines; cut a torn last line; delete parts no line names."""
        log = self.folder / LOG
        referenced: set[str] = set()
        good = 0  # bytes of complete, valid lines
        try:
            data = log.read_bytes()
        except FileNotFoundError:
            data = b""
        for raw in data.splitlines(keepends=True):
            if not raw.endswith(b"\n"):
                break
            try:
                entry = json.loads(raw)
                summaries = [DocumentSummary.model_validate(s) for s in entry["documents"]]
                part = entry["part"]
            except Exception:
                break  # a damaged line: it and anything after it are not committed
            if part is not None and not (self.folder / part).is_file():
                break
            good += len(raw)
            if part is not None:
                referenced.add(part)
            for s in summaries:
                if s.status == "ok":  # failed documents are tried again
                    self.done[(s.id, s.hash)] = s
        if good < len(data):
            with log.open("r+b") as fh:
                fh.truncate(good)
                fh.flush()
                os.fsync(fh.fileno())
        for file in self.claims.iterdir():
            rel = f"{CLAIMS}/{file.name}"
            if rel not in referenced:
                file.unlink()  # an orphan of a killed run, or a temporary file
            elif m := _PART.fullmatch(file.name):
                self._next_part = max(self._next_part, int(m.group(1)) + 1)

    def is_done(self, key: Key) -> bool:
        return key in self.done

    # -- committing ----------------------------------------------------------------------

    def _write_part(self, table: Any) -> str:
        """An Arrow table as a new part file, durable; its relative path."""
        name = f"part-{self._next_part:06d}.parquet"
        self._next_part += 1
        target = self.claims / name
        tmp = self.claims / f".{name}.tmp"
        parquet().write_table(table, tmp, compression="zstd")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        _fsync_dir(self.claims)
        return f"{CLAIMS}/{name}"

    def commit(self, summaries: Sequence[DocumentSummary], tables: Sequence[Any]) -> None:
        """One part (when there are rows: Arrow tables of `claim_schema()`) and one log line
        for these documents."""
        if not summaries:
            return
        rows = [t for t in tables if t.num_rows]
        part = self._write_part(pyarrow().concat_tables(rows)) if rows else None
        for s in summaries:
            if s.status == "ok":
                s.part = part
        with (self.folder / LOG).open("ab") as fh:
            fh.write(_line(part, summaries).encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        for s in summaries:
            (self.done if s.status == "ok" else self.failed)[(s.id, s.hash)] = s

    # -- completing ----------------------------------------------------------------------

    def finish(self, order: Sequence[Key | DocumentSummary]) -> list[DocumentSummary]:
        """The run is complete. `order` has, for each corpus document in order, its key, or
        its summary when the corpus itself could not give it (unreadable, duplicate id...).

        Writes `documents.jsonl` in corpus order, rewrites the parts that hold rows of documents
        no longer in the corpus (or whose text changed) without them, and compacts the log to
        the current documents. Returns the corpus's summaries, in order."""
        current = [entry if isinstance(entry, DocumentSummary)
                   else self.done.get(entry) or self.failed[entry] for entry in order]
        keep = {(s.id, s.hash) for s in current if s.status == "ok"}
        wanted_parts = {s.part for s in current if s.part}
        stale_parts = {s.part for key, s in self.done.items()
                       if s.part and key not in keep} & wanted_parts
        renamed = {part: self._rewrite(part, keep) for part in sorted(stale_parts)}
        for s in current:
            if s.part in renamed:
                s.part = renamed[s.part]
        parts = sorted({s.part for s in current if s.part})
        # the new log names exactly the current documents' parts: anything else is garbage
        log = "".join(_line(part, [s for s in current if s.part == part]) for part in parts)
        errors = [s for s in current if s.status != "ok"]
        if errors:
            log += _line(None, errors)
        _write(self.folder / LOG, log)
        lines = "".join(json.dumps(s.model_dump(), ensure_ascii=False) + "\n" for s in current)
        _write(self.folder / DOCUMENTS, lines)
        for file in self.claims.iterdir():
            if f"{CLAIMS}/{file.name}" not in parts:
                file.unlink()
        self.done = {(s.id, s.hash): s for s in current if s.status == "ok"}
        return current

    def _rewrite(self, part: str, keep: set[Key]) -> str:
        """A new part with only the rows of `keep` (durable before anything names it)."""
        table = parquet().read_table(self.folder / part)
        pa = pyarrow()
        ids = table.column("document_id").to_pylist()
        hashes = table.column("document_hash").to_pylist()
        mask = pa.array([(i, h) in keep for i, h in zip(ids, hashes, strict=True)])
        return self._write_part(table.filter(mask))

    def write_summary(self, data: dict[str, Any]) -> None:
        _write(self.folder / SUMMARY, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _line(part: str | None, summaries: Sequence[DocumentSummary]) -> str:
    return json.dumps({"part": part, "documents": [s.model_dump() for s in summaries]},
                      ensure_ascii=False) + "\n"
