"""pipeline.run: the draft side and the reference side give the same report whether they are
prepared one after the other or at once in two processes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from claimcheck import pipeline
from claimcheck.config import Config
from claimcheck.errors import UserError

ROOT = Path(__file__).resolve().parent.parent
DRAFT = str(ROOT / "fixtures" / "drafts" / "news.txt")
REFS = str(ROOT / "fixtures" / "refs" / "news")

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the overlap needs the fork start method")


def _report_json(monkeypatch: pytest.MonkeyPatch, overlap: bool, cache: Path) -> str:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(cache))
    monkeypatch.setattr(pipeline, "OVERLAP_MIN_BYTES", 0 if overlap else 10**12)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    report = pipeline.run([DRAFT], Config.model_validate({"refs": [REFS]}))
    return report.model_dump_json()


@needs_fork
def test_overlap_gives_the_sequential_report(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    sequential = _report_json(monkeypatch, overlap=False, cache=tmp_path / "a")
    overlapped = _report_json(monkeypatch, overlap=True, cache=tmp_path / "b")
    assert overlapped == sequential
    assert '"contradicted"' in sequential  # the fixture really was checked


def test_overlap_only_for_large_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimcheck.processes.cores", lambda: 2)
    assert not pipeline._overlap_pays([DRAFT])  # a 2 KB draft: the fork would cost more
    monkeypatch.setattr(pipeline, "OVERLAP_MIN_BYTES", 1)
    assert pipeline._overlap_pays([DRAFT]) == ("fork" in multiprocessing.get_all_start_methods())
    # standard input's size is unknown, and a missing file is the loader's to report
    assert not pipeline._overlap_pays([DRAFT, "-"])
    assert not pipeline._overlap_pays([DRAFT, str(ROOT / "no-such-draft.md")])
    monkeypatch.setattr("claimcheck.processes.cores", lambda: 1)
    assert not pipeline._overlap_pays([DRAFT])


@needs_fork
def test_overlap_reports_a_bad_draft_and_stops_the_reference_side(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    binary = tmp_path / "draft.md"
    binary.write_bytes(b"\x00\x01 not text" * 100)
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pipeline, "OVERLAP_MIN_BYTES", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    earlier = set(multiprocessing.active_children())  # an earlier run's child may be exiting
    with pytest.raises(UserError):
        pipeline.run([str(binary)], Config.model_validate({"refs": [REFS]}))
    assert not set(multiprocessing.active_children()) - earlier


@needs_fork
def test_overlap_reports_a_bad_reference_file(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{not json\n', encoding="utf-8")
    monkeypatch.setattr(pipeline, "OVERLAP_MIN_BYTES", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    with pytest.raises(UserError, match=r"bad\.jsonl:2: invalid JSON"):
        pipeline.run([DRAFT], Config.model_validate({"refs": [str(bad)]}))


@needs_fork
def test_overlap_reports_an_error_of_the_draft_side(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    def broken(*args: object) -> None:
        raise UserError("draft side failed")

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(pipeline, "OVERLAP_MIN_BYTES", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr(pipeline, "flag_claims", broken)  # inherited by the forked worker
    with pytest.raises(UserError, match="draft side failed"):
        pipeline.run([DRAFT], Config.model_validate({"refs": [REFS]}))
