"""CPU time to first output of `claimcheck check` on the 5 KB draft, this code against another
checkout's, run alternately: what a loaded machine cannot blur.

`bench_startup.py` times first output in wall seconds, which on a shared, busy machine says more
about the other processes than about claimcheck. This script runs the same command with a small
wrapper that notes the process's own CPU time (user+sys, `time.process_time`) when the first
byte is written to stdout, and alternates the installed code with `--code DIR` (another
checkout's folder holding `claimcheck/`, e.g. from `git worktree add` or `git archive`), so both
see the same load. Each run's stdout is hashed: the two should print the same thing.

    python benchmarks/bench_first_output.py --code /tmp/base --runs 15
    python benchmarks/bench_first_output.py --code /tmp/base --cold     # empty cache folder
    python benchmarks/bench_first_output.py --code /tmp/base --refs     # 400 snippets, cached
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (a sibling script, not an installed module)

# Runs `claimcheck ARGS...` and writes "FIRST <cpu seconds>" to stderr at the first stdout write.
LAUNCH = """
import os, sys, time
class Watch:
    def __init__(self, stream):
        self.stream, self.seen = stream, False
    def write(self, text):
        if text and not self.seen:
            self.seen = True
            os.write(2, f"FIRST {time.process_time():.4f}\\n".encode())
        return self.stream.write(text)
    def __getattr__(self, name):
        return getattr(self.stream, name)
sys.stdout = Watch(sys.stdout)
sys.argv = ["claimcheck", *sys.argv[1:]]
from claimcheck.cli import main
sys.exit(main())
"""


def one_run(code: str | None, args: list[str], cache: Path, cold: bool) -> tuple[float, float,
                                                                               float, str]:
    """(CPU s to first output, wall s to first byte, CPU s of the whole run, stdout hash)."""
    env = {**os.environ, "NO_COLOR": "1", "CLAIMCHECK_CACHE_DIR": str(cache)}
    env.pop("CI", None)
    env.pop("PYTHONPATH", None)
    if code:
        env["PYTHONPATH"] = code
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    # in the draft's folder: `python -c` puts the working directory first on sys.path, and a
    # checkout's folder would also lend its own package and config file to both variants
    proc = subprocess.Popen([sys.executable, "-c", LAUNCH, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=cache.parent)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(1)
    wall = time.perf_counter() - begin
    rest = proc.stdout.read()
    err = proc.stderr.read().decode(errors="replace")
    proc.wait()
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime
    marks = [float(line.split()[1]) for line in err.splitlines() if line.startswith("FIRST ")]
    if not marks:
        sys.exit(f"no output from {code or 'this code'}: {err[-500:]}")
    return marks[0], wall, cpu, hashlib.sha256(first + rest).hexdigest()[:12]


def _installed() -> str:
    spec = importlib.util.find_spec("claimcheck")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("claimcheck is not installed")
    return list(spec.submodule_search_locations)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--code", help="another checkout's folder (holding claimcheck/) to "
                                       "alternate with the installed code")
    parser.add_argument("--runs", type=int, default=15, help="alternated rounds (default 15)")
    parser.add_argument("--cold", action="store_true",
                        help="empty the cache folder before every run (a first run)")
    parser.add_argument("--refs", action="store_true",
                        help="check against 400 snippets (index cached, unless --cold)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-first-") as tmp:
        folder = Path(tmp)
        draft = folder / "draft5k.md"
        draft.write_text(synth.make_draft(5_000, seed=7).text, encoding="utf-8")
        argv = ["check", str(draft), "--format", "text"]
        if args.refs:
            refs = folder / "refs.jsonl"
            synth.write_snippets(refs, synth.make_snippets(400, facts=60, seed=7))
            argv += ["--refs", str(refs)]
        variants: dict[str, str | None] = {"this": None}
        if args.code:
            variants["other"] = str(Path(args.code).resolve())
        for name, code in variants.items():  # as an install does; then one warm-up run
            compileall.compile_dir(str(Path(code) / "claimcheck") if code else _installed(),
                                   quiet=1)
            one_run(code, argv, folder / f"cache-{name}", cold=False)
        rows: dict[str, list[tuple[float, float, float, str]]] = {n: [] for n in variants}
        for _ in range(args.runs):
            for name, code in variants.items():
                rows[name].append(one_run(code, argv, folder / f"cache-{name}", args.cold))
    print(f"5 KB draft, {' '.join(argv[2:])}{', empty cache' if args.cold else ''}; "
          f"{args.runs} alternated runs; load {os.getloadavg()[0]:.1f}")
    for name, got in rows.items():
        first, wall, cpu, out = zip(*got, strict=True)
        print(f"  {name:6s} CPU to first output min {min(first):.3f} median "
              f"{statistics.median(first):.3f} s | wall to first byte min {min(wall):.3f} "
              f"median {statistics.median(wall):.3f} s | CPU of the run min {min(cpu):.3f} s | "
              f"stdout {', '.join(sorted(set(out)))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
