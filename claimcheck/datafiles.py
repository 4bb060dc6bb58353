"""Where the word-list loader used to live: it is `claimcheck.text.wordlists` now.

Kept only so that modules not yet moved onto `claimcheck.text` still import. A list that moved
from a stage's `data/` to `claimcheck/text/data/` is still found under its old package here, so
`data_lines("claimcheck.split", "common_words")` reads the shared copy. New code imports from
`claimcheck.text.wordlists` (and month and weekday names from `claimcheck.text.dates`).
"""

from __future__ import annotations

from importlib.resources import files

from .text import wordlists


def data_lines(package: str, name: str) -> tuple[str, ...]:
    """`text.wordlists.data_lines`, falling back to the shared copy of a list that moved."""
    if not (files(package) / "data" / f"{name}.txt").is_file():
        package = wordlists.TEXT
    return wordlists.data_lines(package, name)


__all__ = ["data_lines"]
