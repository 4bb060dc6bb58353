"""JUnit XML for CI test dashboards: one testsuite per file, one testcase per finding.

Test names must stay the same from one run to the next, or a dashboard sees every edit as tests
deleted and added. So a finding's testcase is named by its rule and its content fingerprint (the
one the baseline uses: rule, claim text and cue, not the line or column), and a claim with no
finding is a passing testcase named by its own fingerprint. A finding that fails the run (per
fail_on) has a `<failure>`; the others pass with their description in `<system-out>`. The run's
warnings go to a last testsuite, `claimcheck`, in `<system-err>`.

Built with xml.etree so escaping is right; characters XML 1.0 cannot carry at all (most control
characters) are stripped beforehand.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..baseline import fingerprint
from ..config import FailOn
from ..models import Claim, Report, by_file
from .findings import Finding, clean, collect, review_text, shorten

_DIGITS = 12


def _text(text: str) -> str:
    return clean(text, one_line=False)


def _describe(f: Finding) -> str:
    return (f"{f.file}:{f.line}:{f.column} {f.rule} {f.name} ({f.severity}): {f.message}\n"
            f"claim: {' '.join(f.claim.text.split())}")


def _unique(name: str, seen: dict[str, int]) -> str:
    """Identical findings (the same sentence twice) get '#2', '#3' in report order."""
    seen[name] = seen.get(name, 0) + 1
    return name if seen[name] == 1 else f"{name} #{seen[name]}"


def _claim_case(suite: ET.Element, path: str, claim: Claim, seen: dict[str, int]) -> None:
    name = _unique(f"claim {fingerprint('claim', claim.text, '')[:_DIGITS]}", seen)
    case = ET.SubElement(suite, "testcase", classname=_text(path), name=name)
    out = f"{path}:{claim.line}:{claim.column} {shorten(claim.text, 200)}"
    if claim.review:
        out += f"\nreview: {review_text(claim)}"
    ET.SubElement(case, "system-out").text = _text(out)


def _finding_case(suite: ET.Element, path: str, f: Finding, seen: dict[str, int]) -> bool:
    name = _unique(f"{f.rule} {f.name} {f.fingerprint[:_DIGITS]}", seen)
    case = ET.SubElement(suite, "testcase", classname=_text(path), name=_text(name))
    if f.failing:
        failure = ET.SubElement(case, "failure", type=f.rule,
                                message=_text(shorten(f.message, 200)))
        failure.text = _text(_describe(f))
    else:
        ET.SubElement(case, "system-out").text = _text(_describe(f))
    return f.failing


def render_junit(report: Report, fail_on: FailOn) -> str:
    by_claim: dict[str, list[Finding]] = {}
    for f in collect(report, fail_on):
        by_claim.setdefault(f.claim.id, []).append(f)
    root = ET.Element("testsuites", name="claimcheck")
    total_tests = total_failures = 0
    grouped = by_file(report.claims)
    for path in report.files:
        suite = ET.SubElement(root, "testsuite", name=_text(path))
        tests = failures = 0
        seen: dict[str, int] = {}
        for claim in grouped.get(path, []):
            mine = by_claim.get(claim.id, [])
            if not mine:
                _claim_case(suite, path, claim, seen)
                tests += 1
            for f in mine:
                failures += _finding_case(suite, path, f, seen)
                tests += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += tests
        total_failures += failures
    if report.warnings:
        suite = ET.SubElement(root, "testsuite", name="claimcheck", tests="0", failures="0",
                              errors="0", skipped="0")
        ET.SubElement(suite, "system-err").text = _text(
            "\n".join(f"warning: {w}" for w in report.warnings))
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
