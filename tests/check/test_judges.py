"""check.judges: judging in a child process tree gives check_all's verdicts, in order, and
reports failures of either side instead of hanging or leaving processes behind. The tree's
mechanics are tested with the fork start method (the test's functions and monkeypatches are
inherited); how a tree is started from a threaded process is tested at the end."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from claimcheck.check import check_all, judges, mark_unchecked
from claimcheck.config import Config
from claimcheck.errors import UserError
from claimcheck.models import Claim

from .fake_index import FakeIndex
from .helpers import flag, news_claims, news_snippets

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the process judge's tests fork")


def _prepare(warnings: list[str]) -> FakeIndex:
    warnings.append("refs/old.md: skipped")
    return FakeIndex(news_snippets())


def _tree(prepare: judges.Prepare, workers: int = 2) -> judges.ProcessJudge:
    return judges.ProcessJudge(prepare, Config().thresholds, workers, "fork")


def _dump(claims: list[Claim]) -> list[str]:
    return [c.model_dump_json() for c in claims]


def test_same_verdicts_as_check_all_across_many_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = news_claims()
    check_all(expected, FakeIndex(news_snippets()), Config())
    monkeypatch.setattr(judges, "CHUNK", 2)  # several chunks, shared by both judges
    claims = news_claims()
    seen: list[tuple[int, int]] = []
    with _tree(_prepare) as bg:
        bg.submit([c for c in claims if c.checkable])
        bg.submit([c for c in claims if not c.checkable])  # recorded only where checkable
        bg.finish(lambda stage, done, total: seen.append((done, total)))
    for c in claims:
        if not c.checkable:
            c.verdict = next(e.verdict for e in expected if e.text == c.text)
    assert _dump(claims) == _dump(expected)
    assert bg.warnings == ["refs/old.md: skipped"]
    assert seen[-1] == (len(claims), len(claims))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("kind", ["serial", "process"])
def test_a_repeated_claim_is_judged_once_and_gets_its_own_copy(
        monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """A claim asked exactly what an earlier one was (a repeated bullet) is not judged again:
    it gets an equal verdict of its own (a later edit to one, such as a suppression, must not
    reach the other), and progress still counts every claim, in submission order."""
    expected = news_claims()
    check_all(expected, FakeIndex(news_snippets()), Config())
    checkable = [c for c in news_claims() if c.checkable]
    twice = [*checkable, *(c.model_copy(deep=True) for c in checkable)]
    asked: list[str] = []
    real = judges.judge_many

    def counting(questions, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.extend(q.text for q in questions)
        return real(questions, *args, **kwargs)

    monkeypatch.setattr(judges, "judge_many", counting)  # inherited by the forked judges
    monkeypatch.setattr(judges, "CHUNK", 2)
    seen: list[tuple[int, int]] = []
    judge = (judges.SerialJudge(_prepare, Config().thresholds) if kind == "serial"
             else _tree(_prepare, workers=1))
    with judge:
        judge.submit(twice[:3])
        judge.submit(twice[3:])
        judge.finish(lambda stage, done, total: seen.append((done, total)))
    wanted = [next(e.verdict for e in expected if e.text == c.text) for c in checkable]
    assert [c.verdict for c in twice] == wanted + wanted
    firsts, repeats = twice[:len(checkable)], twice[len(checkable):]
    assert all(a.verdict is not b.verdict for a, b in zip(firsts, repeats, strict=True))
    if kind == "serial":  # the forked judges' calls are not seen here
        assert sorted(asked) == sorted(c.text for c in checkable)
    assert seen[-1] == (len(twice), len(twice))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_supported_flagged_claim_has_its_flag_cleared() -> None:
    backed = next(c for c in news_claims() if c.text.startswith("Every family"))
    backed.flags = [flag()]
    with _tree(_prepare) as bg:
        bg.submit([backed])
        bg.finish()
    assert backed.verdict is not None and backed.verdict.label == "supported"
    assert backed.flags[0].supported


def test_a_reference_error_is_raised_as_it_is() -> None:
    def broken(warnings: list[str]) -> FakeIndex:
        raise UserError("refs/bad.jsonl:2: invalid JSON")

    with _tree(broken) as bg:  # noqa: SIM117
        with pytest.raises(UserError, match=r"refs/bad\.jsonl:2: invalid JSON"):
            bg.submit(news_claims())
            bg.finish()


def test_a_crash_while_judging_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(judges, "judge_many", crash)  # inherited by the forked judges
    with _tree(_prepare) as bg:  # noqa: SIM117
        with pytest.raises(RuntimeError, match="ValueError: boom"):
            bg.submit(news_claims())
            bg.finish()


def test_verdicts_that_all_arrived_before_finish_are_recorded() -> None:
    """On a large draft the references side can be done before the rules stage: every verdict
    is in, and the child exits as soon as it has the end markers. finish() must not wait on
    it then (it raised 'the reference process stopped unexpectedly')."""
    claims = [c for c in news_claims() if c.checkable]
    with _tree(_prepare) as bg:
        bg.submit(claims)
        deadline = time.monotonic() + 20
        while (not bg._ready or len(bg._done) < len(bg._sent)) and time.monotonic() < deadline:
            bg._drain(block=False)
            time.sleep(0.01)
        assert bg._ready and len(bg._done) == len(bg._sent)
        bg.finish()
    assert all(c.verdict is not None for c in claims)


def test_a_crash_while_loading_is_one_line_with_the_traceback_kept_as_a_note() -> None:
    def broken(warnings: list[str]) -> FakeIndex:
        raise ValueError("bad\nvalue")

    with _tree(broken) as bg:  # noqa: SIM117
        with pytest.raises(RuntimeError) as caught:
            bg.submit(news_claims())
            bg.finish()
    message = str(caught.value)
    assert message == "judging failed in the reference process: ValueError: bad value"
    assert "Traceback" in "".join(getattr(caught.value, "__notes__", []))


def _children(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is `pid`, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_leaving_early_stops_the_child_and_its_judge() -> None:
    forked: set[int] = set()
    with pytest.raises(KeyError):  # noqa: SIM117
        with _tree(_prepare) as bg:
            bg.submit(news_claims())
            deadline = time.monotonic() + 10
            while not forked and time.monotonic() < deadline:  # the child forks its judge
                forked = _children(bg._child.pid or 0)
                time.sleep(0.01)
            raise KeyError("the draft side failed")
    assert forked
    deadline = time.monotonic() + 5
    while any(map(_alive, forked)) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not bg._child.is_alive()
    assert not any(map(_alive, forked))


def _judges_of(bg: judges.ProcessJudge, seconds: float = 10) -> set[int]:
    forked: set[int] = set()
    deadline = time.monotonic() + seconds
    while not forked and time.monotonic() < deadline:  # the child forks its judge
        forked = _children(bg._child.pid or 0)
        time.sleep(0.01)
    return forked


def _gone(pids: set[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.01)
    return not any(map(_alive, pids))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("to_a_thread", [False, True])
def test_a_stop_while_the_judge_is_being_forked_takes_the_judge_along(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, to_a_thread: bool) -> None:
    """The SIGTERM may reach the process through any of its threads (the results queue has a
    feeder thread): Python still runs the handler in the main thread, mid-start."""
    import os
    import signal
    import threading
    from multiprocessing import context

    monkeypatch.setattr(judges, "POLL_SECONDS", 60.0)  # no rescue by the orphan check
    test_process = os.getpid()
    fork = context.ForkProcess._Popen
    judge_pid = tmp_path / "judge.pid"

    def stopped_mid_start(process_obj: object) -> object:
        popen = fork(process_obj)  # type: ignore[arg-type]
        if os.getpid() != test_process:  # in the child: the judge exists, its pid not yet set
            judge_pid.write_text(str(popen.pid))
            others = [t for t in threading.enumerate() if t is not threading.main_thread()]
            if to_a_thread and others and others[0].ident is not None:
                signal.pthread_kill(others[0].ident, signal.SIGTERM)
            else:
                os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # room for the handler to run before start() returns
        return popen

    monkeypatch.setattr(context.ForkProcess, "_Popen", staticmethod(stopped_mid_start))
    with _tree(_prepare) as bg:
        bg._child.join(10)
    assert bg._child.exitcode == 1  # stopped, as `stop` exits
    assert _gone({int(judge_pid.read_text())}, 5)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_child_and_its_judge_stop_when_the_caller_is_killed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import signal

    monkeypatch.setattr(judges, "POLL_SECONDS", 0.05)

    def caller(conn: object) -> None:
        bg = _tree(_prepare)
        conn.send([bg._child.pid, *_judges_of(bg)])  # type: ignore[attr-defined]
        os.kill(os.getpid(), signal.SIGKILL)  # no clean-up of any kind

    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=caller, args=(sending,))
    process.start()
    pids = set(receiving.recv())
    process.join(10)
    assert len(pids) == 2 and _gone(pids, 5)


def test_a_child_that_swallows_the_stop_signal_is_killed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGTERM that arrives before the child installs its own handler runs the one it
    inherited (a test runner's, an app's) and may be swallowed: leaving hung in join()."""
    import signal

    def slow(warnings: list[str]) -> FakeIndex:
        time.sleep(30)
        return FakeIndex(news_snippets())

    real = signal.signal

    def keep_inherited(signum: int, handler: object) -> object:
        if signum == signal.SIGTERM:
            return None  # the child keeps the handler it inherited: one that ignores SIGTERM
        return real(signum, handler)  # type: ignore[arg-type]

    monkeypatch.setattr(judges, "STOP_SECONDS", 0.5, raising=False)
    previous = real(signal.SIGTERM, lambda *_: None)
    monkeypatch.setattr(judges.signal, "signal", keep_inherited)
    try:
        started = time.monotonic()
        with pytest.raises(KeyError):  # noqa: SIM117
            with _tree(slow) as bg:
                raise KeyError("the draft side failed")
        assert not bg._child.is_alive()
        assert time.monotonic() - started < 20
    finally:
        real(signal.SIGTERM, previous)


def test_workers_sets_how_many_processes_judge() -> None:
    """`workers` judges: the child and the ones it forks, all taking chunks."""
    expected = news_claims()
    check_all(expected, FakeIndex(news_snippets()), Config())
    claims = news_claims()
    mark_unchecked(claims)
    with _tree(_prepare, workers=3) as bg:
        forked: set[int] = set()
        deadline = time.monotonic() + 20
        while len(forked) < 2 and time.monotonic() < deadline:
            forked = _children(bg._child.pid or 0)
            time.sleep(0.01)
        bg.submit(claims)
        bg.finish()
    assert len(forked) == 2
    assert _dump(claims) == _dump(expected)


def test_the_serial_judge_gives_the_same_verdicts() -> None:
    expected = news_claims()
    mark_unchecked(expected)
    with _tree(_prepare) as bg:
        bg.submit(expected)
        bg.finish()
    claims = news_claims()
    mark_unchecked(claims)
    seen: list[tuple[str, int, int]] = []
    with judges.SerialJudge(_prepare, Config().thresholds) as serial:
        serial.submit(claims)
        serial.finish(lambda *step: seen.append(step))
    assert _dump(claims) == _dump(expected)
    assert serial.warnings == ["refs/old.md: skipped"]
    assert seen == [("check", len(claims), len(claims))]


def test_the_serial_judge_reports_a_reference_error_even_with_no_claims() -> None:
    def broken(warnings: list[str]) -> FakeIndex:
        raise UserError("refs/bad.jsonl:2: invalid JSON")

    with judges.SerialJudge(broken, Config().thresholds) as serial:  # noqa: SIM117
        with pytest.raises(UserError, match="invalid JSON"):
            serial.finish()


def test_open_judge_uses_processes_only_where_they_pay(monkeypatch: pytest.MonkeyPatch) -> None:
    def kind(config: Config, claims: int, inherited: bool = False) -> str:
        chosen = judges.open_judge(_prepare, config, claims, inherited=inherited)
        with chosen:
            chosen.finish()  # an empty run: the tree is wound up
        return type(chosen).__name__

    two = Config().merged(workers=2)
    many = judges.PARALLEL_MIN
    assert kind(two, many - 1) == "SerialJudge"
    assert kind(Config().merged(workers=1), many) == "SerialJudge"
    monkeypatch.setattr(judges, "start_method", lambda: "fork")
    assert kind(two, many) == "ProcessJudge"
    monkeypatch.setattr(judges, "fork_is_safe", lambda: True)
    assert kind(two, many, inherited=True) == "ProcessJudge"
    # an index that exists only here is not pickled to a process started afresh
    monkeypatch.setattr(judges, "fork_is_safe", lambda: False)
    assert kind(two, many, inherited=True) == "SerialJudge"


def test_workers_default_to_the_cores() -> None:
    from claimcheck.processes import cores, judge_workers

    assert judge_workers(None) == cores() >= 1
    assert judge_workers(5) == 5
    with pytest.raises(UserError):
        Config().merged(workers=0)


def test_a_threaded_caller_starts_the_tree_from_a_fork_server() -> None:
    """A caller with a second thread may not fork: the child comes from a fork server, is sent
    a picklable `Prepare` (here the pipeline's, reading the references itself), and forks its
    judges, single-threaded, as before."""
    import threading

    from claimcheck.pipeline import References

    from .helpers import NEWS

    config = Config(refs=[str(NEWS)])
    expected = news_claims()
    with judges.SerialJudge(References(config), config.thresholds) as serial:
        serial.submit(expected)
        serial.finish()
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait)
    waiter.start()
    try:
        assert judges.start_method() in ("forkserver", "spawn")
        claims = news_claims()
        with judges.ProcessJudge(References(config), config.thresholds, 2) as bg:
            assert type(bg._child._popen).__module__ != "multiprocessing.popen_fork"
            forked = _judges_of(bg, 120)  # a fresh process loads the references itself
            bg.submit(claims)
            bg.finish()
    finally:
        stop.set()
        waiter.join()
    assert len(forked) == 1
    assert _dump(claims) == _dump(expected)
