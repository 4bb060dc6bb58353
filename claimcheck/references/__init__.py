"""The user's own references: load files, folders and URLs into snippets, and index them.

`load_references` -> list[Snippet]; `build_index` -> ReferenceIndex with `search` and
`search_many`. Fetched pages and built indexes are cached under the user cache directory
(`CLAIMCHECK_CACHE_DIR` overrides it).
"""

from .index import ReferenceIndex, build_index
from .load import load_references

__all__ = ["ReferenceIndex", "build_index", "load_references"]
