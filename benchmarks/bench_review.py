"""How fast `claimcheck review` opens and answers keys on a large draft (issue 16's targets).

Targets, for a 1 MB draft (about 15,000 claims) against 100,000 reference snippets on 2 cores:
the first screen in under 1.5 s, before checking has finished; keys answered in under 50 ms
while checking runs.

- First screen: the installed command starts in a real terminal (tmux, 120x40), and the screen is
  read every 10 ms until the app's key line and status line are drawn. Timed from the moment tmux
  is asked to start it, so it includes Python's start-up, imports and the first paint. The status
  line at that moment is printed too (it says what checking is doing, i.e. that it has not
  finished).
- Keys: the app runs headless in this process (Textual's Pilot) with the real checking process
  behind it. As soon as the claims are on screen, and while flags and verdicts are still
  arriving, `j` is pressed N times; each press is timed until the app has handled it and drawn
  the result (`Pilot.press` waits for the screen to be idle). Also timed: `/` + filter + Enter
  and `a` (a decision appended and fsynced to the ledger), and `j` again once checking is done.
  Each press is also measured in CPU time of the event loop's thread (`time.thread_time`: the
  app's own work for the key, which other processes' load does not inflate much) and of the whole
  process (`time.process_time`: adds the thread that reads the checking process's output).

    python benchmarks/bench_review.py                 # 1 MB draft x 100,000 snippets
    python benchmarks/bench_review.py --quick         # 128 KB x 10,000, well under a minute

The machine is shared: the load average is printed beside the figures. Wall times are wall
times under whatever load there is; the CPU figures are the ones to compare code by on a busy
machine. Re-run on a quiet machine for wall figures to publish.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (a sibling script, not an installed module)

KEY_LINE = "j/k move"
FIRST_SCREEN_TARGET, KEY_TARGET_MS = 1.5, 50.0


def make_inputs(folder: Path, size: int, snippets: int) -> tuple[Path, Path]:
    draft = synth.make_draft(size, seed=7)
    draft_path, refs_path = folder / "draft.md", folder / "refs.jsonl"
    synth.write_atomic(draft_path, draft.text)
    synth.write_snippets(refs_path, synth.make_snippets(snippets, draft.facts, seed=7))
    return draft_path, refs_path


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux /proc), None if unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _app_pid(pane_pid: int) -> int:
    """The review app's process: the pane's own, or its child when a shell runs it."""
    try:
        children = Path(f"/proc/{pane_pid}/task/{pane_pid}/children").read_text().split()
        name = Path(f"/proc/{pane_pid}/comm").read_text().strip()
    except OSError:
        return pane_pid
    return int(children[0]) if name in ("sh", "bash", "dash", "zsh") and children else pane_pid


def first_screen(folder: Path, draft: Path, refs: Path) -> tuple[float, str, float | None]:
    """Seconds from starting the command in tmux to its first full screen, that screen, and the
    CPU seconds the app's process had used by then (what the load does not inflate)."""
    tmux = shutil.which("tmux")
    command = shutil.which("claimcheck")
    if not tmux or not command:
        raise SystemExit("bench_review: needs tmux and an installed claimcheck on PATH")
    socket = f"bench-review-{uuid.uuid4().hex[:8]}"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([tmux, "-L", socket, *args], capture_output=True, text=True,
                              check=False)

    run("new-session", "-d", "-s", "idle", "-x", "120", "-y", "40", "-c", str(folder))
    try:
        start = time.perf_counter()
        run("new-window", "-t", "idle", "-n", "review", "-c", str(folder),
            f"{command} review {draft.name} --refs {refs.name} --ledger ledger.jsonl")
        while True:
            screen = run("capture-pane", "-p", "-t", "idle:review").stdout
            lines = [line for line in screen.splitlines() if line.strip()]
            if len(lines) > 3 and KEY_LINE in screen and draft.name in lines[0]:
                seconds = time.perf_counter() - start
                pane = run("display-message", "-p", "-t", "idle:review", "#{pane_pid}").stdout
                cpu = _cpu_seconds(_app_pid(int(pane))) if pane.strip().isdigit() else None
                return seconds, screen, cpu
            if time.perf_counter() - start > 60:
                raise SystemExit(f"bench_review: no first screen within 60 s:\n{screen}")
            time.sleep(0.01)
    finally:
        run("kill-server")


async def key_latencies(folder: Path, draft: Path, refs: Path, presses: int) -> dict[str, Any]:
    from claimcheck.config import Config
    from claimcheck.review.app import ReviewApp

    os.chdir(folder)
    app = ReviewApp([draft.name], Config(refs=[refs.name]), folder / "pilot-ledger.jsonl",
                    reviewer="bench", watch_interval=0)
    out: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        while not app.claims:
            await pilot.pause(0.02)
            if time.perf_counter() - started > 300:
                raise SystemExit("bench_review: no claims after 300 s")
        out["claims"] = len(app.claims)
        out["claims_after_s"] = time.perf_counter() - started
        out["stage_at_first_key"] = app.stage
        times, cpu, loop_cpu = await _presses(pilot, presses)
        held = []
        for _ in range(presses):
            t = time.perf_counter()
            await pilot.press("j")  # no pause: a held key, details follow when it stops
            held.append((time.perf_counter() - t) * 1000)
        out["held_ms"] = held
        out["stage_at_last_key"] = app.stage
        out["still_checking"] = app.checking
        out["j_ms"] = times
        out["j_cpu_ms"] = cpu
        out["j_loop_cpu_ms"] = loop_cpu
        t, c = time.perf_counter(), time.thread_time()
        await pilot.press("a")
        out["a_ms"] = (time.perf_counter() - t) * 1000
        out["a_loop_cpu_ms"] = (time.thread_time() - c) * 1000
        t, c = time.perf_counter(), time.thread_time()
        await pilot.press("slash", *"CC101", "enter")
        await pilot.pause()
        out["filter_ms"] = (time.perf_counter() - t) * 1000
        out["filter_loop_cpu_ms"] = (time.thread_time() - c) * 1000
        out["filtered"] = len(app.view)
        await pilot.press("slash", "ctrl+u", "enter")  # clear it: the idle presses see all
        while app.checking:
            await pilot.pause(0.2)
        out["checked_after_s"] = time.perf_counter() - started
        idle, _, idle_loop = await _presses(pilot, min(presses, 30))
        out["idle_j_ms"], out["idle_j_loop_cpu_ms"] = idle, idle_loop
        await pilot.press("q")
    return out


async def _presses(pilot: object, presses: int) -> tuple[list[float], list[float], list[float]]:
    """`j` at a person's pace: wall ms, process CPU ms and event-loop-thread CPU ms per press."""
    times, cpu, loop_cpu = [], [], []
    for _ in range(presses):
        t, c, lc = time.perf_counter(), time.process_time(), time.thread_time()
        await pilot.press("j")  # type: ignore[attr-defined]
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        loop_cpu.append((time.thread_time() - lc) * 1000)
        await pilot.pause(0.15)  # type: ignore[attr-defined]  # a person's pace
    return times, cpu, loop_cpu


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="128 KB x 10,000 snippets")
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    size, snippets = (128 * 1024, 10_000) if args.quick else (1024 * 1024, 100_000)
    folder = Path(tempfile.mkdtemp(prefix="bench-review-"))
    os.environ["CLAIMCHECK_CACHE_DIR"] = str(folder / "cache")
    try:
        draft, refs = make_inputs(folder, size, snippets)
        print(f"draft {size:,} bytes, {snippets:,} snippets; {os.cpu_count()} cores; "
              f"load average before {os.getloadavg()[0]:.2f}")
        seconds, screen, start_cpu = first_screen(folder, draft, refs)
        status = screen.splitlines()[0].strip()
        verdict = "meets" if seconds < FIRST_SCREEN_TARGET else "MISSES"
        used = f"{start_cpu:.2f} s" if start_cpu is not None else "unknown"
        print(f"first screen: {seconds:.2f} s wall ({verdict} the {FIRST_SCREEN_TARGET} s "
              f"target), CPU of the app by then {used}; status line then: {status!r}")
        result = asyncio.run(key_latencies(folder, draft, refs, args.presses))
        times = sorted(result["j_ms"])
        p95 = _p95(times)
        verdict = "meets" if p95 < KEY_TARGET_MS else "MISSES"
        print(f"claims on screen after {result['claims_after_s']:.1f} s "
              f"({result['claims']:,} claims); checked after "
              f"{result['checked_after_s']:.1f} s")
        print(f"j while checking ({len(times)} presses, stage {result['stage_at_first_key']} -> "
              f"{result['stage_at_last_key']}, still checking at the last: "
              f"{result['still_checking']}): median {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms ({verdict} the {KEY_TARGET_MS:.0f} ms "
              "target at p95)")
        held: list[float] = result["held_ms"]
        loop_cpu: list[float] = result["j_loop_cpu_ms"]
        cpu: list[float] = result["j_cpu_ms"]
        print(f"  CPU per j: event loop median {statistics.median(loop_cpu):.1f} ms, p95 "
              f"{_p95(loop_cpu):.1f} ms (the app's work for the key); whole process median "
              f"{statistics.median(cpu):.1f} ms (with the reader thread)")
        print(f"  held j (no pause): median {statistics.median(held):.1f} ms, "
              f"p95 {_p95(held):.1f} ms")
        idle: list[float] = result["idle_j_ms"]
        idle_cpu: list[float] = result["idle_j_loop_cpu_ms"]
        print(f"j after checking ({len(idle)} presses): median {statistics.median(idle):.1f} ms, "
              f"p95 {_p95(idle):.1f} ms; event loop CPU median "
              f"{statistics.median(idle_cpu):.1f} ms")
        print(f"a (ledger append + fsync): {result['a_ms']:.1f} ms "
              f"({result['a_loop_cpu_ms']:.1f} ms CPU); / CC101 Enter: "
              f"{result['filter_ms']:.1f} ms ({result['filter_loop_cpu_ms']:.1f} ms CPU, "
              f"{result['filtered']:,} claims match)")
        print(f"load average after {os.getloadavg()[0]:.2f}")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
