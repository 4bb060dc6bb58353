"""Compiled regular expressions kept from one run to the next, as bytecode is (issue 17).

Every process compiles its regexes from their text: `re`'s parser and compiler are pure Python,
and a run on a small draft compiles some 290 patterns (the rules' and the splitter's, with
markdown-it's and pydantic's): ~0.09 s of CPU, a quarter of the time to first output. What the
compiler produces is a pure function of the pattern, its flags and the Python build, and
`_sre.compile` (C) makes a Pattern of it in microseconds. So the command line keeps the compiled
programs of its runs in the cache folder and hands them straight to `_sre.compile` next time.
Only `claimcheck`'s own command installs it (`cli.main`); a program that imports claimcheck as
a library keeps its `re` untouched.

Why it cannot change a result:
- what is stored is exactly the arguments `re._compiler.compile` passed to `_sre.compile` for
  that pattern and flags (recorded as the call happens, not recomputed), and a new entry is
  kept only if a Pattern rebuilt from the stored form equals the one `re` built (Pattern
  equality compares the pattern, the flags and the compiled code word for word);
- the file is keyed by the Python build (`sys.version`, the regex engine's MAGIC and code
  size): another Python never reads it (and there is one file per subcommand);
- an entry that fails to load (a damaged file, a changed engine) is compiled afresh, and an
  unreadable file is an empty cache; `_sre.compile` validates every program it is given.

The file holds what recent runs compiled: a run that compiled something new (more than
`WRITE_AFTER_S` of compiling: a pattern whose text changes from run to run, such as one built
from a set, is not worth a write) merges it in, and past `MAX_ENTRIES` the file restarts from
the patterns of that run, in the order it first used them. Writes are atomic, after the output
is flushed; a cache folder that cannot be written is ignored.
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

try:  # the hook point (see the module doc); a Python laid out otherwise runs without the cache
    import _sre
    from re import _compiler  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - CPython 3.11-3.13 have both
    _sre = _compiler = None

FORMAT = 1  # of the file's content; part of its name
MAX_ENTRIES = 1_000  # a run without references uses ~280, one with ~400 and its figures'
WRITE_AFTER_S = 0.02  # of compiling patterns the file did not hold

Entry = tuple[Any, int, list[int], int, dict[str, int], tuple[str | None, ...]]
Key = tuple[Any, int]


def cache_file(folder: Path, command: str = "check") -> Path:
    """The file for this Python build and subcommand under the cache folder (one per command:
    `review`'s terminal UI compiles hundreds of patterns `check` never needs to read)."""
    import zlib

    build = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{marshal.version}|{FORMAT}"
    name = f"{sys.implementation.cache_tag}-{zlib.crc32(build.encode()):08x}-{command}"
    return folder / "regex" / name


class RegexCache:
    """The compiled programs of one file, and the hook that serves `re` from them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.table: dict[Key, Entry] = _read(path)
        self.new: dict[Key, Entry] = {}
        # compiled this run, not held: the `_sre.compile` arguments and the Pattern, made into
        # entries (and checked) only when saving, after the output
        self.recorded: dict[Key, tuple[tuple[Any, ...], Any]] = {}
        self.used: dict[Key, None] = {}  # this run's patterns, in first-use order
        self.compile_s = 0.0  # spent compiling what the table did not hold
        self.hits = 0
        self._build = _sre.compile
        self._original = _compiler.compile
        self._lock = threading.Lock()
        self._recording: tuple[int, list[tuple[Any, ...]]] | None = None

    def install(self) -> None:
        """Serve every regex compiled from now on in this process from the cache."""
        global _installed
        _compiler.compile = self.compile
        _installed = self

    def _after_fork(self) -> None:
        self._lock = threading.Lock()
        self._recording = None
        if _sre.compile is not self._build:
            _sre.compile = self._build

    def uninstall(self) -> None:
        global _installed
        if _compiler.compile == self.compile:
            _compiler.compile = self._original
        if _installed is self:
            _installed = None

    def compile(self, p: Any, flags: int = 0) -> Any:
        """`re._compiler.compile`, from the table when it holds the pattern."""
        if type(p) not in (str, bytes) or flags & _compiler.SRE_FLAG_DEBUG:
            return self._original(p, flags)
        key = (p, int(flags))
        entry = self.table.get(key)
        if entry is not None and entry[0] == p:
            try:
                pattern = self._build(*entry)
            except Exception:  # noqa: BLE001 - a damaged entry: compile it afresh
                del self.table[key]
            else:
                self.hits += 1
                self.used[key] = None
                return pattern
        return self._compile_new(key, p, flags)

    def _compile_new(self, key: Key, p: Any, flags: int) -> Any:
        with self._lock:  # _sre.compile is swapped for the recorder only while this runs
            calls: list[tuple[Any, ...]] = []
            self._recording = (threading.get_ident(), calls)
            _sre.compile = self._record
            begin = time.process_time()
            try:
                pattern = self._original(p, flags)
            finally:
                _sre.compile = self._build
                self._recording = None
            self.compile_s += time.process_time() - begin
        if len(calls) == 1 and calls[0][0] is p:
            self.recorded[key] = (calls[0], pattern)
            self.used[key] = None
        return pattern

    def _record(self, *args: Any) -> Any:
        recording = self._recording
        if recording is not None and recording[0] == threading.get_ident():
            recording[1].append(args)
        return self._build(*args)

    def _rebuilds(self, entry: Entry, pattern: Any) -> bool:
        try:
            return bool(self._build(*entry) == pattern)
        except Exception:  # noqa: BLE001 - not storable as recorded: never cached
            return False

    def _settle_new(self) -> None:
        """Entries for what this run recorded, each kept only if it rebuilds the Pattern."""
        for key, (args, pattern) in self.recorded.items():
            entry = _entry(args)
            if entry is not None and self._rebuilds(entry, pattern):
                self.new[key] = entry
        self.recorded = {}

    def save(self) -> bool:
        """Write what this run compiled that the file did not hold (see the module doc).
        True if the file was written."""
        if not self.recorded and not self.new or self.compile_s < WRITE_AFTER_S:
            return False
        self._settle_new()
        if not self.new:
            return False
        table = {**_read(self.path), **self.table, **self.new}  # another run may have added
        if len(table) > MAX_ENTRIES:  # this run's, the start-up's first (patterns built
            # from the text, such as a figure's, come later and are the ones dropped)
            table = {key: table[key] for key in list(self.used)[:MAX_ENTRIES] if key in table}
        try:
            from .atomic import replace_atomically

            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_atomically(self.path, marshal.dumps(table))
        except (OSError, ValueError):  # a folder that cannot be written: no cache, no error
            return False
        self.table, self.new = table, {}
        return True


_installed: RegexCache | None = None


def _reset_in_child() -> None:
    """A process forked while another thread compiled a new pattern must not inherit the held
    lock or the recorder (a progress bar's thread may compile while a judge forks)."""
    if _installed is not None:
        _installed._after_fork()


# once per process (one handler per install would keep every cache's table alive); Windows
# has no fork
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_in_child)


def _entry(args: tuple[Any, ...]) -> Entry | None:
    """The arguments of one `_sre.compile` call in plain types marshal can store (the code's
    opcodes are int subclasses)."""
    try:
        pattern, flags, code, groups, groupindex, indexgroup = args
        return (pattern, int(flags), [int(op) for op in code], int(groups),
                {str(name): int(index) for name, index in groupindex.items()},
                tuple(indexgroup))
    except (TypeError, ValueError):
        return None


def _read(path: Path) -> dict[Key, Entry]:
    try:
        with open(path, "rb") as f:
            data = f.read()  # marshal.load(f) reads item by item: ten times slower
        table = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def install_for_run(command: str = "check") -> RegexCache | None:
    """The cache of the user's cache folder for `command`, installed; None when it is switched
    off (`CLAIMCHECK_REGEX_CACHE=0`)."""
    if os.environ.get("CLAIMCHECK_REGEX_CACHE", "1") == "0" or _compiler is None:
        return None
    from .cachedir import cache_root

    try:
        cache = RegexCache(cache_file(cache_root(), command))
    except Exception:  # noqa: BLE001 - no cache folder to be had: a cache never fails a run
        return None
    cache.install()
    return cache
