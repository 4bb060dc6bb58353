"""How fast `claimcheck review` opens and answers keys on a large draft (issue 16's targets).

Targets, for a 1 MB draft (about 15,000 claims) against 100,000 reference snippets on 2 cores:
the first screen in under 1.5 s, before checking has finished; keys answered in under 50 ms
while checking runs.

- First screen: the installed command starts in a real terminal (tmux, 120x40), and the screen is
  read every 10 ms until the app's key line and status line are drawn. Timed from the moment tmux
  is asked to start it, so it includes Python's start-up, imports and the first paint. The status
  line at that moment is printed too (it says what checking is doing, i.e. that it has not
  finished).
- Keys, as a user feels them: the installed command runs in a pseudo-terminal this script holds
  (120x40), with its real checking process behind it, and the script plays the terminal: it
  writes the key's byte and reads what the app draws. A key is timed from the moment its byte is
  written until the app has written the frame that shows its result (the end of the
  synchronized-output block, which the script's "terminal" says it supports): for `j`, the new
  position in the status line and the new claim's handle at the top of the details pane. So
  the figure covers the app reading the key, handling it, drawing and writing the screen, and
  any wait for a core. Timed: `j` N times at a person's pace (150 ms apart) while flags and
  verdicts are still arriving; a held `j` (30 presses 33 ms apart, a keyboard's repeat rate:
  from the last press to the last claim's details on screen); `a` (a decision appended and
  fsynced to the ledger: until the status count shows it); `/ CC101` then Enter (until the
  status line shows the filter); and `j` again once checking is done. For each, the app's main
  thread's CPU time and its wait for a core (Linux /proc/PID/task/PID/schedstat) over the same
  interval are printed too: CPU is the app's own work, the wait is other processes' load.
- `--pilot`: the earlier in-process measurement (Textual's Pilot, the app headless in this
  process). It is not what a user sees: `Pilot.press` returns only after the process has been
  idle for two 20 ms windows (Textual's `wait_for_idle`), so even an app whose key updates one
  `Static` measures about 64 ms; and headless, the app never turns its frames into terminal
  output. Its figures are kept for comparison with earlier runs.

    python benchmarks/bench_review.py                 # 1 MB draft x 100,000 snippets
    python benchmarks/bench_review.py --quick         # 128 KB x 10,000, about a minute

The machine is shared: the load average is printed beside the figures. Wall times are wall
times under whatever load there is; the CPU figures are the ones to compare code by on a busy
machine. Re-run on a quiet machine for wall figures to publish.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import uuid
from collections.abc import Callable, Iterator
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


SYNC_QUERY, SYNC_REPLY = b"\x1b[?2026$p", b"\x1b[?2026;2$y"  # DECRQM: supported, reset
SYNC_END = b"\x1b[?2026l"  # the end of one frame the app drew
_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
_STAGE = re.compile(r"· (?:starting|loading|splitting|flagging|checking)")
_POSITION = re.compile(r"· ([\d,]+)/([\d,]+) ")
HELD_GAP = 0.033  # a keyboard's auto-repeat: about 30 keys a second


class Terminal:
    """The installed command in a pseudo-terminal this script reads as a terminal would: each
    frame the app writes (one synchronized-output block) with its escape sequences removed, so
    the text it drew can be searched."""

    def __init__(self, argv: list[str], folder: Path, columns: int = 120, rows: int = 40):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        self.process = subprocess.Popen(argv, cwd=folder, stdin=slave, stdout=slave,
                                        stderr=slave, start_new_session=True, env=env)
        os.close(slave)
        self.pending = b""
        self.status = ""  # the last status line seen (its position part onwards)

    def frames(self, seconds: float) -> Iterator[tuple[float, str]]:
        """(time read, text) of each frame completed within `seconds`."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            if not select.select([self.master], [], [], left)[0]:
                return
            try:
                data = os.read(self.master, 1 << 16)
            except OSError:
                return
            now = time.perf_counter()
            if SYNC_QUERY in data:  # say the terminal has synchronized output: frames end
                os.write(self.master, SYNC_REPLY)
            self.pending += data
            while SYNC_END in self.pending:
                frame, self.pending = self.pending.split(SYNC_END, 1)
                text = _ESCAPES.sub(b"", frame).decode("utf-8", "replace")
                if _POSITION.search(text):
                    self.status = text
                yield now, text

    def settle(self, seconds: float) -> None:
        for _ in self.frames(seconds):
            pass

    def until(self, done: Callable[[str], bool], seconds: float = 60) -> tuple[float, str]:
        """The first frame (time, text) for which `done(text)` holds."""
        for at, text in self.frames(seconds):
            if done(text):
                return at, text
        raise SystemExit(f"bench_review: the screen did not show it within {seconds} s; last "
                         f"output {self.pending[-300:]!r}")

    def key(self, keys: bytes, *shown: str, seconds: float = 60) -> dict[str, float]:
        """Write `keys`; wait until every one of `shown` has been drawn (in one frame or over
        several since the key); the wall ms, and the app's main-thread CPU ms and ms waiting
        for a core over that time."""
        before = _schedstat(self.process.pid)
        started = time.perf_counter()
        os.write(self.master, keys)
        missing = set(shown)

        def done(text: str) -> bool:
            missing.difference_update([s for s in missing if s in text])
            return not missing

        at, _ = self.until(done, seconds)
        after = _schedstat(self.process.pid)
        return {"wall": (at - started) * 1000, "cpu": (after[0] - before[0]) / 1e6,
                "wait": (after[1] - before[1]) / 1e6}

    def position(self) -> tuple[int, int]:
        """The cursor's row (from 0) and the number of claims, from the last status line."""
        found = _POSITION.search(self.status)
        if not found:
            raise SystemExit("bench_review: no position in the status line yet")
        return int(found[1].replace(",", "")) - 1, int(found[2].replace(",", ""))

    def checking(self) -> bool:
        return bool(_STAGE.search(self.status))

    def close(self) -> None:
        if self.process.poll() is None:
            os.write(self.master, b"q")
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self.master)


def _schedstat(pid: int) -> tuple[int, int]:
    """Nanoseconds the process's main thread (the app's event loop) has run, and has waited
    on a run queue for a core."""
    try:
        ran, waited, _ = Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()
        return int(ran), int(waited)
    except (OSError, ValueError):
        return 0, 0


def claim_handles(draft: Path) -> list[str]:
    """Each claim's handle in the app's list order (the report's order), to know which claim's
    details a key must bring."""
    from claimcheck.config import Config
    from claimcheck.pipeline import load_documents, split_documents

    config = Config()
    return [c.id for c in split_documents(load_documents([str(draft)], config))]


def terminal_keys(folder: Path, draft: Path, refs: Path, presses: int) -> dict[str, Any]:
    handles = claim_handles(draft)
    command = shutil.which("claimcheck")
    if not command:
        raise SystemExit("bench_review: needs an installed claimcheck on PATH")
    term = Terminal([command, "review", draft.name, "--refs", refs.name, "--ledger",
                     "term-ledger.jsonl"], folder)
    out: dict[str, Any] = {}
    try:
        started = time.perf_counter()
        total = f"{len(handles):,}"
        term.until(lambda text: f"· 1/{total} " in text, 300)
        out["claims"], out["claims_after_s"] = len(handles), time.perf_counter() - started
        out["checking_at_first"] = term.checking()

        def move(step_key: bytes = b"j") -> dict[str, float]:
            row, _ = term.position()
            row += 1
            return term.key(step_key, f"· {row + 1:,}/{total} ", handles[row])

        out["j"] = []
        for _ in range(presses):
            out["j"].append(move())
            term.settle(0.15)  # a person's pace
        out["checking_at_last"] = term.checking()
        row, _ = term.position()
        for _ in range(29):
            os.write(term.master, b"j")
            term.settle(HELD_GAP)
        row += 30
        out["held"] = term.key(b"j", f"· {row + 1:,}/{total} ", handles[row])
        term.settle(0.3)
        accepted = int(re.findall(r"✓([\d,]+)", term.status)[-1].replace(",", ""))
        out["a"] = term.key(b"a", f"✓{accepted + 1} ")
        term.settle(0.3)
        term.key(b"/", "Filter (")
        term.key(b"CC101", "CC101")
        out["filter"] = term.key(b"\r", "filter: CC101")
        term.settle(0.3)
        term.key(b"/", "Filter (")
        term.key(b"\x15\r", f"/{total} ·")  # clear it: ctrl+u, Enter
        while term.checking():
            term.settle(1.0)
            if time.perf_counter() - started > 1800:
                raise SystemExit("bench_review: checking not done after 30 minutes")
        out["checked_after_s"] = time.perf_counter() - started
        term.settle(0.5)
        out["idle_j"] = []
        for _ in range(min(presses, 30)):
            out["idle_j"].append(move())
            term.settle(0.15)
    finally:
        term.close()
    return out


def _summary(name: str, keys: list[dict[str, float]]) -> str:
    wall = sorted(k["wall"] for k in keys)
    cpu = [k["cpu"] for k in keys]
    wait = [k["wait"] for k in keys]
    return (f"{name} ({len(keys)}): median {statistics.median(wall):.1f} ms, p95 "
            f"{_p95(wall):.1f} ms, max {wall[-1]:.1f} ms; app main thread CPU median "
            f"{statistics.median(cpu):.1f} ms, p95 {_p95(cpu):.1f} ms; waiting for a core "
            f"median {statistics.median(wait):.1f} ms, p95 {_p95(wait):.1f} ms")


def _one(name: str, key: dict[str, float]) -> str:
    return (f"{name}: {key['wall']:.1f} ms (CPU {key['cpu']:.1f} ms, waiting for a core "
            f"{key['wait']:.1f} ms)")


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
    parser.add_argument("--pilot", action="store_true",
                        help="also the earlier in-process Pilot figures (not what a user sees)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    size, snippets = (128 * 1024, 10_000) if args.quick else (1024 * 1024, 100_000)
    folder = Path(tempfile.mkdtemp(prefix="bench-review-"))
    os.environ["CLAIMCHECK_CACHE_DIR"] = str(folder / "cache")
    try:
        draft, refs = make_inputs(folder, size, snippets)
        print(f"draft {size:,} bytes, {snippets:,} snippets; {os.cpu_count()} cores; "
              f"load average before {os.getloadavg()[0]:.2f}; command "
              f"{shutil.which('claimcheck')}")
        seconds, screen, start_cpu = first_screen(folder, draft, refs)
        status = screen.splitlines()[0].strip()
        verdict = "meets" if seconds < FIRST_SCREEN_TARGET else "MISSES"
        used = f"{start_cpu:.2f} s" if start_cpu is not None else "unknown"
        print(f"first screen: {seconds:.2f} s wall ({verdict} the {FIRST_SCREEN_TARGET} s "
              f"target), CPU of the app by then {used}; status line then: {status!r}")
        keys = terminal_keys(folder, draft, refs, args.presses)
        print(f"keys in a terminal, from the key's byte to the frame showing its result; "
              f"claims on screen after {keys['claims_after_s']:.1f} s ({keys['claims']:,} "
              f"claims), checked after {keys['checked_after_s']:.1f} s")
        p95 = _p95(sorted(k["wall"] for k in keys["j"]))
        verdict = "meets" if p95 < KEY_TARGET_MS else "MISSES"
        print("  " + _summary("j while checking", keys["j"])
              + f" ({verdict} the {KEY_TARGET_MS:.0f} ms target at p95; still checking at "
              f"the first and last: {keys['checking_at_first']}, {keys['checking_at_last']})")
        print("  " + _one("held j (30 presses 33 ms apart), last press to its claim on screen",
                          keys["held"]))
        print("  " + _one("a (ledger append + fsync)", keys["a"]))
        print("  " + _one("/ CC101, then Enter to the filtered screen", keys["filter"]))
        print("  " + _summary("j after checking", keys["idle_j"]))
        if args.pilot:
            pilot(folder, draft, refs, args.presses)
        print(f"load average after {os.getloadavg()[0]:.2f}")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


async def pilot_floor(presses: int = 30) -> list[float]:
    """`Pilot.press` of a key that updates one `Static` in an otherwise empty app: what the
    Pilot measurement reports for the cheapest possible key."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Counter(App[None]):
        BINDINGS = [("j", "count", "count")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="count")

        def action_count(self) -> None:
            self.count += 1
            self.query_one("#count", Static).update(str(self.count))

    times = []
    async with Counter().run_test(size=(120, 40)) as driver:
        for _ in range(presses):
            t = time.perf_counter()
            await driver.press("j")
            times.append((time.perf_counter() - t) * 1000)
            await driver.pause(0.15)
    return times


def pilot(folder: Path, draft: Path, refs: Path, presses: int) -> None:
    """The earlier in-process figures (Textual's Pilot): not what a user sees (see above)."""
    floor = asyncio.run(pilot_floor())
    print(f"Pilot floor: an empty app whose j updates one Static measures median "
          f"{statistics.median(floor):.1f} ms with Pilot.press")
    result = asyncio.run(key_latencies(folder, draft, refs, presses))
    times = sorted(result["j_ms"])
    print(f"Pilot, in-process (press returns after 40+ ms of idle by construction): j while "
          f"checking median {statistics.median(times):.1f} ms, p95 {_p95(times):.1f} ms; "
          f"event loop CPU median {statistics.median(result['j_loop_cpu_ms']):.1f} ms, p95 "
          f"{_p95(result['j_loop_cpu_ms']):.1f} ms")
    held: list[float] = result["held_ms"]
    idle: list[float] = result["idle_j_ms"]
    print(f"  held j median {statistics.median(held):.1f} ms; j after checking median "
          f"{statistics.median(idle):.1f} ms (event loop CPU "
          f"{statistics.median(result['idle_j_loop_cpu_ms']):.1f} ms); a "
          f"{result['a_ms']:.1f} ms; / CC101 Enter {result['filter_ms']:.1f} ms "
          f"({result['filtered']:,} claims match)")


if __name__ == "__main__":
    main()
