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


def test_claims_are_emitted_file_by_file_in_report_order(folder: Path) -> None:
    calls: list[list[Claim]] = []
    stages: set[str] = set()
    report = run(list(DRAFTS), _config(folder), emit=calls.append,
                 progress=lambda stage, done, total: stages.add(stage))
    assert [{c.file for c in chunk} for chunk in calls] == [{"a.md"}, {"b.txt"}, {"c.md"}]
    assert [c.id for chunk in calls for c in chunk] == [c.id for c in report.claims]
    assert all(c.verdict is not None for chunk in calls for c in chunk)  # final when emitted
    assert stages >= {"read", "split", "rules", "check"}


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
