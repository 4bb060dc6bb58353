"""Time per doubling of the draft side (load, split, rules) on shapes that punish super-linear
code: one giant paragraph, one giant line, a large Markdown table and long runs of unclosed
openers (brackets, link and image openers, HTML comments, backticks).

Each shape is built at sizes n, 2n, 4n, ... and checked in this process (no references, so
only the draft side runs); the figure is the ratio of times between successive sizes. Linear
code gives about 2.0; the target is under 2.2.

    python benchmarks/scaling.py            # the full ladder (a few minutes)
    python benchmarks/scaling.py --quick    # small sizes, well under a minute

Times are the best of `--repeat` runs; on a shared machine they are noisy, so re-run on a
quiet one before reading much into a ratio near the target.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from claimcheck.config import Config
from claimcheck.pipeline import run

SENTENCE = "The harbour handled 4.2 million containers in 2023, up 3% on the year before. "
WRAPPED = ("Most analysts say the harbour handled far more containers this year\n"
           "than it did in any year before, which all of them expected.\n")


def paragraph(n: int) -> tuple[str, str]:
    """One hard-wrapped paragraph of about n characters (no blank line)."""
    return "para.txt", WRAPPED * max(1, n // len(WRAPPED))


def paragraph_crlf(n: int) -> tuple[str, str]:
    return "crlf.txt", paragraph(n)[1].replace("\n", "\r\n")


def line(n: int) -> tuple[str, str]:
    """One line of about n characters."""
    return "line.txt", SENTENCE * max(1, n // len(SENTENCE)) + "\n"


def table(n: int) -> tuple[str, str]:
    """A Markdown table of n // 40 rows."""
    rows = max(1, n // 40)
    body = "".join(f"| Port {i} | All ships are {i} m long. |\n" for i in range(rows))
    return "table.md", "| Port | Note |\n|---|---|\n" + body


def opener(mark: str, name: str) -> Callable[[int], tuple[str, str]]:
    def build(n: int) -> tuple[str, str]:
        return f"{name}.md", "Start " + mark * max(1, n // len(mark)) + " end.\n"
    build.__doc__ = f"{mark!r} repeated on one line"
    return build


SHAPES: dict[str, Callable[[int], tuple[str, str]]] = {
    "paragraph": paragraph,
    "paragraph-crlf": paragraph_crlf,
    "line": line,
    "table": table,
    "brackets": opener("[", "brackets"),
    "link-openers": opener("](", "links"),
    "image-openers": opener("![", "images"),
    "comments": opener("<!--", "comments"),
    "backticks": opener("` ", "ticks"),
    "autolinks": opener("<http:", "autolinks"),
}


def timed(folder: Path, name: str, text: str, repeat: int) -> float:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run([str(path)], Config())
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--start", type=int, help="first size in characters")
    parser.add_argument("--steps", type=int, default=4, help="sizes (doublings + 1)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (best is kept)")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES),
                        help="only these shapes (repeatable)")
    args = parser.parse_args()
    start = args.start or (25_000 if args.quick else 100_000)
    steps = 3 if args.quick and args.steps == 4 else args.steps
    sizes = [start * 2**i for i in range(steps)]
    print(f"sizes (characters): {', '.join(f'{s:,}' for s in sizes)}; best of {args.repeat}")
    print(f"{'shape':<16}" + "".join(f"{s:>11,}" for s in sizes) + "   ratios per doubling")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shape or list(SHAPES):
            times = []
            for size in sizes:
                name, text = SHAPES[shape](size)
                times.append(timed(Path(tmp), name, text, args.repeat))
            ratios = [b / a for a, b in zip(times, times[1:], strict=False) if a > 0]
            worst = max([worst, *ratios[1:]]) if len(ratios) > 1 else max([worst, *ratios])
            print(f"{shape:<16}" + "".join(f"{t:>10.3f}s" for t in times) + "   "
                  + " ".join(f"x{r:.2f}" for r in ratios), flush=True)
    print(f"worst ratio past the first doubling: x{worst:.2f} (target: under x2.2)")


if __name__ == "__main__":
    main()
