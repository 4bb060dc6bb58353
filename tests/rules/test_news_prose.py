"""Rules v2 on news and blog prose (issue 14): report-style sentences an editor leaves alone,
and the mind-reading an editor wants flagged, on sentences we wrote in that style."""

from __future__ import annotations

import pytest

from .helpers import cues, flags_for


@pytest.mark.parametrize("text", [
    "The ministry closes all schools in the province for a week.",  # the scope of one act
    "All flights are diverted after drones are sighted near the airport.",  # the same, passive
    "The minister was cleared on all charges.",
    "The new release makes builds faster for everyone.",
    "The language is empowering everyone to build reliable software.",
    "EU officials say the port can reopen.",  # a named body speaks
    "Hamas officials say that they accepted the draft.",
    "The death toll exceeds 6,000 people according to figures from the ministry.",
    "Three soldiers are killed in a blast. Security forces arrest two suspects.",  # no anecdote
])
def test_report_style_sentences_are_not_flagged(text: str) -> None:
    assert flags_for(text) == [], text


def test_reportedly_with_an_outlet_tag_is_sourced() -> None:
    # Issue 14b: "reportedly" moved from CC301 to CC302 (opt-in): in news it is due caution.
    assert cues("The village is reportedly captured. (Reuters)", "CC302") == []
    assert cues("The village is reportedly captured.", "CC302") == ["reportedly"]
    assert cues("The village is reportedly captured.", "CC301") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The policy fails every single family.", ["every"]),  # an outcome over a whole
    ("Sugar ruins everything.", ["everything"]),
    ("It is necessary for everyone to show openness.", ["everyone"]),
    ("Diplomatic sources say the vote was rigged.", ["sources say"]),
])
def test_sweeps_and_unnamed_sources_stay_flagged(text: str, expected: list[str]) -> None:
    assert [f.cue for f in flags_for(text)] == expected, text


def test_a_pronoun_for_a_group_named_just_before_is_followed() -> None:
    text = "The French hope that both sides will talk. They hope that the border will open."
    assert [(f.rule, f.cue) for f in flags_for(text)] == [
        ("CC401", "The French hope"), ("CC401", "They hope")]
    # with no group before it, "they" is nobody in particular
    assert flags_for("The talks resumed. They hope that the border will open.") == []
