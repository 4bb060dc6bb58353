"""The compiled-regex cache (claimcheck/regexcache.py): a Pattern served from the cache is the
Pattern `re` compiles (same text, flags and program), a damaged file or entry is only a miss, the
file stays bounded, and the command line compiles almost nothing on its second run."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import regexcache
from claimcheck.regexcache import RegexCache, cache_file
from claimcheck.rules.words import phrases

_PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d%])", 0),
    (r"(?<![\w'’-])(?:all|every|each)(?![\w'’-])", re.IGNORECASE),
    (r"^\s*(?:-|–|—|to)\s*$", re.MULTILINE),
    (r"(a)|(?P<b>b)(?(1)x|y)", 0),
    (r"straße|ǅ|\w+", re.IGNORECASE | re.UNICODE),
    (rb"[^:\s][^:\r\n]*", 0),
    (r"  x  # a comment\n  y", re.VERBOSE),
    (r"[a-z]+", re.ASCII | re.IGNORECASE),
]
_ORIGINAL = regexcache._compiler.compile  # re's own compiler (no cache is installed yet)
_TEXTS = ["In 1998 all of them", "EACH, every", " to \n—\n", "ab bx by", "STRASSE ǆ Straße"]


def _fresh(pattern: str | bytes, flags: int) -> re.Pattern[str]:
    """A pattern compiled without any cache (re's own compiler, not re's memo)."""
    compiled: re.Pattern[str] = _ORIGINAL(pattern, flags)
    return compiled


@pytest.fixture
def cache(tmp_path: Path):  # type: ignore[no-untyped-def]
    made: list[RegexCache] = []
    re.purge()  # re's own memo would answer before any compiler is asked

    def make() -> RegexCache:
        one = RegexCache(tmp_path / "regex" / "x")
        one.install()
        made.append(one)
        return one

    yield make
    for one in reversed(made):
        one.uninstall()


def test_a_pattern_from_the_cache_is_the_one_re_compiles(cache) -> None:  # type: ignore[no-untyped-def]
    first = cache()
    built = [regexcache._compiler.compile(p, f) for p, f in _PATTERNS]
    first.compile_s = 1.0  # as if compiling had cost enough to be worth the write
    assert first.save()
    first.uninstall()
    second = cache()
    assert len(second.table) == len(_PATTERNS)
    for (pattern, flags), before in zip(_PATTERNS, built, strict=True):
        served = regexcache._compiler.compile(pattern, flags)
        fresh = _fresh(pattern, flags)
        # Pattern equality compares the text, the flags and the compiled program word for word
        assert served == fresh == before
        assert served.groupindex == fresh.groupindex and served.groups == fresh.groups
        for text in _TEXTS:
            sample: str | bytes = text.encode() if isinstance(pattern, bytes) else text
            assert [m.span() for m in served.finditer(sample)] == [  # type: ignore[arg-type]
                m.span() for m in fresh.finditer(sample)]  # type: ignore[arg-type]
    assert second.hits == len(_PATTERNS) and not second.recorded


def test_long_word_list_patterns_round_trip(cache) -> None:  # type: ignore[no-untyped-def]
    first = cache()
    pattern = phrases.__wrapped__("vague")
    first.compile_s = 1.0
    assert first.save()
    first.uninstall()
    second = cache()
    served = regexcache._compiler.compile(pattern.pattern, re.IGNORECASE)
    assert served == pattern and second.hits == 1


def test_a_damaged_file_or_entry_is_a_miss(cache, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "regex" / "x"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    damaged = cache()
    assert damaged.table == {}
    damaged.uninstall()
    # a well-formed file whose program is not valid SRE code: compiled afresh, same result
    path.write_bytes(marshal.dumps({("ab+", 0): ("ab+", 32, [1, 2, 3], 0, {}, (None,))}))
    one = cache()
    assert regexcache._compiler.compile("ab+", 0) == _fresh("ab+", 0)
    assert one.hits == 0 and ("ab+", 0) in one.recorded


def test_only_a_run_that_compiled_enough_writes(cache, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one = cache()
    regexcache._compiler.compile(r"x{2,3}y", 0)
    one.compile_s = 0.0  # a pattern whose text changes every run costs little: not written
    assert not one.save()
    assert not (tmp_path / "regex" / "x").exists()


def test_the_file_is_bounded(cache, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(regexcache, "MAX_ENTRIES", 5)
    first = cache()
    for n in range(5):
        regexcache._compiler.compile(f"a{{{n}}}", 0)
    first.compile_s = 1.0
    assert first.save()
    first.uninstall()
    second = cache()
    for n in (3, 4, 5, 6):  # two old ones used, two new: 7 in all, over the bound of 5
        regexcache._compiler.compile(f"a{{{n}}}", 0)
    second.compile_s = 1.0
    assert second.save()
    assert list(second.table) == [(f"a{{{n}}}", 0) for n in (3, 4, 5, 6)]


def test_the_file_is_per_python_build_and_command(tmp_path: Path) -> None:
    path = cache_file(tmp_path)
    assert path.parent == tmp_path / "regex"
    assert path.name.startswith(sys.implementation.cache_tag + "-")
    assert path.name.endswith("-check") and cache_file(tmp_path, "review") != path


def test_uninstall_gives_re_its_compiler_back(tmp_path: Path) -> None:
    before = regexcache._compiler.compile
    one = RegexCache(tmp_path / "x")
    one.install()
    assert regexcache._compiler.compile == one.compile
    one.uninstall()
    assert regexcache._compiler.compile is before


_PROBE = """
import json, sys
import claimcheck.regexcache as rc
seen = {}
save = rc.RegexCache.save
def counting(self):
    seen.update(hits=self.hits, new=len(self.recorded), compile_s=self.compile_s)
    return save(self)
rc.RegexCache.save = counting
from claimcheck.cli import main
code = main(sys.argv[1:])
print(json.dumps(seen))
"""


def _run(cwd: Path, env: dict[str, str]) -> tuple[str, dict[str, float]]:
    done = subprocess.run([sys.executable, "-c", _PROBE, "check", "d.md", "--format", "text"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    *out, stats = done.stdout.splitlines()
    return "\n".join(out), json.loads(stats)


def test_the_second_run_compiles_almost_nothing(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("# Notes\n\nAll experts agree the bridge opened in 1998. "
                                   "Some say the French hope for more.\n", encoding="utf-8")
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("CLAIMCHECK_REGEX_CACHE", None)
    first_out, first = _run(tmp_path, env)
    assert first["hits"] == 0 and first["new"] > 100
    second_out, second = _run(tmp_path, env)
    assert second_out == first_out and "CC401" in second_out
    # what is left are patterns whose text differs from process to process (a library's
    # alternation built from a set); everything of claimcheck's comes from the cache
    assert second["hits"] >= first["new"] - 2 and second["new"] <= 4
    off_out, off = _run(tmp_path, {**env, "CLAIMCHECK_REGEX_CACHE": "0"})
    assert off_out == first_out and off == {}


def test_a_cache_folder_that_cannot_be_had_or_written_never_fails_a_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck.cachedir as cachedir

    def broken() -> Path:
        raise RuntimeError("no home folder")

    monkeypatch.setattr(cachedir, "cache_root", broken)
    assert regexcache.install_for_run() is None
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    one = RegexCache(tmp_path / "file" / "regex" / "x")  # its folder cannot be made
    one.install()
    try:
        regexcache._compiler.compile(r"q{2}z", 0)
        one.compile_s = 1.0
        assert not one.save()
    finally:
        one.uninstall()


def test_a_forked_child_compiles_with_its_own_lock(tmp_path: Path) -> None:
    """Forked while another thread held the cache's lock (compiling a new pattern): the child
    gets a fresh lock and the real _sre.compile, so it compiles instead of hanging."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    one = RegexCache(tmp_path / "x")
    one.install()
    try:
        with one._lock:  # as if another thread were compiling at the moment of the fork
            pid = os.fork()
            if pid == 0:  # the child: exit code 0 if it compiled
                try:
                    ok = regexcache._compiler.compile(r"fork{2}ed", 0).match("forkked")
                    os._exit(0 if ok else 1)
                finally:
                    os._exit(2)
        import time

        deadline = time.monotonic() + 30
        while (done := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        if done[0] == 0:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the forked child hung on the cache's lock")
        assert os.waitstatus_to_exitcode(done[1]) == 0
    finally:
        one.uninstall()
