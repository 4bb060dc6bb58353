"""check_all on the news fixture: every verdict label and its reason, written out by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.check import check_all
from claimcheck.config import Config
from claimcheck.models import Claim

from .fake_index import FakeIndex, snippets
from .helpers import NEWS, claim, flag, news_claims, news_snippets

# Reasons of the model's verdicts carry its probability: written here as 0.NN.
EXPECTED = [
    ("The river council accepted", "supported", "supported by council.md (probability 0.NN)"),
    ("Militia fighters", "contradicted", "claim says three attacks, source says two attacks"),
    ("The mediators met", "contradicted", "claim says 9 May, source says 12 May"),
    ("Envoys from Jordan", "contradicted", "claim names Jordan, source names Oman"),
    ("The army rejected", "contradicted", "source negates: 'did not reject'"),
    ("Unemployment in the valley", "supported", "supported by council.md (probability 0.NN)"),
    ("All of the border", "contradicted", "claim says all, source says some"),
    ("Food prices rose", "contradicted", "claim says rose, source says fell"),
    ('"We still believe', "misquoted",
     "quote differs from the source: 'possible' changed to 'impossible'"),
    ('"The remaining gaps', "supported", "quote found verbatim in briefing transcript"),
    ("Aid convoys", "partly_supported", "partly supported by wire.jsonl (probability 0.NN); "
     "not found there: 'delays', 'checkpoint'"),
    ("The council chair", "no_evidence",
     "no reference settles this claim (closest: council.md, probability of support 0.NN)"),
    ("Will the truce hold?", "not_checkable", "a question, not a checkable claim"),
    ("Every family", "supported", "supported by council.md (probability 0.NN)"),
]


@pytest.fixture(scope="module")
def checked() -> list[Claim]:
    claims = news_claims()
    check_all(claims, FakeIndex(news_snippets()), Config())
    return claims


def test_every_draft_line_is_covered(checked: list[Claim]) -> None:
    assert [c.text[:len(prefix)] for c, (prefix, _, _) in zip(checked, EXPECTED, strict=True)] \
        == [prefix for prefix, _, _ in EXPECTED]


@pytest.mark.parametrize(("number", "label", "reason"),
                         [(n, label, reason) for n, (_, label, reason) in enumerate(EXPECTED)])
def test_verdict_label_and_reason(checked: list[Claim], number: int, label: str,
                                  reason: str) -> None:
    verdict = checked[number].verdict
    assert verdict is not None
    assert verdict.label == label
    assert re.fullmatch(re.escape(reason).replace("0\\.NN", r"(?:0\.\d\d|1\.00)"),
                        verdict.reason), verdict.reason
    assert 0.0 <= verdict.score <= 1.0


def test_contradiction_lists_differences_and_points_at_the_passage(checked: list[Claim]) -> None:
    verdict = checked[2].verdict
    assert verdict is not None
    assert [(d.kind, d.claim, d.evidence) for d in verdict.differences] == [
        ("date", "9 May", "12 May")]
    best = verdict.evidence[0]
    assert (best.ref_id, best.url) == ("wire-2", "https://example.org/wire/2")
    assert best.text[best.start:best.end] == (
        "The mediators met again on 12 May in Doha to discuss the amendments.")


def test_misquote_carries_a_word_diff_and_the_aligned_passage(checked: list[Claim]) -> None:
    verdict = checked[8].verdict
    assert verdict is not None
    assert verdict.diff == "... believe an agreement is [-possible-] {+impossible+}"
    best = verdict.evidence[0]
    assert best.text[best.start:best.end] == "We still believe an agreement is possible"
    assert [(d.kind, d.claim, d.evidence) for d in verdict.differences] == [
        ("quote", "impossible", "possible")]


def test_evidence_keeps_at_most_three_items_deciding_passage_first(
        checked: list[Claim]) -> None:
    for c in checked:
        assert c.verdict is not None
        scores = [e.score for e in c.verdict.evidence]
        assert len(scores) <= 3
        assert scores[1:] == sorted(scores[1:], reverse=True)  # the others best first


def test_no_evidence_and_not_checkable_carry_no_evidence(checked: list[Claim]) -> None:
    for c in (checked[11], checked[12]):
        assert c.verdict is not None and c.verdict.evidence == []


def test_flag_of_a_supported_sentence_is_marked_supported() -> None:
    backed = claim("Every family in the valley has now left their home.", flags=[flag()])
    unbacked = claim("Every trader in the valley has doubled their prices.", flags=[flag()])
    check_all([backed, unbacked], FakeIndex(news_snippets()), Config())
    assert backed.flags[0].supported is True
    assert unbacked.flags[0].supported is False


def test_flag_on_an_opinion_is_cleared_but_the_verdict_stays_not_checkable() -> None:
    opinion = claim("Every family in the valley has now left their home.", kind="opinion",
                    flags=[flag()])
    check_all([opinion], FakeIndex(news_snippets()), Config())
    assert opinion.verdict is not None
    assert (opinion.verdict.label, opinion.verdict.reason) == (
        "not_checkable", "an opinion, not a checkable claim")
    assert opinion.flags[0].supported is True


@pytest.mark.parametrize(("kind", "reason"), [
    ("opinion", "an opinion, not a checkable claim"),
    ("speculation", "speculation about what may happen, not a checkable claim"),
    ("non_claim", "not a claim (a heading, fragment or aside)"),
])
def test_not_checkable_reason_names_the_kind(kind: str, reason: str) -> None:
    c = claim("Talks may resume next week.", kind=kind)
    check_all([c], FakeIndex([]), Config())
    assert c.verdict is not None and (c.verdict.label, c.verdict.reason) == (
        "not_checkable", reason)


def test_probability_floors_come_from_config() -> None:
    """thresholds.support is the least probability of support that makes `supported`."""
    backed = claim("Unemployment in the valley stood at 3.5% in April.")
    check_all([backed], FakeIndex(news_snippets()), Config())
    assert backed.verdict is not None and backed.verdict.label == "supported"
    probability = backed.verdict.score
    strict = Config().merged(thresholds={"support": min(1.0, probability + 0.01)})
    check_all([backed], FakeIndex(news_snippets()), strict)
    assert backed.verdict is not None and backed.verdict.label == "partly_supported"


def test_words_no_reference_mentions_cap_the_verdict_at_partly_supported() -> None:
    """'delays' and 'checkpoint' occur in no snippet: no threshold makes the claim supported."""
    c = claim("Aid convoys reached Ebberly after a week of delays at the checkpoint.")
    check_all([c], FakeIndex(news_snippets()), Config().merged(thresholds={"support": 0.1}))
    assert c.verdict is not None and c.verdict.label == "partly_supported"
    # one word new to the references is let through: as often a paraphrase as a new detail
    one_new_word = claim("Aid convoys reached Ebberly after delays.")
    check_all([one_new_word], FakeIndex(news_snippets()), Config())
    assert one_new_word.verdict is not None and one_new_word.verdict.label == "supported"


def test_a_passage_sharing_only_names_is_no_evidence() -> None:
    c = claim("Transport Minister Ivo Lenz is not pleased with the delay.")
    check_all([c], FakeIndex(news_snippets()), Config().merged(thresholds={"partial": 0.1}))
    assert c.verdict is not None
    assert c.verdict.label == "no_evidence"
    assert re.fullmatch(r"the closest reference shares only names with this claim "
                        r"\(press conference transcript\); names alone are no support",
                        c.verdict.reason), c.verdict.reason
    assert c.verdict.evidence == []


def test_shared_function_words_are_not_evidence() -> None:
    """'Every ... in the valley has ... their' is all this claim shares with council.md."""
    c = claim("Every trader in the valley has doubled their prices.")
    check_all([c], FakeIndex(news_snippets()), Config())
    assert c.verdict is not None and c.verdict.label == "no_evidence"


def test_empty_index_gives_no_evidence() -> None:
    c = claim("The river council accepted the truce proposal.")
    check_all([c], FakeIndex([]), Config())
    assert c.verdict is not None
    assert (c.verdict.label, c.verdict.reason) == (
        "no_evidence", "no reference shares a content word with this claim")


def test_progress_counts_claims_chunk_by_chunk() -> None:
    calls: list[tuple[str, int, int]] = []
    claims = [claim(f"Claim number {n} about the river council.") for n in range(600)]
    check_all(claims, FakeIndex(snippets("The river council met.")), Config(),
              progress=lambda *a: calls.append(a))
    assert calls == [("check", 256, 600), ("check", 512, 600), ("check", 600, 600)]


def test_two_processes_give_the_same_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck.check as check
    from claimcheck.check import judges

    serial, parallel = news_claims(), news_claims()
    check_all(serial, FakeIndex(news_snippets()), Config())
    monkeypatch.setattr(judges, "PARALLEL_MIN", 0)
    monkeypatch.setattr(check, "CHUNK", 4)
    monkeypatch.setattr(judges, "CHUNK", 4)
    # the index exists only in this process: its judges are forked (the test process may have
    # a BLAS pool's thread, which no product process that forks has)
    monkeypatch.setattr(judges, "fork_is_safe", lambda: True)
    monkeypatch.setattr(judges, "start_method", lambda: "fork")
    check_all(parallel, FakeIndex(news_snippets()), Config().merged(workers=2))
    assert [c.verdict for c in parallel] == [c.verdict for c in serial]


def test_real_loader_and_index_give_the_same_verdicts(tmp_path: Path) -> None:
    """The fixture formats (.md, .jsonl, .csv) through the project's loader and BM25 index."""
    from claimcheck.references import build_index, load_references

    files = [str(NEWS / name) for name in ("council.md", "wire.jsonl", "transcript.csv")]
    index = build_index(load_references(files, Config(), []), cache_dir=tmp_path)
    claims = news_claims()
    check_all(claims, index, Config())
    labels = [c.verdict.label for c in claims if c.verdict]
    assert labels == [label for _, label, _ in EXPECTED]
    assert claims[3].verdict is not None
    assert claims[3].verdict.reason == "claim names Jordan, source names Oman"
    assert claims[0].verdict is not None
    assert claims[0].verdict.evidence[0].source == str(NEWS / "council.md")


def test_quote_claim_without_marks_is_aligned_as_a_whole() -> None:
    c = claim("We still believe an agreement is impossible", kind="quote")
    check_all([c], FakeIndex(news_snippets()), Config())
    assert c.verdict is not None
    assert (c.verdict.label, c.verdict.reason) == (
        "misquoted", "quote differs from the source: 'possible' changed to 'impossible'")


def test_quote_nowhere_in_the_references_is_no_evidence() -> None:
    c = claim('"Nobody here ever asked for a ceasefire," said Marsh.', kind="quote")
    check_all([c], FakeIndex(news_snippets()), Config())
    assert c.verdict is not None and c.verdict.label == "no_evidence"
    assert c.verdict.reason.startswith("quote not found in the references (closest alignment ")


PORT = [  # sentences of the splitter's news fixture (fixtures/drafts/news.txt), checked here alone
    ("The port of Valmora handled 1.2 million containers in 2023.", "factual", "contradicted",
     "claim says 1.2 million containers, source says 1.4 million containers"),
    ("Lenz said the government had offered a 3.5 percent raise on Tuesday.", "attributed",
     "contradicted", "claim says Tuesday, source says Thursday"),
    ("Despite three rounds of talks in May, the two sides did not reach a deal.", "factual",
     "contradicted", "claim says three rounds, source says two rounds"),
    ('"The unions rejected it within an hour," said Lenz.', "quote", "misquoted",
     "quote differs from the source: 'a day' changed to 'an hour'"),
    ("Fuel deliveries to the coast fell by 40% last week.", "factual", "supported",
     "supported by " + str(NEWS) + "/wire.jsonl (probability 0.NN)"),
]


def test_reference_folder_checks_the_port_strike_draft(tmp_path: Path) -> None:
    from claimcheck.references import build_index, load_references

    index = build_index(load_references([str(NEWS)], Config(), []), cache_dir=tmp_path)
    claims = [claim(text, kind) for text, kind, _, _ in PORT]
    check_all(claims, index, Config())
    for c, (_, _, label, reason) in zip(claims, PORT, strict=True):
        assert c.verdict is not None and c.verdict.label == label
        assert re.fullmatch(re.escape(reason).replace("0\\.NN", r"0\.\d\d"), c.verdict.reason)
