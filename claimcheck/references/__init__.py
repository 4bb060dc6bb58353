"""The user's own references: load files, folders and URLs into snippets, and index them.

`load_references` -> list[Snippet]; `build_index` -> ReferenceIndex with `search` and
`search_many`. Fetched pages and built indexes are cached under the user cache directory
(`CLAIMCHECK_CACHE_DIR` overrides it).

Its parts load when first used (PEP 562): importing `claimcheck.references.load` or `.cache`
does not import the index (numpy, bm25s), and a run without references imports none of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .index import ReferenceIndex, build_index
    from .load import load_references

__all__ = ["ReferenceIndex", "build_index", "load_references"]
_WHERE = {"ReferenceIndex": "index", "build_index": "index", "load_references": "load"}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
