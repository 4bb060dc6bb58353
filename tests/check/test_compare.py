from __future__ import annotations

import pytest

from claimcheck.check.compare import compare, distinct


def reasons(claim: str, evidence: str) -> list[str]:
    return [m.reason for m in compare(claim, evidence)]


@pytest.mark.parametrize(("claim", "evidence", "expected"), [
    ("Fighters launched three attacks on the bridge.",
     "Fighters launched two attacks on the bridge.",
     ["claim says three attacks, source says two attacks"]),
    ("Turnout was 3.5 percent.", "Turnout was 4% this year.",
     ["claim says 3.5 percent, source says 4%"]),
    ("The talks began on 7 May.", "The talks began on 9 May.",
     ["claim says 7 May, source says 9 May"]),
    ("The talks began in 2023.", "The talks began in May 2024.",
     ["claim says 2023, source says May 2024"]),
    ("The proposal came from Egypt and Qatar.", "The proposal came from Egypt and Jordan.",
     ["claim names Qatar, source names Jordan"]),
    ("Israel rejected the proposal.", "Israel did not reject the proposal.",
     ["source negates: 'did not reject'"]),
    ("The union did not accept the offer.", "The union accepted the offer.",
     ["claim negates: 'did not accept', source does not"]),
    ("The council rejected the plan.", "The council accepted the plan.",
     ["claim says rejected, source says accepted"]),
    ("All of the crossings were closed.", "Some of the crossings were closed.",
     ["claim says all, source says some"]),
])
def test_each_disagreement_is_named(claim: str, evidence: str, expected: list[str]) -> None:
    assert reasons(claim, evidence) == expected


@pytest.mark.parametrize(("claim", "evidence"), [
    ("Fighters launched three attacks.", "Fighters launched 3 attacks overnight."),
    ("Turnout was 3.5 percent.", "Turnout was 3.5%."),
    ("The council accepted the plan.", "The council did not reject the plan."),
    ("The talks began in May.", "The talks began on 7 May 2024."),
    ("Hamas accepted the proposal from Egypt.", "Hamas accepted the proposal from Egypt."),
    # A name only missing from the source is not a contradiction.
    ("Kirby said the talks failed in Doha.", "The talks failed, officials said."),
    # Unrelated negation elsewhere in the sentence does not flip the claim.
    ("The council accepted the plan.", "The council accepted the plan, though not all agreed."),
    # Different things counted are not compared.
    ("Three ships waited offshore.", "Forty percent of cargo was delayed."),
    # Some is not contradicted by all.
    ("Some crossings were closed.", "All crossings were closed."),
    # Possessive and sentence-initial capitals are not name swaps.
    ("Australia emits 1.5 percent of the total.", "Australia's emissions are 1.5 percent."),
])
def test_agreement_is_not_a_contradiction(claim: str, evidence: str) -> None:
    assert reasons(claim, evidence) == []


def test_differences_record_both_sides() -> None:
    [m] = compare("Envoys from Jordan came.", "Envoys from Oman came.")
    assert (m.difference.kind, m.difference.claim, m.difference.evidence) == (
        "entity", "Jordan", "Oman")


def test_negation_must_bear_on_a_shared_content_word() -> None:
    assert reasons("Lenz is not pleased with the delay.",
                   "Lenz told the press the offer was fair.") == []


@pytest.mark.parametrize(("claim", "evidence", "reason"), [
    # a rank in the same place, written in one word or two
    ("Santa Clarita is the third-largest city in the county.",
     "Santa Clarita is the fourth largest city in the county.",
     "claim says third, source says fourth"),
    ("It is the second largest lake.", "It is the largest lake.",
     "claim says second largest, source says largest"),
    # a date the claim bounds, against the source's date
    ("The film was released after October 2014.",
     "The film was released on September 26, 2014.",
     "claim says after October 2014, source says September 26, 2014"),
    # a score out of a scale is one figure
    ("The film has an average rating of 7.9/10.", "The film has an average rating of 6.8/10.",
     "claim says 7.9/10, source says 6.8/10"),
])
def test_ranks_bounded_dates_and_scores_are_compared(claim: str, evidence: str,
                                                     reason: str) -> None:
    assert reasons(claim, evidence) == [reason]


@pytest.mark.parametrize(("claim", "evidence"), [
    ("The film was released before November 30, 2014.",
     "The film was released on September 26, 2014."),
    ("It holds a score of 74 out of 100.", "It holds a score of 74 out of 100 on Metacritic."),
    ("It sold half a million copies.", "It sold 500,000 copies."),
    ("Santa Clarita is the third-largest city.", "Santa Clarita is the third largest city."),
    # a source date without a year settles nothing about the claim's year
    ("The chair has resigned twice since 2019.", "On 7 May the chair accepted the plan."),
])
def test_bounds_met_and_same_ranks_agree(claim: str, evidence: str) -> None:
    assert reasons(claim, evidence) == []


@pytest.mark.parametrize(("claim", "evidence", "reason"), [
    # the same role word beside another name, in sentences worded too differently to align
    ("The quartet's drummer was Ada Brill.",
     "Formed in 1984, the quartet included drummer Tom Okafor and bassist Lin Reyes.",
     "claim names Ada Brill, source names Tom Okafor"),
    ("The opera is based on a Danish legend.",
     "Written in 1890, the opera is based on an old Norwegian legend.",
     "claim names Danish, source names Norwegian"),
    # a name swapped at the end of the claim, the source going on after it
    ("The mayor was born in Ostend.", "The mayor was born in Ghent, where she studied law.",
     "claim names Ostend, source names Ghent"),
    # the role word and its preposition with words between them in the source
    ("Lena Marsh plays for Harwick United.",
     "Lena Marsh (born 2 May 1996) is a defender who plays as a left back for Dunmore "
     "Rovers and the national team.",
     "claim names Harwick United, source names Dunmore Rovers"),
    ("The mayor was born in Ostend.", "The mayor was born on 3 May 1961 in Ghent.",
     "claim names Ostend, source names Ghent"),
    # a compound role word the source writes in two words
    ("The Pelts are a Finnish synth-pop duo.", "The Pelts are an Estonian synth pop duo.",
     "claim names Finnish, source names Estonian"),
])
def test_a_name_in_the_same_role_is_compared(claim: str, evidence: str, reason: str) -> None:
    assert reasons(claim, evidence) == [reason]


@pytest.mark.parametrize(("claim", "evidence"), [
    # the claim's name is in the source, in another role
    ("The quartet's drummer was Tom Okafor.",
     "The quartet included bassist Lin Reyes and drummer Tom Okafor."),
    # initials, and a place against its people's adjective
    ("The talks took place in the UK.", "The talks took place in the United Kingdom."),
    ("The proposal came from Egypt.", "The proposal came from Egyptian mediators."),
    # the other name is in another clause, not beside the role word
    ("The opera is based on a Danish legend.",
     "The opera is based on a legend; Norwegian critics loved it."),
    # a name the claim also uses is not another name
    ("The quartet's drummer was Tom Okafor, not Lin Reyes.",
     "The quartet's drummer Lin Reyes left in 1990."),
    # the source's preposition takes no name, or the claim's name is there in another role
    ("Lena Marsh plays for Harwick United.",
     "Lena Marsh plays football for the first time in Dunmore."),
    ("Lena Marsh plays for Harwick United.",
     "Lena Marsh plays as a loanee for Dunmore Rovers, from Harwick United."),
    # a name, or a clause break, between the role word and the preposition
    ("Lena Marsh plays for Harwick United.",
     "Lena Marsh, a defender, plays mostly alongside Ann Cole for the club Dunmore Rovers."),
    ("Lena Marsh plays for Harwick United.",
     "Lena Marsh plays in the league; for Dunmore Rovers she scored twice."),
])
def test_a_name_beside_the_same_word_is_not_always_another_name(claim: str,
                                                                 evidence: str) -> None:
    assert not [r for r in reasons(claim, evidence) if r.startswith("claim names")]


def test_one_pair_of_words_is_one_difference() -> None:
    """A rank the rank check and the opposite-word check both read is named once to a reader;
    the verdict model still reads both findings."""
    found = compare("He returned in the second part of the series.",
                    "He died in the first part of the series.")
    assert {m.difference.kind for m in found} == {"number", "opposite"}
    assert [m.reason for m in distinct(found)] == ["claim says second, source says first"]


@pytest.mark.parametrize(("claim", "evidence"), [
    # "not only" adds, "nothing less than" and "nothing short of" insist: none of them denies
    ("Replanting the marsh would cut flooding in Dunmore.",
     "Replanting the marsh would not only cut flooding in Dunmore but also shelter birds."),
    ("Officials expect record harvests.",
     "Officials expect nothing less than record harvests."),
    ("The rescue was miraculous.", "The rescue was nothing short of miraculous."),
])
def test_a_negation_that_insists_denies_nothing(claim: str, evidence: str) -> None:
    assert reasons(claim, evidence) == []


def test_a_plain_negation_beside_them_still_counts() -> None:
    assert reasons("Replanting the marsh would cut flooding in Dunmore.",
                   "Replanting the marsh would not cut flooding in Dunmore.") == [
        "source negates: 'would not cut'"]
