"""JUnit XML for CI test dashboards: one testsuite per file, one testcase per claim.

A claim with a failing finding (per fail_on) gets one `<failure>` listing them; other live
findings go to its `<system-out>`. Built with xml.etree so escaping is right; characters XML 1.0
cannot carry at all (most control characters) are stripped beforehand.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..models import Report, by_file
from .findings import Finding, clean, collect, review_text, shorten


def _text(text: str) -> str:
    return clean(text, one_line=False)


def _describe(f: Finding) -> str:
    return f"{f.line}:{f.column} {f.rule} {f.name} ({f.severity}): {f.message}"


def render_junit(report: Report, fail_on: Sequence[str]) -> str:
    findings = collect(report, fail_on)
    by_claim: dict[str, list[Finding]] = {}
    for f in findings:
        by_claim.setdefault(f.claim.id, []).append(f)
    root = ET.Element("testsuites", name="claimcheck")
    total_tests = total_failures = 0
    grouped = by_file(report.claims)
    for path in report.files:
        claims = grouped.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=_text(path))
        failures = 0
        for claim in claims:
            case = ET.SubElement(suite, "testcase", classname=_text(path),
                                 name=_text(f"{claim.id} {claim.line}:{claim.column} "
                                            f"{shorten(claim.text, 80)}"))
            mine = by_claim.get(claim.id, [])
            failing = [f for f in mine if f.failing]
            if failing:
                failures += 1
                first = failing[0]
                failure = ET.SubElement(case, "failure", type=first.rule,
                                        message=_text(shorten(first.message, 200)))
                failure.text = _text("\n".join(_describe(f) for f in failing))
            others = [_describe(f) for f in mine if not f.failing]
            if claim.review and not mine:
                others.append(f"review: {review_text(claim)}")
            if others:
                ET.SubElement(case, "system-out").text = _text("\n".join(others))
        suite.set("tests", str(len(claims)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += len(claims)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
