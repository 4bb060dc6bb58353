"""Regenerate the generated parts of the documentation: the rule table in docs/rules.md, the
README's 30-second example (the command run for real, its output and exit code), and one page per
rule and verdict under docs/rules/ (what `claimcheck rules ID` prints; SARIF's helpUri links
there), created for new rules and removed for rules that are gone.

    python scripts/update_docs.py          # rewrite what is out of date
    python scripts/update_docs.py --check  # exit 1 and name the files that are out of date

A generated part sits between `<!-- BEGIN generated: COMMAND -->` and `<!-- END generated -->`
and is exactly what COMMAND prints; everything around it is written by hand.
tests/test_docs.py fails while a generated part is out of date.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"(<!-- BEGIN generated: (?P<command>[^>]*?) -->\n)(?P<body>.*?)"
                   r"(<!-- END generated -->)", re.S)


def _rules_markdown() -> str:
    from claimcheck.report.rules_list import render_rules

    return render_rules("markdown")


EXAMPLE_DRAFT = ("The port of Valmora handled 1.2 million containers in 2023. "
                 "Experts say the strike will last for months.")
EXAMPLE_COMMAND = ("claimcheck", "check", "-", "--refs", "fixtures/refs/news/")
EXAMPLE_COLUMNS = 100


@functools.cache  # one run per process: the tests ask for it more than once
def _readme_example() -> str:
    """The example as a console session: the command, what it shows in a terminal of
    EXAMPLE_COLUMNS columns (a pseudo-terminal, colour off), and its exit code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    env.update(COLUMNS=str(EXAMPLE_COLUMNS), NO_COLOR="1", TERM="xterm")
    main, terminal = os.openpty()
    try:
        done = subprocess.Popen([sys.executable, "-m", "claimcheck", *EXAMPLE_COMMAND[1:]],
                                stdin=subprocess.PIPE, stdout=terminal,
                                stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        os.close(terminal)
        assert done.stdin is not None
        done.stdin.write((EXAMPLE_DRAFT + "\n").encode())
        done.stdin.close()
        shown = _read_all(main)
        code = done.wait()
    finally:
        os.close(main)
    if code not in (0, 1):
        raise SystemExit(f"the README example failed with exit code {code}")
    text = shown.decode("utf-8").replace("\r\n", "\n")
    return (f"```console\n$ printf '{EXAMPLE_DRAFT}\\n' \\\n"
            f"    | {' '.join(EXAMPLE_COMMAND)}\n{text}$ echo $?\n{code}\n```\n")


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side of the terminal is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


RULE_PAGES = "docs/rules"


def rule_pages() -> dict[str, str]:
    """Every page docs/rules/<ID>.md should hold: a generated block of `claimcheck rules ID`."""
    from claimcheck.report.rule_docs import page_name, render_rule, rule_ids

    return {f"{RULE_PAGES}/{page_name(i)}": f"<!-- BEGIN generated: claimcheck rules {i} -->\n"
            f"{render_rule(i)}<!-- END generated -->\n" for i in rule_ids()}


def _rule_page_index() -> str:
    from claimcheck.report.rule_docs import page_name, rule_ids

    return " · ".join(f"[{i}](rules/{page_name(i)})" for i in rule_ids()) + "\n"


# The commands a generated block may name, and the function that prints the same text.
GENERATORS: dict[str, Callable[[], str]] = {
    "claimcheck rules --format markdown": _rules_markdown,
    "the example below, run in a 100-column terminal": _readme_example,
    "the list of rule pages": _rule_page_index,
}
PAGES = ("README.md", "docs/rules.md")


def updated(text: str) -> str:
    """`text` with every generated block replaced by its command's current output."""
    def fill(match: re.Match[str]) -> str:
        command = match.group("command")
        if command.startswith("claimcheck rules ") and not command.startswith("claimcheck rules -"):
            from claimcheck.report.rule_docs import render_rule

            return match.group(1) + render_rule(command.split()[2]) + match.group(4)
        if command not in GENERATORS:
            raise SystemExit(f"unknown generator {command!r} (known: {', '.join(GENERATORS)})")
        return match.group(1) + GENERATORS[command]() + match.group(4)

    return BLOCK.sub(fill, text)


def stale_pages(root: Path = ROOT) -> list[str]:
    stale = [page for page in PAGES
             if updated((root / page).read_text(encoding="utf-8"))
             != (root / page).read_text(encoding="utf-8")]
    wanted = rule_pages()
    for page, text in wanted.items():
        path = root / page
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(page)
    stale += [f"{RULE_PAGES}/{p.name}" for p in sorted((root / RULE_PAGES).glob("*.md"))
              if f"{RULE_PAGES}/{p.name}" not in wanted]
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report stale pages")
    args = parser.parse_args(argv)
    stale = stale_pages()
    if args.check:
        for page in stale:
            print(f"{page}: out of date (run python scripts/update_docs.py)")
        return 1 if stale else 0
    wanted = rule_pages()
    for page in stale:
        path = ROOT / page
        if page in wanted:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted[page], encoding="utf-8")
        elif page.startswith(RULE_PAGES + "/"):
            path.unlink()
            print(f"removed {page} (no such rule any more)")
            continue
        else:
            path.write_text(updated(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
