"""Command line: parse arguments, load config, run the pipeline, hand the Report to a reporter.

No checking logic lives here. Exit codes: 0 nothing at or above the fail level, 1 findings at or
above it, 2 usage or input error (always a one-line message, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import UserError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("table", "json", "sarif", "github", "markdown", "junit")


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; make its message one line too."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"usage: {message} (see 'claimcheck {self.prog.split()[-1]} --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="split drafts into claims, flag them, check them")
    check.add_argument("drafts", nargs="+", metavar="DRAFT", help="files or '-' for stdin")
    check.add_argument("--refs", action="append", metavar="REF",
                       help="reference file, folder or http(s) URL (repeatable)")
    check.add_argument("--format", choices=FORMATS, help="output format (default: table)")
    check.add_argument("--output", metavar="FILE", help="write the format to FILE instead")
    check.add_argument("--fail-on", metavar="LEVELS",
                       help="comma list of severities and verdicts that fail the run")
    check.add_argument("--config", metavar="FILE", help="config file (default: nearest)")
    md = check.add_mutually_exclusive_group()
    md.add_argument("--markdown", dest="markdown", action="store_const", const="always",
                    help="parse every draft as Markdown")
    md.add_argument("--plain", dest="markdown", action="store_const", const="never",
                    help="parse every draft as plain text")
    check.add_argument("--offline", action="store_true", default=None,
                       help="never touch the network; URLs come from the cache only")

    rules = sub.add_parser("rules", help="list every generalization rule")
    rules.add_argument("--format", choices=("table", "json", "markdown"), default="table")

    sub.add_parser("schema", help="print the JSON Schema of the JSON report")
    return parser


def _cmd_check(args: argparse.Namespace) -> int:
    from .config import load_config
    from .pipeline import run
    from .report import render, write_atomic

    config = load_config(Path(args.config) if args.config else None)
    fail_on = args.fail_on.split(",") if args.fail_on else None
    config = config.merged(refs=args.refs, fail_on=fail_on, markdown=args.markdown,
                           offline=args.offline)
    report = run(args.drafts, config)
    fmt = args.format or "table"
    text = render(report, fmt)
    if args.output:
        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_FINDINGS if report.summary.failed else EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from .report.rules_list import render_rules

    sys.stdout.write(render_rules(args.format))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .models import Report

    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


COMMANDS = {"check": _cmd_check, "rules": _cmd_rules, "schema": _cmd_schema}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
