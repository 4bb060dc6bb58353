"""Command line: parse arguments, load config, run the pipeline, hand the Report to a reporter.

No checking logic lives here. Exit codes: 0 nothing at or above the fail level, 1 findings at or
above it, 2 usage or input error (always a one-line message, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from .errors import UserError

if TYPE_CHECKING:
    from .config import Config
    from .models import Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("table", "text", "concise", "json", "sarif", "github", "markdown", "junit")
COLOR_CHOICES = ("auto", "always", "never")  # as report.color, which would import pydantic


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; make its message one line too."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"usage: {message} (see '{self.prog} --help')")


class _Version(argparse.Action):
    """`--version`: which distribution answered, and a warning when another project's install
    shares the `claimcheck` package or command (see `claimcheck.distribution`)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object, **__: object) -> None:
        from .distribution import problems, version_text

        print(version_text())
        for problem in problems():
            print(f"claimcheck: warning: {shown(problem)}", file=sys.stderr)
        parser.exit(EXIT_OK)


def _add_input_args(cmd: argparse.ArgumentParser, nargs: str = "+") -> None:
    cmd.add_argument("drafts", nargs=nargs, metavar="DRAFT",
                     help="files, folders (expanded with include/exclude) or '-' for stdin")
    _add_source_args(cmd)
    cmd.add_argument("--force-exclude", action="store_true",
                     help="apply include/exclude (and skip reference files) even to files "
                          "named explicitly, as a pre-commit hook or an editor passes them")


def _add_source_args(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--refs", action="append", metavar="REF",
                     help="reference file, folder or http(s) URL (repeatable)")
    cmd.add_argument("--config", metavar="FILE", help="config file (default: nearest)")
    md = cmd.add_mutually_exclusive_group()
    md.add_argument("--markdown", dest="markdown", action="store_const", const="always",
                    help="parse every draft as Markdown")
    md.add_argument("--plain", dest="markdown", action="store_const", const="never",
                    help="parse every draft as plain text")
    cmd.add_argument("--offline", action="store_true", default=None,
                     help="never touch the network; URLs come from the cache only")
    cmd.add_argument("--select", action="append", metavar="CODES",
                     help="only these rules and verdict findings, over the config's choice: "
                          "comma list of IDs, prefixes, names or ALL, e.g. CC1,verdict "
                          "(repeatable)")
    cmd.add_argument("--ignore", action="append", metavar="CODES",
                     help="switch these off, e.g. CC201,verdict/no_evidence (repeatable)")


def _add_ledger_arg(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--ledger", metavar="FILE",
                     help="review decisions file (default: config 'ledger' or "
                          ".claimcheck/ledger.jsonl)")


DESCRIPTION = """\
Find the checkable claims in a draft (text or Markdown), flag unsupported generalizations, and
check each claim against your own references: files, folders or URLs. Reports for people (a
table, one line per finding) and for CI (JSON, SARIF, GitHub annotations, Markdown, JUnit), with
exit codes a job can gate on: 0 passed, 1 findings at the fail level, 2 a usage, input or
reference error."""

EXAMPLES: dict[str, str] = {
    "": """\
examples:
  claimcheck check draft.md                       flag generalizations, no references
  claimcheck check docs/ --refs refs/             check every draft under docs/ against refs/
  claimcheck rules CC301                          what a rule flags and how to fix it
  claimcheck check --help                         every option of a subcommand

Published as the distribution 'factlint' (pipx install factlint). Manual: docs/usage.md; CI and
pre-commit: docs/ci.md.""",
    "check": """\
examples:
  claimcheck check draft.md --refs refs/ --refs https://example.org/report.html
  claimcheck check docs/ --format text --fail-on warning
  cat draft.txt | claimcheck check - --refs refs/notes.md
  claimcheck check docs/ --format github --summary "$GITHUB_STEP_SUMMARY"
  claimcheck check docs/ --format sarif --output claimcheck.sarif
  claimcheck check --changed-only=origin/main docs/   only lines changed since origin/main
  claimcheck check --force-exclude a.md requirements.txt   as a pre-commit hook runs it

exit codes: 0 passed, 1 findings at or above --fail-on, 2 usage, input or reference error.""",
    "baseline": """\
examples:
  claimcheck baseline docs/ --refs refs/          accept today's findings
  claimcheck check docs/ --refs refs/             later: only new findings fail (the baseline
                                                  at .claimcheck-baseline.json is read)""",
    "show": """\
examples:
  claimcheck show draft.md 3f2a9c1b --refs refs/  one claim by its handle (from check)
  claimcheck show draft.md 12:5 --refs refs/      the claim at line 12, column 5
  claimcheck show draft.md L12 --format json""",
    "review": """\
examples:
  claimcheck review draft.md --refs refs/         step through the claims; a accept, x wrong,
                                                  n note, s suppress a flag, ? help, q quit
  claimcheck review draft.md --ledger review.jsonl   decisions kept in another file
  claimcheck review draft.md --refs refs/ --export markdown --output review.md
                                                  the review report, for sign-off

Decisions go to .claimcheck/ledger.jsonl (or 'ledger' in the config); 'claimcheck check'
reads them: accepted claims pass, claims marked wrong fail until their text changes.""",
    "explain": """\
examples:
  claimcheck explain draft.md:12                  every cue on line 12 and why it was flagged
                                                  or let through
  claimcheck explain draft.md                     every sentence of the draft that has a cue
  claimcheck check draft.md --explain             the same as part of check's options""",
    "batch": """\
examples:
  claimcheck batch archive/ --refs refs/ --out results/      a folder, on this machine
  claimcheck batch articles.jsonl --refs refs/ --out results/ --workers 8
  claimcheck batch articles.parquet --refs refs/ --out results/ --engine ray
  claimcheck batch articles.parquet --refs refs/ --out results/ --engine ray \\
      --address auto --shards 4          on a node of a running cluster, index in 4 shards

Run the same command again after a stop: documents already written are skipped. Output
layout and Parquet schema: docs/batch.md. exit codes: 0 every document checked, 1 some
documents recorded with an error (documents.jsonl), 2 usage, input or reference error.""",
    "rules": """\
examples:
  claimcheck rules                                every rule, one row each
  claimcheck rules CC301                          one rule's full documentation
  claimcheck rules weasel-attribution             the same, by name
  claimcheck rules verdict/no_evidence            what a verdict finding means
  claimcheck rules --format json""",
    "schema": """\
examples:
  claimcheck schema > claimcheck-report.schema.json
  claimcheck check draft.md --format json | check-jsonschema --schemafile \
      claimcheck-report.schema.json -""",
    "eval": """\
examples:
  claimcheck eval flags data/logic-fallacy/dev.jsonl
  claimcheck eval verify data/climate-fever/dev.jsonl --mode corpus --format json""",
    "eval flags": """\
examples:
  claimcheck eval flags data/logic-fallacy/dev.jsonl
  claimcheck eval flags mine.jsonl --format markdown

Peer tools (write-good, proselint) on the same rows: python benchmarks/peers.py DATASET
(in a checkout of the repository).""",
    "eval verify": """\
examples:
  claimcheck eval verify data/climate-fever/dev.jsonl
  claimcheck eval verify data/climate-fever/dev.jsonl --mode pair --format json""",
}


def _with_examples(parser: argparse.ArgumentParser, key: str) -> None:
    """Examples under the help of `parser` (and of its subcommands), kept as written."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXAMPLES.get(key)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                _with_examples(child, f"{key} {name}".strip())


def _parser() -> argparse.ArgumentParser:
    parser = _build_parser()
    _with_examples(parser, "")
    return parser


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description=DESCRIPTION)
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the version and the distribution that provides it, then exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for add in (_add_check, _add_explain_baseline_show, _add_batch, _add_review_rules_schema,
                _add_eval):
        add(sub)
    return parser


Subcommands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def _add_check(sub: Subcommands) -> None:
    check = sub.add_parser("check", help="split drafts into claims, flag them, check them")
    _add_input_args(check, nargs="*")  # "*": `--changed-only draft.md` may swallow the draft
    check.add_argument("--format", choices=FORMATS,
                       help="output format (default: table on a terminal, else text)")
    check.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                       help="colour the table and text formats (default auto: on a terminal, "
                            "unless NO_COLOR is set; FORCE_COLOR forces it)")
    check.add_argument("--output", metavar="FILE",
                       help="write the format to FILE (atomically); stdout gets the table on a "
                            "terminal, else only the summary line")
    check.add_argument("--summary", metavar="FILE",
                       help="also append a Markdown summary, capped to fit a GitHub comment, "
                            "to FILE (in GitHub Actions: \"$GITHUB_STEP_SUMMARY\")")
    check.add_argument("--fail-on", metavar="LEVELS",
                       help="comma list of severities and verdicts that fail the run, "
                            "e.g. contradicted,misquoted,error (or 'none')")
    baseline = check.add_mutually_exclusive_group()
    baseline.add_argument("--baseline", metavar="FILE",
                          help="accept the findings recorded in FILE; only new ones fail "
                               "(default: config 'baseline', else .claimcheck-baseline.json "
                               "beside the config file or in the current folder, if there)")
    baseline.add_argument("--no-baseline", action="store_true",
                          help="ignore any baseline: report every finding")
    _add_ledger_arg(check)
    check.add_argument("--changed-only", nargs="?", const="", metavar="REV",
                       help="check only claims on lines changed against a git revision "
                            "(default: HEAD at the prompt; in CI the merge base with the "
                            "target or default branch, or an error if there is none; write "
                            "--changed-only=REV before the drafts)")

    check.add_argument("--explain", action="store_true",
                       help="instead of checking, print each cue the rules found in each "
                            "sentence and why it was flagged or let through")


def _add_explain_baseline_show(sub: Subcommands) -> None:
    explain = sub.add_parser("explain", help="show, for a sentence, each cue the rules found "
                                             "and why it was flagged or let through")
    _add_input_args(explain)
    explain.set_defaults(refs=None)

    base = sub.add_parser("baseline", help="record today's findings so only new ones fail")
    _add_input_args(base)
    base.add_argument("--output", metavar="FILE",
                      help="baseline file to write (default: config 'baseline' or "
                           ".claimcheck-baseline.json)")

    show = sub.add_parser("show", help="print one claim in full: flags, verdict, every "
                                       "evidence candidate, review decision")
    _add_input_args(show, nargs="+")
    show.add_argument("claim_id", metavar="ID",
                      help="claim handle as shown by check (a unique prefix will do), or "
                           "LINE:COL / L<line>")
    _add_ledger_arg(show)
    show.add_argument("--format", choices=("table", "json"), default="table")


def _add_batch(sub: Subcommands) -> None:
    batch = sub.add_parser("batch", help="check a whole corpus into a Parquet dataset "
                                         "(resumable; on this machine or a Ray cluster)")
    batch.add_argument("corpus", metavar="CORPUS",
                       help="a folder of drafts, a JSON Lines file of {\"id\", \"text\"} (or "
                            "\"path\") objects, or a Parquet file with those columns")
    _add_source_args(batch)
    batch.add_argument("--out", required=True, metavar="DIR",
                       help="output folder: claims/*.parquet, documents.jsonl, summary.json; "
                            "a run stopped halfway resumes into it")
    batch.add_argument("--engine", choices=("local", "ray"),
                       help="local: a process pool on this machine (default); ray: Ray Data "
                            "actors (the [ray] extra)")
    batch.add_argument("--address", metavar="ADDR",
                       help="Ray cluster to join (default: start a local Ray instance)")
    batch.add_argument("--shards", type=_positive, metavar="N",
                       help="with --engine ray: split the reference index into N shards")
    batch.add_argument("--workers", type=_positive, metavar="N",
                       help="worker processes or actors (default: one per CPU)")
    batch.add_argument("--overwrite", action="store_true",
                       help="discard results an earlier run with other settings left in DIR")
    batch.add_argument("--quiet", action="store_true", help="no progress line")


def _add_review_rules_schema(sub: Subcommands) -> None:
    review = sub.add_parser("review", help="step through a draft's claims in a terminal app "
                                           "and record decisions in the ledger")
    _add_input_args(review)
    _add_ledger_arg(review)
    review.add_argument("--export", choices=("markdown",),
                        help="write a review report (claims, decisions, notes, evidence, "
                             "reviewers) instead of opening the app")
    review.add_argument("--output", metavar="FILE", help="with --export: write it to FILE")

    rules = sub.add_parser("rules", help="list every generalization rule, or document one")
    rules.add_argument("rule", nargs="?", metavar="ID",
                       help="a rule ID or name (CC301, weasel-attribution) or verdict/<label>: "
                            "print its full documentation")
    rules.add_argument("--format", choices=("table", "json", "markdown"), default="table")

    sub.add_parser("schema", help="print the JSON Schema of the JSON report")


def _add_eval(sub: Subcommands) -> None:
    evaluate = sub.add_parser("eval", help="measure claimcheck on a labelled public dataset")
    eval_sub = evaluate.add_subparsers(dest="eval_command", required=True, parser_class=_Parser,
                                       metavar="WHAT")

    def eval_command(name: str, help_text: str, dataset_help: str) -> argparse.ArgumentParser:
        command = eval_sub.add_parser(name, help=help_text)
        command.add_argument("dataset", metavar="DATASET", help=dataset_help)
        command.add_argument("--format", choices=("table", "json", "markdown"), default="table")
        return command

    eval_flags = eval_command(
        "flags", "precision, recall and F1 of the generalization rules, beside a cue-word "
                 "baseline",
        "JSONL rows with 'text' and 'generalization' (true/false)")
    # peers moved to benchmarks/peers.py; the flag is still accepted for existing scripts
    eval_flags.add_argument("--no-peers", action="store_true", help=argparse.SUPPRESS)
    eval_verify = eval_command(
        "verify", "verdict accuracy and per-label P/R/F1 on CLIMATE-FEVER, beside a baseline",
        "CLIMATE-FEVER JSONL: 'claim', 'claim_label', 'evidences'")
    eval_verify.add_argument("--mode", choices=("both", "pair", "corpus"), default="both",
                             help="pair level, corpus level or both (default)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def _config_for(args: argparse.Namespace) -> Config:
    """Config file values, with paths in it made relative to its folder, then CLI overrides."""
    from .config import Layer, check_fail_on, load_config
    from .selection import validate

    config = load_config(Path(args.config) if args.config else None)
    config.fail_on = check_fail_on(config.fail_on, config.config_path or "fail_on")
    if config.config_path:
        folder = Path(config.config_path).parent
        config.refs = [_beside(folder, r) for r in config.refs]
        if config.baseline:
            config.baseline = _beside(folder, config.baseline)
        if "ledger" in config.model_fields_set:
            config.ledger = _beside(folder, config.ledger)
    given = getattr(args, "fail_on", None)
    fail_on = check_fail_on(given.split(","), "--fail-on") if given else None
    ledger = getattr(args, "ledger", None)
    if ledger is not None and getattr(args, "command", "") in ("check", "show"):
        if not Path(ledger).is_file():
            raise UserError(f"{ledger}: ledger file not found (decisions are written there by "
                            "'claimcheck review DRAFT --ledger FILE')")
    merged = config.merged(refs=args.refs, fail_on=fail_on, markdown=args.markdown,
                           offline=args.offline, baseline=getattr(args, "baseline", None),
                           ledger=ledger)
    select, ignore = _codes(getattr(args, "select", None)), _codes(getattr(args, "ignore", None))
    if select is not None or ignore:
        merged.command_line = Layer(select=select, ignore=ignore or [])
    validate(merged)  # a typo in a rule key, selector or glob fails before any draft is read
    if getattr(args, "command", "") == "check":
        if getattr(args, "no_baseline", False):
            merged.baseline = None
        elif merged.baseline is None:
            merged.baseline = _default_baseline(config.config_path)
    return merged


def _codes(given: list[str] | None) -> list[str] | None:
    """`--select A,B --select C` -> [A, B, C]; None when the flag is not given."""
    if given is None:
        return None
    return [code.strip() for value in given for code in value.split(",") if code.strip()]


def _default_baseline(config_path: str | None) -> str | None:
    """The file `claimcheck baseline` writes by default, if it is there: beside the config
    file, else in the current folder."""
    from .baseline import DEFAULT_BASELINE

    folders = ([Path(config_path).parent] if config_path else []) + [Path(".")]
    for folder in folders:
        candidate = folder / DEFAULT_BASELINE
        if candidate.is_file():
            return _beside(folder, DEFAULT_BASELINE) if config_path else str(candidate)
    return None


def _beside(folder: Path, value: str) -> str:
    """A relative path from a config file, made usable from the working directory."""
    if "://" in value or Path(value).is_absolute():
        return value
    if folder.resolve() == Path.cwd().resolve():
        return value
    return os.path.relpath(folder / value)


def _cmd_explain(args: argparse.Namespace) -> int:
    """`explain DRAFT[:LINE]...` (and `check --explain`): the rules' reasoning, sentence by
    sentence, with the configuration's rule settings applied."""
    from .pipeline import expand_drafts, load_documents
    from .report.explain import render_explanation
    from .selection import selector_for
    from .split import split_document

    config = _config_for(args)
    selector = selector_for(config)
    chunks = []
    for given in args.drafts:
        path, line = given, None
        head, _, tail = given.rpartition(":")
        if head and tail.isdigit() and not Path(given).exists():
            path, line = head, int(tail)
        paths = expand_drafts([path], config, force_exclude=args.force_exclude)
        docs = load_documents(paths, config)
        chunks.append(render_explanation(((d, split_document(d)) for d in docs),
                                         lambda path: selector.for_file(path).rules, line))
    sys.stdout.write("".join(chunks))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    if args.explain:
        return _cmd_explain(args)
    from .pipeline import expand_drafts

    drafts = list(args.drafts)
    rev = args.changed_only
    if rev and Path(rev).exists():  # `--changed-only draft.md`: REV was omitted
        drafts.insert(0, rev)
        rev = ""
    if not drafts:
        raise UserError("usage: the following arguments are required: DRAFT "
                        "(see 'claimcheck check --help')")
    if args.summary and not Path(args.summary).parent.is_dir():
        raise UserError(f"{args.summary}: cannot write: folder "
                        f"'{Path(args.summary).parent}' does not exist")
    config = _config_for(args)
    paths = expand_drafts(drafts, config, force_exclude=args.force_exclude)
    inputs = _inputs(paths, config)
    if args.output:  # before the work: a bad target fails at once
        from .report import check_output

        check_output(Path(args.output), inputs)
    if not paths:  # --force-exclude left nothing: a hook run on other files passes
        print("claimcheck: no drafts to check (all excluded by the configuration)",
              file=sys.stderr)
        return EXIT_OK
    changed = None
    if rev is not None:
        from .gitdiff import changed_lines_of, default_base

        if not rev:
            first = next((p for p in paths if p != "-"), ".")
            rev = default_base(Path(first).resolve().parent)
        changed = changed_lines_of(paths, rev)
    report = _check_and_write(args, paths, config, changed, inputs)
    if args.summary:
        from .report import append_durably, render

        append_durably(Path(args.summary), render(report, "markdown", fail_on=config.fail_on))
    return EXIT_FINDINGS if report.summary.failed else EXIT_OK


def _check_and_write(args: argparse.Namespace, paths: list[str], config: Config,
                     changed: dict[str, set[int] | None] | None, inputs: list[str]) -> Report:
    """Run the check and write what it found: line formats stream each file's findings as soon
    as they are final; other formats are rendered once; with --output the file gets the format
    and stdout the table (a terminal) or the summary line (a log or a pipe)."""
    from .pipeline import run
    from .report import render, write_atomic
    from .report.color import choice_to_flag
    from .report.progress import progress_bar, wanted

    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "text")
    color = choice_to_flag(args.color)
    writer = None
    if not args.output and fmt in ("text", "concise", "github"):
        from .report.color import use_color
        from .report.stream import LineWriter

        writer = LineWriter(fmt, config.fail_on, color=fmt != "github" and use_color(color),
                            out=sys.stdout)
    with progress_bar(wanted(fmt)) as progress:
        report = run(paths, config, progress=progress, changed=changed,
                     emit=writer.claims if writer else None)
    if not args.output:
        if writer is not None:
            writer.close(report)
        else:
            sys.stdout.write(render(report, fmt, color=color, fail_on=config.fail_on))
        return report
    write_atomic(Path(args.output), render(report, fmt, color=False, fail_on=config.fail_on),
                 inputs)
    if sys.stdout.isatty():
        sys.stdout.write(render(report, "table", color=color, fail_on=config.fail_on))
    else:
        # A CI log or a pipe: the file is the report; a row per claim would only bury it.
        from .report.table import render_summary

        sys.stdout.write(render_summary(report) + f"wrote {args.output} ({fmt})\n")
    return report


def _inputs(paths: list[str], config: Config) -> list[str]:
    """Every local file a run reads, which no output may overwrite."""
    found = [p for p in paths if p != "-"]
    found += [p for p in (config.config_path, config.baseline, config.ledger) if p]
    if config.refs:  # the reference loader is not imported by a run without references
        from .references.load import reference_files

        found += [str(p) for p in reference_files(config.refs)]
    return found


def _check_baseline_target(target: Path, inputs: list[str]) -> None:
    """A baseline replaces only a baseline: any other file there is someone's work."""
    from .report import check_output

    if check_output(target, inputs) != "file":
        return
    from .baseline import load_baseline

    try:
        load_baseline(target)
    except UserError:
        raise UserError(f"{target}: exists and is not a claimcheck baseline; refusing to "
                        f"overwrite it (remove it or choose another --output)") from None


def _cmd_baseline(args: argparse.Namespace) -> int:
    from .baseline import DEFAULT_BASELINE, build_baseline, dump_baseline
    from .pipeline import expand_drafts, run
    from .report import write_atomic

    config = _config_for(args)
    target = Path(args.output or config.baseline or DEFAULT_BASELINE)
    config = config.model_copy(update={"baseline": None})  # record everything, afresh
    paths = expand_drafts(args.drafts, config, force_exclude=args.force_exclude)
    inputs = _inputs(paths, config)
    _check_baseline_target(target, inputs)
    report = run(paths, config)
    data = build_baseline(report, config.fail_policy.finding_labels)
    write_atomic(target, dump_baseline(data), inputs)
    print(f"claimcheck: recorded {sum(int(f['count']) for f in data['findings'])} findings "
          f"in {shown(str(target))}", file=sys.stderr)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    from .handles import find_claim
    from .pipeline import expand_drafts, run
    from .report.table import render_claim

    config = _config_for(args)
    paths = expand_drafts(args.drafts, config)
    report = run(paths, config)
    found = find_claim(report.claims, args.claim_id)
    if not found:
        raise UserError(f"{args.drafts[0]}: no claim '{args.claim_id}' (handles are listed by "
                        f"'claimcheck check {args.drafts[0]}')")
    if len(found) > 1 and args.format == "table":
        listed = ", ".join(f"{c.id} (line {c.line})" for c in found[:8])
        raise UserError(f"'{args.claim_id}' matches {len(found)} claims: {listed}"
                        f"{' ...' if len(found) > 8 else ''}; give more of the handle")
    for warning in report.warnings:
        print(f"claimcheck: warning: {shown(warning)}", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write("".join(c.model_dump_json(indent=2) + "\n" for c in found))
    else:
        sys.stdout.write(render_claim(found[0]))
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    import signal

    from .batch import Options, ProgressLine, run_batch

    config = _config_for(args)
    if not config.refs:
        raise UserError("batch needs references: --refs REF (or 'refs' in the config)")
    settings = config.batch
    options = Options(
        corpus=args.corpus, out=Path(args.out), engine=args.engine or settings.engine,
        workers=args.workers or settings.workers, address=args.address or settings.address,
        shards=args.shards or settings.shards, batch_size=settings.batch_size,
        part_documents=settings.part_documents, overwrite=args.overwrite)

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds: workers stopped, nothing half-committed

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        summary, warnings = run_batch(options, config,
                                      progress=None if args.quiet else ProgressLine())
    except SystemExit:
        print("claimcheck: batch stopped; run the same command again to resume",
              file=sys.stderr)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    for warning in warnings:
        print(f"claimcheck: warning: {shown(warning)}", file=sys.stderr)
    resumed = f", {summary.resumed:,} already done" if summary.resumed else ""
    errors = f", {summary.errors:,} with errors (see documents.jsonl)" if summary.errors else ""
    print(f"claimcheck: {summary.documents:,} documents{resumed}{errors}; {summary.claims:,} "
          f"claims in {options.out / 'claims'} ({summary.seconds:.1f} s, "
          f"{summary.documents_per_second:.1f} docs/s)", file=sys.stderr)
    return EXIT_FINDINGS if summary.errors else EXIT_OK

def _cmd_review(args: argparse.Namespace) -> int:
    from .pipeline import expand_drafts

    config = _config_for(args)
    paths = expand_drafts(args.drafts, config)
    if args.export:
        from .pipeline import run
        from .report import check_output, write_atomic
        from .review.export import render_review

        inputs = _inputs(paths, config)
        if args.output:  # as check --output: refused before the run, never an input
            check_output(Path(args.output), inputs)
        text = render_review(run(paths, config), config)
        if args.output:
            write_atomic(Path(args.output), text, inputs)
        else:
            sys.stdout.write(text)
        return EXIT_OK
    if "-" in paths:
        raise UserError("review needs files: standard input cannot be edited or re-checked")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("review is an interactive terminal app: run it in a terminal "
                        "(or use 'claimcheck review --export markdown')")
    from .review.app import ReviewApp

    app = ReviewApp(paths, config, Path(config.ledger))
    app.run()
    print(app.farewell(), file=sys.stderr)
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    if args.rule:
        from .report.rule_docs import render_rule

        sys.stdout.write(render_rule(args.rule))
        return EXIT_OK
    from .report.rules_list import render_rules

    sys.stdout.write(render_rules(args.format))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .models import Report

    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


def _cmd_eval_flags(args: argparse.Namespace) -> int:
    from .evaluate.flags import evaluate_flags, render_eval

    result = evaluate_flags(Path(args.dataset))
    sys.stdout.write(render_eval(result, args.format))
    return EXIT_OK


def _cmd_eval_verify(args: argparse.Namespace) -> int:
    from .config import load_config
    from .evaluate.verify import evaluate_verify, render_verify

    config = load_config()
    modes = ("pair", "corpus") if args.mode == "both" else (args.mode,)
    result = evaluate_verify(Path(args.dataset), config, modes)
    sys.stdout.write(render_verify(result, args.format, config))
    return EXIT_OK


EVAL_COMMANDS = {"flags": _cmd_eval_flags, "verify": _cmd_eval_verify}


def _cmd_eval(args: argparse.Namespace) -> int:
    return EVAL_COMMANDS[args.eval_command](args)


COMMANDS = {"check": _cmd_check, "baseline": _cmd_baseline, "show": _cmd_show,
            "explain": _cmd_explain, "batch": _cmd_batch, "review": _cmd_review,
            "rules": _cmd_rules,
            "schema": _cmd_schema, "eval": _cmd_eval}


def shown(text: str) -> str:
    """Text for stderr: controls, escape sequences and bidi characters made visible (see
    `report.safe`; imported only when something is printed, to keep start-up fast)."""
    from .report.safe import shown as safe

    return safe(text)


def main(argv: Sequence[str] | None = None) -> int:
    # claimcheck never uses pydantic plugins; not looking for them saves scanning every
    # installed distribution's entry points at the first model (start-up time).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Work is spread over processes (`workers`): a numerical library's thread pool would only
    # compete with them, and would make forking them unsafe.
    from .processes import one_native_thread

    one_native_thread()
    regexes = None
    try:
        args = _parser().parse_args(argv)
        # Compiled regexes from earlier runs (see `regexcache`): ~0.09 s of a small run's start.
        from .regexcache import install_for_run

        regexes = install_for_run(args.command)  # one of COMMANDS: a file name part
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"claimcheck: error: {shown(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not the user's fault: still one line unless asked
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        print(f"claimcheck: internal error: {type(exc).__name__}: {shown(str(exc))} "
              "(set CLAIMCHECK_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if regexes is not None:
            regexes.uninstall()
            _flush_then(regexes.save)  # a write, when there is one, delays no output
        # token ids of the words this run tokenized (check.semantic.KeptIds), if it loaded
        # the meaning model; likewise after the output
        semantic = sys.modules.get("claimcheck.check.semantic")
        if semantic is not None:
            _flush_then(semantic.save_kept_ids)


def _flush_then(action: Callable[[], object]) -> None:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed pipe or stream: nothing more reaches it anyway
        pass
    action()
