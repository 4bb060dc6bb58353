"""Line formats are printed file by file as the run settles each file, and say exactly what
rendering the finished report says; every stage reports progress."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimcheck.baseline import build_baseline, dump_baseline
from claimcheck.cli import main
from claimcheck.config import Config
from claimcheck.models import Claim
from claimcheck.pipeline import expand_drafts, run
from claimcheck.report import render
from claimcheck.report.stream import LineWriter

DRAFTS = {
    "a.md": "All experts agree that the council met on Tuesday.\n\nMany people say so.\n",
    "b.txt": "Everyone knows the bridge is unsafe. # claimcheck: ignore CC101\n"
             "The council met on Wednesday.\n",
    "c.md": "All experts agree that the council met on Tuesday.\n\nThe best plan ever.\n",
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in DRAFTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "refs.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _config(folder: Path, **extra: object) -> Config:
    return Config.model_validate({"refs": ["refs.txt"], **extra})


def test_claims_are_emitted_in_report_order_each_batch_within_a_file(folder: Path) -> None:
    calls: list[list[Claim]] = []
    stages: set[str] = set()
    report = run(list(DRAFTS), _config(folder), emit=calls.append,
                 progress=lambda stage, done, total: stages.add(stage))
    assert all(len({c.file for c in chunk}) == 1 for chunk in calls)
    files = [chunk[0].file for chunk in calls]
    assert list(dict.fromkeys(files)) == ["a.md", "b.txt", "c.md"] and files == sorted(files)
    assert [c.id for chunk in calls for c in chunk] == [c.id for c in report.claims]
    assert all(c.verdict is not None for chunk in calls for c in chunk)  # final when emitted
    assert stages >= {"read", "split", "rules", "check"}


def test_with_a_ledger_claims_are_emitted_file_by_file(folder: Path) -> None:
    from claimcheck.ledger import LedgerRecord, append_record

    append_record(folder / "ledger.jsonl", LedgerRecord(
        fingerprint="f" * 32, file="a.md", line=1, handle="ffffffff", claim="x",
        decision="note", note="seen", reviewer="r", at="2026-12-04T10:00:00Z"))
    calls: list[list[Claim]] = []
    run(list(DRAFTS), _config(folder, ledger="ledger.jsonl"), emit=calls.append)
    assert [{c.file for c in chunk} for chunk in calls] == [{"a.md"}, {"b.txt"}, {"c.md"}]


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_streamed_output_is_the_rendered_report(folder: Path, fmt: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # a baseline that accepts one of the two identical CC101 findings: counts are consumed
    # across files exactly as in one pass
    config = _config(folder)
    whole = run(expand_drafts(list(DRAFTS), config), config)
    data = build_baseline(whole)
    data["findings"] = [f for f in data["findings"] if f["rule"] == "CC101"][:1]
    assert data["findings"][0]["count"] == 2  # a.md and c.md say the same
    data["findings"][0]["count"] = 1
    (folder / "base.json").write_text(dump_baseline(data), encoding="utf-8")
    config = _config(folder, baseline="base.json")
    expected = render(run(list(DRAFTS), config), fmt, color=False, fail_on=config.fail_on)
    code = main(["check", *DRAFTS, "--refs", "refs.txt", "--baseline", "base.json",
                 "--format", fmt, "--color", "never"])
    assert code == 1
    assert capsys.readouterr().out == expected
    cc101 = [line for line in expected.splitlines() if "CC101" in line]
    assert len(cc101) == 1 and "c.md" in cc101[0]  # a.md's copy was the accepted one


def test_a_writer_flushes_as_it_goes(folder: Path) -> None:
    out = io.StringIO()
    writer = LineWriter("text", ["error"], out=out)
    sizes: list[int] = []

    def emit(claims: list[Claim]) -> None:
        writer.claims(claims)
        sizes.append(len(out.getvalue()))

    report = run(list(DRAFTS), _config(folder), emit=emit)
    assert sizes[0] > 0 and sizes == sorted(sizes)  # a.md's lines were out before b.txt ran
    writer.close(report)
    assert out.getvalue().splitlines()[-1].startswith("Found ")


def test_without_references_a_finding_is_emitted_as_soon_as_its_claim_is_flagged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No references, no ledger: claims go out in batches that end with each flagged claim,
    before the claims after it are flagged (so the first finding prints early)."""
    text = ("All experts agree the bridge opened in 1998.\n\n"
            + "".join(f"The council met on day {n}.\n\n" for n in range(1, 9))
            + "Everyone knows the plan failed.\n")
    (tmp_path / "d.md").write_text(text, encoding="utf-8")
    seen: list[tuple[list[str], bool]] = []  # (ids of the batch, was the last claim flagged)
    last: list[Claim] = []

    def emit(claims: list[Claim]) -> None:
        seen.append(([c.id for c in claims], bool(last and last[0].flags)))

    import claimcheck.pipeline as pipeline

    real = pipeline.split_documents

    def split(*args: object, **kwargs: object) -> list[Claim]:
        claims = real(*args, **kwargs)  # type: ignore[arg-type]
        last.append(claims[-1])
        return claims

    monkeypatch.setattr(pipeline, "split_documents", split)
    report = run([str(tmp_path / "d.md")], Config(), emit=emit)
    ids = [c.id for c in report.claims]
    assert [i for batch, _ in seen for i in batch] == ids  # each claim once, in report order
    assert report.claims[0].flags and report.claims[-1].flags
    assert seen[0][0] == ids[:1] and not seen[0][1]  # out before the last claim was flagged
    assert len(seen) == 2 and seen[-1][1]


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_streamed_output_without_references_is_the_rendered_report(
        folder: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Claim by claim: inline directives (b.txt) and a baseline whose counts are consumed
    across batches and files give what rendering the finished report gives."""
    config = Config()
    whole = run(expand_drafts(list(DRAFTS), config), config)
    data = build_baseline(whole)
    data["findings"] = [f for f in data["findings"] if f["rule"] == "CC101"][:1]
    data["findings"][0]["count"] = 1
    (folder / "base.json").write_text(dump_baseline(data), encoding="utf-8")
    config = Config(baseline="base.json")
    expected = render(run(list(DRAFTS), config), fmt, color=False, fail_on=config.fail_on)
    main(["check", *DRAFTS, "--baseline", "base.json", "--format", fmt, "--color", "never"])
    assert capsys.readouterr().out == expected
    assert sum("CC101" in line for line in expected.splitlines()) == 1


# Checkable claims that each get a verdict, a repeated one among them (judged once, copied).
CHECKED = ("The council met on Tuesday.\n\n"
           + "".join(f"The council approved {n} new bridges in 2019.\n\n" for n in range(2, 12))
           + "The council met on Tuesday.\n")


def test_with_references_verdicts_are_emitted_batch_by_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With references and no ledger, claims are judged and emitted in batches of 1, 2, 4 ...
    claims to judge: the first claim's verdict goes out before the second is judged."""
    (tmp_path / "d.md").write_text(CHECKED, encoding="utf-8")
    (tmp_path / "refs.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    import claimcheck.check as check

    judged: list[int] = []
    real = check.judge_many

    def judge_many(asked: list[object], *args: object, **kwargs: object) -> object:
        judged.append(len(asked))
        return real(asked, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "judge_many", judge_many)
    batches: list[tuple[int, int]] = []  # (claims emitted, claims judged before the emit)
    report = run(["d.md"], Config(refs=["refs.txt"]), emit=lambda claims: batches.append(
        (len(claims), sum(judged))))
    assert len(report.claims) == 12 and all(c.verdict for c in report.claims)
    assert [n for n, _ in batches] == [1, 2, 4, 5]
    assert [j for _, j in batches] == [1, 3, 7, 11]  # the last claim repeats the first
    assert report.claims[-1].verdict == report.claims[0].verdict
    assert report.claims[-1].verdict is not report.claims[0].verdict


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_streamed_output_with_references_is_the_rendered_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Batch by batch with references: a repeat in a later batch gets the first claim's
    verdict as judged, not as the first's inline directive left it; a baseline's counts are
    consumed across batches as in one pass."""
    (tmp_path / "d.md").write_text(CHECKED.replace(
        "Tuesday.\n\n", "Tuesday. <!-- claimcheck: ignore verdict/supported -->\n\n", 1),
        encoding="utf-8")
    (tmp_path / "e.md").write_text(CHECKED, encoding="utf-8")
    (tmp_path / "refs.txt").write_text("The council met on Tuesday.\n"
                                       "The council approved 3 new bridges in 2019.\n",
                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = Config(refs=["refs.txt"], rules={"verdict/supported": "info"},
                    fail_on=["error", "warning", "info"])
    whole = run(["d.md", "e.md"], config)
    data = build_baseline(whole, config.fail_policy.finding_labels)
    data["findings"] = data["findings"][:2]
    (tmp_path / "base.json").write_text(dump_baseline(data), encoding="utf-8")
    config = config.model_copy(update={"baseline": "base.json"})
    expected = render(run(["d.md", "e.md"], config), fmt, color=False, fail_on=config.fail_on)
    assert "verdict/supported" in expected or fmt == "github"
    (tmp_path / ".claimcheck.toml").write_text('[rules]\n"verdict/supported" = "info"\n',
                                              encoding="utf-8")
    main(["check", "d.md", "e.md", "--refs", "refs.txt", "--baseline", "base.json",
          "--fail-on", "error,warning,info", "--format", fmt, "--color", "never"])
    assert capsys.readouterr().out == expected
