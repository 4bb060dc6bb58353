"""Baseline fingerprints and files, on hand-made reports (CLI round trip is in test_cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report.sample import make_report  # tests/ is on sys.path (rootdir-relative imports)

from claimcheck.baseline import (
    apply_baseline,
    build_baseline,
    dump_baseline,
    fingerprint,
    load_baseline,
)
from claimcheck.errors import UserError
from claimcheck.models import Report


def test_fingerprint_ignores_case_and_whitespace_not_words() -> None:
    a = fingerprint("CC101", "All  experts\nagree.", "All")
    assert a == fingerprint("CC101", "all experts agree.", "ALL")
    assert a != fingerprint("CC101", "All experts agree!", "All")
    assert a != fingerprint("CC102", "All experts agree.", "All")
    assert len(a) == 32


def test_build_records_live_findings_only() -> None:
    data = build_baseline(make_report())
    assert data["baseline_version"] == 1
    rules = sorted(f["rule"] for f in data["findings"])
    assert rules == ["CC101", "CC701", "verdict/contradicted", "verdict/no_evidence"]
    assert all(f["count"] == 1 for f in data["findings"])


def _moved(report: Report, lines: int) -> Report:
    """The same report with every claim and flag `lines` lines further down."""
    moved = report.model_copy(deep=True)
    for claim in moved.claims:
        claim.line += lines
        claim.start += 100
        for flag in claim.flags:
            flag.line += lines
            flag.start += 100
    return moved


def test_round_trip_survives_line_moves(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(dump_baseline(build_baseline(make_report())), encoding="utf-8")
    report = _moved(make_report(), 7)
    marked = apply_baseline(report.claims, load_baseline(path))
    assert marked == 4
    live = [f for c in report.claims for f in c.flags if not f.suppressed_by]
    assert live == []
    assert [c.verdict.suppressed_by for c in report.claims if c.verdict] == [
        "baseline", None, "baseline"]  # "supported" is not a finding


def test_an_edited_claim_is_a_new_finding(tmp_path: Path) -> None:
    accepted = load_baseline(_write(tmp_path, build_baseline(make_report())))
    report = make_report()
    report.claims[0].text = "All experts now agree the tax works."
    apply_baseline(report.claims, accepted)
    assert report.claims[0].flags[1].suppressed_by is None
    assert report.claims[2].flags[0].suppressed_by == "baseline"


def test_counts_limit_duplicates(tmp_path: Path) -> None:
    report = make_report()
    accepted = load_baseline(_write(tmp_path, build_baseline(report)))
    doubled = make_report()
    doubled.claims.append(doubled.claims[0].model_copy(deep=True))
    doubled.claims[-1].flags[0].suppressed_by = None
    apply_baseline(doubled.claims, accepted)
    cc101 = [f.suppressed_by for c in doubled.claims for f in c.flags if f.rule == "CC101"]
    assert cc101 == ["baseline", None]


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("content", "message"), [
    ("{", "not valid JSON"),
    ('{"findings": []}', "not a claimcheck baseline"),
    ('{"baseline_version": 1, "findings": [{"count": 1}]}', "finding 1 has no fingerprint"),
    ('{"baseline_version": 1, "findings": [{"fingerprint": "x", "count": 0}]}', "bad count"),
])
def test_malformed_files_are_user_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_baseline(path)


def test_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="claimcheck baseline"):
        load_baseline(tmp_path / "none.json")
