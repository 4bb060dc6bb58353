"""Golden records of claimcheck's outputs, to compare a refactor against byte for byte.

A refactor must not change what users see. This script runs a fixed set of cases through the
public command line (`claimcheck check ... --format FMT`), records every output (stdout, the
exit code, warnings on stderr) and keeps, per case, a SHA-256 hash in a manifest plus the
output itself (gzipped) in a folder outside the repository, so a later run of other code can be
compared case by case and claim by claim.

Cases (all offline, deterministic):
- the seed article (`/work/shared/seed/article.txt`), in every format;
- every fixture draft (fixtures/**), in every format, alone and against its reference set;
- CLIMATE-FEVER dev and VitaminC dev: all claims in one plain-text draft (one per paragraph),
  all evidence sentences in one JSONL reference file (as `benchmarks/check_route.py` does);
- Logic train and dev: every row as a paragraph of one draft (flags only), plus
  `claimcheck eval flags --no-peers` and `eval verify` figures;
- the 1 MB benchmark draft (`synth.py`, seed 7) against 100,000 snippets: once as a file (the
  overlapped route) and once on standard input with `--markdown` (the in-process route).

    python benchmarks/golden.py record [--rev REV] [--name NAME] [--quick]
    python benchmarks/golden.py compare [--against NAME] [--quick]
    python benchmarks/golden.py list
    python benchmarks/golden.py diff OLD NEW

`record` runs the code of this checkout (or of git revision REV, exported to a temporary folder)
and stores it as NAME (default: the commit's short hash, with `+dirty` when the work tree has
changes). `compare` records this checkout as the record `current` and compares it with NAME
(default: the newest record), printing every case that differs, and for JSON reports the first
differing claims. `--quick` leaves out the 1 MB case. Records live in
`$CLAIMCHECK_GOLDEN` or /work/team/golden.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")
SEED = Path("/work/shared/seed/article.txt")
STORE = Path(os.environ.get("CLAIMCHECK_GOLDEN", "/work/team/golden"))
FORMATS = ("json", "table", "sarif", "github", "markdown", "junit")
# Fixture drafts and the reference sets they are checked against (besides alone).
FIXTURE_REFS: dict[str, tuple[str, ...]] = {
    "fixtures/drafts/news.txt": ("fixtures/refs/news",),
    "fixtures/check/news_draft.md": ("fixtures/refs/news",),
    "fixtures/rules/news_draft.txt": ("fixtures/refs/news",),
    "fixtures/drafts/blog.md": ("fixtures/refs/formats/good",),
    "fixtures/drafts/tech.md": ("fixtures/refs/formats/good",),
    "fixtures/cli/draft.md": ("fixtures/cli/refs.txt",),
    "fixtures/cli/verdicts.md": ("fixtures/cli/refs.txt",),
    "fixtures/cli/council.txt": ("fixtures/cli/refs_council.txt",),
    "fixtures/cli/markup.txt": ("fixtures/cli/refs.txt",),
    "fixtures/cli/clean.txt": ("fixtures/cli/refs_budget.txt",),
}
NOT_DRAFTS = {"fixtures/cli/refs.txt", "fixtures/cli/refs_council.txt",
              "fixtures/cli/refs_budget.txt"}


@dataclass(frozen=True)
class Case:
    """One command line, run in `folder` (inputs are given relative to it, so paths in the
    outputs do not depend on where the inputs were written)."""

    name: str
    argv: tuple[str, ...]
    folder: str  # "repo" (fixtures, relative to the checkout) or "work" (generated inputs)
    stdin: str | None = None  # a file in `folder` fed to standard input
    output: str | None = None  # a file the command writes in `folder`, recorded after stdout
    heavy: bool = False  # left out by --quick
    alone: bool = False  # in a process of its own (else with the small cases, in one process)


def fixture_drafts() -> list[str]:
    found = []
    for path in sorted((ROOT / "fixtures").rglob("*")):
        rel = path.relative_to(ROOT).as_posix()
        if path.suffix in (".md", ".txt") and "/refs/" not in rel and rel not in NOT_DRAFTS:
            found.append(rel)
    return found


def cases() -> list[Case]:
    out: list[Case] = []
    for fmt in FORMATS:
        out.append(Case(f"seed.{fmt}", ("check", "article.txt", "--format", fmt), "work"))
    for draft in fixture_drafts():
        for fmt in FORMATS:
            out.append(Case(f"{draft}.{fmt}", ("check", draft, "--format", fmt), "repo"))
        for refs in FIXTURE_REFS.get(draft, ()):
            for fmt in FORMATS:
                out.append(Case(f"{draft}+{refs}.{fmt}",
                                ("check", draft, "--refs", refs, "--format", fmt), "repo"))
    out.append(Case("fixtures/cli/folder.json", ("check", "fixtures/cli/folder", "--format",
                                                 "json"), "repo"))
    out.append(Case("fixtures.baseline", ("baseline", "drafts", "--output", "baseline.json"),
                    "work", output="baseline.json"))
    for name in ("climate-fever", "vitaminc"):
        out.append(Case(f"{name}.json", ("check", f"{name}.txt", "--refs",
                                         f"{name}-evidence.jsonl", "--format", "json"), "work",
                        alone=True))
    for part in ("train", "dev"):
        out.append(Case(f"logic-{part}.json", ("check", f"logic-{part}.txt", "--format", "json"),
                        "work", alone=True))
        out.append(Case(f"logic-{part}.eval", ("eval", "flags", str(DATA / "logic-fallacy" /
                                                                   f"{part}.jsonl"),
                                               "--no-peers", "--format", "json"), "work",
                        alone=True))
    out.append(Case("climate-fever.eval", ("eval", "verify", str(DATA / "climate-fever" /
                                                                 "dev.jsonl"), "--format",
                                           "json"), "work", alone=True))
    out.append(Case("synth-1mb.json", ("check", "draft-1mb.md", "--refs", "refs-100k.jsonl",
                                       "--format", "json"), "work", heavy=True, alone=True))
    out.append(Case("synth-1mb-stdin.json", ("check", "-", "--markdown", "--refs",
                                             "refs-100k.jsonl", "--format", "json"), "work",
                    stdin="draft-1mb.md", heavy=True, alone=True))
    return out


# --- inputs ----------------------------------------------------------------------------------


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _claims_draft(rows: list[dict[str, Any]], key: str) -> str:
    return "\n\n".join(" ".join(str(row[key]).split()) for row in rows) + "\n"


def _evidence(rows: list[dict[str, Any]]) -> str:
    seen: dict[str, None] = {}
    for row in rows:
        for ev in row["evidences"]:
            seen.setdefault(" ".join(str(ev["evidence"]).split()), None)
    return "".join(json.dumps({"id": f"e{n}", "text": text}) + "\n"
                   for n, text in enumerate(seen, start=1))


def write_inputs(work: Path, heavy: bool) -> None:
    """The generated inputs, the same bytes every time (the synthetic ones from seed 7)."""
    shutil.copyfile(SEED, work / "article.txt")
    shutil.copytree(ROOT / "fixtures" / "drafts", work / "drafts")
    for name in ("climate-fever", "vitaminc"):
        rows = _rows(DATA / name / "dev.jsonl")
        (work / f"{name}.txt").write_text(_claims_draft(rows, "claim"), encoding="utf-8")
        (work / f"{name}-evidence.jsonl").write_text(_evidence(rows), encoding="utf-8")
    for part in ("train", "dev"):
        rows = _rows(DATA / "logic-fallacy" / f"{part}.jsonl")
        (work / f"logic-{part}.txt").write_text(_claims_draft(rows, "text"), encoding="utf-8")
    if heavy:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import synth  # a sibling script

        made = synth.make_draft(1024 * 1024, 7)
        synth.write_atomic(work / "draft-1mb.md", made.text)
        synth.write_snippets(work / "refs-100k.jsonl", synth.make_snippets(100_000, made.facts, 7))


# --- running ---------------------------------------------------------------------------------


def _environment(code: Path, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMCHECK_", "FORCE_COLOR"))}
    env.update(PYTHONPATH=str(code), CLAIMCHECK_CACHE_DIR=str(cache), NO_COLOR="1",
               COLUMNS="120", TERM="dumb", PYTHONHASHSEED="0")
    return env


def run_case(case: Case, code: Path, work: Path) -> dict[str, Any]:
    """stdout, stderr and the exit code of one case in a process of its own, with a fresh
    index cache."""
    folder = code if case.folder == "repo" else work
    cache = Path(tempfile.mkdtemp(prefix="golden-cache-"))
    try:
        stdin = (folder / case.stdin).open("rb") if case.stdin else subprocess.DEVNULL
        begin = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "claimcheck", *case.argv], cwd=folder,
                              stdin=stdin, capture_output=True, env=_environment(code, cache),
                              check=False)
        seconds = time.perf_counter() - begin
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return _finished(case, folder, done.stdout, done.stderr, done.returncode, seconds)


def run_batch(batch: list[Case], code: Path, work: Path) -> list[dict[str, Any]]:
    """The small cases, one after another through `claimcheck.cli.main` in one process (a
    process per case would spend most of its time importing)."""
    cache = Path(tempfile.mkdtemp(prefix="golden-cache-"))
    jobs = [{"argv": list(c.argv), "cwd": str(code if c.folder == "repo" else work)}
            for c in batch]
    try:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "_batch"],
                              input=json.dumps(jobs).encode(), capture_output=True,
                              env=_environment(code, cache), check=False, cwd=work)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if done.returncode:
        sys.exit(f"golden: the batch driver failed:\n{done.stderr.decode()[-3000:]}")
    results = json.loads(done.stdout)
    return [_finished(case, Path(job["cwd"]), r["stdout"].encode("utf-8", "surrogateescape"),
                      r["stderr"].encode("utf-8", "surrogateescape"), r["exit"], r["seconds"])
            for case, job, r in zip(batch, jobs, results, strict=True)]


def _batch_driver() -> int:
    """Inside the batch process: each job's argv through `cli.main`, streams captured."""
    import contextlib
    import io

    from claimcheck.cli import main as cli_main

    out = []
    for job in json.loads(sys.stdin.read()):
        os.chdir(job["cwd"])
        stdout, stderr = io.StringIO(), io.StringIO()
        begin = time.perf_counter()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = cli_main(job["argv"])
        out.append({"stdout": stdout.getvalue(), "stderr": stderr.getvalue(), "exit": code,
                    "seconds": time.perf_counter() - begin})
    sys.stdout.write(json.dumps(out))
    return 0


def _finished(case: Case, folder: Path, stdout: bytes, stderr: bytes, exit_code: int,
              seconds: float) -> dict[str, Any]:
    if case.output:
        written = folder / case.output
        stdout += b"\n--- " + case.output.encode() + b"\n" + written.read_bytes()
        written.unlink()
    if case.name.endswith(".eval"):  # timings are part of eval's output: not compared
        stdout = _without_timings(stdout)
    return {"stdout": stdout, "stderr": stderr, "exit": exit_code, "seconds": seconds}


def _without_timings(raw: bytes) -> bytes:
    try:
        data = json.loads(raw)
    except ValueError:
        return raw

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("seconds", "dataset")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(data), indent=1, sort_keys=True).encode()


def digest(result: dict[str, Any]) -> str:
    h = hashlib.sha256()
    h.update(str(result["exit"]).encode() + b"\0" + result["stdout"] + b"\0" + result["stderr"])
    return h.hexdigest()


def record(code: Path, target: Path, quick: bool) -> dict[str, Any]:
    """Run every case with the code in `code`; outputs and the manifest go to `target`."""
    target.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"code": str(code), "cases": {}}
    with tempfile.TemporaryDirectory(prefix="golden-work-") as tmp:
        work = Path(tmp)
        write_inputs(work, heavy=not quick)
        chosen = [c for c in cases() if not (quick and c.heavy)]
        small = [c for c in chosen if not c.alone]
        results = dict(zip((c.name for c in small), run_batch(small, code, work), strict=True))
        for case in chosen:
            result = results[case.name] if case.name in results else run_case(case, code, work)
            manifest["cases"][case.name] = {"sha256": digest(result), "exit": result["exit"],
                                            "seconds": round(result["seconds"], 2)}
            with gzip.open(target / (_safe(case.name) + ".gz"), "wb", compresslevel=3) as fh:
                fh.write(json.dumps({"exit": result["exit"],
                                     "stderr": result["stderr"].decode("utf-8", "replace")}
                                    ).encode() + b"\n" + result["stdout"])
            print(f"  {case.name}: exit {result['exit']}, {result['seconds']:.1f} s",
                  file=sys.stderr, flush=True)
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def _safe(name: str) -> str:
    return name.replace("/", "__")


def load_output(folder: Path, name: str) -> tuple[dict[str, Any], bytes]:
    with gzip.open(folder / (_safe(name) + ".gz"), "rb") as fh:
        head, _, body = fh.read().partition(b"\n")
    return json.loads(head), body


# --- comparing -------------------------------------------------------------------------------


def _claim_key(claim: dict[str, Any]) -> str:
    return f"{claim.get('file')}:{claim.get('line')}:{claim.get('column')}"


def explain(old: bytes, new: bytes, limit: int = 8) -> Iterator[str]:
    """For two JSON reports, the first claims that differ, field by field."""
    try:
        a, b = json.loads(old), json.loads(new)
    except ValueError:
        yield "  (not JSON: outputs differ)"
        return
    if not (isinstance(a, dict) and isinstance(a.get("claims"), list)
            and isinstance(b, dict) and isinstance(b.get("claims"), list)):
        for key in sorted(set(a) | set(b)) if isinstance(a, dict) and isinstance(b, dict) else []:
            if a.get(key) != b.get(key):
                yield f"  {key}: {json.dumps(a.get(key))[:300]}"
                yield f"   -> {json.dumps(b.get(key))[:300]}"
        return
    ca, cb = a["claims"], b["claims"]
    if len(ca) != len(cb):
        yield f"  claims: {len(ca)} -> {len(cb)}"
    counts: dict[str, int] = {}
    for x, y in zip(ca, cb, strict=False):
        for key in set(x) | set(y):
            if x.get(key) != y.get(key):
                counts[key] = counts.get(key, 0) + 1
    if counts:
        yield "  claims differing, by field: " + ", ".join(
            f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    shown = 0
    for x, y in zip(ca, cb, strict=False):
        if x == y:
            continue
        fields = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
        yield f"  {_claim_key(x)} {x.get('text', '')[:70]!r}: {', '.join(fields)}"
        for field in fields[:3]:
            yield f"      {field}: {json.dumps(x.get(field))[:200]}"
            yield f"   -> {field}: {json.dumps(y.get(field))[:200]}"
        shown += 1
        if shown >= limit:
            yield "  ..."
            break
    for key in sorted(set(a) - {"claims"}):
        if a.get(key) != b.get(key):
            yield f"  {key}: {json.dumps(a.get(key))[:200]} -> {json.dumps(b.get(key))[:200]}"


def compare(golden: Path, current: Path) -> int:
    old = json.loads((golden / "manifest.json").read_text())["cases"]
    new = json.loads((current / "manifest.json").read_text())["cases"]
    differing = 0
    for name, entry in new.items():
        if name not in old:
            print(f"NEW  {name}")
            continue
        if old[name]["sha256"] == entry["sha256"]:
            continue
        differing += 1
        head_a, body_a = load_output(golden, name)
        head_b, body_b = load_output(current, name)
        print(f"DIFF {name}: exit {head_a['exit']} -> {head_b['exit']}")
        if head_a["stderr"] != head_b["stderr"]:
            print(f"  stderr: {head_a['stderr'][-300:]!r}\n   -> {head_b['stderr'][-300:]!r}")
        for line in explain(body_a, body_b):
            print(line)
    missing = sorted(set(old) - set(new))
    for name in missing:
        print(f"GONE {name}")
    print(f"{len(new) - differing} of {len(new)} cases identical; {differing} differ"
          f"{f', {len(missing)} not run' if missing else ''}")
    return 1 if differing else 0


# --- command line ----------------------------------------------------------------------------


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def _export(rev: str, into: Path) -> None:
    """The tree of `rev`, as files (no .git), for PYTHONPATH."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)


def _default_name(rev: str | None) -> str:
    name = _git("rev-parse", "--short", rev or "HEAD")
    if rev is None and _git("status", "--porcelain", "--untracked-files=no"):
        name += "+dirty"
    return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="what", required=True)
    rec = sub.add_parser("record", help="record the outputs of this checkout or of REV")
    rec.add_argument("--rev", help="a git revision (exported to a temporary folder)")
    rec.add_argument("--name", help="record name (default: short commit hash)")
    cmp = sub.add_parser("compare", help="record this checkout and compare with a record")
    cmp.add_argument("--against", help="record name (default: the newest)")
    for p in (rec, cmp):
        p.add_argument("--quick", action="store_true", help="leave out the 1 MB case")
    sub.add_parser("list", help="list the records")
    dif = sub.add_parser("diff", help="compare two records")
    dif.add_argument("old")
    dif.add_argument("new")
    if (argv if argv is not None else sys.argv[1:]) == ["_batch"]:
        return _batch_driver()
    args = parser.parse_args(argv)
    if args.what == "list":
        for folder in sorted(STORE.glob("*/manifest.json"), key=lambda p: p.stat().st_mtime):
            print(folder.parent.name)
        return 0
    if args.what == "diff":
        return compare(STORE / args.old, STORE / args.new)
    begin = time.perf_counter()
    if args.what == "record":
        name = args.name or _default_name(args.rev)
        with tempfile.TemporaryDirectory(prefix="golden-code-") as tmp:
            code = ROOT
            if args.rev:
                code = Path(tmp)
                _export(args.rev, code)
            record(code, STORE / name, args.quick)
        print(f"recorded {STORE / name} in {time.perf_counter() - begin:.0f} s")
        return 0
    if args.against:
        golden = STORE / args.against
    else:
        records = sorted((p for p in STORE.glob("*/manifest.json") if p.parent.name != "current"),
                         key=lambda p: p.stat().st_mtime)
        if not records:
            sys.exit(f"no records in {STORE}: run 'golden.py record' first")
        golden = records[-1].parent
    current = STORE / "current"  # kept until the next compare, for `diff` and a closer look
    shutil.rmtree(current, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="golden-code-") as tmp:
        # a snapshot of the checkout as it is now, so editing it during a long run is harmless
        code = Path(tmp) / "code"
        shutil.copytree(ROOT, code, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__",
                                                                  "*.egg-info"))
        record(code, current, args.quick)
    print(f"compared with {golden.name} ({time.perf_counter() - begin:.0f} s)")
    return compare(golden, current)


if __name__ == "__main__":
    sys.exit(main())
