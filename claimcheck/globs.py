"""File patterns: one implementation of every glob claimcheck matches a path against (the config's
`include` and `exclude`, `--force-exclude`) and of the folder walk that lists the files.

Patterns are gitignore's language, by `pathspec` (see docs/design.md, dependencies): `*.md` or
`README.md` (no slash) match at any depth, `docs/*.md` only directly in docs/, `**/` any number
of folders (none included), `skip/` or `skip` everything under a folder, `/x.md` only at the top,
`!keep.md` takes a file back. Paths are relative, POSIX style ("sub/c.md").
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import PathSpec


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> PathSpec:
    # imported here: a run on files named explicitly matches no glob (pathspec and the regex
    # backends it probes cost 40-70 ms of start-up)
    from pathspec import PathSpec

    return PathSpec.from_lines("gitignore", patterns)


@dataclass(frozen=True)
class Globs:
    """A list of patterns; a path matches when the list, read as a .gitignore, selects it."""

    patterns: tuple[str, ...]
    _spec: PathSpec = field(init=False, repr=False, compare=False)

    def __init__(self, patterns: Iterable[str]) -> None:
        # surrounding spaces are a typo in a config value, not part of a file name
        kept = tuple(p.strip() for p in patterns if p.strip())
        object.__setattr__(self, "patterns", kept)
        object.__setattr__(self, "_spec", _compiled(kept))

    def match(self, path: str) -> bool:
        return bool(self.patterns) and self._spec.match_file(path)


@dataclass(frozen=True)
class Selection:
    """What `include` and `exclude` select together: matched by one, not by the other."""

    include: Globs
    exclude: Globs

    @classmethod
    def of(cls, include: Sequence[str], exclude: Sequence[str]) -> Selection:
        return cls(Globs(include), Globs(exclude))

    def __call__(self, path: str) -> bool:
        return self.include.match(path) and not self.exclude.match(path)


def files_under(folder: Path, keep: Callable[[str], bool]) -> list[tuple[Path, str]]:
    """(file, path relative to `folder`) for each file under `folder` that `keep` accepts, by
    that relative path, sorted by it. Hidden files and folders (.git, .venv) are skipped and
    never entered; symbolic links to folders are not followed (links to files are files)."""
    found: list[tuple[Path, str]] = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(here)
        prefix = base.relative_to(folder).as_posix()
        for name in names:
            if name.startswith("."):
                continue
            rel = name if prefix == "." else f"{prefix}/{name}"
            if keep(rel):
                found.append((base / name, rel))
    return sorted(found, key=lambda pair: pair[1])
