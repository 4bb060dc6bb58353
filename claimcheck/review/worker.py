"""The review app's checking, in a separate process that streams what it finds.

Why a process: splitting, flagging and judging a 1 MB draft is tens of seconds of pure Python; in a
thread it would hold the interpreter lock against the app and keys would lag. The process is a
fresh interpreter (`python -m claimcheck.review.worker`, not a fork: the app runs threads, and
not multiprocessing's spawn, which re-imports the caller's main module and needs the terminal's
stderr), at the lowest priority (`lower_priority`), so a key gets a core at once. It runs the
pipeline stages `claimcheck check` runs (load, split, flag, judge in the reference process of
`check.judges`, suppress inline and by baseline) and sends each result as soon as it exists,
as pydantic JSON in chunks small enough for the app to take in between two keys:

    ("docs", [Document JSON])              the drafts, as loaded
    ("claims", start, [Claim JSON])        split claims, in report order, chunk by chunk
    ("flags", start, [[Flag JSON]])        each claim's flags
    ("verdicts", [index], [Verdict], [[Flag]])  verdicts (and flags marked supported) as judged
    ("suppressed", [(index, [flag index], verdict suppressed_by)])  inline and baseline silencing
    ("progress", stage, done, total)
    ("done", [warning])  /  ("error", message)

The app applies the review ledger itself (it owns the decisions being made).
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import TypeAdapter

from ..config import Config
from ..errors import UserError
from ..models import Claim, Document, Flag, Verdict

CHUNK = 100  # claims or verdicts per message: a few ms for the app to decode in one step
NICENESS = 19  # the checking's priority: a key press wakes the app ahead of it

_claims = TypeAdapter(list[Claim])
_flags = TypeAdapter(list[list[Flag]])
_verdicts = TypeAdapter(list[Verdict])
_docs = TypeAdapter(list[Document])

Send = Callable[[tuple[Any, ...]], None]


class Checker:
    """The checking process as the app sees it: `frames()` yields what it sends, in order."""

    def __init__(self, paths: Sequence[str], config: Config) -> None:
        self.log = tempfile.TemporaryFile()  # its stderr: never the app's terminal
        self.process = subprocess.Popen(
            [sys.executable, "-m", "claimcheck.review.worker", *paths], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log, process_group=0)
        assert self.process.stdin is not None
        self.process.stdin.write(config.model_dump_json().encode("utf-8"))
        self.process.stdin.close()

    def frames(self) -> Iterator[tuple[Any, ...]]:
        """Each message as sent (its models still JSON: `decode` them); ends when the process
        closes its output, with an error message if it failed."""
        stream = self.process.stdout
        assert stream is not None
        while True:
            head = stream.read(4)
            if len(head) < 4:
                break
            body = stream.read(int.from_bytes(head, "big"))
            yield pickle.loads(body)
        code = self.process.wait()
        if code:
            self.log.seek(0)
            lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
            last = lines[-1] if lines else ""
            yield ("error", f"checking stopped (exit code {code}){': ' + last if last else ''}")

    def stop(self) -> None:
        """End the process (its SIGTERM handler takes the reference processes along)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.log.close()


def _default_sigterm() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def install_signals() -> None:
    """SIGTERM exits through the context managers' cleanup; Ctrl-C is the app's. A process
    forked from the worker (the reference side) gets the default SIGTERM back, so stopping it
    ends it at once instead of raising SystemExit inside its loop (which kept it running until
    the 5 s kill)."""
    global _reset_registered
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _reset_registered:  # hooks cannot be removed: once per process
        os.register_at_fork(after_in_child=_default_sigterm)
        _reset_registered = True


_reset_registered = False


def lower_priority() -> None:
    """Run this process (and the reference processes it forks, which inherit it) at nice 19.

    The niceness only has its effect because `Checker` keeps the process in the app's session:
    Linux's autogroup scheduling (on by default on desktops) weighs each session against the
    others and applies nice values only inside one, so a checking process in a session of its
    own (as it was, at nice 5) got a full share of the cores against the app, and a key waited
    behind it. In the app's session (in a process group of its own, so the terminal's signals
    do not reach it) the app runs first whenever it has work; checking takes every cycle the
    app leaves, which is nearly all of them."""
    try:
        os.nice(NICENESS)
    except OSError:
        pass


def main() -> None:
    """`python -m claimcheck.review.worker PATH...` with the config as JSON on stdin; messages
    go out on stdout as 4-byte big-endian lengths and pickles. Every error is a message."""
    from ..processes import one_native_thread

    one_native_thread()  # as the command line does: the reference side can then be forked
    install_signals()
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print must not break the framing
    lower_priority()

    def send(message: tuple[Any, ...]) -> None:
        body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        channel.write(len(body).to_bytes(4, "big") + body)
        channel.flush()

    try:
        config = Config.model_validate_json(sys.stdin.buffer.read())
        warnings = check(sys.argv[1:], config, send)
        send(("done", warnings))
    except UserError as exc:
        send(("error", str(exc)))
    except BrokenPipeError:
        pass  # the app is gone
    except Exception as exc:  # a bug: one line for the app to show
        send(("error", f"internal error: {type(exc).__name__}: {exc}"))
    finally:
        try:
            channel.close()
        except BrokenPipeError:
            pass


def check(paths: Sequence[str], config: Config, send: Send) -> list[str]:
    from ..pipeline import (
        flag_claims,
        load_documents,
        prepare_references,
        split_documents,
        suppress_findings,
    )
    from ..processes import can_fork

    config = config.model_copy(update={"ledger": ""})  # the app applies the ledger itself
    warnings: list[str] = []
    send(("progress", "loading", 0, len(paths)))
    if config.refs and can_fork():
        from ..check import mark_unchecked
        from ..check.judges import ProcessJudge
        from ..pipeline import References

        with ProcessJudge.of(References(config), config) as bg:
            docs, claims = _draft_side(paths, config, send, load_documents, split_documents)
            sent = [c for c in claims if c.checkable]
            bg.submit(sent)
            _flag(docs, claims, config, send, flag_claims)
            mark_unchecked(claims)
            unchecked = [i for i, c in enumerate(claims) if not c.checkable]
            for begin in range(0, len(unchecked), CHUNK):
                _send_verdicts(claims, unchecked[begin:begin + CHUNK], send)
            later = [c for c in claims if not c.checkable and c.flags]
            bg.submit(later)
            sent += later
            bg.finish(_verdict_sender(claims, sent, send))
        warnings.extend(bg.warnings)
    else:
        docs, claims = _draft_side(paths, config, send, load_documents, split_documents)
        _flag(docs, claims, config, send, flag_claims)
        if config.refs:
            from ..pipeline import check_claims

            index = prepare_references(config, warnings)
            check_claims(claims, index, config,
                         lambda stage, done, total: send(("progress", "check", done, total)))
        else:
            from ..check import mark_unchecked

            mark_unchecked(claims)
        everyone = list(range(len(claims)))
        for begin in range(0, len(claims), CHUNK):
            _send_verdicts(claims, everyone[begin:begin + CHUNK], send)
    before = [([f.suppressed_by for f in c.flags], c.verdict.suppressed_by if c.verdict else None)
              for c in claims]
    suppress_findings(docs, claims, config, warnings)
    changed = []
    for i, (claim, (flags_by, verdict_by)) in enumerate(zip(claims, before, strict=True)):
        now = [f.suppressed_by for f in claim.flags]
        now_verdict = claim.verdict.suppressed_by if claim.verdict else None
        if now != flags_by or now_verdict != verdict_by:
            changed.append((i, [k for k, by in enumerate(now) if by], now_verdict))
    if changed:
        send(("suppressed", changed))
    return warnings


def _draft_side(paths: Sequence[str], config: Config, send: Send, load: Any,
                split: Any) -> tuple[list[Document], list[Claim]]:
    docs = load(paths, config)
    send(("docs", _docs.dump_json(docs)))
    send(("progress", "splitting", 0, sum(len(d.text) for d in docs)))
    claims: list[Claim] = split(docs)
    for begin in range(0, len(claims), CHUNK):
        send(("claims", begin, _claims.dump_json(claims[begin:begin + CHUNK])))
    send(("progress", "flagging", 0, len(claims)))
    return docs, claims


def _flag(docs: list[Document], claims: list[Claim], config: Config, send: Send,
          flag_claims: Any) -> None:
    for begin in range(0, len(claims), CHUNK):
        part = claims[begin:begin + CHUNK]
        flag_claims(docs, part, config)
        send(("flags", begin, _flags.dump_json([c.flags for c in part])))
        send(("progress", "flagging", begin + len(part), len(claims)))


def _verdict_sender(claims: list[Claim], sent: list[Claim], send: Send
                    ) -> Callable[[str, int, int], None]:
    """A progress callback for `ProcessJudge.finish`, which records verdicts in the order the
    claims were submitted: each call sends the verdicts recorded since the last."""
    where = {id(c): i for i, c in enumerate(claims)}
    state = {"done": 0}

    def progress(stage: str, done: int, total: int) -> None:
        indexes = [where[id(c)] for c in sent[state["done"]:done]]
        state["done"] = done
        _send_verdicts(claims, indexes, send)
        send(("progress", "check", done, total))

    return progress


def _send_verdicts(claims: list[Claim], indexes: list[int], send: Send) -> None:
    indexes = [i for i in indexes if claims[i].verdict is not None]
    for begin in range(0, len(indexes), CHUNK):
        part = indexes[begin:begin + CHUNK]
        verdicts = [claims[i].verdict for i in part]
        send(("verdicts", part, _verdicts.dump_json(verdicts),  # type: ignore[arg-type]
              _flags.dump_json([claims[i].flags for i in part])))


def decode(message: tuple[Any, ...]) -> tuple[Any, ...]:
    """A message with its JSON parts turned back into models (done in the app's reader thread,
    so the event loop only assigns them)."""
    kind = message[0]
    if kind == "docs":
        return (kind, _docs.validate_json(message[1]))
    if kind == "claims":
        return (kind, message[1], _claims.validate_json(message[2]))
    if kind == "flags":
        return (kind, message[1], _flags.validate_json(message[2]))
    if kind == "verdicts":
        return (kind, message[1], _verdicts.validate_json(message[2]),
                _flags.validate_json(message[3]))
    return message


if __name__ == "__main__":
    main()
