"""The review app driven through Textual's headless Pilot: keys in, screen and ledger out."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import ledger
from claimcheck.config import Config
from claimcheck.pipeline import run

from .helpers import (
    back_on_main,
    checked,
    compare_snapshot,
    ledger_records,
    make_app,
    make_project,
    screen_text,
    sync,
    until,
)

PORT = "The port handled 1.2 million containers in 2023."
MET = "The union met on Monday."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ledger, "utc_now", lambda: "2026-12-03T09:50:00Z")
    return make_project(tmp_path)


def row_of(app, text: str) -> int:  # type: ignore[no-untyped-def]
    return next(row for row, i in enumerate(app.view) if app.claims[i].text == text)


@pytest.mark.slow(6)
@sync
async def test_keys_decide_and_the_ledger_and_screen_follow(project: Path) -> None:
    app = make_app(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        assert app.cursor == 0
        await pilot.press("j")
        assert app.current().text == PORT
        await pilot.press("a")
        assert [r["decision"] for r in ledger_records(project)] == ["accepted"]
        assert "✓" in screen_text(app).splitlines()[2]  # the badge on the PORT row
        await pilot.press("down", "down", "x")
        await pilot.press(*"it was Tuesday", "enter")
        await back_on_main(pilot)
        records = ledger_records(project)
        assert records[-1]["decision"] == "wrong" and records[-1]["note"] == "it was Tuesday"
        assert records[-1]["claim"] == MET and records[-1]["reviewer"] == "Ann Lee"
        screen = screen_text(app)
        assert "✗ marked wrong by Ann Lee on" in screen and "it was Tuesday" in screen
        await pilot.press("u")
        assert ledger_records(project)[-1]["decision"] == "undone"
        assert app.current().review is None
        await pilot.press("u")  # nothing left to undo: no record written
        assert len(ledger_records(project)) == 3
        await pilot.press("n", *"ask the union", "enter")
        assert ledger_records(project)[-1]["note"] == "ask the union"
        await pilot.press("n", "escape")  # cancelled: nothing written
        assert len(ledger_records(project)) == 4
        await pilot.press("k", "s", "2", "enter", *"the panel said so", "enter")
        suppressed = ledger_records(project)[-1]
        assert suppressed["decision"] == "suppressed" and suppressed["rule"] == "CC301"
        assert [f.suppressed_by for f in app.current().flags] == [None, "ledger"]
        await pilot.press("q")
    assert app.return_value == 0
    assert app.farewell() == (
        "claimcheck review: 5 decisions written to .claimcheck/ledger.jsonl (accepted 1, "
        "marked wrong 1, notes 1, flags suppressed 1, undone 1); "
        "claimcheck check reads them from there")
    report = run(["draft.md"], Config(refs=["refs.txt"]))
    by_text = {c.text: c for c in report.claims}
    assert by_text[PORT].review.decision == "accepted"
    assert by_text[MET].review.decision == "note"
    assert not report.summary.failed  # the contradicted figure was accepted


@pytest.mark.slow(9)
@sync
async def test_filter_by_verdict_rule_decision_and_words(project: Path) -> None:
    app = make_app(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        total = len(app.view)
        await pilot.press("slash", *"contradicted", "enter")
        assert [app.claims[i].text for i in app.view] == [PORT]
        assert "filter: contradicted" in screen_text(app).splitlines()[0]
        await pilot.press("slash", *(["backspace"] * 20), *"CC301", "enter")
        assert [app.claims[i].text for i in app.view] == [
            "All experts agree the strike will end soon."]
        await pilot.press("a", "slash", *(["backspace"] * 20), *"accepted", "enter")
        assert len(app.view) == 1
        await pilot.press("slash", *(["backspace"] * 20), *"nothing here", "enter")
        assert app.view == [] and "no claim matches 'nothing here'" in screen_text(app)
        await pilot.press("slash", *(["backspace"] * 20), "enter")
        assert len(app.view) == total


@sync
async def test_draft_text_is_shown_as_written_never_as_markup(project: Path) -> None:
    app = make_app(project)
    async with app.run_test(size=(160, 48)) as pilot:
        await checked(pilot)
        await pilot.press("end")
        screen = screen_text(app)
        assert "The [bold]board[/bold] said [link=http://x]no[/link]." in screen


@pytest.mark.slow(3)
@sync
async def test_the_list_is_virtual_whatever_the_number_of_claims(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = "".join(f"The port handled {n} containers in 2023.\n\n" for n in range(1, 1501))
    (tmp_path / "draft.md").write_text(body, encoding="utf-8")
    (tmp_path / "refs.txt").write_text("The port handled 7 containers in 2023.\n",
                                       encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        assert len(app.claims) == 1500
        assert len(list(app.query("*"))) < 40  # widgets do not grow with claims
        layouts = []
        screen = type(app.screen)
        original = screen._refresh_layout
        monkeypatch.setattr(screen, "_refresh_layout",
                            lambda self, *a, **k: layouts.append(1) or original(self, *a, **k))
        await pilot.press("j", "j", "k", "j")
        await pilot.pause(0.1)
        # a key redraws the rows and panes that changed; it never lays the screen out again
        assert layouts == [] and app.current().line == 5
        assert "draft.md:5:1" in screen_text(app)
        await pilot.press("end")
        assert app.current().line == 2999
        screen = screen_text(app)
        assert "▶CONT      2999 The port handled" in screen
        assert "▶The port handled 1500 containers" in screen  # its paragraph, found by bisection


@sync
async def test_a_key_draws_the_panes_without_scrollbar_widgets_and_they_still_scroll(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual import events
    from textual.scrollbar import ScrollBar

    from claimcheck.review.app import TextPane

    app = make_app(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        rendered: list[int] = []
        original = ScrollBar.render
        monkeypatch.setattr(ScrollBar, "render",
                            lambda self: rendered.append(1) or original(self))
        await pilot.press("j", "j")  # the claim with two flags: long details
        await pilot.pause(0.1)
        # the panes' thumbs are drawn with their lines: no scrollbar widget is drawn by a key
        # (each pane's was, every key: the costliest lines of a j)
        assert rendered == []
        details = app.query_one("#details", TextPane)
        assert details.max_scroll_y > 0 and details.scroll_offset.y == 0
        column = [details.render_line(y).text[-1] for y in range(details.size.height)]
        assert column[0] == "▐" and column[-1] == " "  # the thumb at the top
        await pilot.press("J")  # scroll the details by key
        await pilot.pause(0.1)
        assert details.scroll_offset.y > 0
        column = [details.render_line(y).text[-1] for y in range(details.size.height)]
        assert column.index("▐") > 0  # ... and the thumb follows
        at = details.scroll_offset.y
        details.post_message(events.MouseScrollUp(details, 1, 1, 0, -1, 0, False, False, False))
        await pilot.pause(0.1)
        assert details.scroll_offset.y < at  # and by the mouse wheel


@sync
async def test_no_color_keeps_every_state_in_characters(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        await pilot.press("j", "a")
        strips = app.screen._compositor.render_strips()
        colours = {seg.style.color.name for strip in strips for seg in strip
                   if seg.style and seg.style.color and seg.style.color.name != "default"}
        text = screen_text(app)
    assert app.no_color
    assert all(c.startswith(("#", "grey", "rgb(")) for c in colours) or not colours
    assert "▶CONT" in text and "✓" in text  # cursor, verdict and decision badges


@pytest.mark.slow(4)
@sync
async def test_a_changed_draft_is_checked_again_and_decisions_follow(project: Path) -> None:
    app = make_app(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        await pilot.press("j", "a")
        draft = project / "draft.md"
        draft.write_text("A new first line.\n\n" + draft.read_text(encoding="utf-8"),
                         encoding="utf-8")
        app._watch_files()
        assert app.recheck_count == 1
        await checked(pilot)
        assert app.current().text == PORT  # the cursor stayed on its claim
        assert app.current().line == 5 and app.current().review.decision == "accepted"
        await pilot.press("r")
        assert app.recheck_count == 2
        await checked(pilot)


@sync
async def test_what_checking_sends_is_taken_in_steps_and_in_order(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.review import app as review_app

    app = make_app(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        monkeypatch.setattr(review_app, "DRAIN_SECONDS", 0.0)  # one message per step
        for n in (1, 2, 3):
            app.inbox.append((app.generation, ("progress", "check", n, 3)))
        app.inbox.append((app.generation - 1, ("progress", "check", 9, 9)))  # an old run's
        app._drain()
        assert app.progress == (1, 3) and len(app.inbox) == 3
        await until(pilot, lambda: not app.inbox)  # the backlog is taken in by itself
        assert app.progress == (3, 3)


def test_the_editor_opens_at_the_claims_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.review.app import ReviewApp

    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", "code --wait")
    assert ReviewApp.editor_command("d.md", 12) == ["code", "--wait", "+12", "d.md"]


@pytest.mark.slow(3)
@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@sync
async def test_snapshots(project: Path, size: tuple[int, int]) -> None:
    app = make_app(project)
    async with app.run_test(size=size) as pilot:
        await checked(pilot)
        await pilot.press("j")
        await pilot.pause(0.2)  # the draft pane scrolls to the claim after its refresh
        compare_snapshot(f"contradicted_{size[0]}x{size[1]}", screen_text(app))
        await pilot.press("j", "a", "j", "x", *"it was Tuesday", "enter")
        await back_on_main(pilot)
        await pilot.pause(0.2)
        compare_snapshot(f"decided_{size[0]}x{size[1]}", screen_text(app))
        await pilot.press("question_mark")
        await until(pilot, lambda: app.screen.__class__.__name__ == "Help")
        compare_snapshot(f"help_{size[0]}x{size[1]}", screen_text(app))
        await pilot.press("q")
        await pilot.press("q")


def test_evidence_markers_keep_the_snippets_own_spacing() -> None:
    from claimcheck.models import Evidence
    from claimcheck.review.view import evidence_text

    text = 'Kirby told reporters: "We still believe that a deal is possible". The gaps remain.'
    start = text.index("We")
    end = text.index('".')
    shown = evidence_text(Evidence(ref_id="r1", source="briefing", text=text, start=start,
                                   end=end, score=0.9), 1, 1).plain
    assert 'reporters: "«We still believe that a deal is possible»". The gaps remain.' in shown
    middle = evidence_text(Evidence(ref_id="r1", source="briefing", text="a b c", start=2,
                                    end=3, score=0.9), 1, 1).plain
    assert "  a «b» c\n" in middle


def test_the_verdict_score_is_the_reports_figure_and_says_what_it_is() -> None:
    # A no-evidence verdict's score is the model's probability of no evidence (0.0042 here),
    # while its reason cites the probability of support: "NO EVIDENCE 0.00" read as a
    # contradiction of "probability of support 0.20".
    from claimcheck.models import Claim, Verdict
    from claimcheck.review.view import details_text

    claim = Claim(id="516ae79e", file="draft.md", line=3, column=1, start=0, end=25,
                  text="Hamas accepted the offer.", kind="factual", checkable=True,
                  sentence_index=0, sentence_start=0, sentence_end=25)
    reason = "no reference settles this claim (closest: wire report, probability of support 0.20)"
    for score, shown in ((0.0042, "NO EVIDENCE  score 0.0042"), (0.69, "NO EVIDENCE  score 0.69"),
                         (0.525, "NO EVIDENCE  score 0.525"), (0.0, "NO EVIDENCE  score 0.00")):
        claim.verdict = Verdict(label="no_evidence", score=score, reason=reason)
        assert shown + "\n" in details_text(claim, {}, checking=False).plain


@sync
async def test_timers_that_fire_while_the_app_shuts_down_do_nothing(project: Path) -> None:
    """A pane prefetch, a details refresh, a drain of checking's messages or a file watch can
    be due just as the app closes (seen in CI: the prefetch timer fired after the panes were
    removed and the session ended with NoMatches). Once the app is not running they return."""
    app = make_app(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        await pilot.press("j")
    assert not app.is_running
    app.inbox.append((app.generation, ("progress", "check", 1, 1)))
    draft = project / "draft.md"
    draft.write_text("A new first line.\n\n" + draft.read_text(encoding="utf-8"),
                     encoding="utf-8")
    app._prefetch()
    app.show_current()
    app._drain()
    app._watch_files()
    assert app.recheck_count == 0 and len(app.inbox) == 1
