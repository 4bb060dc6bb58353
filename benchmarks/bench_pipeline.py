"""Time every pipeline stage on synthetic drafts and reference sets, over a scaling curve.

Each case runs in its own Python process so its peak memory (ru_maxrss) is its own and nothing
stays warm in memory between cases; each gets a fresh `CLAIMCHECK_CACHE_DIR`, so the index stage
in the table is always a cold build. A second run of the largest case with the same cache dir
shows what the on-disk index cache saves. The brute-force path scores claims against every
snippet with rapidfuzz `process.cdist` (all cores), on a sample of claims when the full product
would take too long, extrapolated linearly (cdist cost is exactly linear in the number of
queries) and labelled as such.

    python benchmarks/bench_pipeline.py            # full table: up to 1 MB x 100,000 snippets
    python benchmarks/bench_pipeline.py --quick    # small sizes, well under a minute

The user's own cache is never touched: everything lives in a temporary folder, removed at the end
unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (a sibling script, not an installed module)
from stages import lap_timer, through_index  # noqa: E402  (likewise)

from claimcheck.processes import one_native_thread  # noqa: E402

# As the command line does first: no thread pools, so check_all's judges can be forked safely.
one_native_thread()

KB = 1024
STAGES = ("import", "load", "split", "rules", "refs", "index", "match", "suppr", "report")
STAGE_MODULES = ("claimcheck.pipeline", "claimcheck.document", "claimcheck.split",
                 "claimcheck.rules", "claimcheck.references", "claimcheck.check",
                 "claimcheck.report")
TARGET_SECONDS, TARGET_MEMORY_MB = 10.0, 1024
SAMPLE_SECONDS = 0.1  # how often the driver samples a case's memory


@dataclass(frozen=True)
class Plan:
    drafts: tuple[int, ...]  # draft sizes in bytes, at `snippets_for_drafts` snippets
    snippets: tuple[int, ...]  # snippet counts, at `draft_for_snippets` bytes
    snippets_for_drafts: int
    draft_for_snippets: int
    brute_budget: float  # seconds the brute-force sample may take


FULL = Plan(drafts=(64 * KB, 128 * KB, 256 * KB, 512 * KB, 1024 * KB),
            snippets=(12_500, 25_000, 50_000, 100_000),
            snippets_for_drafts=100_000, draft_for_snippets=1024 * KB, brute_budget=20.0)
QUICK = Plan(drafts=(16 * KB, 32 * KB, 64 * KB), snippets=(2_500, 5_000, 10_000),
             snippets_for_drafts=10_000, draft_for_snippets=64 * KB, brute_budget=3.0)


# --- one case, inside its own process --------------------------------------------------------


def run_case(draft: str, refs: str, fmt: str) -> dict[str, Any]:
    """Every stage through the public pipeline API, timed; the caller sets the cache dir.

    The pipeline imports its stages lazily; they are imported first, in their own `import`
    column, so a stage's time is its work and not who happened to import rapidfuzz first.
    """
    clock = time.perf_counter()
    import importlib

    for name in STAGE_MODULES:
        importlib.import_module(name)
    imported = time.perf_counter() - clock

    from claimcheck import __version__
    from claimcheck.check import check_all, is_matched
    from claimcheck.config import Config
    from claimcheck.models import Report
    from claimcheck.pipeline import summarize, suppress_findings

    # resolved here, before the first lap (claimcheck.references loads these names lazily), as
    # they always were
    from claimcheck.references import build_index, load_references  # noqa: F401
    from claimcheck.report import render

    config = Config.model_validate({"refs": [refs]})
    seconds: dict[str, float] = {"import": imported}
    lap = lap_timer(seconds, time.perf_counter)
    warnings: list[str] = []
    docs, claims, snippets, index = through_index(draft, config, lap, warnings)
    check_all(claims, index, config)
    lap("match")
    suppress_findings(docs, claims, config)
    lap("suppr")
    report = Report(version=__version__, files=[d.path for d in docs], claims=claims,
                    warnings=warnings)
    report.summary = summarize(report, config)
    text = render(report, fmt)
    lap("report")
    verdicts: dict[str, int] = {}
    for claim in claims:
        if claim.verdict:
            verdicts[claim.verdict.label] = verdicts.get(claim.verdict.label, 0) + 1
    return {
        "bytes": os.path.getsize(draft), "snippets": len(snippets), "claims": len(claims),
        "matched": sum(map(is_matched, claims)),
        "flags": sum(len(c.flags) for c in claims), "verdicts": verdicts,
        "report_bytes": len(text.encode("utf-8")), "seconds": seconds,
        **peaks(),
    }


def peaks() -> dict[str, float]:
    """Peak resident set of this process and of its largest finished child (worker pools).

    Linux reports ru_maxrss in KiB. A forked worker shares its parent's pages, so adding the
    two overstates the real peak; `TreeMemory` measures the shared pages once.
    """
    return {"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


class TreeMemory:
    """Sampled peak of the proportional set size (PSS) of a process and all its descendants.

    Sampled from the driver, outside the measured process: a sampling thread inside it would
    compete for its interpreter lock. PSS splits each shared page between the processes sharing
    it, so the sum over forked workers is the memory the run really holds. Linux only (/proc);
    0 elsewhere.
    """

    def __init__(self, pid: int, every: float = SAMPLE_SECONDS, enabled: bool = True,
                 also: Callable[[], None] | None = None) -> None:
        import threading

        self.pid = pid
        self.peak_kb = 0
        self.cpu_ticks: dict[int, int] = {}  # last seen user + system ticks of each process
        self.names: dict[int, str] = {}  # each process's name as last seen (Ray renames actors)
        self._every = every
        self._enabled = enabled
        self._also = also  # called at every sample, from the sampling thread
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        if self._enabled and os.path.exists("/proc/self/smaps_rollup"):
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        """CPU time of every process seen in the tree, as of its last sample (processes that
        a grandparent reaps, such as Ray's workers, are missed by wait4's accounting)."""
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def cpu_by_name(self) -> dict[str, float]:
        """CPU seconds per process name (`_name`), largest first."""
        by: dict[str, float] = {}
        for pid, ticks in self.cpu_ticks.items():
            name = self.names.get(pid, "?")
            by[name] = by.get(name, 0.0) + ticks / os.sysconf("SC_CLK_TCK")
        return dict(sorted(by.items(), key=lambda kv: -kv[1]))

    def _run(self) -> None:
        while True:
            pids = _tree(self.pid)
            self.peak_kb = max(self.peak_kb, sum(map(_pss_kb, pids)))
            for pid in pids:
                ticks = _cpu_ticks(pid)
                if ticks:
                    self.cpu_ticks[pid] = max(ticks, self.cpu_ticks.get(pid, 0))
                    self.names[pid] = _name(pid) or self.names.get(pid, "?")
            if self._also:
                self._also()
            if self._stop.wait(self._every):
                return


def _tree(pid: int) -> list[int]:
    """`pid` and every live descendant: workers fork workers of their own."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue  # exited
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    todo += map(int, fh.read().split())
            except OSError:
                continue
    return found


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def _name(pid: int) -> str:
    """A short name for a process: Ray's workers set their title (`ray::CheckerActor`), its
    daemons are binaries or Python scripts, claimcheck is `python -m claimcheck`."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = [a.decode(errors="replace") for a in fh.read().split(b"\0") if a]
    except OSError:
        return ""
    if not argv:
        return ""
    if argv[0].startswith("ray::"):
        return argv[0].split()[0]
    words = [a for a in argv[:4] if not a.startswith("-")]
    scripts = [w.rsplit("/", 1)[-1] for w in words[1:] if w.endswith(".py")]
    if scripts:
        return scripts[0]
    if "-m" in argv[:3]:
        return f"python -m {argv[argv.index('-m') + 1]}"
    return words[0].rsplit("/", 1)[-1] if words else argv[0]


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass  # a worker that just exited
    return 0


BRUTE_SCORERS = ("ratio", "token_set_ratio")  # the cheapest scorer, and the usual fuzzy choice


def run_brute(draft: str, refs: str, budget: float) -> dict[str, Any]:
    """Score claims against every snippet with cdist, per scorer within `budget` seconds each;
    when all claims do not fit, time a sample and extrapolate to all of them."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.utils import default_process

    from claimcheck.check import is_matched
    from claimcheck.config import Config
    from claimcheck.pipeline import flag_claims, load_documents, split_documents

    config = Config.model_validate({})
    docs = load_documents([draft], config)
    claims = split_documents(docs)
    flag_claims(docs, claims, config)
    queries = [default_process(c.text) for c in claims if is_matched(c)]
    with open(refs, encoding="utf-8") as fh:
        choices = [default_process(json.loads(line)["text"]) for line in fh if line.strip()]
    results = []
    for name in BRUTE_SCORERS:
        scorer = getattr(fuzz, name)

        def score(batch: list[str], scorer: Any = scorer) -> float:
            begin = time.perf_counter()
            process.cdist(batch, choices, scorer=scorer, dtype="uint8", workers=-1)
            return time.perf_counter() - begin

        probe = min(4, len(queries))
        per_query = score(queries[:probe]) / max(probe, 1)
        sample = min(len(queries), max(probe, int(budget / max(per_query, 1e-9))))
        measured, done = 0.0, 0
        for begin in range(0, sample, 64):  # batches keep the score matrix small
            batch = queries[begin:min(begin + 64, sample)]
            measured += score(batch)
            done += len(batch)
        results.append({"scorer": name, "sampled": done, "sample_seconds": measured,
                        "seconds": measured / done * len(queries) if done else 0.0,
                        "extrapolated": done < len(queries)})
    return {"queries": len(queries), "snippets": len(choices), "scorers": results, **peaks()}


# --- the driver: data, cases in subprocesses, tables -----------------------------------------


def child(args: list[str], cache: Path) -> dict[str, Any]:
    """Run one case of this script in a fresh process; its JSON line, plus `tree_mb`."""
    done = measured([sys.executable, __file__, *args], cache)
    if done.returncode != 0:
        sys.exit(f"case {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["tree_mb"] = done.tree_mb
    return result


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float  # wall time from start to exit, as seen from outside
    tree_mb: float  # sampled peak PSS of the process and all its descendants
    peak_mb: float  # ru_maxrss of the largest process in the tree
    cpu_seconds: float = 0.0  # user + system time of the process and the descendants it reaped
    sampled_cpu_seconds: float = 0.0  # the same, from samples of every process in the tree
    cpu_by_name: dict[str, float] = field(default_factory=dict)  # sampled, per process name
    lines: list[tuple[float, str]] = field(default_factory=list)  # watched stderr lines, timed


def measured(command: list[str], cache: Path, sample: bool = True,
             every: float = SAMPLE_SECONDS, watch: str | None = None) -> Measured:
    """Run `command` with `cache` as CLAIMCHECK_CACHE_DIR, timing it (and, with `sample`,
    sampling its memory every `every` seconds) from here. With `watch`, the stderr lines that
    start with it are kept with the time (from the start) they were first seen."""
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        clock = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, text=True)
        lines = _Lines(err.fileno(), watch, clock)
        with TreeMemory(process.pid, every, enabled=sample, also=lines.poll) as memory:
            # wait4: the exit status and the resource use of this process and the descendants
            # it waited for
            _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - clock
        lines.poll()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(process.returncode, out.read(), err.read(), seconds,
                        memory.peak_kb / 1024, usage.ru_maxrss / 1024,
                        usage.ru_utime + usage.ru_stime, memory.cpu_seconds,
                        memory.cpu_by_name(), lines.seen)


class _Lines:
    """New complete lines of a file another process appends to, read with `pread` (the file
    position stays where the writer left it), kept when they start with `prefix`."""

    def __init__(self, fd: int, prefix: str | None, clock: float) -> None:
        self.fd, self.prefix, self.clock = fd, prefix, clock
        self.offset = 0
        self.seen: list[tuple[float, str]] = []

    def poll(self) -> None:
        if self.prefix is None:
            return
        data = os.pread(self.fd, 1 << 20, self.offset)
        end = data.rfind(b"\n") + 1
        if not end:
            return
        self.offset += end
        now = time.perf_counter() - self.clock
        for line in data[:end].decode("utf-8", "replace").splitlines():
            if line.startswith(self.prefix):
                self.seen.append((now, line))


def end_to_end(draft: Path, refs: Path, fmt: str, cache: Path, cold: bool) -> dict[str, Any]:
    """`claimcheck check DRAFT --refs REFS --format FMT > FILE` as a CI job runs it: interpreter
    start-up and imports included. On a large draft the command prepares the draft side (split,
    rules) while a child process loads the references and judges claims.

    Timed in one run and measured for memory in another: reading `smaps_rollup` walks the page
    tables of the processes it measures, which slowed the run it sampled by about half a second.
    `cold` empties the index cache before each run.
    """
    command = [sys.executable, "-m", "claimcheck", "check", str(draft), "--refs", str(refs),
               "--format", fmt]
    runs = []
    for sample in (False, True):
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        done = measured(command, cache, sample=sample)
        if done.returncode not in (0, 1):  # 1: the draft has findings, as a synthetic one does
            sys.exit(f"claimcheck check failed with exit code {done.returncode}:\n"
                     f"{done.stderr[-3000:]}")
        runs.append(done)
    timed, sampled = runs
    claims = len(json.loads(timed.stdout)["claims"]) if fmt == "json" else None
    return {"seconds": timed.seconds, "tree_mb": sampled.tree_mb,
            "peak_mb": max(timed.peak_mb, sampled.peak_mb), "claims": claims}


def size_label(n: int) -> str:
    if n >= KB * KB and n % (KB * KB) == 0:
        return f"{n // (KB * KB)} MB"
    return f"{n / KB:g} KB"


def total(row: dict[str, Any], skip: Sequence[str] = ()) -> float:
    return sum(v for k, v in row["seconds"].items() if k not in skip)


HEADER = (f"{'draft':>8} {'snippets':>9} {'claims':>7} "
          + " ".join(f"{s:>6}" for s in STAGES)
          + f" {'total s':>8} {'claims/s':>9} {'peak MB':>8} {'tree MB':>8}")


def table_row(row: dict[str, Any]) -> str:
    t = total(row)
    return (f"{size_label(row['bytes']):>8} {row['snippets']:>9,} {row['claims']:>7,} "
            + " ".join(f"{row['seconds'][s]:>6.2f}" for s in STAGES)
            + f" {t:>8.2f} {row['claims'] / t:>9,.0f} {row['peak_mb']:>8.0f}"
            + f" {row['tree_mb']:>8.0f}")


def ratios(rows: Sequence[dict[str, Any]], key: str, measure: Any, label: str) -> None:
    for small, big in zip(rows, rows[1:], strict=False):
        a, b = measure(small), measure(big)
        what = size_label if key == "bytes" else (lambda n: f"{n:,}")
        print(f"  {label} {what(big[key])} / {what(small[key])}: "
              f"{b:.2f} s / {a:.2f} s = {b / a if a else float('inf'):.2f}x "
              f"(input x{big[key] / small[key]:.2f})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", default="json", help="report format timed (default json)")
    parser.add_argument("--work", type=Path, help="folder for generated data (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    parser.add_argument("--no-brute", action="store_true", help="skip the brute-force run")
    parser.add_argument("--profile", nargs=2, metavar=("SIZE", "SNIPPETS"),
                        help="instead of the tables: cProfile one case, e.g. 256KB 25000")
    parser.add_argument("--top", type=int, default=25, help="profile lines to print")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL

    work = args.work or Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            return profile(synth.parse_size(args.profile[0]), int(args.profile[1]), args, work)
        return drive(plan, args, work)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)


def profile(size: int, count: int, args: argparse.Namespace, work: Path) -> int:
    """cProfile of one case in this process, with a fresh cache: where the time goes."""
    import cProfile
    import pstats

    made = synth.make_draft(size, args.seed)
    draft, refs = work / "draft.md", work / "refs.jsonl"
    synth.write_atomic(draft, made.text)
    synth.write_snippets(refs, synth.make_snippets(count, made.facts, args.seed))
    os.environ["CLAIMCHECK_CACHE_DIR"] = str(work / "cache-profile")
    profiler = cProfile.Profile()
    row = profiler.runcall(run_case, str(draft), str(refs), args.format)
    row["tree_mb"] = row["peak_mb"]  # one process here
    print(f"{HEADER}\n{table_row(row)}  (under cProfile: slower than the tables)\n")
    for order in ("tottime", "cumulative"):
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.strip_dirs().sort_stats(order).print_stats(args.top)
    return 0


def drive(plan: Plan, args: argparse.Namespace, work: Path) -> int:
    print(f"claimcheck pipeline benchmark ({'quick' if args.quick else 'full'}), seed {args.seed}: "
          f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}")
    begin = time.perf_counter()
    sizes = sorted({*plan.drafts, plan.draft_for_snippets})
    drafts: dict[int, Path] = {}
    facts = 0
    for size in sizes:
        made = synth.make_draft(size, args.seed)
        drafts[size] = work / f"draft-{size}.md"
        synth.write_atomic(drafts[size], made.text)
        facts = max(facts, made.facts)
    counts = sorted({*plan.snippets, plan.snippets_for_drafts})
    # One stream of snippets; smaller sets are its prefixes, so rows differ only in size.
    pool = synth.make_snippets(max(counts), facts, args.seed)
    refs: dict[int, Path] = {}
    for count in counts:
        refs[count] = work / f"refs-{count}.jsonl"
        synth.write_snippets(refs[count], pool[:count])
    print(f"generated {len(drafts)} drafts and {len(refs)} reference sets in "
          f"{time.perf_counter() - begin:.1f} s (not timed below)\n")

    done: dict[tuple[int, int], dict[str, Any]] = {}

    def case(size: int, count: int) -> dict[str, Any]:
        if (size, count) not in done:
            cache = work / f"cache-{size}-{count}"
            shutil.rmtree(cache, ignore_errors=True)
            done[size, count] = child(["_case", str(drafts[size]), str(refs[count]),
                                       args.format], cache)
            print(table_row(done[size, count]), flush=True)
        return done[size, count]

    print("Stage times in seconds; each case runs in a fresh process.\n"
          "  import = loading the stage modules; index = cold build (empty cache);\n"
          f"  suppr = inline directives + baseline; report = summary + render {args.format}; "
          "total = end to end.\n"
          "  peak MB = ru_maxrss of the case's process (whole interpreter);\n"
          "  tree MB = peak PSS of it plus all its descendants, sampled every "
          f"{SAMPLE_SECONDS:g} s from /proc by this driver.")
    print(f"\nDraft size curve ({plan.snippets_for_drafts:,} snippets)\n{HEADER}")
    by_draft = [case(size, plan.snippets_for_drafts) for size in plan.drafts]
    print(f"\nSnippet count curve ({size_label(plan.draft_for_snippets)} draft)\n{HEADER}")
    by_count = [case(plan.draft_for_snippets, count) for count in plan.snippets]

    print("\nRatios (2x input; linear = 2.00)")
    ratios(by_draft, "bytes", lambda r: total(r, ("import", "refs", "index")),
           "draft-dependent time (load+split+rules+match+report)")
    ratios(by_draft, "bytes", total, "end-to-end time")
    ratios(by_count, "snippets", lambda r: r["seconds"]["match"], "match time")
    ratios(by_count, "snippets", lambda r: r["seconds"]["index"], "index build time")

    largest, most = max(plan.drafts + (plan.draft_for_snippets,)), max(counts)
    cold = case(largest, most)
    cache = work / f"cache-{largest}-{most}"
    warm = child(["_case", str(drafts[largest]), str(refs[most]), args.format], cache)
    cached = any(cache.rglob("*"))
    print(f"\nIndex cache ({size_label(largest)} x {most:,} snippets, same CLAIMCHECK_CACHE_DIR)")
    print(f"  first run:  index {cold['seconds']['index']:.2f} s, end to end {total(cold):.2f} s")
    print(f"  second run: index {warm['seconds']['index']:.2f} s, end to end {total(warm):.2f} s"
          f"  ({cold['seconds']['index'] / max(warm['seconds']['index'], 1e-9):.1f}x faster "
          f"index; cache folder {'has files' if cached else 'is EMPTY'})")
    print(f"  verdicts: {json.dumps(warm['verdicts'], sort_keys=True)}; flags: {warm['flags']:,}")

    e2e_cache = work / "cache-e2e"
    runs = [end_to_end(drafts[largest], refs[most], args.format, e2e_cache, cold)
            for cold in (True, False)]
    print(f"\nEnd to end ({size_label(largest)} x {most:,} snippets): `claimcheck check --format "
          f"{args.format} > FILE` in a fresh process,\n  timed from outside (start-up and "
          "imports included; memory from a second, sampled run); on a large draft it splits\n"
          "  and flags the draft while a child process loads the references and judges claims")
    ok = cached and warm["seconds"]["index"] < cold["seconds"]["index"]
    for name, row in (("first run", runs[0]), ("second run", runs[1])):
        fast = row["seconds"] < TARGET_SECONDS
        small = row["tree_mb"] < TARGET_MEMORY_MB and row["peak_mb"] < TARGET_MEMORY_MB
        ok = ok and small and (fast or args.quick)
        rate = f", {row['claims'] / row['seconds']:,.0f} claims/s" if row["claims"] else ""
        print(f"  target {name} ({'cold' if name == 'first run' else 'cached'} index): "
              f"{row['seconds']:.2f} s (< {TARGET_SECONDS:g} s: {'yes' if fast else 'NO'}){rate}, "
              f"largest process {row['peak_mb']:.0f} MB, tree PSS {row['tree_mb']:.0f} MB "
              f"(< {TARGET_MEMORY_MB} MB: {'yes' if small else 'NO'})")

    if not args.no_brute:
        brute_case(plan, drafts, refs, work, cold if args.quick else by_count[-1])
    return 0 if ok else 1


def brute_case(plan: Plan, drafts: dict[int, Path], refs: dict[int, Path], work: Path,
               row: dict[str, Any]) -> None:
    size, count = row["bytes"], row["snippets"]
    brute = child(["_brute", str(drafts[size]), str(refs[count]), str(plan.brute_budget)],
                  work / "cache-brute")
    ours = row["seconds"]["index"] + row["seconds"]["match"]
    print(f"\nBrute force ({size_label(size)} x {count:,} snippets): every claim scored against "
          f"every snippet with rapidfuzz process.cdist, workers=-1; peak {brute['peak_mb']:.0f} MB")
    print(f"  claimcheck index (cold) + match on the same case: {ours:.2f} s "
          f"(match alone {row['seconds']['match']:.2f} s)")
    for result in brute["scorers"]:
        how = (f"EXTRAPOLATED from {result['sampled']:,} of {brute['queries']:,} claims "
               f"timed in {result['sample_seconds']:.1f} s" if result["extrapolated"]
               else "measured on all claims")
        print(f"  {result['scorer']:>15}: {brute['queries']:,} claims x {brute['snippets']:,} "
              f"snippets = {result['seconds']:,.1f} s ({how}); speed-up "
              f"{result['seconds'] / ours:,.0f}x vs index+match, "
              f"{result['seconds'] / row['seconds']['match']:,.0f}x vs match")
    print("  (brute force only ranks snippets per claim; the pipeline also scores spans and "
          "compares numbers, dates and quotes)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_case":
        print(json.dumps(run_case(sys.argv[2], sys.argv[3], sys.argv[4])))
    elif len(sys.argv) > 1 and sys.argv[1] == "_brute":
        print(json.dumps(run_brute(sys.argv[2], sys.argv[3], float(sys.argv[4]))))
    else:
        sys.exit(main())
