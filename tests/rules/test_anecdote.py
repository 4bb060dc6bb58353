"""CC104: a case told in one sentence, a verdict on a whole kind in the next."""

from __future__ import annotations

import pytest

from claimcheck.document import build_document
from claimcheck.rules import explain
from claimcheck.rules.anecdote import reports_case
from claimcheck.split import split_document

from .helpers import cues, flags_for


@pytest.mark.parametrize(("text", "expected"), [
    ("My aunt ate cheese every night and slept well. Clearly, cheese helps sleep.",
     ["Clearly, cheese helps"]),
    ("A wasp stung me in the garden yesterday. Wasps are aggressive.", ["Wasps are"]),
    ("I visited two museums in that city. I don't think it is a cultured place.",
     ["I don't think"]),
    ("Our neighbour's shed was burgled last week. Burglaries are out of control here.",
     ["Burglaries are"]),
    ("I asked three colleagues about the new canteen. The canteen is therefore popular.",
     ["therefore"]),
])
def test_a_verdict_on_a_kind_after_a_case_is_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC104") == expected


@pytest.mark.parametrize("text", [
    "My aunt ate cheese every night and slept well. She was lucky.",  # about the case itself
    "A wasp stung me in the garden yesterday. I will wear long sleeves.",  # acts on the case
    "A wasp stung me yesterday. Wasps are aggressive, the beekeeper said.",  # a named source
    "We surveyed 4,000 gardeners last year. Wasps are a growing nuisance.",  # data at scale
    "Wasps are aggressive.",  # no case before it (a bare generic: CC102's job)
    "I met the mayor yesterday. I believe her.",  # a stance on a person, not a verdict
    "I saw the new advert. He must know what he is doing.",  # a guess about one person
    "The council met on Monday. Parking charges are rising.",  # no case of the writer's
])
def test_no_leap_from_a_case_is_not_flagged(text: str) -> None:
    assert cues(text, "CC104") == []


@pytest.mark.parametrize(("text", "case"), [
    ("I tried the new bakery.", True),
    ("My brother bought an electric car.", True),
    ("There was a crash on the bypass yesterday.", True),
    ("Parking charges are rising.", False),
    ("The council will meet on Monday.", False),
])
def test_what_counts_as_a_case(text: str, case: bool) -> None:
    assert reports_case(text) is case


@pytest.mark.parametrize(("text", "expected"), [
    # A conclusion opening the next sentence is CC104's; CC103 keeps to one sentence.
    ("My dog got sprayed by a skunk on the trail. Therefore, trail running is dangerous.",
     [("CC104", "Therefore, trail running is")]),
    ("I met a rude waiter yesterday. Thus waiters are rude.", [("CC104", "Thus waiters are")]),
    # Inside one sentence CC103 owns the leap, once, however many markers it repeats; the
    # sweeping word and the bare generic in its conclusion are part of the same leap.
    ("I had a bad teacher once; therefore, all teachers must be bad.", [("CC103", "therefore")]),
    ("I met a rude waiter yesterday, so waiters are rude.", [("CC103", "so")]),
    ("I met one Parisian last summer. Thus French people are rude.",
     [("CC104", "Thus French people are")]),
])
def test_one_leap_from_a_case_is_one_finding(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.rule, f.cue) for f in flags_for(text, {"CC104": "on"})] == expected


@pytest.mark.parametrize("text", [
    "My uncle smoked. I had a bad teacher once; therefore, all teachers must be bad.",
    "I went to Paris last year. I had a bad meal once; therefore, all French food must be bad.",
])
def test_a_leap_inside_one_sentence_is_cc103s_even_after_another_case(text: str) -> None:
    # The sentence before tells a case too, so CC104 finds the same leap on the same marker;
    # its premise is in its own sentence, so it is CC103's, once. With CC103 off, CC104 keeps it.
    flagged = [(f.rule, f.cue) for f in flags_for(text, {"CC104": "on"})]
    assert [rule for rule, _ in flagged] == ["CC103"]
    marker = flagged[0][1]
    assert [(f.rule, f.cue) for f in flags_for(text, {"CC104": "on", "CC103": "off"})] == [
        ("CC104", marker)]


def test_with_cc104_off_by_default_the_group_claim_is_still_flagged() -> None:
    text = "I met one Parisian last summer. Thus French people are rude."
    assert [(f.rule, f.cue) for f in flags_for(text)] == [("CC402", "French people are rude")]


def test_cues_before_the_leap_are_settled_on_their_own() -> None:
    # "Everyone" sits in the case, not in the conclusion drawn from it: the leap's reach does
    # not swallow it. Since issue 14b the case is read as what it is, a past report of the
    # people the writer met (episodic), and let through on its own terms; it was a CC101
    # finding before.
    text = "Everyone I met there was rude, so the French are rude."
    assert cues(text, "CC101") == []
    assert cues(text, "CC103") == ["so"]
    doc = build_document("d.txt", text + "\n", markdown=False)
    reports = [(r.rule.id, r.finding.cue, r.outcome, r.why)
               for c in split_document(doc) for r in explain(c, doc, {})]
    assert ("CC101", "Everyone", "let through", "episodic") in reports


@pytest.mark.parametrize(("text", "expected"), [
    ("My dog must be sick.", []),  # a guess about the case itself, no leap from it
    ("Three kids in one class failed the quiz, I guess all the classes will fail it.",
     ["I guess"]),  # a small count is a sample
    ("Two days later, so the rule must be wrong.", []),  # a span of time is not a sample
])
def test_hasty_needs_a_case_in_an_earlier_clause(text: str, expected: list[str]) -> None:
    assert cues(text, "CC103") == expected


def test_testimony_is_not_a_case() -> None:
    text = "My father told me that the sky is green. So it must be the truth."
    assert not reports_case("My father told me that the sky is green.")
    assert cues(text, "CC104") == []


@pytest.mark.parametrize(("text", "rule"), [
    ("I ate a kebab and felt ill the next day. It must have been the kebab.", "CC104"),
    ("I drank coffee yesterday and slept badly, so the coffee must have kept me awake.",
     "CC103"),
    ("I saw Ann on her phone yesterday; she must have crashed because of it.", "CC103"),
])
def test_a_guess_at_the_cases_own_cause_is_not_a_leap(text: str, rule: str) -> None:
    assert cues(text, rule) == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("A wasp stung me yesterday. Wasps must have a mean streak.", "CC104", ["must"]),
    ("I met a rude waiter yesterday, so waiters must have bad manners.", "CC103", ["so"]),
])
def test_must_have_with_a_noun_still_concludes(text: str, rule: str, expected: list[str]) -> None:
    assert cues(text, rule) == expected
