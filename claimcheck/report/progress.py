"""A transient progress bar on stderr for long checks; a no-op when nobody is watching.

Only shown when stderr is a terminal and the output is for people (the table or a line format):
CI logs, JSON and SARIF never get progress noise.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

ProgressFn = Callable[[str, int, int], None]


def wanted(fmt: str) -> bool:
    return fmt in ("table", "text", "concise") and sys.stderr.isatty()


@contextmanager
def progress_bar(enabled: bool) -> Iterator[ProgressFn | None]:
    """Yield a `progress(stage, done, total)` callback, or None when disabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    # Findings printed while the bar shows go above it on a terminal; into a pipe they go
    # straight to stdout (rich would otherwise send them to the bar's stream, stderr).
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True, redirect_stdout=sys.stdout.isatty(),
                  redirect_stderr=False) as bar:
        tasks: dict[str, object] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        yield update
