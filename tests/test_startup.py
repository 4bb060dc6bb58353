"""Time to first output: a run imports only what it uses. Timings are measured by
benchmarks/bench_startup.py; this checks the mechanism (which modules a fresh interpreter loads),
which a loaded machine cannot blur."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# A fresh interpreter runs the command, then prints which of these modules it imported.
_PROBE = """
import json, sys
from claimcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
watched = ("numpy", "yaml", "bm25s", "rapidfuzz", "claimcheck.references",
           "claimcheck.references.index", "claimcheck.references.load", "claimcheck.check",
           "markdown_it", "pathspec", "multiprocessing", "rich", "textual", "httpx",
           "wordllama", "claimcheck.ledger", "tomllib")
print("\\n" + json.dumps([m for m in watched if m in sys.modules]))
"""


def _imported(cwd: Path, *argv: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *argv], cwd=cwd, capture_output=True,
                          text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_a_run_without_references_loads_no_reference_code(tmp_path: Path) -> None:
    """Nor the ledger's code when there is no ledger file, nor a TOML parser when there is no
    config file."""
    (tmp_path / "d.md").write_text("# Notes\n\nAll experts agree the bridge opened in 1998.\n",
                                   encoding="utf-8")
    assert _imported(tmp_path, "check", "d.md", "--format", "text") == ["markdown_it"]
    (tmp_path / "refs.txt").write_text("The bridge opened in 1998.\n", encoding="utf-8")
    with_refs = _imported(tmp_path, "check", "d.md", "--format", "text", "--refs", "refs.txt")
    # references are indexed and checked; a text reference needs no YAML parser
    assert {"numpy", "claimcheck.references.index", "claimcheck.check"} <= set(with_refs)
    assert "yaml" not in with_refs


def test_a_plain_text_draft_loads_no_markdown_parser_glob_matcher_or_terminal_library(
        tmp_path: Path) -> None:
    """A .txt draft named on the command line: no Markdown parser, no glob matcher (globs
    match only in folders and with --force-exclude), no multiprocessing (only a run with
    references may fork), no rich or Textual for a format that prints plain text."""
    (tmp_path / "d.txt").write_text("All experts agree the bridge opened in 1998.\n",
                                    encoding="utf-8")
    for fmt in ("text", "json", "github"):
        assert _imported(tmp_path, "check", "d.txt", "--format", fmt) == [], fmt
    # a folder is expanded with the include/exclude globs: only then is pathspec needed
    assert "pathspec" in _imported(tmp_path, "check", ".", "--format", "json")


# After the run, which of the rules' long patterns were compiled (each is built on first use).
_PATTERNS_PROBE = """
import json, sys
from claimcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
from claimcheck.rules import collective, sweeping
built = {"mind": collective._mind_pattern.cache_info().currsize,
         "bare mind": collective._bare_mind_pattern.cache_info().currsize,
         "trait": collective._trait_pattern.cache_info().currsize,
         "bare plural": sweeping._bare_plural.cache_info().currsize}
print("\\n" + json.dumps(sorted(k for k, v in built.items() if v)))
"""


def _patterns_built(cwd: Path, *argv: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PATTERNS_PROBE, *argv], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    built: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return built


def test_long_rule_patterns_are_compiled_only_for_sentences_that_can_match(
        tmp_path: Path) -> None:
    """CC401's mind patterns need a mental verb in the sentence, CC402's group-trait pattern a
    predicate word ("are", "don't", "make" ...), CC102's (off by default) is never built by a
    default run: a draft without them compiles none of these (~40 ms of start-up)."""
    (tmp_path / "plain.txt").write_text("The bridge opened in 1998. It cost 4 million euros.\n",
                                        encoding="utf-8")
    assert _patterns_built(tmp_path, "check", "plain.txt", "--format", "text") == []
    (tmp_path / "minds.txt").write_text("The French hope that both sides meet. Farmers are "
                                        "furious about the rules.\n", encoding="utf-8")
    assert _patterns_built(tmp_path, "check", "minds.txt", "--format", "text") == [
        "bare mind", "mind", "trait"]
    # switched on, CC102 builds its pattern too
    (tmp_path / ".claimcheck.toml").write_text('[rules]\nCC102 = "warning"\n', encoding="utf-8")
    assert "bare plural" in _patterns_built(tmp_path, "check", "minds.txt", "--format", "text")
