"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Results are live flags and verdict findings (`verdict/<label>` pseudo-rules). Columns are counted
in Unicode code points, as our offsets are, and the run says so (`columnKind`); end columns are
exclusive, as SARIF defines them. Every rule that appears gets full metadata in `tool.driver.rules`,
taken from the rule registry when the rule is known to it. The run's warnings are tool execution
notifications of its invocation. `informationUri` and each rule's `helpUri` (its page under
docs/rules/) are given only when the installed copy has a web home: a repository it declares, or
the git repository pip installed it from, at that commit (`distribution.home`); every rule's
documentation is in its `help` either way.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__, verdicts
from ..config import FailOn
from ..distribution import repository, rule_doc_url
from ..models import Report
from .findings import Finding, collect, relative_uri, with_hint

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "claimcheck/v1"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}



def _registry() -> dict[str, Any]:
    from ..rules import RULES

    return {r.id: r for r in RULES}


def _rule_metadata(finding: Finding, registry: dict[str, Any]) -> dict[str, Any]:
    known = registry.get(finding.rule)
    markdown: str | None = None
    row = verdicts.kind(finding.name) if finding.is_verdict else None
    if row is not None:
        short, full, help_text = row.title, row.meaning, row.fix
        level, tags = finding.severity, ["verdict"]
    elif known is not None:
        short = known.summary or known.message.format(cue="…")
        full = known.description or short
        help_text, level, tags = known.hint, known.severity, [known.family]
        markdown = _help_markdown(known.hint, known.flagged, known.not_flagged)
    else:
        short, full = finding.message, finding.message
        help_text, level, tags = finding.hint, finding.severity, [finding.family]
    help_entry = {"text": help_text or short}
    if markdown:
        help_entry["markdown"] = markdown
    link = rule_doc_url(finding.rule) if known is not None or finding.is_verdict else None
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": help_entry,
        **({"helpUri": link} if link else {}),  # without a declared repository: `help` only
        "defaultConfiguration": {"level": LEVEL[level]},
        "properties": {"tags": tags},
    }


def _help_markdown(hint: str, flagged: list[str], not_flagged: list[str]) -> str:
    parts = [hint]
    if flagged:
        parts.append("Flagged:\n" + "\n".join(f"- {x}" for x in flagged))
    if not_flagged:
        parts.append("Not flagged:\n" + "\n".join(f"- {x}" for x in not_flagged))
    return "\n\n".join(parts)


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    message = with_hint(finding)
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": relative_uri(finding.file)},
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                },
            },
        }],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"claim": finding.claim.id, "failing": finding.failing,
                       **({"review": finding.claim.review.model_dump()}
                          if finding.claim.review else {})},
    }


def build_sarif(report: Report, fail_on: FailOn) -> dict[str, Any]:
    findings = collect(report, fail_on)
    registry = _registry()
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for finding in findings:
        if finding.rule not in index:
            index[finding.rule] = len(rules)
            rules.append(_rule_metadata(finding, registry))
    version = report.version or __version__
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimcheck",
                "version": version,
                "semanticVersion": version,
                **({"informationUri": home} if (home := repository()) else {}),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "warning", "message": {"text": warning}}
                    for warning in report.warnings
                ],
            }],
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index[f.rule]) for f in findings],
        }],
    }


def render_sarif(report: Report, fail_on: FailOn) -> str:
    return json.dumps(build_sarif(report, fail_on), indent=2, ensure_ascii=False) + "\n"
