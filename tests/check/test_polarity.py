"""Negation and opposite words (compare.polarity): named when the claim really differs, silent
otherwise (issue 15, session 6)."""

from __future__ import annotations

import pytest

from claimcheck.check.compare import compare


def reasons(claim: str, evidence: str) -> list[str]:
    return [m.reason for m in compare(claim, evidence)]


# An antonym pair put for the other word is named (and stays named: the negation changes below
# must not cancel it).
@pytest.mark.parametrize(("claim", "evidence", "reason"), [
    ("The film succeeded in connecting with its audience.",
     "The film failed in connecting with its audience.",
     "claim says succeeded, source says failed"),
    # a WordNet pair, not in the curated list
    ("The river is deep near the old bridge.", "The river is shallow near the old bridge.",
     "claim says deep, source says shallow"),
    # an adverb beside the word does not make the stretch long
    ("Prices rose sharply in the capital last year.", "Prices fell in the capital last year.",
     "claim says rose, source says fell"),
    ("The vaccine is safe for children.", "The vaccine is unsafe for children.",
     "claim says safe, source says unsafe"),
    ("Talks ended before the vote.", "Talks ended after the vote.",
     "claim says before, source says after"),
])
def test_an_opposite_word_in_place_is_named(claim: str, evidence: str, reason: str) -> None:
    assert reasons(claim, evidence) == [reason]


# A negation bears on the first content word after it; if the other text has neither that
# word nor its opposite, the negation names nothing, even when a later word is shared.
@pytest.mark.parametrize(("claim", "evidence", "reason"), [
    ("The council rejected the plan.", "The council did not fully reject the plan.",
     "source negates: 'did not fully reject'"),
    # past several adverbs: beyond the three words a negation used to reach
    ("The council rejected the plan.",
     "The council has not yet formally and fully rejected the plan.",
     "source negates: 'has not yet formally and fully rejected'"),
    ("The road is always open in winter.", "The road is not always open in winter.",
     "source negates: 'is not always'"),
    ("The report is likely to be published.", "The report is not likely to be published.",
     "source negates: 'is not likely'"),
    ("The union did not accept the offer.", "The union accepted the offer.",
     "claim negates: 'did not accept', source does not"),
    # an irregular verb is one word in all its forms
    ("The group won the vote in May.", "The group did not win the vote in May.",
     "source negates: 'did not win'"),
    # "no" bears on its noun phrase, read to its last content word
    ("The survey found convincing evidence of fraud.",
     "The survey found no convincing evidence of fraud.",
     "source negates: 'no convincing evidence'"),
    # before a preposition, on the preposition and its object
    ("The troops are in Rafah.", "The troops are not in Rafah.",
     "source negates: 'are not in Rafah'"),
    # two negations of one word are one negation
    ("Santer could not have and did not alter the report.", "Santer altered the report.",
     "claim negates: 'did not alter', source does not"),
])
def test_a_negation_of_a_shared_word_is_named(claim: str, evidence: str, reason: str) -> None:
    assert reasons(claim, evidence) == [reason]


@pytest.mark.parametrize(("claim", "evidence"), [
    # "did not get the pay deal": the negation is on "get", which the claim does not use
    ("The miners' union reached a pay deal with the company.",
     "The miners' union did not get the pay deal it had sought."),
    ("Hamas leaders hope both sides can still agree to a ceasefire.",
     "Hamas accepted the proposal, but the group did not get the ceasefire it had sought."),
    # "not only ... but also" adds; it negates nothing
    ("The stadium hosts cricket matches.",
     "The stadium not only hosts cricket matches but also concerts."),
    # an opposite word and a negation cancel
    ("The council accepted the plan.", "The council did not reject the plan."),
    # "without human error" is about errors, not about "human intervention"
    ("The survey found human intervention in the data.",
     "Without human error, the survey found nothing unusual in the data."),
    # "not before the rebels reached": the claim says nothing about "before"
    ("The rebels reached the port.",
     "Supplies arrived, though not before the rebels reached the port."),
    # "did not start until 2011" says when it started
    ("Production started in 2011.", "Production did not start until 2011."),
    # both negate warming since 1995, one of them twice
    ("The Petition says there is no warming since 1995.",
     "Data show no warming since 1995, and no appreciable warming of the air."),
])
def test_a_negation_of_an_unshared_word_names_nothing(claim: str, evidence: str) -> None:
    assert reasons(claim, evidence) == []
