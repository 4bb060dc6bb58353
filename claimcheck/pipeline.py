"""Wire the stages top to bottom: document -> split -> rules -> references -> check -> Report.

Nothing here renders output; the CLI hands the Report to a reporter. Heavy stages are imported
inside functions so that `claimcheck --help` stays fast.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import Config, FailOn, FailPolicy
from .errors import UserError
from .globs import Selection, files_under
from .models import Claim, Document, Report, Summary, by_file

if TYPE_CHECKING:
    from .check import SearchIndex, Stream
    from .check.judges import Judge
    from .suppress import Directive

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Emit = Callable[[list[Claim]], None]  # claims whose flags, verdicts and suppressions are final


def expand_drafts(args: Sequence[str], config: Config, *,
                  force_exclude: bool = False) -> list[str]:
    """Drafts to check, in the order given: a folder becomes its files matching `include` and
    not `exclude` (globs relative to the folder; hidden folders and the configured reference
    files skipped), sorted. A file named explicitly is always checked, unless `force_exclude`
    (what a pre-commit hook passes): then it too must match `include` and not `exclude`, globs
    relative to the config file's folder (else the working directory), and not be a reference."""
    out: list[str] = []
    refs = _local_refs(config)
    for arg in args:
        if arg == "-":
            out.append(arg)
            continue
        path = Path(arg)
        if path.is_dir():
            found = [f for f in _folder_drafts(path, config.include, config.exclude)
                     if not _is_reference(f, refs)]
            if not found and not force_exclude:
                raise UserError(f"{arg}: no drafts in this folder match include "
                                f"{config.include} (and not exclude {config.exclude})")
            out.extend(found)
        elif path.exists():
            if not force_exclude or _selected(path, config, refs):
                out.append(arg)
        else:
            raise UserError(f"{arg}: no such file or folder")
    return list(dict.fromkeys(out))


def _local_refs(config: Config) -> list[Path]:
    """The configured reference files and folders on disk, resolved."""
    return [Path(r).resolve() for r in config.refs if "://" not in r and Path(r).exists()]


def _is_reference(file: str | Path, refs: Sequence[Path]) -> bool:
    resolved = Path(file).resolve()
    return any(resolved == ref or ref in resolved.parents for ref in refs)


def _selected(path: Path, config: Config, refs: Sequence[Path]) -> bool:
    """`--force-exclude`: an explicitly named file passes the config's include and exclude."""
    base = Path(config.config_path).resolve().parent if config.config_path else Path.cwd()
    try:
        rel = path.resolve().relative_to(base).as_posix()
    except ValueError:  # outside the config's folder: its globs cannot speak of it
        rel = path.name
    return Selection.of(config.include, config.exclude)(rel) and not _is_reference(path, refs)


def _folder_drafts(folder: Path, include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """Regular files under `folder` that the globs select, sorted by their relative path."""
    return [str(file) for file, _ in files_under(folder, Selection.of(include, exclude))
            if file.is_file()]


def load_documents(paths: Sequence[str], config: Config,
                   progress: Progress | None = None) -> list[Document]:
    from .document import load_document

    force = {"auto": None, "always": True, "never": False}[config.markdown]
    docs = []
    for number, path in enumerate(paths, start=1):
        docs.append(load_document(path, markdown=force, max_bytes=config.max_draft_bytes))
        if progress:
            progress("read", number, len(paths))
    return docs


def split_documents(docs: Sequence[Document], progress: Progress | None = None) -> list[Claim]:
    from .handles import assign_handles
    from .split import split_document

    claims: list[Claim] = []
    for number, doc in enumerate(docs, start=1):
        claims.extend(split_document(doc))
        if progress:
            progress("split", number, len(docs))
    assign_handles(claims)
    return claims


_PROGRESS_EVERY = 256  # claims between progress calls of the rules stage


def flag_claims(docs: Sequence[Document], claims: list[Claim], config: Config,
                progress: Progress | None = None, done: int = 0, total: int = 0) -> None:
    """Flags on every claim. `done` and `total` place these claims in a larger run, for the
    progress callback."""
    from .rules import find_flags
    from .selection import selector_for

    by_path = {doc.path: doc for doc in docs}
    settings = selector_for(config).for_file
    total = total or len(claims)
    for number, claim in enumerate(claims, start=1):
        claim.flags = find_flags(claim, by_path[claim.file], settings(claim.file).rules)
        if progress and (number % _PROGRESS_EVERY == 0 or number == len(claims)):
            progress("rules", done + number, total)


def suppress_findings(docs: Sequence[Document], claims: list[Claim], config: Config,
                      warnings: list[str] | None = None) -> None:
    """Inline directives, the baseline, then the review ledger: after checking, so verdicts can
    be silenced too."""
    from .suppress import apply_suppressions

    set_verdict_findings(claims, config)
    grouped = by_file(claims)
    for doc in docs:
        apply_suppressions(doc, grouped.get(doc.path, []))
    if config.baseline:
        from .baseline import apply_baseline, load_baseline

        apply_baseline(claims, load_baseline(Path(config.baseline)),
                       config.fail_policy.finding_labels)
    if config.ledger and _may_exist(config.ledger):
        from .ledger import load_into

        load_into(claims, Path(config.ledger), warnings if warnings is not None else [])


def set_verdict_findings(claims: Sequence[Claim], config: Config) -> None:
    """Each verdict's finding severity for its file (`Verdict.severity`, None: no finding),
    before suppressions and the baseline, which act on findings only."""
    if all(claim.verdict is None for claim in claims):
        return  # (no references) without asking for the selector, keyed by the whole config
    from .selection import selector_for

    settings = selector_for(config).for_file
    for claim in claims:
        if claim.verdict is not None:
            found = settings(claim.file).verdicts
            if claim.verdict.label in found:  # else (a label added since): the table's default
                claim.verdict.severity = found[claim.verdict.label]


def keep_changed(docs: Sequence[Document], claims: list[Claim],
                 changed: Mapping[str, set[int] | None]) -> list[Claim]:
    """Only claims touching a changed line (None = the whole file changed); their handles are
    those of the whole draft."""
    by_path = {doc.path: doc for doc in docs}
    kept = []
    for claim in claims:
        lines = changed.get(claim.file)
        if lines is not None:
            last, _ = by_path[claim.file].position(max(claim.end - 1, claim.start))
            if not lines.intersection(range(claim.line, last + 1)):
                continue
        kept.append(claim)
    return kept


def prepare_claims(docs: Sequence[Document], config: Config,
                   changed: Mapping[str, set[int] | None] | None = None) -> list[Claim]:
    """The draft side: claims (only those on changed lines, when asked) with their flags."""
    claims = split_documents(docs)
    if changed is not None:
        claims = keep_changed(docs, claims, changed)
    flag_claims(docs, claims, config)
    return claims


def prepare_references(config: Config, warnings: list[str]) -> SearchIndex:
    """The reference side: snippets loaded (or fetched) and indexed (or read from the cache)."""
    from .references import build_index, load_references

    return build_index(load_references(config.refs, config, warnings))


def check_claims(claims: list[Claim], index: SearchIndex, config: Config,
                 progress: Progress | None = None) -> None:
    from .check import check_all

    check_all(claims, index, config, progress=progress)


def summarize(report: Report, config: Config) -> Summary:
    live = [f for c in report.claims for f in c.flags if not f.suppressed_by]
    verdicts = Counter(c.verdict.label for c in report.claims
                       if c.verdict and not c.verdict.suppressed_by)
    suppressed = sum(bool(f.suppressed_by) for c in report.claims for f in c.flags) + sum(
        bool(c.verdict and c.verdict.suppressed_by) for c in report.claims)
    return Summary(
        files=len(report.files),
        claims=len(report.claims),
        checkable=sum(c.checkable for c in report.claims),
        verdicts=dict(sorted(verdicts.items())),
        flags=dict(sorted(Counter(f.severity for f in live).items())),
        suppressed=suppressed,
        reviews=_review_counts(report.claims),
        failed=is_failing(report, config.fail_policy),
    )


def _review_counts(claims: Sequence[Claim]) -> dict[str, int]:
    """`ledger.review_counts`; the ledger's module is imported only when a claim was reviewed."""
    if not any(claim.review for claim in claims):
        return {}
    from .ledger import review_counts

    return review_counts(claims)


def is_failing(report: Report, fail_on: FailOn) -> bool:
    """True when a claim fails the run under the fail policy (see `config.FailPolicy`)."""
    policy = FailPolicy.of(fail_on)
    return any(policy.claim_fails(claim) for claim in report.claims)


def run(paths: Sequence[str], config: Config, progress: Progress | None = None,
        changed: Mapping[str, set[int] | None] | None = None, emit: Emit | None = None) -> Report:
    """`changed`: for --changed-only, file -> changed line numbers (None = all lines). `emit`:
    called with claims as they become final, in report order, so line formats can print them
    at once: a few claims at a time (no ledger; with references, batches of 1, 2, 4 ... claims
    to judge), file by file (a ledger), or all at the end for a large draft checked in the
    background."""
    if config.refs and _overlap_pays(paths):
        warnings: list[str] = []
        docs, claims = _overlapped(paths, config, changed, warnings, progress)
        report = _report(docs, claims, config, warnings)
        if emit:
            emit(report.claims)
        return report
    return run_documents(load_documents(paths, config, progress), config, progress, changed,
                         emit)


def run_documents(docs: Sequence[Document], config: Config, progress: Progress | None = None,
                  changed: Mapping[str, set[int] | None] | None = None,
                  emit: Emit | None = None) -> Report:
    """`run` for documents already loaded (the Python API checks text in memory this way)."""
    warnings: list[str] = []
    claims = split_documents(docs, progress)
    if changed is not None:
        claims = keep_changed(docs, claims, changed)
    if emit is not None:
        return _run_by_file(docs, claims, config, warnings, progress, emit)
    if not config.refs:
        flag_claims(docs, claims, config, progress)
        return _report(docs, claims, config, warnings)
    from .check.judges import open_judge

    # A judge in other processes prepares the references while the rules run here.
    with open_judge(References(config), config, sum(c.checkable for c in claims)) as judge:
        _judge_draft(judge, docs, claims, config, progress)
    warnings.extend(judge.warnings)
    return _report(docs, claims, config, warnings)


def _run_by_file(docs: Sequence[Document], claims: list[Claim], config: Config,
                 warnings: list[str], progress: Progress | None, emit: Emit) -> Report:
    """Flag, check and settle one file at a time, handing each file's claims to `emit` as soon
    as they are final: without a ledger, a few claims at a time (`_flag_and_emit`); with one,
    file by file. The outcome is the one `run_documents` reaches in one pass: handles were
    given over all files, directives and the ledger act file by file anyway, and the baseline's
    counts are consumed in the same (report) order."""
    index = prepare_references(config, warnings) if config.refs else None
    stream = None
    if index is not None:
        from .check import Stream

        stream = Stream(index, config)
    settle = _Settle(config, warnings)
    grouped = by_file(claims)
    done = 0
    for doc in docs:
        mine = grouped.get(doc.path, [])
        if settle.ledger is None and (index is None or len(mine) < _STREAM_MAX_CLAIMS):
            _flag_and_emit(doc, mine, config, settle, emit, _Steps(progress, done, len(claims)),
                           stream)
        else:
            flag_claims(docs, mine, config, progress, done, len(claims))
            if index is not None:
                check_claims(mine, index, config, progress)
            settle(doc, mine)
            emit(mine)
        done += len(mine)
    report = Report(version=__version__, files=[d.path for d in docs], claims=claims,
                    warnings=warnings)
    report.summary = summarize(report, config)
    return report


# A file with at least this many claims is judged whole (`check_claims`), by several processes
# when they pay (`check.judges.PARALLEL_MIN` matched claims): below it, one process judges it
# either way, and a few claims at a time costs the same.
_STREAM_MAX_CLAIMS = 2000
_STREAM_BATCH = 256  # most claims to judge in one batch (`check.CHUNK`, as `check_all` does)


class _Steps:
    """Where a file's claims stand in the whole run, for the progress callback."""

    def __init__(self, progress: Progress | None, done: int, total: int) -> None:
        self.progress, self.done, self.total = progress, done, total

    def rules(self, number: int, last: bool) -> None:
        if self.progress and (number % _PROGRESS_EVERY == 0 or last):
            self.progress("rules", self.done + number, self.total)

    def checked(self, number: int) -> None:
        """The file's claims up to `number` are checked (claims of the run, like the rules')."""
        if self.progress:
            self.progress("check", self.done + number, self.total)


def _flag_and_emit(doc: Document, claims: list[Claim], config: Config, settle: _Settle,
                   emit: Emit, steps: _Steps, stream: Stream | None = None) -> None:
    """One file's claims flagged, checked (with a `stream` of the references), settled and
    handed to `emit` a few at a time, so a finding prints as soon as its claim is final, not
    when the whole file is. Without references a batch ends with each claim that has flags;
    with them, once it holds 1, 2, 4 ... (at most `_STREAM_BATCH`) claims to judge: the first
    verdict is out after one claim's judging, and the batches soon grow to what `check_all`
    judges at once. Only without a ledger: then a claim is final once its own rules ran, it
    was judged, and the file's directives and the baseline (whose counts are consumed in report
    order either way) acted on it. The same calls, in the same order, as `flag_claims`, then
    checking, then `settle` for the whole file."""
    from .rules import find_flags
    from .selection import selector_for
    from .suppress import parse_directives

    rules = selector_for(config).for_file(doc.path).rules
    directives = parse_directives(doc)  # an unknown directive fails before any rule runs
    start = pending = 0
    size = 1
    for number, claim in enumerate(claims, start=1):
        claim.flags = find_flags(claim, doc, rules)
        last = number == len(claims)
        steps.rules(number, last)
        if stream is None:
            if not (claim.flags or last):
                continue
        else:
            pending += claim.checkable or bool(claim.flags)  # `check.is_matched`
            if pending < size and not last:
                continue
            stream.check(claims[start:number])
            steps.checked(number)
            pending, size = 0, min(2 * size, _STREAM_BATCH)
        settle(doc, claims[start:number], directives)
        emit(claims[start:number])
        start = number
    if not claims:
        emit(claims)


class _Settle:
    """`suppress_findings`, one file at a time: the baseline and the ledger are read once."""

    def __init__(self, config: Config, warnings: list[str]) -> None:
        self.labels = config.fail_policy.finding_labels
        self.config = config
        self.accepted = None
        if config.baseline:
            from .baseline import load_baseline

            self.accepted = load_baseline(Path(config.baseline))
        self.ledger = None
        if config.ledger and _may_exist(config.ledger):
            from .ledger import project_root, read_ledger

            records = read_ledger(Path(config.ledger), warnings)
            self.ledger = (records, project_root(Path(config.ledger))) if records else None

    def __call__(self, doc: Document, claims: list[Claim],
                 directives: list[Directive] | None = None) -> None:
        from .suppress import apply_suppressions

        set_verdict_findings(claims, self.config)
        apply_suppressions(doc, claims, directives)
        if self.accepted is not None:
            from .baseline import apply_baseline

            apply_baseline(claims, self.accepted, self.labels, consume=True)
        if self.ledger is not None:
            from .ledger import apply_ledger

            apply_ledger(claims, *self.ledger)


def _may_exist(path: str) -> bool:
    """False only where opening `path` would raise FileNotFoundError, which `read_ledger` takes
    for an empty ledger: then its module (pydantic model, subprocess, json) is not imported."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except (OSError, ValueError):  # read_ledger reports it
        return True
    return True


def _report(docs: Sequence[Document], claims: list[Claim], config: Config,
            warnings: list[str]) -> Report:
    suppress_findings(docs, claims, config, warnings)
    report = Report(version=__version__, files=[d.path for d in docs], claims=claims,
                    warnings=warnings)
    report.summary = summarize(report, config)
    return report


# Drafts of at least this many bytes are checked by a second process tree that loads and
# indexes the references, then judges, while this one loads, splits and flags the draft: below
# it, the processes cost more than the overlap saves.
OVERLAP_MIN_BYTES = 200_000


def _overlap_pays(paths: Sequence[str]) -> bool:
    """Decided from the files' sizes, before they are read, so the reference side starts at once
    (standard input, whose size is unknown, is never overlapped)."""
    from .processes import can_fork

    if "-" in paths or not can_fork():
        return False
    try:
        return sum(os.path.getsize(path) for path in paths) >= OVERLAP_MIN_BYTES
    except OSError:
        return False  # loading the drafts reports the problem


def _overlapped(paths: Sequence[str], config: Config,
                changed: Mapping[str, set[int] | None] | None, warnings: list[str],
                progress: Progress | None) -> tuple[list[Document], list[Claim]]:
    """Both sides at once (see `check.judges`): the reference side starts before the drafts
    are read. An error on either side is raised here as it is."""
    from .check.judges import ProcessJudge

    with ProcessJudge.of(References(config), config) as judge:
        docs = load_documents(paths, config, progress)
        claims = split_documents(docs, progress)
        if changed is not None:
            claims = keep_changed(docs, claims, changed)
        _judge_draft(judge, docs, claims, config, progress)
    warnings.extend(judge.warnings)
    return docs, claims


def _judge_draft(judge: Judge, docs: Sequence[Document], claims: list[Claim], config: Config,
                 progress: Progress | None) -> None:
    """Checkable claims are judged while the rules run here; flagged claims that are not
    checkable follow, since a reference that backs the sentence clears its flags."""
    from .check import mark_unchecked
    from .processes import collector_frozen

    judge.submit([c for c in claims if c.checkable])
    # The claims live until the report is written (frozen: 0.6 s of a 1 MB draft's run)
    with collector_frozen():
        flag_claims(docs, claims, config, progress)
        mark_unchecked(claims)
        judge.submit([c for c in claims if not c.checkable and c.flags])
        judge.finish(progress)


class References:
    """Prepares the references of `config` (a `check.judges.Prepare`); a class, not a closure,
    so that a process started afresh can be sent it."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, warnings: list[str]) -> SearchIndex:
        return prepare_references(self.config, warnings)
