"""Where claimcheck keeps fetched URLs and built indexes, and how it writes there safely.

The cache is an optimisation, never a source of truth: every reader treats an unreadable entry
as missing, and every writer goes through a temporary file and `os.replace`, so a crash or a
concurrent run can leave a stale file but never a half-written one.

An entry built by other code must never be read as this code's: every installed claimcheck
(another version, a development checkout, a pre-commit or pipx environment) shares the user
cache folder, so keys include `code_fingerprint` of the code that built the entry.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from ..atomic import replace_atomically
from ..cachedir import CACHE_ENV, cache_root

__all__ = ["CACHE_ENV", "atomic_write", "cache_root", "code_fingerprint"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write a cache entry atomically, creating the cache folder when needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, data)


@cache
def code_fingerprint(*modules: str) -> str:
    """A hash of the files of `modules` (packages: every file under them, data included;
    modules: their source file), found without importing them. Part of a cache key, so an
    entry written by different code (an upgrade, another checkout, a library update) is a miss.
    A module that is not installed counts as its name only."""
    digest = hashlib.sha256()
    for name in modules:
        digest.update(f"\0{name}\0".encode())
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            continue
        if spec.submodule_search_locations:
            found = [p for root in spec.submodule_search_locations
                     for p in sorted(Path(root).rglob("*"))
                     if p.is_file() and "__pycache__" not in p.parts
                     and p.suffix not in (".pyc", ".pyo")]
            base = Path(next(iter(spec.submodule_search_locations)))
        elif spec.origin and os.path.isfile(spec.origin):
            found = [Path(spec.origin)]
            base = found[0].parent
        else:
            continue
        for path in found:
            try:
                data = path.read_bytes()
            except OSError:
                data = b"\0unreadable"
            rel = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.name
            digest.update(f"{rel}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()[:16]
