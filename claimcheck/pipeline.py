"""Wire the stages top to bottom: document -> split -> rules -> references -> check -> Report.

Nothing here renders output; the CLI hands the Report to a reporter. Heavy stages are imported
inside functions so that `claimcheck --help` stays fast.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from . import __version__
from .config import Config
from .models import SEVERITY_RANK, Claim, Document, Report, Summary

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def load_documents(paths: Sequence[str], config: Config) -> list[Document]:
    from .document import load_document

    force = {"auto": None, "always": True, "never": False}[config.markdown]
    return [load_document(path, markdown=force) for path in paths]


def split_documents(docs: Sequence[Document]) -> list[Claim]:
    from .split import split_document

    claims: list[Claim] = []
    for doc in docs:
        claims.extend(split_document(doc))
    for number, claim in enumerate(claims, start=1):
        claim.id = f"C{number}"
    return claims


def flag_claims(docs: Sequence[Document], claims: list[Claim], config: Config) -> None:
    from .rules import find_flags
    from .suppress import apply_suppressions

    by_path = {doc.path: doc for doc in docs}
    for claim in claims:
        claim.flags = find_flags(claim, by_path[claim.file], config.rules)
    for doc in docs:
        apply_suppressions(doc, [c for c in claims if c.file == doc.path])


def check_claims(
    claims: list[Claim], config: Config, warnings: list[str], progress: Progress | None = None
) -> None:
    from .check import check_all
    from .references import build_index, load_references

    snippets = load_references(config.refs, config, warnings)
    index = build_index(snippets)
    check_all(claims, index, config, progress=progress)


def summarize(report: Report, config: Config) -> Summary:
    live = [f for c in report.claims for f in c.flags if not f.suppressed_by]
    verdicts = Counter(c.verdict.label for c in report.claims if c.verdict)
    return Summary(
        files=len(report.files),
        claims=len(report.claims),
        checkable=sum(c.checkable for c in report.claims),
        verdicts=dict(sorted(verdicts.items())),
        flags=dict(sorted(Counter(f.severity for f in live).items())),
        failed=is_failing(report, config.fail_on),
    )


def is_failing(report: Report, fail_on: Sequence[str]) -> bool:
    """True when a live finding is at or above a fail level: a severity or a verdict label."""
    levels = [SEVERITY_RANK[x] for x in fail_on if x in SEVERITY_RANK]
    floor = min(levels) if levels else None
    labels = {x for x in fail_on if x not in SEVERITY_RANK}
    for claim in report.claims:
        if claim.verdict and claim.verdict.label in labels:
            return True
        for flag in claim.flags:
            if flag.suppressed_by or flag.supported or floor is None:
                continue
            if SEVERITY_RANK[flag.severity] >= floor:
                return True
    return False


def run(paths: Sequence[str], config: Config, progress: Progress | None = None) -> Report:
    docs = load_documents(paths, config)
    claims = split_documents(docs)
    flag_claims(docs, claims, config)
    warnings: list[str] = []
    if config.refs:
        check_claims(claims, config, warnings, progress)
    report = Report(version=__version__, files=[d.path for d in docs], claims=claims,
                    warnings=warnings)
    report.summary = summarize(report, config)
    return report
