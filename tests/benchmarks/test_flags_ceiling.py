"""The ceiling script's arithmetic and its guard against an audit of other sentences: the figure
it prints is quoted as the reason issue 3's target cannot be met, so both must hold."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .scripts import load

ceiling = load("flags_ceiling")


def test_best_case_counts_audited_rows_as_errors_and_nothing_else() -> None:
    s = ceiling.best_case(positives=61, outside=9, must_flag=18)
    assert (s.tp, s.fp, s.fn) == (52, 18, 9)
    assert round(s.precision, 3) == 0.743 and round(s.recall, 3) == 0.852
    assert round(s.f1, 3) == 0.794


def test_best_case_with_nothing_audited_is_perfect() -> None:
    assert ceiling.best_case(positives=10, outside=0, must_flag=0).f1 == 1.0


def _audit(tmp_path: Path, rows: list[tuple[int, str, str, str]]) -> Path:
    path = tmp_path / "audit.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["line", "sha1", "label", "judgement", "second_reading", "reason"])
        for line, digest, label, judgement in rows:
            writer.writerow([line, digest, label, judgement, "none", "why"])
    return path


ROWS = [ceiling.Row("All swans are white.", False), ceiling.Row("I met two rude Finns.", True)]


def test_audit_that_matches_the_rows_is_read(tmp_path: Path) -> None:
    path = _audit(tmp_path, [(1, ceiling.text_hash(ROWS[0].text), "false", "must-flag"),
                             (2, ceiling.text_hash(ROWS[1].text), "true", "outside")])
    assert [(a.line, a.judgement) for a in ceiling.read_audit(ROWS, path)] == [
        (1, "must-flag"), (2, "outside")]


@pytest.mark.parametrize("row", [
    (1, "000000000000", "false", "must-flag"),  # the text changed
    (1, "", "true", "must-flag"),  # the label changed (hash filled in below)
    (3, "", "false", "must-flag"),  # no such row
    (1, "", "false", "maybe"),  # unknown judgement
])
def test_audit_that_no_longer_matches_stops_the_script(
        tmp_path: Path, row: tuple[int, str, str, str]) -> None:
    line, digest, label, judgement = row
    if not digest and line <= len(ROWS):
        digest = ceiling.text_hash(ROWS[line - 1].text)
    with pytest.raises(SystemExit):
        ceiling.read_audit(ROWS, _audit(tmp_path, [(line, digest, label, judgement)]))


def test_shipped_audit_is_well_formed() -> None:
    with ceiling.AUDIT.open(encoding="utf-8", newline="") as fh:
        recs = list(csv.DictReader(fh))
    assert recs and len({r["line"] for r in recs}) == len(recs)
    for rec in recs:
        assert rec["judgement"] in ceiling.JUDGEMENTS and rec["reason"]
        assert rec["second_reading"] in ("must", "should", "none")
        # Outside rows are positives the rules have nothing to find in; the others negatives.
        assert (rec["label"] == "true") == (rec["judgement"] == "outside")
        assert len(rec["sha1"]) == 12
