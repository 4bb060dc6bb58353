from __future__ import annotations

import pytest

from claimcheck.rules import RULES, find_flags

from .helpers import ALL_ON, cues, flags_for, make_document


@pytest.mark.parametrize(("text", "expected"), [
    ("The last thing is probably the most important.", ["probably"]),
    ("The takeover could mean a disruption in supply.", ["could mean"]),
    ("It seems the talks have stalled.", ["It seems"]),
    ("It is still unclear what will happen.", ["It is still unclear"]),
])
def test_hedges_are_flagged_as_info(text: str, expected: list[str]) -> None:
    assert cues(text, "CC701") == expected
    assert {f.severity for f in flags_for(text, ALL_ON) if f.rule == "CC701"} == {"info"}
    # Opt-in since rules v2: appropriate caution is not a defect (issue 14)
    assert [f for f in flags_for(text) if f.rule == "CC701"] == []


@pytest.mark.parametrize("text", [
    '"It will probably rain," the forecaster said.',
    "The forecaster said it will probably rain.",
    "The talks stalled on Tuesday.",
])
def test_attributed_hedges_are_not_flagged(text: str) -> None:
    assert cues(text, "CC701") == []


def test_hedges_have_the_lowest_default_severity() -> None:
    ranks = {"info": 1, "warning": 2, "error": 3}
    hedge = next(r for r in RULES if r.name == "hedge-speculation")
    assert hedge.severity == "info"
    assert all(ranks[hedge.severity] <= ranks[r.severity] for r in RULES)


@pytest.mark.parametrize(("text", "expected"), [
    ("If we legalize pot, the next thing you know people will want heroin.",
     ["the next thing you know"]),
    ("Skipping class will lead to failure.", ["will lead to"]),
    ("You'll end up homeless.", ["You'll end up"]),
])
def test_slippery_slopes_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC702") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Current pledges would lead to about 3.0 °C of warming by 2100.", []),  # a projection
    ("Melting all the ice would lead to a sea level rise of 7.2 m.", []),
    ("One cookie and before you know it, you will gain 15 pounds.", ["before you know it"]),
    ("Banning one book will lead to burning them all.", ["will lead to"]),
])
def test_a_link_to_a_measured_outcome_is_a_projection(text: str, expected: list[str]) -> None:
    assert cues(text, "CC702") == expected


def test_attributed_forecast_is_not_a_slippery_slope() -> None:
    assert cues("The strike will lead to delays, the rail operator said.", "CC702") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("If the mill closes, the shops will shut, and the school will empty.", ["will"]),
    ("Once the fee goes up, fewer people will come. The club will lose money. It will fold.",
     ["will", "will"]),
])
def test_chains_of_certain_consequences_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC703") == expected


@pytest.mark.parametrize("text", [
    "If it snows, the match will be postponed.",  # one forecast is a claim, not a chain
    "If the mill closes, the shops will shut and the school will empty, the mayor said.",
    "We must decide if we are going to fund the pool or if we are going to fund the park.",
    "If we ban one book, the next thing you know they will ban them all.",  # CC702's job
])
def test_single_or_sourced_forecasts_are_not_chains(text: str) -> None:
    assert cues(text, "CC703") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("If we let him off today, what's next?", ["what's next"]),  # the slope put as a question
    ("We banned one book. Where will it end?", ["Where will it end"]),
    ("Could the case end up in court?", []),  # a real question claims no chain
    ("Will the strike lead to delays?", []),
])
def test_a_slope_asked_as_a_question_is_still_a_slope(text: str, expected: list[str]) -> None:
    assert cues(text, "CC702", kind="question") == expected


def test_other_rules_still_skip_questions() -> None:
    assert cues("Do all politicians lie?", kind="question") == []
    assert cues("Do all politicians lie?") == ["all", "politicians lie"]  # were it asserted


def test_eventually_after_and_is_found_in_the_clause_the_splitter_cut() -> None:
    from claimcheck.split import split_document

    doc = make_document("Soon you are spending all your money on gambling, and eventually "
                        "you will turn to crime.")
    claims = split_document(doc)
    assert len(claims) == 2  # the splitter cuts at ", and": the cue must not straddle the cut
    assert [f.cue for c in claims for f in find_flags(c, doc, {"CC702": "on"})
            if f.rule == "CC702"] == ["eventually"]


def test_pretty_soon_is_a_slope() -> None:
    assert cues("If I let you go, pretty soon everybody will want to go.", "CC702") == [
        "pretty soon"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Smokers are more likely to develop cancer.", []),  # a compared rate, not doubt
    ("Young drivers are twice as likely to crash.", []),
    ("It is possible to ignore the effect of salinity.", []),  # what can be done
    ("It is possible that the effect is small.", ["It is possible"]),
    ("Prices will likely rise.", ["likely"]),
])
def test_compared_likelihood_and_feasibility_are_not_hedges(
        text: str, expected: list[str]) -> None:
    assert cues(text, "CC701") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The panel concluded that the warming is very likely due to emissions.", []),
    ("The study found that the effect was probably small.", []),
    ("I think that it will probably rain.", ["probably"]),  # the writer's own
    ("We believe that prices will likely fall.", ["likely"]),
])
def test_a_hedge_inside_a_reported_finding_is_the_sources(
        text: str, expected: list[str]) -> None:
    assert cues(text, "CC701") == expected


def test_the_writer_takes_over_after_but() -> None:
    text = "They found that supply is vast, but perhaps demand will outrun it."
    assert cues(text, "CC701") == ["perhaps"]
