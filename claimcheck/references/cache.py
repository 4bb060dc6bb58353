"""Where claimcheck keeps fetched URLs and built indexes, and how it writes there safely.

The cache is an optimisation, never a source of truth: every reader treats an unreadable entry
as missing, and every writer goes through a temporary file and `os.replace`, so a crash or a
concurrent run can leave a stale file but never a half-written one.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..atomic import replace_atomically

CACHE_ENV = "CLAIMCHECK_CACHE_DIR"


def cache_root() -> Path:
    """The user's cache directory for claimcheck; `CLAIMCHECK_CACHE_DIR` overrides it."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write a cache entry atomically, creating the cache folder when needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, data)
