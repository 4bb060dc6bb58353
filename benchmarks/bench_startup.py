"""Start-up and time to first output, and what the table costs against JSON.

Start-up is paid on every editor save, every pre-commit run and every CI step:

1. `claimcheck --help`: must not pull in the heavy stages (pydantic models, rich, rapidfuzz, the
   index); lists any heavy module that leaked into start-up. Target < 0.3 s.
2. Time to first output on a 5 KB draft (seeded synthetic Markdown from synth.py): wall time
   from starting `claimcheck check DRAFT --format text` to the first byte on its stdout, with
   no references (first with an empty cache folder, which holds the compiled regexes, then as
   every later run finds it) and with a small reference set (cold index cache, then warm).
   Target < 0.4 s.
   The interpreter's own start-up (`python -c pass`) is printed beside it, and the floor
   (FLOOR below: pydantic, claimcheck's record models and markdown-it's parse of the draft,
   none of our rules or regexes): what first output costs at the least with those libraries.
3. Rendering the 1 MB draft's report (with verdicts against 12,500 snippets) as the table
   against producing its JSON, CPU seconds in one process. Target: table <= 2x JSON.

    python benchmarks/bench_startup.py            # 21 runs of the short ones
    python benchmarks/bench_startup.py --quick    # 5 runs, and skip the 1 MB render

Bytecode: pip compiles an installed package's modules to bytecode at install time, and an
editable install writes it on the first run, so a user's start-up never compiles claimcheck's
source. With PYTHONDONTWRITEBYTECODE set (as on this project's shared machine) nothing is ever
written and every run compiled all ~100 modules again (0.1-0.4 s of CPU); the script therefore
compiles the package once first, as an install does (`--source` measures without it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (a sibling script, not an installed module)

TARGET_SECONDS = 0.3
FIRST_OUTPUT_TARGET = 0.4
TABLE_RATIO_TARGET = 2.0
# Modules that only the `check` stages need; none should be imported to print help.
HEAVY = ("pydantic", "rich", "rapidfuzz", "numpy", "httpx", "markdown_it", "yaml", "bm25s",
         "claimcheck.models", "claimcheck.pipeline", "claimcheck.references", "claimcheck.check",
         "claimcheck.split", "claimcheck.rules", "claimcheck.report")
_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")
# The floor under "first output" while the records are pydantic models and the draft is
# Markdown: the interpreter, pydantic, claimcheck's configuration and record models built as a
# plain run builds them (the ones a run without references validates), and markdown-it's parse
# of the draft the way document.py parses it; then one byte out. No rule, no regex of ours.
FLOOR = """
import os, sys
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the command line does
from claimcheck import config, ledger, models
for model in (config.Config, config.Layer, config.Override, config.Thresholds,
              config.BatchSettings, ledger.LedgerRecord, models.Block, models.Claim,
              models.Document, models.Flag, models.Mention, models.Report, models.Summary):
    model.model_rebuild()
config.Config()
from claimcheck.document import _markdown_blocks
_markdown_blocks(open(sys.argv[1], encoding="utf-8").read())
print("floor")
"""


def command() -> list[str]:
    """The installed entry point next to this interpreter, as a user runs it."""
    script = os.path.join(os.path.dirname(sys.executable), "claimcheck")
    if os.path.exists(script):
        return [script]
    found = shutil.which("claimcheck")
    return [found] if found else [sys.executable, "-m", "claimcheck"]


def time_help(runs: int, args: Sequence[str] = ("--help",)) -> list[float]:
    cmd = [*command(), *args]
    seconds = []
    for _ in range(runs):
        begin = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False)
        seconds.append(time.perf_counter() - begin)
        if done.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return seconds


def import_times() -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) per import made while printing help, slowest first."""
    code = "import sys; from claimcheck.cli import main; sys.argv=['claimcheck','--help']; main()"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                          capture_output=True, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        m = _IMPORTTIME.match(line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), m.group(4)))
    return sorted(rows, reverse=True)


def first_output(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """(seconds to the first stdout byte, seconds to exit, exit code, CPU seconds user+sys of
    the process and its children) of one run."""
    used = _children_cpu()
    begin = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    first = proc.stdout.read(1)
    seen = time.perf_counter() - begin
    proc.stdout.read()
    code = proc.wait()
    if not first:
        sys.exit(f"{' '.join(cmd)} printed nothing (exit {code})")
    return seen, time.perf_counter() - begin, code, _children_cpu() - used


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_first_output(runs: int, folder: Path) -> dict[str, object]:
    draft = folder / "draft5k.md"
    draft.write_text(synth.make_draft(5_000, seed=7).text, encoding="utf-8")
    refs = folder / "refs.jsonl"
    synth.write_snippets(refs, synth.make_snippets(400, facts=60, seed=7))
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(folder / "cache"), "NO_COLOR": "1"}
    env.pop("CI", None)
    python = [sys.executable, "-c", "pass"]
    base = statistics.median(_wall(python) for _ in range(runs))
    out: dict[str, object] = {"python -c pass": round(base, 3)}
    check = [*command(), "check", str(draft), "--format", "text"]
    # "empty cache": the first run after an install or with the cache folder cleared, which
    # compiles every regex (claimcheck.regexcache); the runs after it read them back.
    cases = {"floor (see FLOOR)": [sys.executable, "-c", FLOOR, str(draft)],
             "no references, empty cache": check, "no references": check,
             "400 snippets, cold index": [*check, "--refs", str(refs)],
             "400 snippets, cached index": [*check, "--refs", str(refs)]}
    for label, cmd in cases.items():
        firsts, totals, cpus = [], [], []
        for _ in range(runs):
            if "cold" in label or "empty" in label:
                shutil.rmtree(folder / "cache", ignore_errors=True)
            seen, total, _, cpu = first_output(cmd, env)
            firsts.append(seen)
            totals.append(total)
            cpus.append(cpu)
        out[label] = {"first output median s": round(statistics.median(firsts), 3),
                      "min": round(min(firsts), 3), "exit median s":
                      round(statistics.median(totals), 3), "cpu min s": round(min(cpus), 3)}
    return out


def _wall(cmd: Sequence[str]) -> float:
    begin = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - begin


def bench_render(folder: Path) -> dict[str, float]:
    """CPU seconds to render the 1 MB report as the table and as JSON, same process."""
    from claimcheck.config import Config
    from claimcheck.pipeline import run
    from claimcheck.report import render

    draft = folder / "draft1m.md"
    draft.write_text(synth.make_draft(1_000_000, seed=7).text, encoding="utf-8")
    refs = folder / "refs12k.jsonl"
    synth.write_snippets(refs, synth.make_snippets(12_500, facts=5_000, seed=7))
    os.environ["CLAIMCHECK_CACHE_DIR"] = str(folder / "cache")
    report = run([str(draft)], Config(refs=[str(refs)]))
    times: dict[str, list[float]] = {"json": [], "table": []}
    for _ in range(3):
        for fmt in times:
            begin = time.process_time()
            text = render(report, fmt, color=False, width=120)
            times[fmt].append(time.process_time() - begin)
            assert text
    json_s, table_s = (min(times[f]) for f in ("json", "table"))
    return {"claims": len(report.claims), "json s": round(json_s, 3),
            "table s": round(table_s, 3), "table / json": round(table_s / json_s, 2)}


def compile_package() -> str:
    """Compile the claimcheck package to bytecode, as pip does when it installs it."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("claimcheck")
    if spec is None or not spec.submodule_search_locations:
        return "claimcheck not found"
    folder = list(spec.submodule_search_locations)[0]
    ok = compileall.compile_dir(folder, quiet=1)
    return f"{folder} compiled ({'ok' if ok else 'with errors'}), as an install does"


def leaked(modules: Sequence[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="5 runs instead of 21")
    parser.add_argument("--runs", type=int, help="how many timed runs (default 21, quick 5)")
    parser.add_argument("--top", type=int, default=12, help="import-time rows to show")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--source", action="store_true",
                        help="do not compile the package to bytecode first (with "
                             "PYTHONDONTWRITEBYTECODE set, every run compiles the source)")
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 21)

    if not args.source:
        print(f"bytecode: {compile_package()}")
    time_help(1)  # warm the OS file cache and __pycache__ so runs compare like with like
    seconds = time_help(runs)
    median = statistics.median(seconds)
    print(f"command: {' '.join(command())} --help")
    print(f"runs: {runs}  median: {median * 1000:.0f} ms  min: {min(seconds) * 1000:.0f} ms  "
          f"max: {max(seconds) * 1000:.0f} ms  target: < {TARGET_SECONDS * 1000:.0f} ms  "
          f"{'OK' if median < TARGET_SECONDS else 'OVER TARGET'}")
    sub = statistics.median(time_help(runs, ("check", "--help")))
    print(f"same for 'claimcheck check --help': median {sub * 1000:.0f} ms")

    rows = import_times()
    total = sum(own for _, own, _ in rows)
    print(f"\npython -X importtime (help path): {len(rows)} modules, {total / 1000:.1f} ms "
          f"of import work; top {args.top} by cumulative time:")
    print(f"{'cumulative ms':>14} {'self ms':>8}  module")
    for cumulative, own, name in rows[: args.top]:
        print(f"{cumulative / 1000:>14.1f} {own / 1000:>8.1f}  {name}")
    heavy = leaked([name for _, _, name in rows])
    print(f"\nheavy modules imported for --help: {', '.join(heavy) if heavy else 'none'}")

    ok = median < TARGET_SECONDS and not heavy
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        first = bench_first_output(runs, Path(tmp))
        print(f"\ntime to first output, 5 KB draft, --format text ({runs} runs each; target "
              f"< {FIRST_OUTPUT_TARGET} s):")
        print(f"  python -c pass (interpreter alone): {first['python -c pass']} s")
        for label, row in first.items():
            if isinstance(row, dict):
                verdict = "OK" if row["first output median s"] < FIRST_OUTPUT_TARGET else "OVER"
                floor = label.startswith("floor")
                print(f"  {label:30s} first output {row['first output median s']:.3f} s "
                      f"(min {row['min']:.3f})  exit {row['exit median s']:.3f} s  CPU min "
                      f"{row['cpu min s']:.3f} s  {'(not ours)' if floor else verdict}")
                ok = ok and (floor or verdict == "OK")
        render = {}
        if not args.quick:
            render = bench_render(Path(tmp))
            verdict = "OK" if render["table / json"] <= TABLE_RATIO_TARGET else "OVER"
            print(f"\n1 MB draft ({render['claims']:,} claims, 12,500 snippets): JSON "
                  f"{render['json s']} s, table {render['table s']} s of CPU: table/json "
                  f"{render['table / json']} (target <= {TABLE_RATIO_TARGET})  {verdict}")
            ok = ok and verdict == "OK"
    if args.json:
        print(json.dumps({"help_median_s": round(median, 3), "first_output": first,
                          "render": render}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
