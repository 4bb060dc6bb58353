"""Claim kinds from cue lists: furniture, questions, quotes, reports, opinion, speculation."""

from __future__ import annotations

import pytest

from claimcheck.split.kinds import classify, is_non_claim


@pytest.mark.parametrize(("text", "block"), [
    ("Hamas Claims Talks Have Returned to Square One", "line"),
    ("by Sead Dedovic", "line"),
    ("© Abid Katib/Getty Images News", "line"),
    ("John Kirby© Anna Moneymaker / Getty Images", "line"),
    ("John Kirby", "paragraph"),
    ("What changed", "heading"),
    ("Subscribe to get new posts by email.", "paragraph"),
    ("240 ms", "table_cell"),
])
def test_non_claims(text: str, block: str) -> None:
    assert is_non_claim(text, block)  # type: ignore[arg-type]
    assert classify(text, block, quoted=False, reported=False) == "non_claim"  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "quoted", "reported", "kind"), [
    ("Will the shelves be empty by Friday?", False, False, "question"),
    ("We made a fair offer.", True, False, "quote"),
    ("Lenz said the government had offered a raise.", False, True, "attributed"),
    ("To say that this country is in trouble is an understatement.", False, False, "opinion"),
    ("The last thing is probably the most important.", False, False, "opinion"),
    ("Everyone should show patience.", False, False, "opinion"),
    ("It seems the gains could fade after a year.", False, False, "speculation"),
    ("Which could mean a disruption in the supply.", False, False, "speculation"),
    ("The French hope that both sides will sit down again.", False, False, "speculation"),
    ("Israel controls Rafah", False, False, "factual"),
    ("The port handled 1.2 million containers in 2023.", False, False, "factual"),
])
def test_kinds(text: str, quoted: bool, reported: bool, kind: str) -> None:
    assert classify(text, "paragraph", quoted=quoted, reported=reported) == kind


def test_boilerplate_word_inside_a_claim_is_not_boilerplate() -> None:
    text = "The newsletter reached 2 million readers in 2023."
    assert classify(text, "paragraph", False, False) == "factual"


def test_by_with_a_date_is_prose_not_a_byline() -> None:
    assert classify("By Monday, the talks had failed.", "paragraph", False, False) == "factual"
    assert classify("By Ana Lee and Tom Ray", "line", False, False) == "non_claim"


def test_prose_without_final_period_in_a_list_is_still_a_claim() -> None:
    assert classify("Memory use fell by 40% on large files", "list_item", False, False) == \
        "factual"


@pytest.mark.parametrize("text, kind", [
    ("The talks resumed on 9 May.", "factual"),
    ("Three rounds of talks were held in May.", "factual"),
    ("May 9 was the deadline.", "factual"),
    ("The talks may resume in May.", "speculation"),
    ("May the talks resume soon.", "speculation"),
])
def test_the_month_may_is_not_a_hedge(text: str, kind: str) -> None:
    assert classify(text, "paragraph", False, False) == kind


@pytest.mark.parametrize("raw", [
    "[Gaza war](https://en.wikipedia.org/wiki/Gaza_war \"Gaza war\")",
    "[Home](/) · [News](/news) | [Contact](/contact)",
    "(CBS News)",
    "(AP) (BBC News)",
    "https://example.org/report.html",
    "Hello everyone!",
    "Thanks, all.",
    "Directed by Ana Lee",
    'Gaza war hostage crisis](https://en.wikipedia.org/wiki/G "Gaza war hostage crisis")',
])
def test_navigation_source_tags_greetings_and_credits_are_non_claims(raw: str) -> None:
    masked = raw  # the masked copy differs only by blanks; the raw text decides here
    assert classify(masked, "list_item", quoted=False, reported=False, raw=raw) == "non_claim"


@pytest.mark.parametrize("raw", [
    "At least 31 [Palestinians](https://en.wikipedia.org/wiki/P) are killed in [Gaza](https://x).",
    "Thanks to the new compiler, builds are 30% faster than before.",
    "(The figure excludes contractors, who are counted separately.) It rose 4%.",
    "Hello is the word most learners say first, a 2020 survey of teachers found.",
])
def test_prose_with_links_or_greeting_words_stays_a_claim(raw: str) -> None:
    assert classify(raw, "paragraph", quoted=False, reported=False, raw=raw) != "non_claim"


@pytest.mark.parametrize(("text", "kind"), [
    ("You shouldn't go there alone.", "opinion"),  # split/data/evaluative.txt
    ("Once you start, you won't be able to stop.", "speculation"),  # text/data/hedges.txt
])
def test_a_curly_apostrophe_is_the_same_word(text: str, kind: str) -> None:
    # The cue lists are written with straight apostrophes; "won’t" is the same word.
    assert classify(text, "paragraph", quoted=False, reported=False) == kind
    curly = text.replace("'", "’")
    assert classify(curly, "paragraph", quoted=False, reported=False) == kind


@pytest.mark.parametrize("text", [
    "ocean heat content has risen in each of the last ten years",
    "90% of the reef was bleached in the summer of 2016",
    "[the agency] found no link between the two surveys",
])
def test_a_line_that_starts_in_lower_case_or_a_figure_is_no_title(text: str) -> None:
    # a lone line without a full stop is a title only when title-cased; these read as prose
    assert classify(text, "line", quoted=False, reported=False) == "factual"
    assert is_non_claim("Ocean Heat Content Has Risen In Each Of The Last Ten Years", "line")
