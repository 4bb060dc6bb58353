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


def test_the_issue_14_audit_holds_readings_and_no_corpus_text(tmp_path: Path) -> None:
    rows = prose.read_audit_14()
    assert sum(r["outcome"] == "flagged" for r in rows) >= 100
    assert {r["first"] for r in rows} <= {"yes", "no"}
    assert all(len(r["sha1"]) == 12 and len(r["words"].split()) <= 12 for r in rows)
    bad = tmp_path / "audit.csv"
    bad.write_text("id,sha1,corpus,file,line,rule,outcome,words,first,first_reason,blind,"
                   "blind_reason\nr1,abc,c,f,1,CC101,flagged,all,maybe,,,\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        prose.read_audit_14(bad)


def test_corpus_files_are_a_seeded_sample_and_toml_front_matter_is_blanked(
        tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"p{i}.md").write_text(f'+++\ntitle = "All {i}"\n+++\n\nEveryone agrees.\n',
                                           encoding="utf-8")
    first = prose.corpus_files(tmp_path, 3, seed=1)
    assert first == prose.corpus_files(tmp_path, 3, seed=1) and len(first) == 3
    doc = prose.corpus_document(first[0])
    assert "title" not in doc.masked and len(doc.text) == len(doc.masked)
