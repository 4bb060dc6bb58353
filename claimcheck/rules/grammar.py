"""Small grammar helpers shared by the rules that spot generic subjects ("teenagers are ...").

No parser: a few closed word classes are enough to tell a bare generic subject at the start of a
clause ("Cars are worthless") from a specific one ("my cars are", "of the cars").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import patterns
from .sentence import SentenceContext, per_sentence
from .words import EDGE_R, word_set

# Words before a group that make it a specific, countable set ("my friends", "these voters").
SPECIFIC = frozenset({
    "my", "your", "his", "her", "our", "their", "its", "these", "those", "this", "that", "some",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "few",
    "of", "whose", "which", "many",
    "such", "other",  # "such models", "other organisms": a set the text has already named
})
# Words that cannot be the adjective in "professional athletes" (determiners, prepositions...).
FUNCTION_WORDS = SPECIFIC | {
    "the", "a", "an", "and", "or", "but", "are", "is", "was", "were", "at", "in", "on", "to",
    "for", "from", "with", "by", "about", "like", "than", "as", "all", "most", "so", "if", "not",
    "what", "who", "why", "how", "when", "where", "do", "does", "did", "can", "will", "would",
}
# Where a generic subject can begin: a clause start.
CLAUSE_OPENERS = frozenset({
    "therefore", "so", "thus", "hence", "because", "since", "and", "but", "then", "that",
    "all", "most", "clearly", "obviously", "basically", "generally", "everyone", "knows",
})
# "Sometimes cars fail" is the careful claim: these never start a generic subject.
_LIMITING = {"sometimes", "often", "usually", "some", "occasionally", "rarely"}
# (a prefix tree: it is only ever read in a negative lookahead, `(?!(?:DETERMINERS)\b)`, where
# only which words match counts, and a tree rejects most positions at their first letter)
DETERMINERS = patterns.alternation(FUNCTION_WORDS | CLAUSE_OPENERS | _LIMITING)
# Up to one lower-case word before a noun that is not a determiner: "professional" in
# "professional athletes", never "the" or "my" (those make the noun phrase specific).
MODIFIER = r"(?:(?!(?:" + DETERMINERS + r")\b)[a-z][\w-]*\s+)"
# A plural noun: -s but not -ss/-us ("cars", not "glass" or "virus").
PLURAL = r"[a-z]+(?<![su])(?<!ss)s"
INTENSIFIERS = r"(?:(?:so|very|really|too|just|all|always|never|naturally|simply|generally|" \
    r"usually|such|totally|completely|inherently|definitely|truly|more|less|the|a|an)\s+)*"
NOT_PREDICATE = frozenset({
    "in", "at", "on", "to", "from", "by", "with", "under", "currently", "still", "now", "here",
    "there", "being", "been", "expected", "set", "going", "about", "able", "due", "also",
    "already", "seen", "made", "left", "told", "sent", "reported", "killed", "hit", "done",
    "not", "getting", "back",
    "like",  # "employees are like nails": an analogy, its own kind of argument
    # Frequency and hedges: "cars are often unreliable", "yields are likely to fall" claim
    # neither all of them nor a trait of each.
    # ("rarely wrong" is near "never wrong": still a claim about them all.)
    "often", "sometimes", "occasionally", "frequently", "likely",
    "unlikely", "relatively", "among", "thought", "believed", "predicted", "known",
    # A former state: "darker colours were originally used".
    "previously", "originally", "formerly", "once",
})
PARTICIPLES = frozenset({
    "hit", "been", "done", "made", "had", "got", "gotten", "put", "set", "seen", "told", "sent",
    "won", "lost", "left", "taken", "given", "shown", "begun", "come", "gone", "become", "said",
    "brought", "bought", "caught", "fought", "kept", "held", "met", "paid", "run", "found",
    "risen", "fallen", "grown", "driven", "written", "broken", "chosen", "spoken", "stolen",
    "frozen", "forgotten", "hidden", "eaten", "beaten", "proven",
})
# A ranking after "are the": "reefs are the most common shape", "oceans are the largest sink".
# CC601 reports an unsourced ranking; it is not also a trait given to each member.
_RANKING = frozenset({"most", "least", "main", "only", "leading", "primary", "biggest",
                      "largest", "best", "worst", "greatest", "highest", "lowest"})

# Words ending in -s that are not plural nouns: "everyone is doing", "he has never been".
NOT_PLURAL = frozenset({
    "is", "was", "has", "does", "this", "his", "its", "yes", "as", "us", "thus", "whereas",
    "hers", "ours", "yours", "theirs",
})
# A pronoun before an -s word makes it a verb, not the head of a noun phrase ("she begins").
PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "who", "there", "here",
                      "one", "someone", "everyone", "everybody", "nobody", "anyone"})


def clause_start(ctx: SentenceContext, pos: int) -> bool:
    """Nothing but punctuation, or a connective like "therefore", before `pos`."""
    head = ctx.text[max(0, pos - 80):pos].rstrip(" \t\n\"“'‘")
    if head and head[-1] in ",;:(—–-|":
        return True
    if not re.search(r"\w", head):  # rare: look further back only then (no quadratic scans)
        return not re.search(r"\w", ctx.text[:pos])
    before = ctx.words_before(pos, 1)
    return bool(before) and before[0] in CLAUSE_OPENERS


# What a generic subject is said to be or do: "are (so) irresponsible", "don't cry",
# "make lousy athletes". Named groups: trait (after a copula), verb and obj (a habit).
_COPULA = r"are|aren['’]t|were|weren['’]t"
_HABIT_LEAD = r"do\s+not|don['’]t|can['’]t|cannot|never|always|only|tend\s+to|will\s+never|won['’]t"
_HABIT_VERB = (r"make|have|lack|cry|care|drive|know|want|love|hate|lie|cheat|steal|talk|"
               r"get|do|act|think|eat|spend|work|ask|listen|understand|score")
PREDICATE = (
    r"(?:(?P<copula>" + _COPULA + r")\s+(?:not\s+)?" + INTENSIFIERS
    + r"(?P<trait>[\w'’-]+)"
    r"|(?:" + _HABIT_LEAD + r")\s+(?:ever\s+)?(?P<habit>[a-z]+)"
    r"|(?:(?:just|really|all)\s+)*"
    r"(?P<verb>" + _HABIT_VERB + r")" + EDGE_R +
    r"(?:\s+(?P<obj>[\w'’-]+))?)"
)
# Where PREDICATE can match after a space, one of these words starts after a space too: a
# copula or a habit's lead word followed by a space, or a habit verb (after "just"/"really"/
# "all" and a space, or right at the start) ending a word. The necessary condition only, so a
# scan for it stays linear (PREDICATE itself, tried at every space, rescans "all all all ...").
_PREDICATE_WORD = (r"(?<=\s)(?:(?:" + _COPULA + "|" + _HABIT_LEAD + r")\s|(?:" + _HABIT_VERB
                   + r")" + EDGE_R + ")")


@per_sentence
def has_predicate(ctx: SentenceContext) -> bool:
    """A word that starts a PREDICATE, after a space, somewhere in the sentence. Every
    subject-plus-predicate pattern ("...\\s+" + PREDICATE, case-insensitive) needs one to match,
    so a sentence without one is settled by this short scan instead of each long pattern's."""
    return _predicate_word().search(ctx.text) is not None


@lru_cache(maxsize=1)
def _predicate_word() -> re.Pattern[str]:
    return re.compile(_PREDICATE_WORD, re.IGNORECASE)


_PERFECT_ADVERBS = frozenset({"also", "already", "just", "now", "since", "ever", "never", "not",
                              "recently", "still", "long"})


def generic_predicate(m: re.Match[str], things: bool = False) -> bool:
    """A state or habit, not an event: "are racist" yes; "are advancing", "have hit" no.
    `things`: the subject is a kind of thing, not of people, so a capacity ("are able to") or a
    ranking ("are the largest sink", CC601's) gives no trait; said of people, both can."""
    trait = (m.group("trait") or "").lower()
    if (trait or (m.group("habit") or "").lower()) in word_set("kind_predicates"):
        return False  # "ghosts are real", "unicorns don't exist": the kind, not each member
    if trait:
        if things and (trait in _RANKING or trait in word_set("capacity_predicates")):
            return False
        if trait in word_set("taxonomic") or trait in word_set("process_participles"):
            return False  # "whales are mammals", "models are run on ...": a definition or a
            # procedure, not a trait given to each member
        if (trait in PARTICIPLES or trait.endswith(("ed", "en"))) and \
                trait not in word_set("trait_participles"):
            return False  # "cellphones were invented", "grenades are thrown": an event told in
            # the passive (news tells events in the present), not a trait; "are biased" is one
        if m.group("trait")[:1].isupper():
            return False  # "Producers are Jane Doe and ...": a name, not a trait
        return trait not in NOT_PREDICATE and not trait.endswith("ing")
    if m.group("habit"):  # "don't cry", "never listen", "only vote": any verb after these
        return True
    obj = (m.group("obj") or "").lower()
    if m.group("verb").lower() == "have":  # "have hit", "have also occurred": perfect tense
        return not (obj in PARTICIPLES or obj in _PERFECT_ADVERBS or obj.endswith(("ed", "ly")))
    return True
