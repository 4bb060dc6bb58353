"""Where claimcheck keeps its caches: the one place that decides the folder.

A module of its own (not `references.cache`) because a run without references uses the cache
too (compiled regexes, `regexcache`), and must not import reference code to find it.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "CLAIMCHECK_CACHE_DIR"


def cache_root() -> Path:
    """The user's cache directory for claimcheck; `CLAIMCHECK_CACHE_DIR` overrides it."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))
