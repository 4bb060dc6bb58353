"""When to colour output: `--color auto|always|never`, NO_COLOR and FORCE_COLOR.

`always` and `never` win. `auto` follows the environment the way CPython's own colouring does:
NO_COLOR (any non-empty value) turns colour off, then FORCE_COLOR (any non-empty value) turns it
on, then colour only on a terminal that is not `TERM=dumb`. See https://no-color.org and
https://force-color.org. Plain ANSI codes, so the line formats need no rich at start-up.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")

_CODES = {"bold": "1", "dim": "2", "underline": "4", "red": "31", "green": "32", "yellow": "33",
          "magenta": "35", "cyan": "36"}


def choice_to_flag(choice: str | None) -> bool | None:
    """`--color` as the reporters take it: True, False, or None for 'decide from the stream'."""
    return {"always": True, "never": False}.get(choice or "auto")


def use_color(color: bool | None = None, stream: TextIO | None = None) -> bool:
    """An explicit choice wins; otherwise NO_COLOR, FORCE_COLOR, then whether `stream`
    (default stdout) is a terminal."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = stream if stream is not None else sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def paint(text: str, style: str, on: bool) -> str:
    """`text` wrapped in the ANSI codes of a space-separated style ('bold red'), when `on`."""
    if not on or not style:
        return text
    codes = ";".join(_CODES[s] for s in style.split())
    return f"\x1b[{codes}m{text}\x1b[0m"
