"""The cheap scans that spare the long subject patterns must never hide a match.

CC401 runs its two mind patterns only in a sentence with a mental verb (`collective._feels`),
CC402 and CC102 run their subject-plus-predicate patterns only where a predicate word follows a
space (`grammar.has_predicate`). Each gate is a necessary condition of its patterns: whenever a
pattern matches a sentence, the gate says yes. Checked on sentences put together from the very
words the patterns read (groups, demonyms, modifiers, intensifiers, mental verbs, predicates),
mixed with other words, punctuation, odd spaces and both apostrophes, so a later edit of a word
list or of PREDICATE that breaks the implication fails here.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.rules import collective, grammar, sweeping
from claimcheck.rules.sentence import SentenceContext
from claimcheck.rules.words import words

_GLUE = ["the", "The", "all", "All", "really", "still", "not", "so", "very", "who", "that",
         "my", "of", "most", "never", "just", "are", "were", "aren't", "aren’t", "don't",
         "don’t", "do", "tend", "to", "will", "won’t", "ever", "make", "have", "cry", "Cars",
         "cars", "Farmers", "dockers", "Kentuckians", "side", "population", "world", "people",
         "NASA", "glass", "virus", "1998", "said", "x"]
_WORDS = sorted({w for name in ("mental_verbs", "group_nouns", "demonyms",
                                "nationality_adjectives", "kind_predicates")
                 for entry in words(name) for w in entry.split()} | set(_GLUE))
_SPACE = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\u00a0", ", ", "; ", " - "])
_TOKEN = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(str.upper),
                   st.sampled_from(_WORDS).map(str.capitalize),
                   st.text(alphabet="abcdeilnorstuy'’-", min_size=1, max_size=8))


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(_TOKEN, min_size=1, max_size=12))
    out = tokens[0]
    for token in tokens[1:]:
        out += draw(_SPACE) + token
    return out + draw(st.sampled_from(["", ".", "!", "?"]))


def _context(text: str) -> SentenceContext:
    return SentenceContext(text=text, raw=text, offset=0, lo=0, hi=len(text), figure=False,
                           attributed=False, claim_quoted=False, doc_text=text)


def _matches(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


@settings(max_examples=1500, deadline=None)
@given(_sentences())
def test_a_sentence_the_gates_turn_away_has_no_match_for_the_long_patterns(text: str) -> None:
    ctx = _context(text)
    if not collective._feels(ctx):
        assert not _matches(collective._mind_pattern(), text)
        assert not _matches(collective._bare_mind_pattern(), text)
    if not grammar.has_predicate(ctx):
        assert not _matches(collective._trait_pattern(), text)
        assert not _matches(sweeping._bare_plural(), text)


def test_the_gates_let_the_flagged_examples_through() -> None:
    """And they are not vacuous: the rules' own FLAGGED sentences pass them."""
    for text in ("Israelis do not seem open to peace.", "The French hope that both sides meet.",
                 "Farmers are furious about the rules."):
        assert collective._feels(_context(text)), text
    for text in ("Kentuckians are racist.", "Men don't cry.", "Cars are worthless.",
                 "Happy families make happy children."):
        assert grammar.has_predicate(_context(text)), text
    assert not collective._feels(_context("The bridge opened in 1998."))
    assert not grammar.has_predicate(_context("The bridge opened in 1998."))
