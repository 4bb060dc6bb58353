"""Sweeping quantifiers: "all", "every", "never", "no one" claim a whole with no count behind it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Claim
from .anecdote import hasty_leap, inside_leap
from .argument import in_syllogism
from .base import Finding, rule
from .context import (
    EDGE_L,
    SentenceContext,
    clause_before,
    cue_key,
    denied,
    in_clause_of,
    phrases,
    whole_words,
    word_set,
)
from .grammar import (
    MODIFIER,
    NOT_PLURAL,
    PLURAL,
    PREDICATE,
    PRONOUNS,
    SPECIFIC,
    clause_start,
    generic_predicate,
)
from .weasel import in_crowd_appeal

_NEGATED = frozenset({"not", "n't", "nearly", "hardly"})  # "not all X" is the careful claim
# "all previous records": a record, CC601's kind of claim, not a sweep over members.
_RECORDS = frozenset({"previous", "prior", "earlier", "former"})
# "all those things", "all of my time": a bounded set the sentence points at, not a whole class.
_BOUNDED = frozenset({"this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
                      "their"})
# "should never", "must always": a rule being laid down, not a claim about the world.
_NORMATIVE = frozenset({"should", "must", "ought", "shall", "shouldn't", "mustn't", "to"})


# A would/could clause is imagined ("we'd all be apes", "no one would buy it"), a "may" clause
# allowed for ("it may never be possible"): neither is asserted.
_HYPOTHETICAL = re.compile(r"\b(?:would|could|might|may)\b|\w['’]d\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.!?—–]|\b(?:but|and|so|because|then)\b", re.IGNORECASE)
# "Everyone should vote", "all must leave": a rule for everyone, not a report about everyone.
_NORMATIVE_AFTER = frozenset({"should", "must", "ought", "shall", "needs", "deserves", "deserve"})
# After "must", a state or an adverb means inference ("all girls must like running", "all
# dogs must only eat meat"), not a duty ("all passengers must show a ticket").
_INFERRED = frozenset({"be", "have", "like", "love", "hate", "know", "want", "prefer", "think",
                       "believe", "feel", "own", "only", "all", "surely", "really", "also",
                       "always", "never", "secretly"})
_PEOPLE_CUES = frozenset({"everyone", "everybody"})
_NOBODY_CUES = frozenset({"no one", "nobody", "no-one"})
# "Nobody else wears one, so why should you?": the empty crowd is a lever too.
_CROWD_CUES = _PEOPLE_CUES | _NOBODY_CUES
# Words between "no one" and the verb of proof: "no one has ever been able to prove".
_AUX = frozenset({"can", "could", "has", "have", "had", "ever", "been", "able", "to", "will",
                  "yet", "really", "truly", "successfully", "conclusively", "definitively"})


def _occasion(ctx: SentenceContext, cue: str, end: int) -> bool:
    """"every time", "all night": occasions in a story, not members of a group."""
    if cue not in {"every", "all", "each and every"}:
        return False
    after = [w for w in ctx.words_after(end, 2) if w != "single"]  # "every single day"
    return bool(after) and after[0] in word_set("time_units")


# Words that end the noun phrase a quantifier binds: a verb or a new clause has begun.
_PHRASE_ENDS = _AUX | _NORMATIVE_AFTER | frozenset({
    "is", "are", "was", "were", "be", "do", "does", "did", "don't", "doesn't", "would", "may",
    "might", "who", "that", "which", "and", "or", "but", "i", "we", "they", "he", "she", "it"})


def _bound_phrase(after: list[str], most: int = 3) -> int:
    """How many words after "all"/"every" name what it binds ("passengers", "drunk drivers",
    "students everywhere"): up to `most`, and only if a modal follows them."""
    for n, word in enumerate(after[:most + 1]):
        if word in _PHRASE_ENDS:
            return n if word in _NORMATIVE_AFTER or word in {"has", "have"} else 0
    return 0


def _normative(ctx: SentenceContext, cue: str, end: int) -> bool:
    """"Everyone should ...", "all passengers must show ...": the cue is the subject of a rule
    being laid down. "All teachers must be bad" infers (epistemic "must"): still a claim."""
    after = [w for w in ctx.words_after(end, 7) if w not in {"else", "here", "of", "us", "you"}]
    if cue in {"all", "every"}:
        after = after[_bound_phrase(after):]  # "all drunk drivers must": skip what it binds
    if not after:
        return False
    if after[0] == "must" and after[1:2] and after[1] in _INFERRED:
        return False
    return after[0] in _NORMATIVE_AFTER or after[:2] in (["has", "to"], ["have", "to"])


def _hypothetical(ctx: SentenceContext, start: int, end: int) -> bool:
    """The cue's own clause is imagined with would/could/might ("we'd all be ...")."""
    head = ctx.text[max(0, start - 120):start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    lo = breaks[-1].end() if breaks else 0
    tail = ctx.text[end:end + 120]
    nxt = _CLAUSE_BREAK.search(tail)
    clause = head[lo:] + " " + tail[:nxt.start() if nxt else len(tail)]
    return bool(_HYPOTHETICAL.search(clause))


def _unprovable(ctx: SentenceContext, cue: str, end: int) -> bool:
    """"No one can prove ...", "nobody has ever disproved ...": a claim that something cannot
    be shown (an appeal to ignorance), not a claim about what people are or do."""
    if cue not in _NOBODY_CUES:
        return False
    for word in ctx.words_after(end, 6):
        if word in word_set("unprovable"):
            return True
        if word not in _AUX:
            return False
    return False


# A reason clause for something urged: "you should listen to her because everyone does".
_URGED = re.compile(whole_words(r"should|ought\s+to|let['’]s|join"), re.IGNORECASE)
_REASON_BEFORE = re.compile(r"\b(?:because|since)\s+$", re.IGNORECASE)


def _popularity_appeal(ctx: SentenceContext, cue: str, start: int, end: int) -> bool:
    """"Everyone is buying it, so should you": a call to join the crowd (its own fallacy, an
    appeal to popularity), where the crowd is the speaker's lever rather than the claim. The
    call may come before the crowd ("I should buy one. Everyone has one.") or after it, or the
    crowd may be the reason given for it ("join us, because everybody will be there")."""
    if cue not in _CROWD_CUES:
        return False
    if ctx.words_after(end, 1) == ["else"]:
        return True  # "everyone else has one": the crowd set against the listener, to follow
    reason = _REASON_BEFORE.search(ctx.text, 0, start)
    if reason and _URGED.search(clause_before(ctx.text, reason.start())):
        return True
    sentence_end = ctx.offset + len(ctx.text)
    following = ctx.doc_text[sentence_end:sentence_end + 200].split("\n\n")[0]  # same paragraph
    around = ctx.preceding[-200:] + " " + ctx.text[:start] + " " + ctx.text[end:] + " " + following
    return bool(phrases("popularity_appeals").search(around))


# "She has never lost an election": one person's record, a checkable fact, not a whole.
# A forecast ("he will never make it", "I'll never get a job") is a leap from a case, so
# will/can/would and their contractions do not count as a record.
# "You've never been abroad", "we have always paid": the writer or the reader, one known party.
_ONE_PERSON = frozenset({"i", "he", "she", "it", "i've", "he's", "she's", "it's", "i'm",
                         "you", "you've", "you're", "we", "we've", "we're"})
_AUXILIARIES = frozenset({"have", "has", "had", "is", "was", "am", "are", "were", "did", "does",
                          "do", "just", "almost", "also"})
# "My teacher always ...", "our company never ...": one known person or thing (a singular
# noun after a possessive or "this"), whose record is as checkable as "she has never lost".
# A plural head ("my neighbours always") is a set, and a bare name is left alone: it may sit in
# a prepositional phrase ("residents of Kelso never ...") rather than be the subject. "that" is
# left out too: in "believed that Acme Rail always ..." it opens a clause and points at nothing.
_AUX_WORDS = "|".join(sorted(_AUXILIARIES))
_ONE_THING = re.compile(
    r"\b(?:my|our|your|his|her|their|this)\s+(?-i:[a-z]+\s+)?"
    r"(?!(?:" + _AUX_WORDS + r")\b)(?-i:[a-z]+)(?<![s'’])"
    r"\s+(?:(?:" + _AUX_WORDS + r")\s+)*$", re.IGNORECASE)


# After "nothing"/"everything", a verb means it is the subject ("I think nothing is wrong").
_SUBJECT_OF = frozenset({"is", "was", "are", "were", "has", "had", "will", "would", "can",
                         "could", "must", "should", "seems", "happens", "goes", "that", "else"})


def _one_persons_object(ctx: SentenceContext, cue: str, start: int, end: int) -> bool:
    """"He knows everything about cars", "I know nothing about him", "you eat nothing": the
    object of one person's verb, which tells of that person (hyperbole about one life), not of
    a whole kind of things."""
    if cue not in {"nothing", "everything"}:
        return False
    before = ctx.words_before(start, 3)
    if not before or before[-1] in _ONE_PERSON or before[-1] in _SUBJECT_OF:
        return False  # "I, nothing ...", "that nothing ...": not the object of a verb
    after = ctx.words_after(end, 1)
    return bool(_ONE_PERSON.intersection(before[:-1])) and not (after and after[0] in _SUBJECT_OF)


# "never" then a simple past ("rates never saturated", "the Romans never reached it"): a record
# of what happened, checkable in one, not a rule for a kind.
_PAST_VERB = re.compile(r"[a-z]+ed|" + "|".join(sorted({
    "was", "were", "had", "did", "went", "came", "saw", "took", "got", "made", "won", "lost",
    "left", "knew", "found", "reached", "rose", "fell", "grew", "ran", "became", "began"})),
    re.IGNORECASE)


def _past_record(ctx: SentenceContext, cue: str, end: int) -> bool:
    after = ctx.words_after(end, 1)
    return cue == "never" and bool(after) and bool(_PAST_VERB.fullmatch(after[0]))


def _one_person(ctx: SentenceContext, cue: str, start: int) -> bool:
    """"never"/"always" whose subject is one person or thing ("he has never been", "I always
    walk", "my teacher always"): a record of one life, which a source can confirm, not a claim
    about a kind."""
    if cue not in {"never", "always"}:
        return False
    if _ONE_THING.search(ctx.text, max(0, start - 60), start):
        return True
    before = ctx.words_before(start, 3)
    while before and before[-1] in _AUXILIARIES:
        before.pop()
    return bool(before) and before[-1] in _ONE_PERSON


# Words that open a supposed clause ("if you never pay ..."): what follows is not asserted.
_CONDITION = re.compile(whole_words("if|unless|whether|suppose|imagine"), re.IGNORECASE)


# "We're all going", "you can all trust me": "all" floats after the speaker or the listeners,
# the people present, not a class.
_PRESENT = frozenset({"we", "us", "you", "we're", "you're", "y'all"})
_FLOAT_OVER = frozenset({"are", "were", "can", "will", "could", "would", "should", "must",
                         "have", "do"})


# "The Greens, the SNP and Labour all support ...", "A, B and C are all factors": "all" floats
# over a set the sentence has just listed, so every member is named.
_LIST_VERBS = frozenset({"are", "were", "have", "had", "can", "will", "do"})
_LISTED = re.compile(r"[\w'’-]+(?:\s+[\w'’-]+){0,3},\s+(?:[\w'’-]+\s+){0,4}?(?:and|or)\s+"
                     r"(?:[\w'’-]+\s+){0,4}?[\w'’-]+\s+(?:(?:" + "|".join(sorted(_LIST_VERBS))
                     + r")\s+)?$", re.IGNORECASE)
_DEFINITE = frozenset({"the", "my", "our", "your", "his", "her", "their", "its", "this", "these",
                       "those"})


def _listed_set(ctx: SentenceContext, start: int) -> bool:
    """A list names its members unless one of its items is a bare plural, a kind of its own
    ("teachers, nurses and the police are all ..." sweeps whole groups)."""
    found = _LISTED.search(ctx.text, max(0, start - 160), start)
    if found is None:
        return False
    for item in re.split(r",|\band\b|\bor\b", found.group()):
        words = [w for w in re.findall(r"[\w'’-]+", item) if w.lower() not in _LIST_VERBS]
        if len(words) in (1, 2) and words[0].lower() not in _DEFINITE and \
                words[-1].islower() and words[-1].endswith("s") and not words[-1].endswith("ss"):
            return False
    return True


_NEGATORS = frozenset({"not", "cannot", "never", "don't", "doesn't", "didn't", "won't",
                       "can't", "isn't", "aren't", "wasn't", "weren't", "couldn't", "wouldn't"})
_NEW_CLAUSE = frozenset({"that", "which", "who", "because", "if", "when", "while", "but", "and",
                         "so", "since"})


def _negated_scope(ctx: SentenceContext, start: int) -> bool:
    """A negated verb governs "all" a few words on ("had not included all the data"): the
    sentence says "not all", the careful claim."""
    before = ctx.words_before(start, 4)
    for i in range(len(before) - 1, -1, -1):
        if before[i] in _NEW_CLAUSE:
            return False
        if before[i] in _NEGATORS:
            return True
    return False


def _present_company(ctx: SentenceContext, start: int) -> bool:
    before = ctx.words_before(start, 2)
    while before and before[-1] in _FLOAT_OVER:
        before.pop()
    return bool(before) and before[-1] in _PRESENT


def _all_of_a_known_set(ctx: SentenceContext, start: int, end: int) -> bool:
    """"all" that counts a set the sentence knows, or says "not all": "all his time", "all of
    the planned methods", "broke all previous records", "we are all going", "the Greens, the
    SNP and Labour all support", "does not affect all the trees"."""
    after = ctx.words_after(end, 2)
    head = [w for w in after if w != "of"][:1]
    return (bool(head) and (head[0] in _BOUNDED or head[0] in _RECORDS)
            or after == ["of", "the"] or _present_company(ctx, start)
            or _listed_set(ctx, start) or _negated_scope(ctx, start))


# A proposal or a demand: "we should ban all cars", "I urge you to tear down all the lines".
# The quantifier says what is wanted, not what is so.
_PROPOSAL = re.compile(whole_words(r"should|must|ought\s+to|needs?\s+to|ha(?:ve|s)\s+to|"
                                   r"let['’]s|urges?|urged|asks?|want(?:s|ed)?\s+to|wants"),
                       re.IGNORECASE)
# A new assertion inside the clause: "you should know that everyone lies" claims again.
_NEW_ASSERTION = re.compile(whole_words(r"that|because|since|when|who|which|if"),
                            re.IGNORECASE)


def _proposed(ctx: SentenceContext, start: int) -> bool:
    head = clause_before(ctx.text, start)
    found = list(_PROPOSAL.finditer(head))
    return bool(found) and not _NEW_ASSERTION.search(head, found[-1].end())


@rule(
    id="CC101",
    name="sweeping-quantifier",
    family="sweeping",
    severity="warning",
    message="'{cue}' claims a whole with nothing behind it: give a figure, a named source or a "
    "poll that covers everyone it speaks of",
    hint="Count it ('all 12 members'), name who counted, or narrow it ('many', 'some of').",
)
def sweeping_quantifier(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A sweeping quantifier (all, every, everyone, nobody, never, always, none) with no support.

    FLAGGED:
    - Everyone loves going to the movies.
    - Politicians never keep their promises.
    - It is necessary for everyone to show openness.

    NOT FLAGGED:
    - All 12 members voted for the motion.
    - Everything had returned to square one, Hamas confirmed.
    - The weather was fine after all.
    - Not all students like exams.
    - You should never break traffic laws.
    - If you never pay, you are fined.
    - Every time it rains, the roof leaks.
    - Everyone is buying it, so you should too.
    - She has never lost an election.
    - The Greens, the SNP and Labour all support a ban.
    """
    if ctx.attributed:
        return
    idioms = [(m.start(), m.end()) for m in phrases("sweeping_idioms").finditer(ctx.text)]
    for m in ctx.finditer(phrases("sweeping")):
        if any(s <= m.start() < e for s, e in idioms):
            continue
        before = ctx.words_before(m.start(), 1)
        if before and (before[0] in _NEGATED or before[0].endswith("n't")):
            continue
        if denied(ctx, m.start()):
            continue  # "it is not true that all ...": the writer rejects the sweep
        if before and before[0] in _NORMATIVE:
            continue
        cue = cue_key(m.group())
        if cue == "all" and _all_of_a_known_set(ctx, m.start(), m.end()):
            continue
        if in_clause_of(ctx.text, m.start(), _CONDITION) or ctx.figure_near(m.start()):
            continue
        if _proposed(ctx, m.start()):
            continue
        if (_occasion(ctx, cue, m.end()) or _normative(ctx, cue, m.end())
                or _hypothetical(ctx, m.start(), m.end()) or _unprovable(ctx, cue, m.end())
                or _popularity_appeal(ctx, cue, m.start(), m.end())
                or _one_person(ctx, cue, m.start()) or _past_record(ctx, cue, m.end())
                or _one_persons_object(ctx, cue, m.start(), m.end())):
            continue
        if ctx.quoted(m.start()) or inside_leap(ctx, m.start()) or in_syllogism(ctx):
            continue  # a leap from a case is CC103/CC104's; a syllogism's terms are stipulated
        if in_crowd_appeal(ctx, m.start()):
            continue  # "everyone knows": CC301 reports the unnamed crowd
        yield Finding(*ctx.cue(m.start(), m.end()))


# A bare plural noun ("cars", "flu vaccines"): -s but not -ss/-us ("glass", "virus").
_BARE_PLURAL = re.compile(
    EDGE_L + r"(?P<subject>" + MODIFIER + r"{0,2}(?P<noun>" + PLURAL + r"))\s+" + PREDICATE,
    re.IGNORECASE,
)


@rule(
    id="CC102",
    name="bare-generic",
    family="sweeping",
    severity="warning",
    message="'{cue}' speaks of a whole kind (all of them) with nothing behind it: give a figure "
    "or a named study, or say which ones you mean",
    hint="Say how many or which ones ('two of the cars we tested broke down'), or cite data.",
)
def bare_generic(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A bare plural subject given a trait or habit: a claim about every member of a kind.

    FLAGGED:
    - Cars are worthless.
    - Therefore, vaccines are useless.
    - Happy families make happy children.

    NOT FLAGGED:
    - My cars are old.
    - Prices are rising.
    - Dogs are loyal, the kennel club says.
    - Whales are mammals.
    - Climate models are run on supercomputers.
    """
    if ctx.attributed:
        return
    people = word_set("group_nouns") | word_set("demonyms")  # CC402 speaks about people
    for m in ctx.finditer(_BARE_PLURAL):
        noun = m.group("noun").lower()
        if noun in people or noun in SPECIFIC or noun in NOT_PLURAL:
            continue
        if noun in word_set("time_units"):
            continue  # "winters are cold", "mornings are busy": a place's or a life's pattern
            # of time, checkable in a record, not a trait given to members of a kind
        modifier = m.group("subject").split()[0].lower()
        if modifier in PRONOUNS or modifier in NOT_PLURAL or not clause_start(ctx, m.start()):
            continue
        if ctx.figure_near(m.start()):
            continue
        if not generic_predicate(m, things=True) or ctx.quoted(m.start()) or inside_leap(
                ctx, m.start()) or denied(ctx, m.start()):
            continue
        if in_syllogism(ctx):
            continue
        rest = ctx.text[m.end("subject"):]
        if phrases("mental_verbs").match(rest, len(rest) - len(rest.lstrip())):
            continue  # a plural given a feeling is people: CC401 reports it
        yield Finding(*ctx.cue(m.start(), m.end()))


@rule(
    id="CC103",
    name="hasty-generalization",
    family="sweeping",
    severity="warning",
    message="'{cue}' draws a general conclusion from one case or a handful: give figures for "
    "the whole, or keep the claim to the cases you saw",
    hint="Report the cases as cases ('two restaurants I tried were poor'), or find data that "
    "covers the whole.",
)
def hasty_generalization(claim: Claim, ctx: SentenceContext) -> Iterator[Finding]:
    """A conclusion ("so", "therefore", "must") drawn in the same sentence as one case or a
    handful. A conclusion that opens the next sentence is CC104's (anecdote-generalization),
    so one leap is reported once.

    FLAGGED:
    - I had a bad teacher once; therefore, all teachers must be bad.
    - My first time walking the dog went terribly, so my dog is a terrible one.
    - I met a rude waiter yesterday, so waiters are rude.

    NOT FLAGGED:
    - I had a bad teacher once.
    - Inflation rose 4% in May, so the bank raised rates.
    - In a survey of 2,000 drivers, most said so; therefore, the rule stays.
    - I know five people from Ohio, so I visit often.
    - I met a rude waiter yesterday. Thus waiters are rude.
    """
    found = hasty_leap(ctx)
    if found is not None:
        yield Finding(*ctx.cue(*found))
