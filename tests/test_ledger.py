"""The decision ledger: its file format, its reader's errors, and what decisions do to a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import Run, run_cli

from claimcheck.config import Config
from claimcheck.errors import UserError
from claimcheck.handles import assign_handles, find_claim
from claimcheck.ledger import DECISIONS, LedgerRecord, append_record, read_ledger
from claimcheck.pipeline import run
from claimcheck.review.session import ReviewSession

DRAFT = ("# Port\n\nThe port handled 1.2 million containers in 2023.\n\n"
         "All experts agree the strike will end soon.\n\n"
         "The union met on Monday.\n")
REFS = "The port handled 1.4 million containers in 2023.\nThe union met on Monday.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "refs.txt").write_text(REFS, encoding="utf-8")
    return tmp_path


def checked(project: Path, **config: object) -> list:  # type: ignore[type-arg]
    report = run(["draft.md"], Config(refs=["refs.txt"], **config))  # type: ignore[arg-type]
    return [report, {c.text: c for c in report.claims}]


def session_for(project: Path) -> tuple[ReviewSession, dict[str, int]]:
    report, _ = checked(project)
    session = ReviewSession(project / ".claimcheck" / "ledger.jsonl", reviewer="Ann Lee")
    session.attach(report.claims)
    return session, {c.text: i for i, c in enumerate(report.claims)}


PORT = "The port handled 1.2 million containers in 2023."
SWEEP = "All experts agree the strike will end soon."
MET = "The union met on Monday."


def test_records_are_one_line_each_in_a_stable_key_order(project: Path) -> None:
    session, at = session_for(project)
    session.decide(at[PORT], "wrong", note="it was 1.4 million")
    session.decide(at[MET], "accepted")
    lines = (project / ".claimcheck" / "ledger.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert list(first) == list(LedgerRecord.model_fields)
    assert first["decision"] == "wrong" and first["note"] == "it was 1.4 million"
    assert first["claim"] == PORT and first["file"] == "draft.md" and first["line"] == 3
    assert first["verdict"] == "contradicted" and first["reviewer"] == "Ann Lee"
    assert first["at"].endswith("Z") and len(first["fingerprint"]) == 32


def test_check_shows_decisions_and_follows_them_when_failing(project: Path) -> None:
    report, by_text = checked(project)
    assert report.summary.failed  # the contradicted figure
    session, at = session_for(project)
    session.decide(at[PORT], "accepted", note="the draft is right, the wire was corrected")
    report, by_text = checked(project)
    assert not report.summary.failed
    review = by_text[PORT].review
    assert review.decision == "accepted" and review.reviewer == "Ann Lee" and not review.stale
    assert review.note == "the draft is right, the wire was corrected"
    session.decide(at[MET], "wrong", note="it was Tuesday")
    report, by_text = checked(project)
    assert report.summary.failed and report.summary.reviews == {"accepted": 1, "wrong": 1}
    session.decide(at[MET], "undone")
    report, by_text = checked(project)
    assert not report.summary.failed and by_text[MET].review is None


def test_decisions_follow_moved_lines_and_go_stale_when_the_text_changes(project: Path) -> None:
    session, at = session_for(project)
    session.decide(at[MET], "wrong", note="it was Tuesday")
    draft = project / "draft.md"
    draft.write_text("Added first.\n\n" + DRAFT, encoding="utf-8")  # every line moves down
    report, by_text = checked(project)
    assert by_text[MET].review.decision == "wrong" and report.summary.failed
    draft.write_text(DRAFT.replace("met on Monday", "met on Tuesday"), encoding="utf-8")
    report, by_text = checked(project)
    stale = by_text["The union met on Tuesday."].review
    assert stale.decision == "wrong" and stale.stale and stale.note == "it was Tuesday"
    assert report.summary.reviews == {"stale": 1}
    port = by_text[PORT]
    assert port.verdict.label == "contradicted" and report.summary.failed  # still the figure


def test_suppressing_one_flag(project: Path) -> None:
    session, at = session_for(project)
    claim = session.claims[at[SWEEP]]
    rule = claim.flags[0].rule
    session.decide(at[SWEEP], "suppressed", note="the panel's own wording", rule=rule)
    report, by_text = checked(project)
    flags = by_text[SWEEP].flags
    assert [f.suppressed_by for f in flags if f.rule == rule] == ["ledger"]
    assert by_text[SWEEP].review.decision == "suppressed"
    assert by_text[SWEEP].review.note == f"{rule}: the panel's own wording"


def test_a_torn_last_line_is_skipped_with_a_warning_and_the_next_append_is_whole(
        project: Path) -> None:
    session, at = session_for(project)
    session.decide(at[MET], "accepted")
    path = project / ".claimcheck" / "ledger.jsonl"
    with path.open("ab") as fh:
        fh.write(b'{"ledger_version": 1, "fingerprint": "ab')  # a killed session
    warnings: list[str] = []
    assert len(read_ledger(path, warnings)) == 1
    assert len(warnings) == 1 and "skipped an incomplete record" in warnings[0]
    session.decide(at[PORT], "wrong")
    warnings = []
    records = read_ledger(path, warnings)  # the cut record is now a closed line in the middle
    assert [r.decision for r in records] == ["accepted", "wrong"]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:2: skipped")
    with path.open("ab") as fh:
        fh.write('{"claim": "é'.encode()[:-1])  # cut inside a UTF-8 character
    assert len(read_ledger(path, warnings := [])) == 2 and len(warnings) == 2


BAD_LINES = [
    (b"not json\n", "not valid JSON"),
    (b'{"ledger_version": 1,, "x": 1}\n', "not valid JSON"),
    (b"[1, 2]\n", "not a JSON object"),
    (b'{"ledger_version": 2}\n', "unsupported ledger_version 2"),
    (b'{"ledger_version": 1}\n', "'fingerprint': field required"),
    (b"\xff\xfe\n", "not UTF-8"),
    (b"[" * 100_000 + b"\n", "ledger line"),
]


@pytest.mark.parametrize(("raw", "needle"), BAD_LINES)
def test_malformed_lines_are_one_line_errors(tmp_path: Path, raw: bytes, needle: str) -> None:
    path = tmp_path / "ledger.jsonl"
    path.write_bytes(raw)
    with pytest.raises(UserError) as caught:
        read_ledger(path, [])
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}:1: ") and needle in message


def test_bad_values_name_the_key(tmp_path: Path) -> None:
    good = LedgerRecord(fingerprint="f" * 32, file="d.md", line=1, handle="ffffffff",
                        claim="x", decision="accepted", reviewer="r", at="2026-01-01T00:00:00Z")
    for key, value in (("decision", "maybe"), ("line", "3"), ("flags", "CC101"), ("extra", 1)):
        data = good.model_dump() | {key: value}
        path = tmp_path / "ledger.jsonl"
        path.write_text(json.dumps(data) + "\n", encoding="utf-8")
        with pytest.raises(UserError, match=f"'{key}'"):
            read_ledger(path, [])
    assert set(DECISIONS) == {"accepted", "wrong", "note", "suppressed", "undone"}


def test_a_folder_or_unwritable_ledger_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is a folder"):
        read_ledger(tmp_path, [])
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    record = LedgerRecord(fingerprint="f" * 32, file="d.md", line=1, handle="ffffffff",
                          claim="x", decision="accepted", reviewer="r", at="t")
    with pytest.raises(UserError, match="cannot write ledger"):
        append_record(blocked / "ledger.jsonl", record)


def test_handles_survive_edits_elsewhere_and_copies_are_numbered(project: Path) -> None:
    before, _ = checked(project)
    (project / "draft.md").write_text("New opening line.\n\n" + DRAFT + "\n" + MET + "\n",
                                      encoding="utf-8")
    after, _ = checked(project)
    old = {c.text: c.id for c in before.claims}
    new = {c.id: c.text for c in after.claims}
    assert all(new[handle] == text for text, handle in old.items())
    copies = [c.id for c in after.claims if c.text == MET]
    assert copies == [old[MET], old[MET] + "-2"]
    assert len({c.id for c in after.claims}) == len(after.claims)
    assert find_claim(after.claims, old[PORT][:5])[0].text == PORT
    assert find_claim(after.claims, "L5")[0].text == PORT


def test_handle_prefix_collisions_lengthen_both(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck.handles as handles

    prints = {"a": "1234567890" + "0" * 22, "b": "1234567899" + "0" * 22}
    monkeypatch.setattr(handles, "claim_fingerprint", lambda text: prints[text])
    class C:
        def __init__(self, text: str) -> None:
            self.text, self.id = text, ""

    claims = [C("a"), C("b"), C("a")]
    assign_handles(claims)  # type: ignore[arg-type]
    assert [c.id for c in claims] == ["1234567890", "1234567899", "1234567890-2"]


def _cli(cwd: Path, *args: str) -> Run:
    return run_cli(args, cwd)


def test_check_on_the_command_line_reads_the_ledger(project: Path) -> None:
    assert _cli(project, "check", "draft.md", "--refs", "refs.txt").returncode == 1
    session, at = session_for(project)
    session.decide(at[PORT], "accepted", note="checked with the port")
    table = _cli(project, "check", "draft.md", "--refs", "refs.txt", "--format", "table")
    assert table.returncode == 0, table.stderr
    assert "✎ ACCEPTED" in table.stdout and "accepted by Ann Lee on" in table.stdout
    report = json.loads(_cli(project, "check", "draft.md", "--refs", "refs.txt",
                             "--format", "json").stdout)
    reviews = {c["text"]: c["review"] for c in report["claims"]}
    assert reviews[MET] is None
    assert set(reviews[PORT]) == {"decision", "note", "reviewer", "at", "stale"}
    assert reviews[PORT]["decision"] == "accepted" and reviews[PORT]["stale"] is False
    gh = _cli(project, "check", "draft.md", "--refs", "refs.txt", "--format", "github").stdout
    assert "[review: accepted by Ann Lee" in gh
    moved = project / "elsewhere.jsonl"
    (project / ".claimcheck" / "ledger.jsonl").rename(moved)
    assert _cli(project, "check", "draft.md", "--refs", "refs.txt").returncode == 1
    assert _cli(project, "check", "draft.md", "--refs", "refs.txt", "--ledger",
                str(moved)).returncode == 0
    missing = _cli(project, "check", "draft.md", "--ledger", "nope.jsonl")
    assert missing.returncode == 2 and "nope.jsonl: ledger file not found" in missing.stderr
    (project / ".claimcheck.toml").write_text('ledger = "elsewhere.jsonl"\n', encoding="utf-8")
    assert _cli(project, "check", "draft.md", "--refs", "refs.txt").returncode == 0
    broken = project / "broken.jsonl"
    broken.write_text("{}\n", encoding="utf-8")
    bad = _cli(project, "check", "draft.md", "--ledger", "broken.jsonl")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_wrong_fails_every_format_until_the_text_changes(project: Path) -> None:
    session, at = session_for(project)
    session.decide(at[MET], "wrong", note="Tuesday")
    sarif = json.loads(_cli(project, "check", "draft.md", "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    wrong = [r for r in results if r["ruleId"] == "review/wrong"]
    assert len(wrong) == 1 and wrong[0]["properties"]["review"]["note"] == "Tuesday"
    assert _cli(project, "check", "draft.md").returncode == 1
    (project / "draft.md").write_text(DRAFT.replace("on Monday", "on Tuesday"), encoding="utf-8")
    after = _cli(project, "check", "draft.md", "--format", "markdown")
    assert after.returncode == 0 and "stale" in after.stdout


def test_show_prints_one_claim(project: Path) -> None:
    report, by_text = checked(project)
    handle = by_text[PORT].id
    shown = _cli(project, "show", "draft.md", handle[:5], "--refs", "refs.txt")
    assert shown.returncode == 0 and shown.stdout.startswith("draft.md:3:1")
    assert "CONTRADICTED" in shown.stdout and "1.2 million → 1.4 million" in shown.stdout
    missing = _cli(project, "show", "draft.md", "zzzz")
    assert missing.returncode == 2 and "no claim 'zzzz'" in missing.stderr


def test_a_session_resolves_each_drafts_path_once_not_once_per_claim(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Per claim, a 1 MB draft's 15,000 path resolutions held the review app for about a second
    # when its claims arrived; the keys are the same.
    from claimcheck import ledger

    report, _ = checked(project)
    expected = ledger.claim_keys(report.claims, project)
    resolved: list[str] = []
    original = ledger.draft_key
    monkeypatch.setattr(ledger, "draft_key",
                        lambda path, root: resolved.append(path) or original(path, root))
    session = ReviewSession(project / ".claimcheck" / "ledger.jsonl", reviewer="Ann Lee")
    session.attach(report.claims)
    assert len(report.claims) > 2 and resolved == ["draft.md"]
    assert session.keys == expected and expected[0][0] == "draft.md"
