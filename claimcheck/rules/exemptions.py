"""Exemptions as declared data: each is a named entry with a reason, an example and a test.

A rule finds cues ("all", "the largest", "experts say"); whether a cue is let through is settled
here, once, by named entries that any rule can declare. Central entries (scopes.py: quotation,
attribution, denial, supposition, names and titles, formal arguments, page furniture) apply to
every rule unless it says it reads that context; the others apply to the rules that list them.
Every entry carries a sentence that one of its rules would flag but for the entry, and the test
suite checks both halves of that (tests/rules/test_exemptions.py). `claimcheck explain` prints,
for each cue, the entry that let it through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .sentence import SentenceContext


@dataclass(frozen=True)
class Cue:
    """What an exemption looks at: a rule's cue, sentence-relative."""

    rule: str
    start: int
    end: int
    key_at: int  # where the cue's key word starts ("largest" in "the largest")
    key: str  # the cue as compared with word lists (`cue_key`)


Test = Callable[[SentenceContext, Cue], bool]


@dataclass(frozen=True)
class Exemption:
    name: str
    reason: str  # why a cue here is not a finding, said to the writer
    example: str  # a sentence `rule` would flag but for this entry
    rule: str
    test: Test
    central: bool = False  # applies to every rule unless the rule `reads` it
    whole_sentence: bool = False  # does not depend on the cue: settled once per sentence
    # A whole-sentence answer read off the sentence context at no cost: asked before the rule
    # looks for cues at all, so a sentence it settles costs the rule nothing.
    first: bool = False


EXEMPTIONS: dict[str, Exemption] = {}


def exemption(*, name: str, reason: str, example: str, rule: str, central: bool = False,
              whole_sentence: bool = False, first: bool = False) -> Callable[[Test], Test]:
    """Decorator: register `test` as the named exemption."""
    def wrap(test: Test) -> Test:
        if name in EXEMPTIONS:
            raise ValueError(f"exemption {name!r} declared twice")
        EXEMPTIONS[name] = Exemption(name=name, reason=reason, example=example, rule=rule,
                                     test=test, central=central,
                                     whole_sentence=whole_sentence or first, first=first)
        return test
    return wrap


# --- the entries rules declare -------------------------------------------------------------
# (Central contexts are in scopes.py.) Each entry's `example` is flagged by its `rule` when the
# entry is switched off, and not when it is on.

import re  # noqa: E402  (the entries below are data-like; their helpers follow them)

from . import reading  # noqa: E402
from .clauses import clause_before  # noqa: E402
from .words import EDGE_L, phrases, plain, whole_words, word_set  # noqa: E402


@exemption(name="idiom", rule="CC101",
           reason="an idiom or fixed phrase ('after all', 'all the way', 'best interests')",
           example="All in all, the trip was a success.")
def _idiom(ctx: SentenceContext, cue: Cue) -> bool:
    return any(m.start() <= cue.key_at < m.end()
               for m in phrases("idioms").finditer(ctx.text, max(0, cue.key_at - 40),
                                                   cue.key_at + 60))


_DEMONYM_LIKE = re.compile(r"[A-Z][a-z]+(?:ans|ians|eans|ese|ish|is)\b")


@exemption(name="name-or-title", rule="CC601",
           reason="part of a proper name or a title ('the Most Outstanding Player', 'Catholicos "
           "of All Georgia', 'All Blacks')",
           example="She is the Most Famous Woman in the World.")
def _name_or_title(ctx: SentenceContext, cue: Cue) -> bool:
    at = cue.key_at
    if not ctx.text[at:at + 1].isupper() or (ctx.kind == "non_claim" and _title_case(ctx)):
        return False  # in a Title Case headline a capital says nothing about a name
    head = ctx.text[:at].rstrip(" \t*_[\"“'‘(")
    if re.search(r"\w", head):
        return not re.search(r"[.:!?]$", head)  # after ". " or ": " a new sentence starts
    own = ctx.text[at:cue.end].split()
    if any(w[:1].islower() for w in own):
        return False  # "A large number of": ordinary words, not a name
    after = ctx.text[cue.end:cue.end + 40].lstrip(" \t*_[\"“")
    nxt = re.match(r"[\w'’-]+", after)
    if not nxt or not nxt.group()[0].isupper() or re.fullmatch(r"I(?:['’]\w+)?", nxt.group()):
        return False
    word = nxt.group().lower()
    return not _DEMONYM_LIKE.fullmatch(nxt.group()) and word not in word_set("demonyms") and \
        word not in word_set("nationality_adjectives")


def _title_case(ctx: SentenceContext) -> bool:
    """Most words of three letters or more are capitalised: a headline in Title Case."""
    long = re.findall(r"[A-Za-z][\w'’-]{2,}", ctx.text)
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


_NEGATED = frozenset({"not", "n't", "nearly", "hardly"})  # "not all X" is the careful claim
_NEGATORS = frozenset({"not", "cannot", "never", "don't", "doesn't", "didn't", "won't",
                       "can't", "isn't", "aren't", "wasn't", "weren't", "couldn't", "wouldn't"})
_NEW_CLAUSE = frozenset({"that", "which", "who", "because", "if", "when", "while", "but", "and",
                         "so", "since"})


@exemption(name="not-all", rule="CC101",
           reason="'not all', 'hardly every': the careful claim, not a sweep",
           example="Not all students like exams.")
def _not_all(ctx: SentenceContext, cue: Cue) -> bool:
    before = ctx.words_before(cue.start, 4)
    if before and (before[-1] in _NEGATED or before[-1].endswith("n't")):
        return True
    if cue.key != "all":
        return False
    for word in reversed(before):  # "had not included all the data"
        if word in _NEW_CLAUSE:
            return False
        if word in _NEGATORS:
            return True
    return False


# "should never", "must always": a rule being laid down, not a claim about the world.
_NORMATIVE = frozenset({"should", "must", "ought", "shall", "shouldn't", "mustn't", "to"})
# "Everyone should vote", "all must leave": a rule for everyone, not a report about everyone.
_NORMATIVE_AFTER = frozenset({"should", "must", "ought", "shall", "needs", "deserves", "deserve"})
# After "must", a state or an adverb means inference ("all girls must like running", "all
# dogs must only eat meat"), not a duty ("all passengers must show a ticket").
_INFERRED = frozenset({"be", "have", "like", "love", "hate", "know", "want", "prefer", "think",
                       "believe", "feel", "own", "only", "all", "surely", "really", "also",
                       "always", "never", "secretly"})
# Words between "no one" and the verb of proof: "no one has ever been able to prove".
_AUX = frozenset({"can", "could", "has", "have", "had", "ever", "been", "able", "to", "will",
                  "yet", "really", "truly", "successfully", "conclusively", "definitively"})
# Words that end the noun phrase a quantifier binds: a verb or a new clause has begun.
_PHRASE_ENDS = _AUX | _NORMATIVE_AFTER | frozenset({
    "is", "are", "was", "were", "be", "do", "does", "did", "don't", "doesn't", "would", "may",
    "might", "who", "that", "which", "and", "or", "but", "i", "we", "they", "he", "she", "it"})
# A proposal or a demand: "we should ban all cars", "I urge you to tear down all the lines".
_PROPOSAL = re.compile(whole_words(r"should|must|ought\s+to|needs?\s+to|ha(?:ve|s)\s+to|"
                                   r"let['’]s|urges?|urged|asks?|want(?:s|ed)?\s+to|wants"),
                       re.IGNORECASE)
# A new assertion inside the clause: "you should know that everyone lies" claims again.
_NEW_ASSERTION = re.compile(whole_words(r"that|because|since|when|who|which|if"),
                            re.IGNORECASE)


def _bound_phrase(after: list[str], most: int = 3) -> int:
    """How many words after "all"/"every" name what it binds ("passengers", "drunk drivers",
    "students everywhere"): up to `most`, and only if a modal follows them."""
    for n, word in enumerate(after[:most + 1]):
        if word in _PHRASE_ENDS:
            return n if word in _NORMATIVE_AFTER or word in {"has", "have"} else 0
    return 0


@exemption(name="rule-laid-down", rule="CC101",
           reason="a rule or a proposal ('you should never ...', 'all passengers must show', "
           "'we should ban all ...'): what is wanted, not what is so",
           example="You should never trust politicians.")
def _rule_laid_down(ctx: SentenceContext, cue: Cue) -> bool:
    before = ctx.words_before(cue.start, 1)
    if before and before[0] in _NORMATIVE:
        return True
    head = clause_before(ctx.text, cue.start)
    found = list(_PROPOSAL.finditer(head))
    if found and not _NEW_ASSERTION.search(head, found[-1].end()):
        return True
    after = [w for w in ctx.words_after(cue.end, 7) if w not in {"else", "here", "of", "us", "you"}]
    if cue.key in {"all", "every"}:
        after = after[_bound_phrase(after):]  # "all drunk drivers must": skip what it binds
    if not after:
        return False
    if after[0] == "must" and after[1:2] and after[1] in _INFERRED:
        return False
    return after[0] in _NORMATIVE_AFTER or after[:2] in (["has", "to"], ["have", "to"])


# "all those things", "all of my time": a bounded set the sentence points at, not a whole class.
_BOUNDED = frozenset({"this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
                      "their"})
# "all previous records": a record, CC601's kind of claim, not a sweep over members.
_RECORDS = frozenset({"previous", "prior", "earlier", "former"})
# "many of you", "several of them": the listeners or a set the text has just named.
_PEOPLE_HERE = frozenset({"you", "us", "them", "these", "those"})
# "We're all going", "you can all trust me": "all" floats after the speaker or the listeners.
_PRESENT = frozenset({"we", "us", "you", "we're", "you're", "y'all"})
# "they all have the same effect": the set named just before, unless the clause judges it.
_BACK_REFERENCES = frozenset({"they", "they're", "them", "these", "those"})
_FLOAT_OVER = frozenset({"are", "were", "can", "will", "could", "would", "should", "must",
                         "have", "do"})
_LIST_VERBS = frozenset({"are", "were", "have", "had", "can", "will", "do"})
_LISTED = re.compile(EDGE_L + r"[\w'’-]+(?:\s+[\w'’-]+){0,3},\s+(?:[\w'’-]+\s+){0,4}?"
                     r"(?:and|or)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+\s+"
                     r"(?:(?:" + "|".join(sorted(_LIST_VERBS)) + r")\s+)?$", re.IGNORECASE)
_DEFINITE = frozenset({"the", "my", "our", "your", "his", "her", "their", "its", "this", "these",
                       "those"})
_SHARES = frozenset({"most", "many", "several", "a few", "numerous", "countless",
                     "a handful of"})


def _listed_set(ctx: SentenceContext, start: int) -> bool:
    """A list names its members unless one of its items is a bare plural, a kind of its own
    ("teachers, nurses and the police are all ..." sweeps whole groups)."""
    found = _LISTED.search(ctx.text, max(0, start - 160), start)
    if found is None:
        return False
    for item in re.split(r",|\band\b|\bor\b", found.group()):
        items = [w for w in re.findall(r"[\w'’-]+", item) if w.lower() not in _LIST_VERBS]
        if len(items) in (1, 2) and items[0].lower() not in _DEFINITE and \
                items[-1].islower() and items[-1].endswith("s") and not items[-1].endswith("ss"):
            return False
    return True


# "all the work we have done", "all the Rustfmt contributors", "all the files in the repo": the
# noun phrase after "all the" is narrowed by a clause, a name or a place; "all the politicians
# lie" is not.
_RESTRICTED = re.compile(r"\s+the\s+(?:(?-i:[A-Z][\w-]*)\s+|(?:[\w-]+\s+){0,2}?[\w-]+\s+"
                         r"(?:that|which|who|whom|whose|we|I|you|they|he|she|it|[\w-]+['’]s|"
                         r"of|in|on|from|for|at|under|since|listed|mentioned|above|below)\b)",
                         re.IGNORECASE)


def _restricted(ctx: SentenceContext, end: int) -> bool:
    return bool(_RESTRICTED.match(ctx.text, end))


@exemption(name="defined-set", rule="CC101",
           reason="a set the text itself defines ('all his time', 'all of the planned methods', "
           "'most of her friends', 'the Greens, the SNP and Labour all ...', 'we are all', "
           "'they all have')",
           example="He spends all his time in the library.")
def _defined_set(ctx: SentenceContext, cue: Cue) -> bool:
    after = ctx.words_after(cue.end, 2)
    if cue.key == "all":
        head = [w for w in after if w != "of"][:1]
        if head and (head[0] in _BOUNDED or head[0] in _RECORDS or head[0] in _PEOPLE_HERE):
            return True
        if after in (["of", "the"], ["of", "whom"], ["of", "which"]) or _listed_set(
                ctx, cue.start) or _restricted(ctx, cue.end):  # "..., all of whom work"
            return True
        before = ctx.words_before(cue.start, 2)
        while before and before[-1] in _FLOAT_OVER:
            before.pop()
        if before and before[-1] in _BACK_REFERENCES:
            return not reading.evaluative(ctx, cue.start)  # "they are all racists" judges
        return bool(before) and before[-1] in _PRESENT
    if cue.key in _SHARES:
        return after[:1] == ["of"] and len(after) > 1 and (
            after[1] in _BOUNDED or after[1] in _PEOPLE_HERE)
    return False


@exemption(name="figure-in-clause", rule="CC101",
           reason="a figure in the same clause counts what the cue speaks of ('all 12 members')",
           example="All 12 members support the motion.")
def _figure_in_clause(ctx: SentenceContext, cue: Cue) -> bool:
    return ctx.figure_near(cue.start)


@exemption(name="figure-in-sentence", rule="CC201", first=True,
           reason="a count or measure in the sentence gives the claim its size",
           example="Many of the 300 passengers want a refund.")
def _figure_in_sentence(ctx: SentenceContext, cue: Cue) -> bool:
    return ctx.figure


# The next sentence gives the source, pointing back at the claim: "That is according to the
# 2021 census.", "These figures come from the ONS.", "Source: Eurostat."
_POINTS_BACK = re.compile(r"\s*(?:(?:this|that|these|those)(?:\s+(?:figures?|numbers?|data|"
                          r"estimates?|ranking|claim|count))?\s+(?:is|are|was|were|comes?|came|"
                          r"figures?|data)\b|(?:the\s+)?(?:figures?|data|estimates?)\s+"
                          r"(?:come|comes|came|are|is)\s+from\b|sources?\s*:)", re.IGNORECASE)
_SOURCED = re.compile(r"\baccording\s+to\b|\bc(?:ome|omes|ame)\s+from\b|\bsources?\b|"
                      r"\b(?:published|compiled|reported|counted)\s+by\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_TAG_AT_END = re.compile(r"\)\s*\(\s*[*_]*[A-Z][\w.&'’ -]{1,40}[*_]*\s*(?:in\s+\w+\s*)?\)\s*$|"
                         r"[.!?]\s*\(\s*[*_]*[A-Z][\w.&'’ -]{1,40}[*_]*\s*(?:in\s+\w+\s*)?\)\s*$")
_SOURCE_TAG = re.compile(r"\s*\((?:\s*[*_]*[A-Z][\w.&'’ -]{1,40}[*_]*\s*(?:in\s+\w+\s*)?)\)")


@exemption(name="source-next", rule="CC201", whole_sentence=True,
           reason="the next sentence says where the claim comes from",
           example="Most households own a car. That is according to the census.")
def _source_next(ctx: SentenceContext, cue: Cue) -> bool:
    if _SOURCE_TAG.match(ctx.following) or _TAG_AT_END.search(ctx.following):
        return True  # "... are killed. (AP) (BBC News)": the outlets that report it
    nxt = ctx.following.lstrip()
    end = _SENTENCE_END.search(nxt)
    nxt = nxt[:end.end() if end else 300]
    return bool(_POINTS_BACK.match(nxt)) and bool(_SOURCED.search(nxt))


@exemption(name="time-marker", rule="CC101",
           reason="a time expression, not a quantity ('every time', 'all night', 'several "
           "months later', 'pretty soon', 'most recently')",
           example="Every time it rains, the roof leaks.")
def _time_marker(ctx: SentenceContext, cue: Cue) -> bool:
    if cue.key not in {"every", "all", "each and every", "the majority of"} | _SHARES:
        return False
    after = [w for w in ctx.words_after(cue.end, 4) if w not in {
        "single", "of", "few", "couple", "other", "several", "two", "three", "four", "five",
        "six", "ten", "twelve"} and not w.isdigit()]  # "every few months", "every 6 weeks"
    if after and re.fullmatch(r"(?:1[89]|20)\d\d", after[0]):
        return True  # "the majority of 2022": most of a year
    return bool(after) and after[0] in word_set("time_units")


@exemption(name="appeal-to-ignorance", rule="CC101",
           reason="'no one can prove ...' says something cannot be shown, not what people are",
           example="No one can prove that ghosts exist.")
def _unprovable(ctx: SentenceContext, cue: Cue) -> bool:
    if cue.key not in {"no one", "nobody", "no-one"}:
        return False
    for word in ctx.words_after(cue.end, 6):
        if word in word_set("unprovable"):
            return True
        if word not in _AUX:
            return False
    return False


_CROWD_CUES = frozenset({"everyone", "everybody", "no one", "nobody", "no-one"})
# A reason clause for something urged: "you should listen to her because everyone does".
_URGED = re.compile(whole_words(r"should|ought\s+to|let['’]s|join"), re.IGNORECASE)
_REASON_BEFORE = re.compile(r"\b(?:because|since)\s+$", re.IGNORECASE)


@exemption(name="popularity-appeal", rule="CC101",
           reason="a call to join the crowd ('everyone is buying it, so should you'): the crowd "
           "is the lever of an appeal to popularity, not the claim",
           example="Everyone is buying it, so you should too.")
def _popularity_appeal(ctx: SentenceContext, cue: Cue) -> bool:
    if cue.key not in _CROWD_CUES:
        return False
    if ctx.words_after(cue.end, 1) == ["else"]:
        return True  # "everyone else has one": the crowd set against the listener, to follow
    reason = _REASON_BEFORE.search(ctx.text, 0, cue.start)
    if reason and _URGED.search(clause_before(ctx.text, reason.start())):
        return True
    following = ctx.following[:200]
    around = ctx.preceding[-200:] + " " + ctx.text[:cue.start] + " " + ctx.text[cue.end:] + \
        " " + following
    return bool(phrases("popularity_appeals").search(around))


# "She has never lost an election": one person's record, a checkable fact, not a whole.
_ONE_PERSON = frozenset({"i", "he", "she", "it", "i've", "he's", "she's", "it's", "i'm",
                         "you", "you've", "you're", "we", "we've", "we're"})
_AUXILIARIES = frozenset({"have", "has", "had", "is", "was", "am", "are", "were", "did", "does",
                          "do", "just", "almost", "also"})
_AUX_WORDS = "|".join(sorted(_AUXILIARIES))
# "My teacher always ...", "our company never ...": one known person or thing.
_ONE_THING = re.compile(
    r"\b(?:my|our|your|his|her|their|this)\s+(?-i:[a-z]+\s+)?"
    r"(?!(?:" + _AUX_WORDS + r")\b)(?-i:[a-z]+)(?<![s'’])"
    r"\s+(?:(?:" + _AUX_WORDS + r")\s+)*$", re.IGNORECASE)
# After "nothing"/"everything", a verb means it is the subject ("I think nothing is wrong").
_SUBJECT_OF = frozenset({"is", "was", "are", "were", "has", "had", "will", "would", "can",
                         "could", "must", "should", "seems", "happens", "goes", "that", "else"})
_AMOUNTS = frozenset({"a lot of", "lots of", "a great deal of", "a good deal of", "significant",
                      "substantial"})
# "I have a lot of debt", "we have made significant progress": the writer's or one person's own
# amount, a detail of their own story.
_ONE_OWNER = frozenset({"i", "me", "my", "i'm", "i've", "he", "him", "his", "she", "her",
                        "we", "our", "we've", "we're", "us"})


@exemption(name="one-party", rule="CC101",
           reason="one person's or one known thing's own record or amount ('she has never "
           "lost', 'my teacher always', 'he knows everything about cars', 'I have a lot of "
           "debt'), which a source can confirm, not a claim about a kind",
           example="My teacher always shouts at the class.")
def _one_party(ctx: SentenceContext, cue: Cue) -> bool:
    if cue.key in {"never", "always"}:
        if _ONE_THING.search(ctx.text, max(0, cue.start - 60), cue.start):
            return True
        before = ctx.words_before(cue.start, 3)
        while before and before[-1] in _AUXILIARIES:
            before.pop()
        return bool(before) and before[-1] in _ONE_PERSON
    if cue.key in {"nothing", "everything"}:
        before = ctx.words_before(cue.start, 3)
        if not before or before[-1] in _ONE_PERSON or before[-1] in _SUBJECT_OF:
            return False
        after = ctx.words_after(cue.end, 1)
        return bool(_ONE_PERSON.intersection(before[:-1])) and not (
            after and after[0] in _SUBJECT_OF)
    if cue.key in _AMOUNTS:
        return bool(_ONE_OWNER.intersection(ctx.words_before(cue.start, 3)))
    return False


# "never" then a simple past ("rates never saturated", "the Romans never reached it").
_PAST_VERB = re.compile(r"[a-z]+ed|" + "|".join(sorted({
    "was", "were", "had", "did", "went", "came", "saw", "took", "got", "made", "won", "lost",
    "left", "knew", "found", "reached", "rose", "fell", "grew", "ran", "became", "began"})),
    re.IGNORECASE)


@exemption(name="past-record", rule="CC101",
           reason="'never' before a simple past: a record of what happened, checkable in one",
           example="The Romans never reached Ireland.")
def _past_record(ctx: SentenceContext, cue: Cue) -> bool:
    after = ctx.words_after(cue.end, 1)
    return cue.key == "never" and bool(after) and bool(_PAST_VERB.fullmatch(after[0]))




_PREPOSITIONS = frozenset({
    "for", "to", "of", "with", "without", "in", "on", "at", "from", "by", "about", "across",
    "over", "through", "throughout", "among", "against", "between", "into", "onto", "under",
    "within", "during", "via", "toward", "towards", "upon", "beyond", "like", "unlike"})
# Words before "all" that are not a verb acting on it: function words, copulas, auxiliaries.
_NOT_AN_ACT = frozenset({
    "the", "a", "an", "these", "those", "this", "that", "my", "our", "your", "his", "her",
    "their", "its", "some", "many", "most", "all", "no", "not", "and", "or", "but", "so",
    "because", "since", "if", "when", "while", "as", "than", "then", "therefore", "thus",
    "who", "which", "what", "where", "why", "how", "is", "are", "was", "were", "be", "been",
    "being", "am", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could",
    "may", "might", "must", "shall", "should", "i", "we", "you", "they", "he", "she", "it",
    "them", "us", "me", "him", "there", "here", "almost", "nearly", "just", "also", "really",
    "virtually", "practically", "basically", "pretty", "once", "yet", "still"})


# "work better for everyone", "open to everybody": after a preposition, the people an act or
# a state is for, unless a verb follows that makes the word a clause's subject.
_WHOLE_PRONOUNS = frozenset({"everyone", "everybody", "everything", "nothing"})
# "all flights are diverted", "all inmates were freed": an act told in the passive, its object
# the subject; "all politicians are corrupted" names a trait (trait_participles.txt).
_PASSIVE_ACT = re.compile(r"(?:\s+(?!(?:are|were|is|was|have|has)\b)[\w'’-]+){1,3}\s+"
                          r"(?:are|were|have\s+been|has\s+been|had\s+been|is|was)\s+"
                          r"(?:(?:also|now|then|all)\s+)?(?P<done>[a-z]+(?:ed|en)|freed|held|"
                          r"shut|cut|sent|sold|lost|hit|kept|left|found|brought)\b",
                          re.IGNORECASE)


def _scope_verb(word: str) -> bool:
    """A form of a verb from scope_verbs.txt: "bans", "closed", "suspending", "analyzed"."""
    verbs = word_set("scope_verbs")
    stems = {word, word[:-1], word[:-2], word[:-3], word[:-1] + "e" if word.endswith("d") else "",
             word[:-3] + "e" if word.endswith("ing") else "", word[:-4] if word.endswith(
                 ("pped", "nned", "tted", "lled")) else "", word[:-2] + "y" if word.endswith(
                 "ied") else ""}
    return bool(stems & verbs) and word.isalpha()


@exemption(name="scope-of-an-act", rule="CC101",
           reason="'all' sets the scope of one act a named actor did or does ('Denmark bans all "
           "civilian drones', 'closes all schools', 'on all charges'): a report a source can "
           "confirm, not a claim about every member of a kind",
           example="The government closes all schools for a week.")
def _scope_of_an_act(ctx: SentenceContext, cue: Cue) -> bool:
    passive = _PASSIVE_ACT.match(ctx.text, cue.end) if cue.key == "all" else None
    if passive and passive.group("done").lower() not in word_set("trait_participles"):
        return True  # "all flights are diverted": the scope of an act, in the passive
    before = ctx.words_before(cue.start, 3)
    if cue.key in _WHOLE_PRONOUNS:
        return _pronoun_object(ctx, cue, before)
    if cue.key not in {"all", "every", "each"} or not before:
        return False
    word = before[-1]
    if word in _PREPOSITIONS:
        return True  # "on all charges", "for all users"
    if not _scope_verb(word):
        return False  # "failed every single family": an outcome over a whole, still a sweep
    head = clause_before(ctx.text, cue.start).split()
    if len(head) < 2:
        return False  # "Politicians all lie": nothing before the word, so it is the subject
    return len(before) >= 2 and before[-2] not in _NOT_AN_ACT - {"and", "or", "but"}


def _pronoun_object(ctx: SentenceContext, cue: Cue, before: list[str]) -> bool:
    """"everyone"/"everything" after a preposition ("reviewed by everyone", "better for
    everyone") or as the one an act enables ("empowering everyone to build"), unless a verb
    follows that makes it a clause's subject ("for everyone to show openness" sweeps)."""
    nxt = ctx.words_after(cue.end, 1)
    joined = bool(re.match(r"\s+[\w'’]", ctx.text[cue.end:cue.end + 3]))
    if joined and nxt and (nxt[0] in _NOT_AN_ACT or nxt[0].endswith("s") or nxt[0] == "else"):
        return False  # "everyone knows", "nothing is", "everyone has": the clause's subject
    if not before:
        return False
    word = before[-1]
    if word in _PREPOSITIONS:
        return not (word == "for" and "to" in ctx.words_after(cue.end, 4))
    if cue.key in {"everyone", "everybody"} and word in word_set("instruction_verbs") and (
            not nxt or nxt[0] in _PREPOSITIONS):
        return True  # "tell everyone about", "get everyone to a baseline": the act's object
    return nxt == ["to"] and word.isalpha() and word not in _NOT_AN_ACT and word.endswith(
        ("ing", "s", "e", "w"))  # "empowering/allows/enable/allow everyone to ..."


_ANNOUNCES = re.compile(r"\s+to\s+(?:announce|share|welcome|introduce|report|present|confirm|"
                        r"say|invite|release|publish|launch|unveil|support|join|offer|help|"
                        r"see|hear|work)\b", re.IGNORECASE)


@exemption(name="announcement", rule="CC501",
           reason="a formula by which a team or a person announces something ('is happy to "
           "announce'): a statement of their own, not the writer reading a mind",
           example="The Rust team is happy to announce a new version of Rust.")
def _announcement(ctx: SentenceContext, cue: Cue) -> bool:
    return bool(_ANNOUNCES.match(ctx.text, cue.end))


# --- how the clause reads (reading.py): generic claims about a kind stay, the rest go ---------



@exemption(name="speech-act", rule="CC101", whole_sentence=True,
           reason="thanks, a welcome, an invitation, a wish, an announcement or an instruction "
           "('Thanks to all the contributors', 'Stay on an edition until all ...'): it asserts "
           "nothing general about the world",
           example="Please remember that everyone makes mistakes.")
def _speech_act(ctx: SentenceContext, cue: Cue) -> bool:
    return reading.speech_act(ctx)


@exemption(name="episodic", rule="CC201",
           reason="the clause reports a particular event (a past, a perfect, or the news "
           "present with its places: 'several explosions are heard at a port in Qeshm'), which "
           "a source confirms; it says nothing of a kind",
           example="Several miners were trapped in the mine.")
def _episodic(ctx: SentenceContext, cue: Cue) -> bool:
    return reading.episodic(ctx, cue.start, cue.end)


@exemption(name="writers-own", rule="CC101",
           reason="the writer (I, we, our team) is the clause's subject: their own work, plans "
           "or habits ('we support all users', 'we fix many bugs'), which they answer for, "
           "not a claim about others",
           example="We support all users of the library.")
def _writers_own(ctx: SentenceContext, cue: Cue) -> bool:
    return reading.writers_own(ctx, cue.start)


@exemption(name="about-things", rule="CC101",
           reason="the quantifier ranges over things of a system or a text, not people, groups "
           "or animals ('all targets', 'every file', 'a type will always be placed'), nor over "
           "the natural world ('several glaciers'), and the clause neither judges them ('are "
           "boring'), nor gives their cause ('are the result of arson'), nor forecasts a chain: "
           "a description the reader checks in the thing itself",
           example="Every file in the folder is compressed.")
def _about_things(ctx: SentenceContext, cue: Cue) -> bool:
    return reading.ranges_over(ctx, cue.start, cue.end) == "things" and not (
        reading.evaluative(ctx, cue.start) or reading.explains_by_cause(ctx, cue.start) or
        reading.forecast_after_supposition(ctx, cue.start))


@exemption(name="qualified", rule="CC401",
           reason="the clause already limits the claim to part of the kind or of the time "
           "('generally', 'sometimes', 'in most cases', 'tend to'): it says 'mostly', not "
           "'all', and says so itself",
           example="Developers generally want clear error messages.")
def _qualified(ctx: SentenceContext, cue: Cue) -> bool:
    if cue.key in reading.TIME_QUANTIFIERS:
        return False  # "are always relatable and often ...": "always" is its own claim
    lo, hi = reading.clause_span(ctx, cue.start)
    # leading marks exclude ' and -, which start a word too (no two ways to read a run of ')
    opener = re.match(r"[^\w'’-]*(?:[\w'’-]+\s+){0,3}[\w'’-]+,", ctx.text)
    spans = [(lo, hi)] + ([(0, opener.end())] if opener else [])  # "In most cases, people ..."
    return any(phrases("qualifiers").search(ctx.text, a, b) for a, b in spans)


# Nouns for people at large, or the audience a service speaks of: "people want", "the public
# expects", "customers are frustrated". Not a group set apart by nation, faith, party, age or
# trade ("Germans", "French people", "teenagers", "Ohio drivers").
_AT_LARGE = frozenset({"people", "persons", "humans", "folks", "individuals", "users",
                       "customers", "consumers", "visitors", "readers", "residents",
                       "stakeholders", "public", "everyone", "everybody"})
_AT_LARGE_BEFORE = frozenset({"the", "most", "many", "some", "these", "those", "our", "your",
                              "their", "general", "wider", "broader", "ordinary", "everyday"})


@exemption(name="people-at-large", rule="CC401",
           reason="the group is people at large or a service's audience ('people want', 'the "
           "public expects', 'customers are frustrated'), not a group set apart by nation, "
           "faith, party, age or trade: a plain observation about human needs, which the "
           "writer's own research or experience answers for",
           example="People want to know where their application stands.")
def _people_at_large(ctx: SentenceContext, cue: Cue) -> bool:
    words = [plain(w) for w in re.findall(r"[\w'’-]+", ctx.text[cue.start:cue.end])]
    for i, w in enumerate(words):
        if w in _AT_LARGE:
            before = words[:i]
            if i + 1 < len(words) and words[i + 1] == "who":
                return False  # "people who ...": a group set apart by what it does
            return all(b in _AT_LARGE_BEFORE for b in before)
    return False


@exemption(name="aim", rule="CC101",
           reason="the quantifier is in what something is meant to do ('designed to ensure that "
           "everyone understands', 'helps everyone manage', 'so that all users can'): an aim "
           "or a purpose, not a claim that it is so",
           example="The checklist is designed to ensure that everyone understands the plan.")
def _aim(ctx: SentenceContext, cue: Cue) -> bool:
    return bool(_AIM.search(ctx.text[max(0, cue.start - 40):cue.start]))


_AIM = re.compile(r"\b(?:ensure|ensures|ensuring|make\s+sure|makes\s+sure|so\s+that|in\s+order\s+"
                  r"(?:for|that)|help|helps|helping|allow|allows|allowing|enable|enables|"
                  r"enabling|let|lets|empower|empowers)\s+(?:that\s+)?$", re.IGNORECASE)


@exemption(name="no-appeal", rule="CC301",
           reason="the unnamed people are not cited for a claim: they are in a clause about "
           "something else ('the topics people find interesting', 'the things people often "
           "think of as ...') or the subject of an infinitive ('easier for people to report "
           "abuse')",
           example="The page lists the topics people find most useful.")
def _no_appeal(ctx: SentenceContext, cue: Cue) -> bool:
    if re.search(r"\bto\s+[a-z]+$", ctx.text[cue.start:cue.end]):
        return True  # "for people to report": an infinitive reports nothing
    before = ctx.words_before(cue.start, 1)
    if not before:
        return False
    word = before[0]
    # "the topics people find useful": a noun the cue's clause modifies, no "that" between
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and word.isalpha() \
        and word not in _NOT_A_HEAD and not ctx.text[:cue.start].rstrip().endswith(",")


# Words in -s before a cue that are not a noun the cue's clause could modify.
_NOT_A_HEAD = frozenset({"as", "was", "has", "does", "this", "thus", "its", "his", "hers",
                         "yes", "always", "sometimes", "perhaps", "besides", "unless", "whereas",
                         "across", "towards", "afterwards", "says", "claims", "shows", "argues",
                         "believes", "thinks", "suggests", "means"})


@exemption(name="in-passing", rule="CC201",
           reason="the quantity sizes an object or a circumstance of the clause ('helps many "
           "families', 'a problem in many cities', 'the extinction of many species'), not the "
           "subject the claim is about, nor the evidence it leans on ('documented by many "
           "studies')",
           example="The plan helps many families.")
def _in_passing(ctx: SentenceContext, cue: Cue) -> bool:
    return not reading.sizes_subject(ctx, cue.start) and not reading.sizes_support(ctx, cue.end)


@exemption(name="mechanism", rule="CC702",
           reason="the chain is how a system behaves ('the symbol would end up imported', "
           "'shared code will lead to redundant codegen'): its subject is a thing, not people "
           "or an act of theirs sliding to a feared end",
           example="Without the flag, the symbol will end up imported twice.")
def _mechanism(ctx: SentenceContext, cue: Cue) -> bool:
    if cue.key not in _CAUSAL_LINKS:
        return False  # the slope's own idioms ("before you know it") are slopes whatever slides
    return reading.subject_domain(ctx, cue.start) == "things"


# Links that name a cause and an outcome and nothing more; a system can have them.
_CAUSAL_LINKS = frozenset({"will lead to", "would lead to", "end up", "eventually", "snowball",
                           "snowball effect", "will inevitably", "inevitably lead",
                           "opens the door to", "open the door to"})


@exemption(name="survey-context", rule="CC401", whole_sentence=True,
           reason="the text just before reports a survey, a poll or interviews: what "
           "'respondents felt' or 'teams want' comes from it, and is sourced there",
           example="We surveyed 500 teachers in May. Teachers felt that the tools helped.")
def _survey_context(ctx: SentenceContext, cue: Cue) -> bool:
    return reading.survey_context(ctx)
