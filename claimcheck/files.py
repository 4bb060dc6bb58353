"""Reading the user's files without hanging, filling memory or following surprises.

Every input claimcheck reads (drafts, reference files, the config, the baseline, the ledger)
goes through `read_capped`: the path is looked at with `os.stat` before it is opened, so a FIFO
(which would block until a writer comes), a device (`/dev/zero` never ends) or a socket is
refused with one line; a regular file larger than its cap is refused before any byte is read
(a sparse 1 GB file costs nothing); and the read stops one byte past the cap in case the file
grows meanwhile. The file is opened non-blocking, and checked again on the open descriptor, so
a FIFO swapped in between the two looks cannot block the run either.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import UserError

# Files whose size is not the user's to choose: generous, far beyond anything real.
CONFIG_MAX_BYTES = 1_000_000
BASELINE_MAX_BYTES = 100_000_000
LEDGER_MAX_BYTES = 500_000_000


def decode_utf8(raw: bytes, label: str, advice: str = "save the file as UTF-8") -> str:
    """`raw` as text (a UTF-8 BOM is dropped), or a UserError naming the line and the byte that
    is not UTF-8, then `advice`."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UserError(f"{label}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                        f"{advice}") from None


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def too_large(label: str, size: int | None, cap: int, setting: str | None) -> UserError:
    how = f"{setting} is {cap:,}" if setting else f"the limit is {cap:,}"
    raise_it = f"; raise {setting} in the config to read it" if setting else ""
    found = f"{size:,} bytes" if size is not None else "more than that"
    return UserError(f"{label}: too large ({found}; {how} bytes{raise_it})")


def read_capped(path: str | Path, cap: int, label: str, setting: str | None = None) -> bytes:
    """The bytes of a regular file of at most `cap` bytes.

    Raises FileNotFoundError (and other OSErrors, for the caller's own wording) when the path
    cannot be looked at, IsADirectoryError for a folder, and UserError naming `label` for a
    special file or one over the cap (`setting`: the config key that sets the cap, if any).
    """
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"{label}: is {kind_of(info.st_mode)}, not a regular file")
    if info.st_size > cap:
        raise too_large(label, info.st_size, cap, setting)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise UserError(f"{label}: is {kind_of(opened.st_mode)}, not a regular file")
        chunks = []
        size = 0
        while size <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > cap:
            raise too_large(label, None, cap, setting)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_input(path: str | Path, cap: int, what: str, *, label: str | None = None,
               setting: str | None = None, missing: str | None = "no such file") -> bytes:
    """`read_capped` with the user-facing wording, one place for every input: a folder, a
    missing file and any other OSError become a one-line UserError naming `label` (default: the
    path) and `what` the file should be ("a config file"). `missing` is what a missing file is
    called; None re-raises FileNotFoundError for a caller to whom absence is not an error."""
    label = str(path) if label is None else label
    try:
        return read_capped(path, cap, label, setting)
    except IsADirectoryError:
        raise UserError(f"{label}: is a folder, not {what}") from None
    except FileNotFoundError:
        if missing is None:
            raise
        raise UserError(f"{label}: {missing}") from None
    except OSError as exc:
        raise UserError(f"{label}: cannot read {what}: {exc.strerror or exc}") from None


def read_stream_capped(stream: object, cap: int, label: str, setting: str | None = None) -> bytes:
    """At most `cap` bytes from a binary stream (standard input): one past it is an error."""
    data = stream.read(cap + 1)  # type: ignore[attr-defined]
    if len(data) > cap:
        raise too_large(label, None, cap, setting)
    return bytes(data)
