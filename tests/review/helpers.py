"""Shared pieces of the review app tests: a small project, waiting for checking, the screen."""

from __future__ import annotations

import asyncio
import functools
import json
import os
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from claimcheck.config import Config
from claimcheck.review.app import ReviewApp

DRAFT = ("# Port\n\nThe port handled 1.2 million containers in 2023.\n\n"
         "All experts agree the strike will end soon.\n\n"
         "The union met on Monday. The [bold]board[/bold] said [link=http://x]no[/link].\n")
REFS = "The port handled 1.4 million containers in 2023.\nThe union met on Monday.\n"
SNAPSHOTS = Path(__file__).with_name("snapshots")


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def make_project(root: Path) -> Path:
    (root / "draft.md").write_text(DRAFT, encoding="utf-8")
    (root / "refs.txt").write_text(REFS, encoding="utf-8")
    return root


def make_app(root: Path, **kwargs: Any) -> ReviewApp:
    """The app on ROOT's draft, run from ROOT (tests chdir there) as a user would."""
    config = Config(refs=["refs.txt"])
    return ReviewApp(["draft.md"], config, root / ".claimcheck" / "ledger.jsonl",
                     reviewer="Ann Lee", watch_interval=0, **kwargs)


async def until(pilot: Any, condition: Any, timeout: float = 120.0) -> None:
    """Let the app run until `condition()` holds (checking runs in another process)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)
    await pilot.pause()


async def checked(pilot: Any) -> None:
    app = pilot.app
    await until(pilot, lambda: not app.checking)
    assert app.error is None, app.error


def screen_text(app: ReviewApp) -> str:
    """The characters on screen, row by row (what a snapshot compares)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


async def back_on_main(pilot: Any) -> None:
    """Wait until every prompt is closed and the main screen is drawn again."""
    app = pilot.app
    await until(pilot, lambda: len(app.screen_stack) == 1)


def ledger_records(root: Path) -> list[dict[str, Any]]:
    path = root / ".claimcheck" / "ledger.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def compare_snapshot(name: str, text: str) -> None:
    """Compare with tests/review/snapshots/NAME.txt; CLAIMCHECK_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("CLAIMCHECK_UPDATE_SNAPSHOTS") or not path.exists():
        if os.environ.get("CI") and not path.exists():
            raise AssertionError(f"snapshot {path} is missing")
        path.write_text(text + "\n", encoding="utf-8")
    expected = path.read_text(encoding="utf-8").rstrip("\n")
    assert text == expected, f"screen differs from {path}:\n{text}"
