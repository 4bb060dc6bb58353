"""CPU seconds of the stages before checking, for comparing code on a busy machine.

`bench_pipeline.py` gives wall time per stage, which a shared 2-core machine at load 20 blurs by
3-5x. This times the same public stage functions (`load_documents`, `split_documents`,
`flag_claims`, `load_references`, `build_index`; `check_all` with --match) by CPU time
(`time.process_time`; for `match`, plus the judging processes' CPU, as check_all judges in
several on a large draft), each run in a fresh process with an empty index cache, and keeps the
best of N runs: the figure least disturbed by other processes. `--code DIR` runs the stages
of another checkout (its `claimcheck` package first on PYTHONPATH), so two versions can be run
alternately in the same minutes:

    python benchmarks/bench_stages.py                       # 1 MB draft x 100,000 snippets, 3 runs
    python benchmarks/bench_stages.py --code /tmp/old --runs 3
    python benchmarks/bench_stages.py --size 262144 --snippets 25000 --match

Inputs are bench_pipeline's (synth.py, seed 7), generated once into --work (default: a folder
under the system's temporary directory, kept between runs).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (a sibling script, not an installed module)
from stages import lap_timer, through_index  # noqa: E402  (likewise)

STAGES = ("import", "load", "split", "rules", "refs", "index", "match")


def inputs(work: Path, size: int, snippets: int) -> tuple[Path, Path]:
    """The seeded draft and reference set, written once."""
    draft, refs = work / f"draft-{size}.md", work / f"refs-{size}-{snippets}.jsonl"
    if not draft.exists() or not refs.exists():
        work.mkdir(parents=True, exist_ok=True)
        made = synth.make_draft(size, 7)
        synth.write_atomic(draft, made.text)
        synth.write_snippets(refs, synth.make_snippets(snippets, made.facts, 7))
    return draft, refs


def case(draft: str, refs: str, match: bool) -> dict[str, Any]:
    """One run of the stages, in this process (the driver starts it fresh)."""
    clock = time.process_time()
    from claimcheck.config import Config

    # the stage functions are imported here (claimcheck.references resolves its names lazily),
    # so their modules' cost is the import column's, not the first stage's
    from claimcheck.pipeline import flag_claims, load_documents, split_documents  # noqa: F401
    from claimcheck.references import build_index, load_references  # noqa: F401

    seconds: dict[str, float] = {"import": time.process_time() - clock}
    config = Config.model_validate({"refs": [refs]})
    lap = lap_timer(seconds, time.process_time)
    _, claims, snippets, index = through_index(draft, config, lap, [])
    if match:
        import multiprocessing
        import resource

        from claimcheck.check import check_all

        def children() -> float:  # CPU of the judging processes, once they have been joined
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            return used.ru_utime + used.ru_stime

        before = children()
        check_all(claims, index, config)
        for process in multiprocessing.active_children():
            process.join()
        lap("match")
        seconds["match"] += children() - before
    import claimcheck

    return {"code": str(Path(claimcheck.__file__).parent.parent), "claims": len(claims),
            "flags": sum(len(c.flags) for c in claims), "snippets": len(snippets),
            "seconds": seconds}


def run_once(code: Path | None, draft: Path, refs: Path, match: bool) -> dict[str, Any]:
    env = dict(os.environ)
    env["CLAIMCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-stages-cache-")
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    argv = [sys.executable, __file__, "_case", str(draft), str(refs)] + (["--match"] if match
                                                                         else [])
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"stage run failed ({done.returncode}): {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["_case"]:
        print(json.dumps(case(args[1], args[2], "--match" in args)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=1024 * 1024, help="draft bytes (1 MB)")
    parser.add_argument("--snippets", type=int, default=100_000, help="reference snippets")
    parser.add_argument("--runs", type=int, default=3, help="fresh runs; the best is kept")
    parser.add_argument("--code", type=Path, help="a checkout whose claimcheck to time")
    parser.add_argument("--match", action="store_true", help="also time check_all (slow)")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "claimcheck-bench-stages")
    opts = parser.parse_args(args)
    draft, refs = inputs(opts.work, opts.size, opts.snippets)
    runs = [run_once(opts.code, draft, refs, opts.match) for _ in range(opts.runs)]
    stages = [s for s in STAGES if s in runs[0]["seconds"]]
    best = {s: min(r["seconds"][s] for r in runs) for s in stages}
    load = os.getloadavg()[0]
    print(f"code: {runs[0]['code']}  claims {runs[0]['claims']:,}  flags {runs[0]['flags']:,}  "
          f"snippets {runs[0]['snippets']:,}")
    print(f"CPU seconds, best of {opts.runs} fresh runs (load average {load:.1f} at the end):")
    print("  ".join(f"{s} {best[s]:.2f}" for s in stages)
          + f"  | stages after import {sum(best[s] for s in stages if s != 'import'):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
