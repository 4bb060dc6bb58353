"""Every regex claimcheck compiles: found by watching the `re` module while the whole package
is imported and the command line runs over the fixtures.

`re.compile` and the module-level functions that take a pattern (`re.search`, `re.sub`, ...)
are wrapped before claimcheck is imported; each call made from claimcheck's own code records
the pattern, its flags and the file:line of the call. Then every claimcheck module is
imported (module-level patterns, word lists compiled at import) and the command line is run
over the fixture drafts, against their references, in every format, and the other commands
that read user text (explain, baseline, rules). Patterns built by functions on the way are
recorded too. tests/redos/test_package_regexes.py runs this in a fresh interpreter (nothing
imported before the wrappers) and checks the list is complete against the source.

    python -m tests.redos.collect > patterns.json
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import os
import pkgutil
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = ("compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
             "split")

Seen = dict[tuple[str, int], set[str]]  # (pattern, flags) -> {"path:line", ...}
CALLS: dict[tuple[str, int], set[str]] = {}  # (pattern, flags) -> {"compile", "match", ...}


_compile = re.compile  # the original, before _watch wraps it


def _watch(seen: Seen) -> None:
    package = str(ROOT / "claimcheck")

    def wrap(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def watched(pattern: Any, *args: Any, **kwargs: Any) -> Any:
            frame = sys._getframe(1)
            where = frame.f_code.co_filename
            if where.startswith(package):
                text, flags = pattern, kwargs.get("flags", 0)
                if isinstance(pattern, re.Pattern):
                    text, flags = pattern.pattern, pattern.flags
                elif name == "compile" and args:
                    flags = args[0]
                elif name in ("search", "match", "fullmatch", "finditer", "findall") \
                        and len(args) > 1:
                    flags = args[1]
                elif name in ("sub", "subn") and len(args) > 3:
                    flags = args[3]
                elif name == "split" and len(args) > 2:
                    flags = args[2]
                if isinstance(text, str):
                    # the compiled flags: inline (?i) counts, and str implies UNICODE
                    key = (text, int(_compile(text, flags).flags) & ~re.UNICODE)
                    relative = os.path.relpath(where, ROOT)
                    seen.setdefault(key, set()).add(f"{relative}:{frame.f_lineno}")
                    CALLS.setdefault(key, set()).add(name)
            return original(pattern, *args, **kwargs)
        return watched

    for name in FUNCTIONS:
        setattr(re, name, wrap(name, getattr(re, name)))


def _import_everything() -> list[str]:
    import claimcheck

    failed = []
    for info in pkgutil.walk_packages(claimcheck.__path__, "claimcheck."):
        if info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except ImportError as exc:  # an optional extra that is not installed
            failed.append(f"{info.name}: {exc}")
    return failed


def _global_names() -> dict[tuple[str, int], set[str]]:
    """(pattern, flags) -> {"claimcheck/path.py:NAME"} for patterns held by module globals."""
    names: dict[tuple[str, int], set[str]] = {}
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None) or ""
        if not name.startswith("claimcheck") or not where.startswith(str(ROOT / "claimcheck")):
            continue
        for attribute, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                names.setdefault((value.pattern, int(value.flags) & ~re.UNICODE), set()).add(
                    f"{os.path.relpath(where, ROOT)}:{attribute}")
    return names


def _cli(argv: list[str], cwd: Path) -> None:
    from claimcheck.cli import main

    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(argv)
    finally:
        os.chdir(before)


RUNS: list[list[str]] = []
_FORMATS = ("json", "table", "text", "sarif", "github", "markdown", "junit", "concise")
_DRAFTS = {
    "fixtures/drafts/news.txt": "fixtures/refs/news",
    "fixtures/check/news_draft.md": "fixtures/refs/news",
    "fixtures/rules/news_draft.txt": "fixtures/refs/news",
    "fixtures/drafts/blog.md": "fixtures/refs/formats/good",
    "fixtures/drafts/tech.md": "fixtures/refs/formats/good",
    "fixtures/cli/draft.md": "fixtures/cli/refs.txt",
    "fixtures/cli/council.txt": "fixtures/cli/refs_council.txt",
    "fixtures/cli/verdicts.md": "fixtures/cli/refs.txt",
    "fixtures/cli/markup.txt": "fixtures/cli/refs.txt",
    "fixtures/cli/clean.txt": "fixtures/cli/refs.txt",
}


def _runs(work: Path) -> list[list[str]]:
    runs: list[list[str]] = []
    for draft, refs in _DRAFTS.items():
        for fmt in _FORMATS:
            runs.append(["check", str(ROOT / draft), "--refs", str(ROOT / refs), "--format", fmt,
                         "--offline"])
        runs.append(["check", str(ROOT / draft), "--format", "json", "--offline"])
        runs.append(["explain", str(ROOT / draft)])
    seed = Path("/work/shared/seed/article.txt")
    if seed.exists():
        runs.append(["check", str(seed), "--format", "json", "--explain"])
    runs.append(["check", str(ROOT / "fixtures/cli/folder"), "--format", "json"])
    for refs in sorted((ROOT / "fixtures/refs/formats").rglob("*")):
        if refs.is_file():
            runs.append(["check", str(ROOT / "fixtures/drafts/blog.md"), "--refs", str(refs),
                         "--format", "json"])
    baseline = work / "base.json"
    runs.append(["baseline", str(ROOT / "fixtures/drafts/news.txt"), "--output", str(baseline)])
    runs.append(["check", str(ROOT / "fixtures/drafts/news.txt"), "--baseline", str(baseline),
                 "--format", "json"])
    runs.append(["rules"])
    runs.append(["rules", "--format", "markdown"])
    runs.append(["rules", "CC101"])
    return runs


def collect() -> tuple[Seen, dict[tuple[str, int], set[str]], list[str]]:
    seen: Seen = {}
    _watch(seen)
    failed = _import_everything()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["CLAIMCHECK_CACHE_DIR"] = str(work / "cache")
        for argv in _runs(work):
            _cli(argv, work)
    return seen, _global_names(), failed


def main() -> None:
    seen, names, failed = collect()
    json.dump({"patterns": [{"pattern": p, "flags": f, "sites": sorted(s),
                             "names": sorted(names.get((p, f), ())),
                             "functions": sorted(CALLS.get((p, f), ()))}
                            for (p, f), s in sorted(seen.items())],
               "not_imported": failed}, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
