"""Throughput and memory of `claimcheck batch` beside `claimcheck check` run once per file.

A corpus of synthetic Markdown drafts (about 5 KB each, every one its own stream of facts) is
checked against a reference set that holds, for every draft, a few snippets supporting,
contradicting, quoting or misquoting it among distractors (`synth.py`). Then, side by side:

- `check` per file: `claimcheck check FILE --refs REFS --format json` in a fresh process per file,
  as a shell loop runs it, with the index cache already warm. Every file costs about the same
  (each run loads the whole reference set), so the loop is a rate: a fixed random sample of the
  files (seeded) is timed and the loop's total extrapolated from its mean (the output says so,
  with the sample's spread);
- `batch --engine local` and `batch --engine ray` (a local Ray instance) over every document
  checked.

Each run is a fresh process timed from outside; the peak memory is the sampled proportional set
size (PSS, shared pages counted once) of the whole process tree: the workers, and for Ray its
own processes (GCS, raylet, actors) and the object store's shared memory. CPU seconds are the
user + system time of every process of the tree, also given per process name (Ray's daemons and
helper actors apart from the checker actors). The batch's own progress lines give its steady
rate: documents per second between its first progress line with documents done and its last, so
without start-up and shut-down. The load average is printed before each run: the machine may be
shared, so wall times are noisy; CPU seconds much less so. (The times above were measured on a
quiet 2-core machine in session 8: docs/scale.md.)

    python benchmarks/bench_batch.py            # 10,000 drafts x 100,000 snippets (~40 min)
    python benchmarks/bench_batch.py --docs 1000   # the first 1,000 of those drafts against
                                                   # the same 100,000 snippets (~5 min)
    python benchmarks/bench_batch.py --quick    # 300 drafts x 9,900 snippets, a few minutes
    python benchmarks/bench_batch.py --work /tmp/bb   # keep (and reuse) the generated corpus
    python benchmarks/bench_batch.py --shard-figures 100000,200000   # one index shard's figures

With `--docs N` below the full 10,000, every engine checks the same N documents, each against the
full run's reference set, so a document costs what it would in the full run; the output then
projects the full run (its measured time plus the other documents at its steady rate) and says
that it is a projection.

Goals (checked in the full run, exit 1 when missed): `batch --engine local` at least 1.8 times
the per-file loop's throughput, `--engine ray` within 25% of local.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (sibling scripts, not installed modules)
from bench_pipeline import measured  # noqa: E402

LOCAL_GOAL = 1.8  # batch --engine local / per-file loop
RAY_GOAL = 0.75  # batch --engine ray / batch --engine local
SAMPLE_EVERY = 0.5  # seconds between memory samples of a long run


@dataclass(frozen=True)
class Plan:
    documents: int
    draft_bytes: int
    snippets_each: int  # snippets per draft: documents * snippets_each in all
    sample: int  # files timed for the per-file loop


FULL = Plan(documents=10_000, draft_bytes=5 * 1024, snippets_each=10, sample=24)
QUICK = Plan(documents=300, draft_bytes=5 * 1024, snippets_each=33, sample=5)


def checked_docs(docs: Path, count: int) -> Path:
    """A folder of the first `count` drafts of `docs` (copied once), or `docs` itself."""
    files = sorted(docs.iterdir())
    if count >= len(files):
        return docs
    folder = docs.with_name(f"docs-first-{count}")
    if not folder.is_dir() or len(list(folder.iterdir())) != count:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for file in files[:count]:
            shutil.copyfile(file, folder / file.name)
    return folder


def make_corpus(plan: Plan, folder: Path, seed: int) -> tuple[Path, Path]:
    """The drafts (folder/docs/NNNNN.md) and references (folder/refs.jsonl), made once: an
    existing folder made with the same plan and seed is reused."""
    marker = folder / "plan.json"
    wanted = {"plan": plan.__dict__, "seed": seed, "synth": 1}
    docs, refs = folder / "docs", folder / "refs.jsonl"
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return docs, refs
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    lines = []
    for number in range(plan.documents):
        draft_seed = seed * 1_000_000 + number
        draft = synth.make_draft(plan.draft_bytes, seed=draft_seed)
        (docs / f"{number:05d}.md").write_text(draft.text, encoding="utf-8")
        for s in synth.make_snippets(plan.snippets_each, max(draft.facts, 1), seed=draft_seed):
            record = {"id": f"D{number:05d}-{s.id}", "text": s.text, "source": s.source}
            lines.append(json.dumps(record, ensure_ascii=False))
    synth.write_atomic(refs, "\n".join(lines) + "\n")
    marker.write_text(json.dumps(wanted))
    return docs, refs


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}/{fifteen:.1f} on {os.cpu_count()} cores"


def claimcheck(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "claimcheck", *map(str, args)]


def run(command: list[str], cache: Path, what: str) -> Any:
    print(f"  {what}: {load()} ...", flush=True)
    done = measured(command, cache, every=SAMPLE_EVERY)
    if done.returncode not in (0, 1):
        sys.exit(f"{what} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done


def sample_files(docs: Path, count: int, seed: int) -> list[Path]:
    """A fixed random sample of the drafts (the same for a seed), in name order."""
    files = sorted(docs.iterdir())
    return sorted(random.Random(f"per-file:{seed}").sample(files, min(count, len(files))))


def per_file(docs: Path, refs: Path, cache: Path, sample: int, seed: int) -> dict[str, Any]:
    """`check` on a fixed random sample of the files; the loop over all of them extrapolated."""
    files = sorted(docs.iterdir())
    chosen = sample_files(docs, sample, seed)
    seconds, cpu, peak = [], [], 0.0
    for file in chosen:
        done = run(claimcheck("check", file, "--refs", refs, "--format", "json"), cache,
                   f"check {file.name}")
        seconds.append(done.seconds)
        cpu.append(done.cpu_seconds)
        peak = max(peak, done.tree_mb)
    total = len(files)
    mean = sum(seconds) / len(seconds)
    spread = ""
    if len(seconds) > 1:
        sd = (sum((x - mean) ** 2 for x in seconds) / (len(seconds) - 1)) ** 0.5
        spread = f" +- {2 * sd / len(seconds) ** 0.5:.2f} (2 standard errors)"
    return {"what": "check per file", "documents": total, "seconds": mean * total,
            "docs_per_s": 1 / mean, "tree_mb": peak, "cpu_s": sum(cpu) / len(cpu) * total,
            "steady": 1 / mean, "per_doc_s": mean,
            "note": f"EXTRAPOLATED: {len(chosen)} of {total} files timed (a seeded random "
                    f"sample), {mean:.2f}{spread} s per file, min {min(seconds):.2f}, "
                    f"max {max(seconds):.2f}"}


PROGRESS = re.compile(r"claimcheck batch: ([\d,]+)/([\d,]+) documents")


def steady_rate(lines: Sequence[tuple[float, str]]) -> tuple[float | None, float | None]:
    """(documents per second between the first progress line with documents done and the last,
    seconds from the start to that first line), from the batch's timed progress lines."""
    points = []
    for when, line in lines:
        m = PROGRESS.match(line)
        if m and int(m.group(1).replace(",", "")) > 0:
            points.append((when, int(m.group(1).replace(",", ""))))
    if len(points) < 2 or points[-1][0] - points[0][0] < 1.0:
        return None, points[0][0] if points else None
    (t0, d0), (t1, d1) = points[0], points[-1]
    return (d1 - d0) / (t1 - t0), t0


def batch(docs: Path, refs: Path, cache: Path, out: Path, engine: str,
          workers: int | None, extra: Sequence[str] = ()) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    # not --quiet: the progress lines (one every 10 s in a log) give the steady rate
    command = claimcheck("batch", docs, "--refs", refs, "--out", out, "--engine", engine,
                         *extra)
    if workers:
        command += ["--workers", str(workers)]
    what = f"batch --engine {engine} {' '.join(extra)}".strip()
    print(f"  {what}: {load()} ...", flush=True)
    done = measured(command, cache, every=SAMPLE_EVERY, watch="claimcheck batch:")
    if done.returncode not in (0, 1):
        sys.exit(f"{what} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    summary = json.loads((out / "summary.json").read_text())
    steady, first = steady_rate(done.lines)
    return {"what": what, "documents": summary["documents"], "seconds": done.seconds,
            "docs_per_s": summary["documents"] / done.seconds, "tree_mb": done.tree_mb,
            "cpu_s": max(done.cpu_seconds, done.sampled_cpu_seconds),
            "by_name": done.cpu_by_name, "steady": steady, "first": first,
            "note": f"{summary['claims']:,} claims; {summary['errors']} errors; inside the "
                    f"run {summary['seconds']:.1f} s"
                    + (f"; first progress at {first:.0f} s" if first is not None else "")}


def same_rows(first: Path, second: Path) -> bool:
    import pyarrow.parquet as pq

    keys = [("document_id", "ascending"), ("start", "ascending"), ("claim_id", "ascending")]
    a = pq.read_table(first / "claims").sort_by(keys)
    b = pq.read_table(second / "claims").sort_by(keys)
    return bool(a.equals(b))


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def shard_figures(sizes: Sequence[int], seed: int) -> int:
    """One shard of each size, in this process: build time, memory, and query rate (k = 8,
    global statistics equal to its own, as for a shard of a set of that size)."""
    import gc

    from claimcheck.batch.packed import PackedSnippets, pack_snippets
    from claimcheck.batch.shards import GlobalStats, Shard
    from claimcheck.models import Snippet

    draft = synth.make_draft(256 * 1024, seed=seed).text.replace("\n", " ")
    queries = [q for q in draft.split(". ") if len(q.split()) > 4][:2000]
    print(f"{'snippets':>9} {'text MB':>8} {'build s':>8} {'index MB':>9} {'RSS+ MB':>8} "
          f"{'queries/s':>10} {'ms/query':>9}")
    for size in sizes:
        gc.collect()
        before = _rss_mb()
        made = synth.make_snippets(size, 5000, seed=seed)
        # packed, as a shard actor holds its range
        snippets = PackedSnippets(pack_snippets(
            [Snippet(m.id, m.text, m.source) for m in made]))
        del made
        gc.collect()
        text_mb = len(snippets.texts._buf) / 2**20
        clock = time.perf_counter()
        shard = Shard(snippets, 0)
        shard.build(GlobalStats.of([shard.stats()]))
        build = time.perf_counter() - clock
        gc.collect()
        grown = _rss_mb() - before
        index = shard.index
        assert index is not None
        arrays = (index.data.nbytes + index.indices.nbytes + index.indptr.nbytes) / 2**20
        shard.search_many(queries[:50], 8)  # first-query set-up out of the timing
        clock = time.perf_counter()
        shard.search_many(queries, 8)
        rate = len(queries) / (time.perf_counter() - clock)
        print(f"{size:>9,} {text_mb:>8.1f} {build:>8.1f} {arrays:>9.1f} {grown:>8.0f} "
              f"{rate:>10.0f} {1000 / rate:>9.3f}", flush=True)
        del shard, snippets, index
        gc.collect()
    print(f"({load()}; RSS+ is the process's growth for the shard: its snippet records, "
          f"index and vocabulary, and what the allocator kept of the build)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true",
                        help="300 drafts x 9,900 snippets (goals not checked)")
    parser.add_argument("--docs", type=int,
                        help="check only the first N drafts (every engine the same N), each "
                             "against the whole reference set; the full run is projected")
    parser.add_argument("--work", type=Path, help="keep the corpus and outputs in this folder")
    parser.add_argument("--engines", default="perfile,local,ray",
                        help="comma list of perfile, local, ray, ray-shards (default: the "
                             "first three)")
    parser.add_argument("--workers", type=int, help="batch workers (default: one per core)")
    parser.add_argument("--sample", type=int, help="files timed for the per-file loop")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shard-figures", metavar="SIZES",
                        help="instead: build one index shard per comma-separated snippet count "
                             "and print its build time, memory and query rate (docs/scale.md)")
    args = parser.parse_args(argv)
    if args.shard_figures:
        return shard_figures([int(n) for n in args.shard_figures.split(",")], args.seed)
    plan = QUICK if args.quick else FULL
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run(plan, engines, work, args)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


def _run(plan: Plan, engines: list[str], work: Path, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    all_docs, refs = make_corpus(plan, work / "corpus", args.seed)
    made = time.perf_counter() - started  # about 30 s for the full corpus, 0 when reused
    count = min(args.docs or plan.documents, plan.documents)
    docs = checked_docs(all_docs, count)
    snippets = plan.documents * plan.snippets_each
    size = sum(p.stat().st_size for p in docs.iterdir()) / count
    part = "" if count == plan.documents else f" (the first {count:,} of {plan.documents:,})"
    print(f"corpus: {count:,} drafts{part} of {size / 1024:.1f} KB on average, "
          f"{snippets:,} snippets (made in {made:.0f} s); python {sys.version.split()[0]}")
    cache = work / "cache"
    first = sorted(docs.iterdir())[0]
    warm = run(claimcheck("check", first, "--refs", refs, "--format", "json"), cache,
               "warming the index cache")
    print(f"  (index built and cached in a {warm.seconds:.1f} s check run)")
    rows: dict[str, dict[str, Any]] = {}
    if "perfile" in engines:
        rows["perfile"] = per_file(docs, refs, cache, args.sample or plan.sample, args.seed)
    if "local" in engines:
        rows["local"] = batch(docs, refs, cache, work / "out-local", "local", args.workers)
    if "ray" in engines:
        rows["ray"] = batch(docs, refs, cache, work / "out-ray", "ray", args.workers)
    if "ray-shards" in engines:
        rows["ray-shards"] = batch(docs, refs, cache, work / "out-ray-shards", "ray",
                                   args.workers, ["--shards", "2"])
    _table(rows)
    print(f"\nafter the runs: {load()}")
    failed = False
    for name in ("ray", "ray-shards"):
        if name in rows and "local" in rows:
            same = same_rows(work / "out-local", work / f"out-{name}")
            print(f"{name} rows identical to local: {same}")
            failed |= not same
    whole = count == plan.documents and not args.quick
    for top, bottom, goal, label in (("local", "perfile", LOCAL_GOAL, "local / per-file loop"),
                                     ("ray", "local", RAY_GOAL, "ray / local (within 25%)")):
        if top in rows and bottom in rows:
            ratio = rows[top]["docs_per_s"] / rows[bottom]["docs_per_s"]
            ok = ratio >= goal
            steady = ""
            if rows[top]["steady"] and rows[bottom]["steady"]:
                steady = (f"; steady rates {rows[top]['steady'] / rows[bottom]['steady']:.2f}x "
                          f"(start-up and shut-down left out)")
            print(f"{label}: {ratio:.2f}x (goal >= {goal}x): {'met' if ok else 'MISSED'}"
                  f"{steady}")
            failed |= not ok and whole
    if args.quick:
        print("(--quick: a small corpus, where start-up weighs more; goals are for the full run)")
    elif count < plan.documents:
        _projection(rows, count, plan.documents, made)
    return 1 if failed else 0


def _table(rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n{'run':<30} {'docs':>7} {'seconds':>9} {'docs/s':>8} {'steady':>7} {'CPU s':>9} "
          f"{'CPU s/doc':>9} {'tree MB':>8}  note")
    for row in rows.values():
        steady = f"{row['steady']:.2f}" if row.get("steady") else "-"
        print(f"{row['what']:<30} {row['documents']:>7,} {row['seconds']:>9.1f} "
              f"{row['docs_per_s']:>8.2f} {steady:>7} {row['cpu_s']:>9.1f} "
              f"{row['cpu_s'] / row['documents']:>9.3f} {row['tree_mb']:>8.0f}  {row['note']}")
    print(f"(docs/s: documents over the run's wall time, start-up included; steady: documents "
          f"per second between the batch's first progress line with documents done and its "
          f"last. CPU s: user + system time of the run's whole process tree, Ray's processes "
          f"and actors included, sampled every {SAMPLE_EVERY} s: unlike wall time it hardly "
          f"depends on other users' load)")
    for row in rows.values():
        if row.get("by_name"):
            parts = ", ".join(f"{name} {cpu:.1f}" for name, cpu in row["by_name"].items()
                              if cpu >= 0.05)
            print(f"CPU s by process, {row['what']}: {parts}")


def _projection(rows: dict[str, dict[str, Any]], count: int, full: int, made: float) -> None:
    """The full run from this one: per file, its mean per file; a batch, its measured run plus
    the other documents at its steady rate. A projection, not a measurement."""
    print(f"\nPROJECTED for all {full:,} drafts (not measured; from this run of {count:,}):")
    projected: dict[str, float] = {}
    for name, row in rows.items():
        if name == "perfile":
            projected[name] = row["per_doc_s"] * full
        elif row.get("steady"):
            projected[name] = row["seconds"] + (full - count) / row["steady"]
        else:
            continue
        print(f"  {row['what']:<28} {projected[name] / 60:>7.1f} min, "
              f"{full / projected[name]:.2f} docs/s")
    for top, bottom, label in (("local", "perfile", "local / per-file loop"),
                               ("ray", "local", "ray / local")):
        if top in projected and bottom in projected:
            print(f"  {label}: {projected[bottom] / projected[top]:.2f}x (projected)")
    sample = rows["perfile"]["per_doc_s"] * FULL.sample if "perfile" in rows else 0.0
    batches = sum(v for k, v in projected.items() if k != "perfile")
    print(f"  the full benchmark itself would take about "
          f"{(made + sample + batches) / 60:.0f} min (corpus, a {FULL.sample}-file "
          f"per-file sample, and the batch runs above)")


if __name__ == "__main__":
    sys.exit(main())
