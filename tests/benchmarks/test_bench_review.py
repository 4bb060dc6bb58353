"""bench_review's terminal: it answers the app's synchronized-output query, cuts what the app
writes into frames, strips the escape sequences, and times a key until its result is drawn.
The program in the pseudo-terminal here stands in for the app and draws like Textual does."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from .scripts import load

bench = load("bench_review")

APP = textwrap.dedent(r"""
    import os, sys, tty
    tty.setraw(0)
    os.write(1, b"\x1b[?2026$p")  # does the terminal have synchronized output?
    reply = os.read(0, 64)
    assert reply == b"\x1b[?2026;2$y", reply
    def frame(body):
        os.write(1, b"\x1b[?2026h" + body + b"\x1b[?2026l")
    frame(b"\x1b[1;1H\x1b[1m draft.md\x1b[0m \xc2\xb7 checking 10/3,000 \xc2\xb7 1/3,000 ")
    row = 1
    while (key := os.read(0, 1)) != b"q":
        row += 1
        frame(b"\x1b[1;1H \xc2\xb7 " + str(row).encode() + b"/3,000 \xc2\xb7")
        frame(b"\x1b[30;5H\x1b[38;2;1;2;3mhandle" + str(row).encode() + b"\x1b[0m")
""")


def test_a_key_is_timed_until_every_part_of_its_result_is_drawn(tmp_path: Path) -> None:
    term = bench.Terminal([sys.executable, "-c", APP], tmp_path)
    try:
        at, text = term.until(lambda text: "1/3,000" in text, 30)
        assert text.startswith(" draft.md · checking")  # escape sequences gone
        assert term.position() == (0, 3000) and term.checking()
        key = term.key(b"j", "· 2/3,000 ", "handle2", seconds=30)  # over two frames
        assert key["wall"] > 0 and key["cpu"] >= 0 and key["wait"] >= 0
        assert term.position() == (1, 3000) and not term.checking()
    finally:
        term.close()
    assert term.process.returncode == 0
