"""How a clause reads (claimcheck/rules/reading.py): generic claims about a kind stay findings;
episodic reports, the writer's own story, speech acts and inventories of things do not."""

from __future__ import annotations

import re

import pytest

from claimcheck.rules import reading
from claimcheck.rules.sentence import SentenceContext, build_context

from .helpers import ALL_ON, flags_for, make_claims, make_document


def _ctx(text: str) -> SentenceContext:
    doc = make_document(text)
    return build_context(make_claims(doc)[-1], doc)


def _at(ctx: SentenceContext, word: str) -> tuple[int, int]:
    m = re.search(r"\b" + re.escape(word) + r"\b", ctx.text)
    assert m is not None, word
    return m.start(), m.end()


@pytest.mark.parametrize(("text", "cue", "episodic"), [
    ("Several miners were trapped in the mine.", "Several", True),  # a past
    ("All the new tracking issues have been created.", "All", True),  # a perfect
    ("Several bridges have been closed this week.", "Several", True),  # a perfect with a when
    ("Several users have told us they want it.", "Several", True),  # a perfect of saying
    # a bare perfect: no time, place or particular set, so it states how the world now is
    ("Several fish species have been driven to the edge of extinction.", "Several", False),
    ("Several explosions are heard at a port in Qeshm.", "Several", True),  # news present
    ("Syrian forces capture many towns in Aleppo Governorate.", "many", True),
    ("Most households own a car.", "Most", False),  # generic
    ("Many of the students at Cloud State get good grades.", "Many", False),  # quantified
    ("Science has been wrong about many things.", "many", False),  # "been" + a state
    ("Politicians have always lied.", "always", False),  # a time quantifier characterizes
    ("All robin have red breasts.", "All", False),  # "red" is no participle
])
def test_episodic_reads_tense_aspect_and_the_news_present(text: str, cue: str,
                                                          episodic: bool) -> None:
    ctx = _ctx(text)
    assert reading.episodic(ctx, *_at(ctx, cue)) is episodic


@pytest.mark.parametrize(("text", "cue", "domain"), [
    ("All little girls like shopping.", "All", "beings"),
    ("All four year olds talk too much.", "All", "beings"),
    ("Most households own a car.", "Most", "beings"),
    ("Several studies show it.", "Several", "beings"),  # evidence carries the weight
    ("A large part of the world sides with them.", "A large part of", "beings"),
    ("The new requirements affect all targets.", "all", "things"),
    ("Every file in the folder is compressed.", "Every", "things"),
    ("A type will always be placed at an aligned offset.", "always", "things"),
    ("The compiler will always emit a message.", "always", "things"),  # a program
    ("There are several open bugs.", "several", "things"),  # a defect, not an insect
    ("Several glaciers are retreating.", "Several", "world"),  # the natural world
    ("Many storms hit the coast in autumn.", "Many", "world"),
    ("All lints are allowed by default.", "All", "things"),  # a thing of a system
    ("It covers all current and future keywords.", "all", "things"),  # an adjective
    ("Residents of Dunmore never complain.", "never", "beings"),
    ("Teachers, nurses and the police are all underpaid.", "all", "beings"),
    ("Every time it rains, the roof leaks.", "Every", "unknown"),  # the time-marker's
])
def test_what_a_quantifier_ranges_over(text: str, cue: str, domain: str) -> None:
    ctx = _ctx(text)
    assert reading.ranges_over(ctx, *_at(ctx, cue)) == domain


@pytest.mark.parametrize(("text", "act"), [
    ("Thanks to all the contributors who made this possible.", True),
    ("Here's to many more decades of Rust!", True),
    ("We welcome all contributors to the project.", True),
    ("Stay on an edition until all the branches move.", True),  # an instruction
    ("Please remember that everyone makes mistakes.", True),
    ("Do all politicians lie?", False),  # an auxiliary opens a question
    ("Everyone loves going to the movies.", False),
])
def test_speech_acts_assert_nothing_general(text: str, act: bool) -> None:
    assert reading.speech_act(_ctx(text)) is act


@pytest.mark.parametrize(("text", "cue", "own"), [
    ("We fix many bugs in every release.", "many", True),
    ("I missed all the meetings this week.", "all", True),
    ("I think everything is getting worse.", "everything", False),  # a claim, in a complement
    ("If we allow this, soon we'll be giving everyone the day off.", "everyone", False),
    ("Politicians never keep their promises.", "never", False),
])
def test_the_writers_own_work_and_plans(text: str, cue: str, own: bool) -> None:
    ctx = _ctx(text)
    assert reading.writers_own(ctx, _at(ctx, cue)[0]) is own


@pytest.mark.parametrize(("text", "expected"), [
    # Textbook generalizations keep their findings ...
    ("All required university courses are boring.", [("CC101", "All")]),  # things, judged
    ("Politicians never keep their promises.", [("CC101", "never")]),
    ("Most households own a car.", [("CC201", "Most")]),
    ("Religion poisons everything.", [("CC101", "everything")]),
    ("Many fires are the result of arson.", [("CC201", "Many")]),  # things, given a cause
    ("Several glaciers are retreating fast.", [("CC201", "Several")]),  # the natural world
    # ... reports, inventories, speech acts and the writer's own story do not.
    ("Thanks to all the contributors who made this release possible.", []),
    ("The new kernel requirements affect all targets.", []),
    ("Several explosions are heard at a port in Qeshm.", []),
    ("We are able to fix many subtle bugs.", []),
    ("A type will always be placed such that its offset is aligned.", []),
    ("Many of the old versions cannot run it due to store rules.", []),  # a circumstance
    ("The pattern causes floods in many regions of the world.", []),  # after its preposition
    ("The rise is documented by many independent studies.", [("CC201", "many")]),  # support
    ("Most regions have distinct wet and dry seasons.", [("CC201", "Most")]),  # places
])
def test_generic_claims_stay_and_the_rest_go(text: str,
                                             expected: list[tuple[str, str]]) -> None:
    got = [(f.rule, f.cue) for f in flags_for(text) if f.rule in {"CC101", "CC201"}]
    assert got == expected


def test_word_lists_from_wordnet_are_there() -> None:
    from claimcheck.rules.words import word_set

    assert {"girl", "expert", "household", "resident", "cat"} <= word_set("beings")
    assert not {"data", "target", "file"} & word_set("beings")
    assert {"stay", "consider", "check"} <= word_set("instruction_verbs")
    assert {"glacier", "storm", "flood", "tree"} <= word_set("world_nouns")
    assert not {"change", "case", "file", "girl"} & word_set("world_nouns")
    assert "CC102" in ALL_ON  # the opt-in rules are switched on in rule tests
