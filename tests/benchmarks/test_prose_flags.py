"""The prose benchmark's pieces: its interval, its reading of the data and the audit, and that
it counts the flags the real pipeline raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .scripts import load

prose = load("prose_flags")


def test_wilson_interval_holds_the_proportion_and_narrows_with_n() -> None:
    lo, hi = prose.wilson(27, 50)
    assert lo < 27 / 50 < hi
    assert (round(lo, 2), round(hi, 2)) == (0.40, 0.67)
    lo_big, hi_big = prose.wilson(270, 500)
    assert hi_big - lo_big < hi - lo
    assert prose.wilson(0, 0) == (0.0, 0.0)


def test_evidence_sentences_are_distinct_and_in_file_order(tmp_path: Path) -> None:
    data = tmp_path / "cf.jsonl"
    rows = [{"claim": "c1", "evidences": [{"evidence": "B is big."}, {"evidence": "A is."}]},
            {"claim": "c2", "evidences": [{"evidence": "A is."}, {"evidence": "C."}]}]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert prose.evidence_sentences(data) == ["B is big.", "A is.", "C."]


def test_flags_of_uses_the_real_rules() -> None:
    assert prose.flags_of("Several studies have shown that the method is biased.") == [
        ("CC301", "studies have shown")]
    assert prose.flags_of("The bridge opened on 4 May 2021.") == []


def test_audit_judgements_are_yes_or_no(tmp_path: Path) -> None:
    bad = tmp_path / "audit.csv"
    bad.write_text("sha1,rule,cue,judgement,reason\nabc,CC101,all,maybe,why\n",
                   encoding="utf-8")
    with pytest.raises(SystemExit):
        prose.read_audit(bad)
    shipped = prose.read_audit()
    assert len(shipped) == 50 and len({(r["sha1"], r["rule"], r["cue"]) for r in shipped}) == 50
