"""Each branch of `check.verdict.judge()`, by behaviour: a claim and the reference passages in,
the verdict's label and what its reason names out. The claims go through `check_all` with a real
index, so a change to how judging is wired keeps these tests meaningful; each asserts what a
user reads (the label, the differing detail, which reference), never a score's digits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from claimcheck.check import check_all
from claimcheck.check import verdict as verdict_module
from claimcheck.config import Config
from claimcheck.models import Snippet, Verdict
from claimcheck.references.index import build_index

from .helpers import claim

HARBOUR = "The harbour handled 4.2 million containers in 2023."
SCHOOLS = "we will build ten new schools by 2025"


Judged = Callable[..., Verdict]


@pytest.fixture
def judged(tmp_path: Path) -> Judged:
    """judged(text, refs, kind=..., speaker=..., **thresholds) -> the claim's Verdict; refs are
    texts (ref0.md, ref1.md, ...) or Snippets."""

    def run(text: str, refs: list[str | Snippet], kind: str = "factual",
            speaker: str | None = None, **thresholds: float) -> Verdict:
        snippets = [r if isinstance(r, Snippet) else Snippet(f"r{n}", r, f"ref{n}.md")
                    for n, r in enumerate(refs)]
        asked = claim(text, kind)
        asked.checkable = kind != "opinion"
        asked.speaker = speaker
        config = Config()
        config.thresholds = config.thresholds.model_copy(update=thresholds)
        check_all([asked], build_index(snippets, tmp_path / "index"), config)
        assert asked.verdict is not None
        return asked.verdict

    return run


# -- quotes: decided before the general scoring ---------------------------------------------

def test_a_changed_word_in_a_verbatim_quote_is_misquoted(judged: Judged) -> None:
    verdict = judged(f'The mayor said "{SCHOOLS.replace("ten", "twelve")}".',
                     [f'The mayor said: "{SCHOOLS.capitalize()}."'])
    assert verdict.label == "misquoted"
    assert "'ten' changed to 'twelve'" in verdict.reason
    assert [(d.kind, d.claim, d.evidence) for d in verdict.differences] == [
        ("quote", "twelve", "ten")]
    assert verdict.diff


def test_a_quote_the_reference_gives_to_someone_else_is_misquoted(judged: Judged) -> None:
    verdict = judged(f'Jane Doe said "{SCHOOLS}".',
                     [f'"{SCHOOLS.capitalize()}," said John Smith, the council leader.'],
                     speaker="Jane Doe")
    assert verdict.label == "misquoted"
    assert "John Smith" in verdict.reason and "not Jane Doe" in verdict.reason
    assert [d.kind for d in verdict.differences] == ["speaker"]


def test_the_other_speaker_is_the_one_the_reference_attributes_the_quote_to(
        judged: Judged) -> None:
    verdict = judged(f'Jane Doe said "{SCHOOLS}".',
                     [f'Harbour Council spokesperson John Smith said: "{SCHOOLS.capitalize()}."'],
                     speaker="Jane Doe")
    assert verdict.label == "misquoted"
    assert [(d.kind, d.evidence) for d in verdict.differences] == [("speaker", "John Smith")]


def test_a_pure_quote_found_nowhere_has_no_evidence(judged: Judged) -> None:
    verdict = judged('"We will never raise the harbour fees again."',
                     ["The council met on Tuesday to discuss parking."], kind="quote")
    assert verdict.label == "no_evidence"
    assert verdict.reason.startswith("quote not found in the references")


def test_a_quote_with_one_of_two_passages_found_is_partly_supported(judged: Judged) -> None:
    verdict = judged('"We will build ten new schools," she said, "and close none of the '
                     'libraries."', ['She said: "We will build ten new schools" at the meeting.'],
                     kind="quote")
    assert verdict.label == "partly_supported"
    assert verdict.reason == "1 of 2 quoted passages found verbatim"


def test_a_quote_found_verbatim_is_supported_with_its_source(judged: Judged) -> None:
    verdict = judged(f'The mayor said "{SCHOOLS}".',
                     [f'At the meeting the mayor said: "{SCHOOLS.capitalize()}."'])
    assert verdict.label == "supported"
    assert verdict.reason == "quote found verbatim in ref0.md"
    assert verdict.evidence and verdict.evidence[0].ref_id == "r0"


def test_a_verbatim_quote_in_a_sentence_that_differs_is_contradicted(judged: Judged) -> None:
    """The quote is exact, but the claim around it is not: the general judging decides."""
    verdict = judged('On Monday the mayor said "we will build ten new schools".',
                     ['On Tuesday the mayor said: "We will build ten new schools."'])
    assert verdict.label == "contradicted"
    assert "Monday" in verdict.reason and "Tuesday" in verdict.reason


def test_a_quote_the_reference_paraphrases_is_judged_by_meaning_and_says_so(judged: Judged) -> None:
    verdict = judged('The mayor said "we will build ten schools by 2025".',
                     ["The mayor promised that the city will build ten new schools before "
                      "2025 ends."])
    assert verdict.label == "supported"
    assert verdict.reason.endswith("the reference paraphrases; the exact words are unverified")


# -- the general judging ---------------------------------------------------------------------

def test_supported(judged: Judged) -> None:
    verdict = judged(HARBOUR, ["The harbour handled 4.2 million containers in 2023, a record."])
    assert verdict.label == "supported"
    assert verdict.reason.startswith("supported by ref0.md (probability ")
    assert verdict.evidence[0].source == "ref0.md"


def test_a_changed_number_is_contradicted_naming_both(judged: Judged) -> None:
    verdict = judged(HARBOUR, ["The harbour handled 3.1 million containers in 2023."])
    assert verdict.label == "contradicted"
    assert "4.2 million" in verdict.reason and "3.1 million" in verdict.reason
    assert [d.kind for d in verdict.differences] == ["number"]


def test_a_closer_contradiction_beats_a_support_missing_a_detail(judged: Judged) -> None:
    verdict = judged(HARBOUR, ["The harbour handled 3.1 million containers in 2023.",
                               "The harbour handled 4.2 million containers, a record."])
    assert verdict.label == "contradicted"
    assert verdict.reason.endswith("but ref1.md supports it: the references disagree")
    assert verdict.evidence[0].ref_id == "r0"  # the deciding passage first


def test_a_complete_support_wins_and_names_the_passage_that_says_otherwise(judged: Judged) -> None:
    verdict = judged(HARBOUR, ["The harbour handled 3.1 million containers in 2023.",
                               "In 2023 the harbour, one of the busiest, handled some 4.2 "
                               "million containers, officials said."])
    assert verdict.label == "supported"
    assert verdict.reason.startswith("supported by ref1.md")
    assert "ref0.md says otherwise" in verdict.reason and "3.1 million" in verdict.reason
    assert verdict.evidence[0].ref_id == "r1"


def test_a_detail_the_supporting_passage_lacks_makes_it_partly_supported(judged: Judged) -> None:
    verdict = judged(HARBOUR, ["The harbour handled 4.2 million containers, a record."])
    assert verdict.label == "partly_supported"
    assert verdict.reason.endswith("not found there: '2023'")


def test_words_no_reference_has_are_named_when_another_passage_gives_the_rest(
        judged: Judged) -> None:
    """The passage the model likes best ("opened in 1998") shares one word; another gives half
    of the claim: partly supported, the two words no reference has named, not no evidence."""
    verdict = judged("All experts agree that the bridge is safe.",
                     ["The bridge opened in 1998.", "Inspectors found the bridge safe."])
    assert verdict.label == "partly_supported", verdict.reason
    assert verdict.reason.endswith("not found there: 'experts', 'agree'")


def test_a_detail_the_reference_gives_as_its_title_is_not_missing(judged: Judged) -> None:
    """The passage's record names what it is about ("Port of Valmora, 2023 report"): the year
    and the words of that title count as found, a year it does not give is still missing."""
    passage = "The harbour handled 4.2 million containers, a record."
    titled = judged(f"The Valmora harbour {HARBOUR[4:]}",
                    [Snippet("r0", passage, "Port of Valmora, 2023 annual report")])
    assert titled.label == "supported", titled.reason
    other = judged(f"The Valmora harbour {HARBOUR[4:]}",
                   [Snippet("r0", passage, "Port of Valmora, 2022 annual report")])
    assert other.label == "partly_supported"
    assert other.reason.endswith("not found there: '2023'")


def test_words_no_reference_has_make_it_partly_supported(judged: Judged) -> None:
    verdict = judged("The harbour handled 4.2 million containers in 2023 despite flooding and "
                     "strikes.", ["The harbour handled 4.2 million containers in 2023, a record."])
    assert verdict.label == "partly_supported"
    assert "'flooding', 'strikes'" in verdict.reason


def test_below_the_support_floor_a_likely_support_is_partly_supported(judged: Judged) -> None:
    # a floor above any probability the model gives: the support is likely, never enough
    verdict = judged(HARBOUR, ["The harbour handled 4.2 million containers in 2023, a record."],
                     support=1.0)
    assert verdict.label == "partly_supported"
    assert "(probability of support " in verdict.reason


def test_a_passage_that_settles_nothing_is_no_evidence_naming_the_closest(judged: Judged) -> None:
    verdict = judged(HARBOUR, ["The harbour is a popular spot for tourists who like containers "
                               "of ice cream."])
    assert verdict.label == "no_evidence"
    assert verdict.reason.startswith("no reference settles this claim (closest: ref0.md")


def test_no_shared_content_word_is_no_evidence(judged: Judged) -> None:
    verdict = judged("Rainfall doubled in Peru.",
                     ["The council met on Tuesday to discuss parking fees."])
    assert verdict.label == "no_evidence"
    assert verdict.reason == "no reference shares a content word with this claim"
    assert verdict.evidence == []


def test_sharing_only_names_is_no_evidence(judged: Judged) -> None:
    verdict = judged("Jane Doe visited Lisbon.",
                     ["Jane Doe was born in Lisbon in 1970 and studied law."])
    assert verdict.label == "no_evidence"
    assert "shares only names" in verdict.reason


class _Sure:
    """A verdict model that reads every passage the same way: `row` gives the probabilities
    of supported, contradicted and no evidence."""

    unnamed_contradiction = names_only_support = 2.0

    def __init__(self, row: list[float]) -> None:
        self.row = row

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return np.tile(self.row, (len(rows), 1))


def test_one_shared_word_is_no_support_however_sure_the_model(
        judged: Judged, monkeypatch: pytest.MonkeyPatch) -> None:
    """Support needs coverage: a passage with one of the claim's content words and none of its
    details is a topic in common, not support, whatever the model reads."""
    monkeypatch.setattr(verdict_module, "load", lambda features: _Sure([0.9, 0.05, 0.05]))
    # each word is in some reference (so none is new), but no passage has two of them
    verdict = judged("Experts say the strike will last for months.",
                     ["The union said that the strike goes on.", "Experts met at noon.",
                      "The last train left.", "Months went by."])
    assert verdict.label == "no_evidence"
    assert verdict.reason.startswith("no reference settles this claim (closest: ")
    assert judged("Experts say the strike will last for months.",
                  ["The strike will last for months, experts at the union said."]
                  ).label == "supported"
    assert judged("Prices doubled.", ["Food prices rose."]).label == "supported"


def test_one_shared_word_is_no_contradiction_either(
        judged: Judged, monkeypatch: pytest.MonkeyPatch) -> None:
    """A passage with one of the claim's content words and none of its details is about
    something else: its figure contradicts nothing ("Memory use fell by 40%" against
    "Unemployment fell to 3.5%"), whatever the model reads. With the claim's words around the
    figure, the same difference is a contradiction."""
    monkeypatch.setattr(verdict_module, "load", lambda features: _Sure([0.05, 0.9, 0.05]))
    verdict = judged("Memory use fell by 40% on large files.",
                     ["Unemployment in the region fell to 3.5% in May.", "Large crowds met.",
                      "Memory is cheap.", "Use the files."])
    assert verdict.label == "no_evidence"
    verdict = judged("Memory use fell by 40% on large files.",
                     ["Memory use fell by 35% on large files."])
    assert (verdict.label, verdict.reason) == (
        "contradicted", "claim says 40%, source says 35%")


# -- not checkable ---------------------------------------------------------------------------

def test_speculation_no_reference_reports_is_not_checkable(judged: Judged) -> None:
    verdict = judged("The harbour may handle five million containers next year.",
                     ["The council met on Tuesday to discuss parking fees."], kind="speculation")
    assert verdict.label == "not_checkable"
    assert verdict.reason.endswith("; no reference reports it")


def test_an_opinion_is_not_checkable_whatever_the_references_say(judged: Judged) -> None:
    verdict = judged("The harbour is lovely.", [HARBOUR], kind="opinion")
    assert verdict.label == "not_checkable"
    assert verdict.reason == "an opinion, not a checkable claim"


def test_a_support_that_gives_every_word_of_a_swapped_name_is_not_outvoted_by_the_swap(
        judged: Judged) -> None:
    """Names are details word by word: a passage that gives "Maria Lopez" in full gives the
    name another passage swaps, so the references disagree and the fuller one decides."""
    verdict = judged("The Harbour Council hired Maria Lopez as director in 2023.",
                     ["The Harbour Council hired Ana Ruiz as director in 2023.",
                      "The Harbour Council hired Maria Lopez as director in 2023, officials "
                      "said."])
    assert verdict.label == "supported", verdict.reason
    assert "ref0.md says otherwise: claim names Maria Lopez, source names Ana Ruiz" in (
        verdict.reason)
