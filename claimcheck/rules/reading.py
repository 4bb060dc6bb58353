"""How a clause reads: a generic statement about a kind, or something else a reader checks in one.

A generalization worth a finding is GENERIC: it speaks of a kind, a population or people at large,
in a habitual or characterizing present ("Politicians never keep their promises", "Most
households own a car", "Everyone loves the movies"). The same quantifier words say nothing of the
kind when the clause

- is EPISODIC: it reports a particular event, in the past ("nobody did", "all tests passed"), in
  the perfect ("several fish species have been ...": see `episodic`), or in the news present
  with particular participants ("Rapid Support Forces launch attacks at several targets in
  Khartoum", "Several miners are trapped in a mine in Assam");
- has the WRITER as its subject: their own work, plans and habits ("we fix many bugs", "we
  welcome all contributors", "I missed all the meetings");
- is a SPEECH ACT that asserts nothing general: thanks, welcomes, invitations, wishes,
  announcements, instructions ("Thanks to all the contributors", "Here's to many more decades",
  "Stay on an edition until all ...");
- quantifies over THINGS of a system or a text rather than people, groups or animals ("all
  targets", "every file", "a type will always be placed ...", "many bugs"): a description of a
  mechanism or an inventory, checkable in the thing itself.

Each reading is one small function of the sentence context, worked out once per sentence and
position, and used by the declared exemptions in exemptions.py (episodic, writers-own,
speech-act, about-things), so `claimcheck explain` names which reading let a cue through. No
parser: closed word classes, tense morphology and the WordNet noun classes in
data/beings.txt (scripts/build_beings.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .sentence import SentenceContext, per_sentence
from .words import WORD, plain, whole_words, word_set

# --- clauses -------------------------------------------------------------------------------
# Where a clause ends: punctuation, or a word that opens a new clause. ("and" joins verb
# phrases too often to be an edge; ", and" is one.)
_EDGE = re.compile(
    r"[;:()\[\]—–!?]|,\s+(?:and|but|or|so|while|which|who)\b|,|\s-\s|"
    r"\b(?:because|since|although|though|whereas|while|when|whenever|if|unless|but|"
    r"therefore|thus|hence|that|which|who|whom|whose|where|after|before|until|once|"
    r"meaning|means|so\s+that)\b",
    re.IGNORECASE)


def clause_span(ctx: SentenceContext, pos: int) -> tuple[int, int]:
    """The clause around sentence-relative `pos`: from the last edge before it to the next."""
    key = f"clause:{pos}"
    got = ctx.memo.get(key)
    if got is None:
        lo, hi = 0, len(ctx.text)
        for m in _EDGE.finditer(ctx.text):
            if m.end() <= pos:
                lo = m.end()
            elif m.start() >= pos:
                hi = m.start()
                break
        got = ctx.memo[key] = (lo, hi)
    return got  # type: ignore[return-value]


# --- tense and aspect ----------------------------------------------------------------------
_IRREGULAR_PAST = (
    "was|were|did|had|went|came|saw|took|got|made|won|lost|left|knew|found|rose|fell|grew|ran|"
    "became|began|brought|bought|caught|chose|drove|ate|fought|gave|held|kept|led|met|paid|"
    "said|sent|sold|spent|stood|told|thought|wrote|broke|spoke|stole|swore|threw|wore|woke|"
    "shot|struck|fled|hid|sank|sat|felt|heard|meant|built|understood")
_PARTICIPLE = (r"(?:[a-z]{2,}ed|taken|given|shown|written|broken|chosen|spoken|stolen|eaten|"
               r"beaten|fallen|risen|driven|forgotten|frozen|proven|woken|been|done|made|had|got|gotten|put|set|seen|told|sent|won|"
               r"lost|left|taken|given|shown|begun|come|gone|become|said|brought|bought|caught|"
               r"fought|kept|held|met|paid|run|found|grown|driven|written|broken|chosen|spoken|"
               r"stolen|hit|cut|shut|let|led|built|struck|fled|hidden|sunk|understood|heard|"
               r"felt|meant|thought)")
# "has landed", "have been created", "had flooded": the perfect reports what has happened.
_PERFECT = re.compile(r"\b(?:has|have|had|['’]ve|hasn['’]t|haven['’]t|hadn['’]t)\s+"
                      r"(?:(?:also|just|now|already|recently|since|finally|all|not|n['’]t|"
                      r"successfully)\s+)*(?:been\s+(?:\w+ly\s+)?(?=" + _PARTICIPLE +
                      r"\b)|(?!been\b))" + _PARTICIPLE + r"\b", re.IGNORECASE)
# ("has been wrong", "have always been dubious" characterize; "have been created" reports.)
# A past tense: an irregular past ("made", "were"), or a verb in -ed after its subject ("we
# opted", "TC and Joel interviewed", "which caused"). An -ed word after "are", "the", "all" or a
# preposition is an adjective or a passive, not a past tense.
_IRREGULAR = re.compile(whole_words(_IRREGULAR_PAST), re.IGNORECASE)
_ED = re.compile(r"(?<![\w'’])(?P<before>[\w'’]+)\s+(?:(?:also|then|later|finally|quickly|recently|"
                 r"successfully|eventually|first|once|just)\s+)?(?P<verb>[a-z]{2,}ed)\b")
_NOT_A_SUBJECT = frozenset({
    "is", "are", "be", "am", "to", "the", "an", "a", "all", "has", "have", "had", "get", "got",
    "was", "were", "and", "or", "of", "for", "by", "in", "on", "at", "with", "as", "not", "been",
    "being", "well", "newly", "most", "more", "less", "least", "very", "so", "too", "fully",
    "highly", "widely", "commonly", "poorly", "many", "several", "some", "few", "these",
    "those", "this", "that", "its", "their", "our", "your", "his", "her", "my", "any", "no",
    "every", "each", "from", "into", "than", "like", "become", "becomes", "seem", "seems",
    "remain", "remains", "feel", "feels", "look", "looks", "gets", "stay", "stays"})


def _past(clause: str) -> bool:
    if _IRREGULAR.search(clause):
        return True
    for m in _ED.finditer(clause):
        if plain(m.group("before")) not in _NOT_A_SUBJECT and not m.group("before").endswith(
                "ly"):
            return True
    return False


_MODAL_OR_PRESENT = re.compile(r"\b(?:is|are|am|do|does|don['’]t|doesn['’]t|can|cannot|can['’]t|"
                               r"will|won['’]t|would|should|must|may|might|could|shall)\b|['’]ll\b",
                               re.IGNORECASE)
# The news present: an event told in the present with its particulars ("... are killed in
# Aleppo", "Forces capture many towns in Aleppo Governorate", "explosions are heard at a port").
_PASSIVE_EVENT = re.compile(r"\b(?:is|are)\s+(?:(?:also|now|reportedly|being)\s+)*"
                            r"(?P<done>[a-z]+(?:ed|en)|hit|held|shot|struck|found|sent|cut|"
                            r"shut|lost|left|led|brought|caught|kept|sold|built|hurt)\b")
_PLACE = re.compile(r"\b(?:in|at|near|across|from|off|along|outside|inside|into|on|over|"
                    r"toward|towards)\s+(?:the\s+)?(?-i:[A-Z][\w'’.-]+)")
_TIME_NOW = re.compile(r"\b(?:today|tonight|yesterday|this\s+(?:morning|afternoon|evening|week)|"
                       r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b")
# Quantifier words whose clause the tense does not make episodic: "has always been dubious"
# characterizes across time; "never" before a past is the past-record exemption's.
TIME_QUANTIFIERS = frozenset({"always", "never", "forever", "ever", "constantly",
                               "continually", "invariably"})


def episodic(ctx: SentenceContext, cue_start: int, cue_end: int) -> bool:
    """The cue's clause reports a particular event: a past tense or a perfect, or the news
    present (a passive event, or a verb with a named place, in a clause with particulars)."""
    if plain(ctx.text[cue_start:cue_end]) in TIME_QUANTIFIERS:
        return False
    lo, hi = clause_span(ctx, cue_start)
    clause = ctx.text[lo:hi]
    if _past(clause):
        return True
    perfect = _PERFECT.search(clause)
    if perfect:
        # "all the items have landed this month", "several people have been killed in Aleppo"
        # report an event; "several fish species have been driven to the edge of extinction",
        # with no time, place or actor named, states how the world now is: a claim about it.
        # "several users have told us": a report of what was said, an occasion of its own
        said = plain(perfect.group().split()[-1])
        return said in word_set("reporting_verbs") or said == "mentioned" or \
            _anchored(ctx, lo, cue_start, cue_end, clause)
    if _MODAL_OR_PRESENT.search(clause) and not _PASSIVE_EVENT.search(clause):
        # A present or modal clause is generic unless it tells the news of a place or a day.
        return bool(_TIME_NOW.search(clause)) or _named_actor(ctx, lo, cue_start, clause)
    passive = _PASSIVE_EVENT.search(clause)
    if passive and passive.group("done").lower() not in word_set("trait_participles"):
        return bool(_PLACE.search(ctx.text)) or bool(_TIME_NOW.search(ctx.text))
    return _named_actor(ctx, lo, cue_start, clause)


# When a perfect happened: a year, a month or a day, a span reaching now ("over the last month",
# "so far this year", "since May", "recently").
_WHEN = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d)s?\b|(?-i:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b|\b(?:today|tonight|yesterday|recently|lately|so\s+far|to\s+date|ago|yet|"
    r"since|already|just|(?:this|last|past|previous|recent)\s+(?:\w+\s+)?(?:days?|weeks?|"
    r"months?|years?|decades?|quarter|release|cycle|season|morning|night|weekend))\b",
    re.IGNORECASE)


def _anchored(ctx: SentenceContext, lo: int, cue_start: int, cue_end: int, clause: str) -> bool:
    """A perfect is tied to a particular occasion: its sentence says when, the quantifier
    binds a particular set ("all the new tracking issues", "many of our tests"), or its clause
    names an actor, a place or a thing past its first word ("Rust 1.80 has stabilized ...")."""
    if _WHEN.search(ctx.text) or _named_actor(ctx, lo, cue_start, clause):
        return True
    if re.match(r"\s+(?:of\s+)?(?:the|these|those|this|that|our|my|its|their|his|her|your)\b",
                ctx.text[cue_end:cue_end + 12], re.IGNORECASE):
        return True
    first = re.match(r"\W*\w+", clause)
    rest = clause[first.end():] if first else clause
    return bool(re.search(r"(?-i:\b[A-Z][\w'’.-]*[a-z0-9])", rest) or re.search(r"\d", clause))


def _named_actor(ctx: SentenceContext, lo: int, cue_start: int, clause: str) -> bool:
    """A news item's event: a named actor before the cue and a named place in its clause
    ("Syrian government forces capture many towns in Aleppo Governorate"); a quantified subject
    ("many of the students at St. Cloud State get A's") is generic, not an actor."""
    return bool(_PLACE.search(clause) and _news_item(ctx) and re.search(
        r"(?-i:[A-Z][a-z])", ctx.text[lo:cue_start]))


@per_sentence
def _news_item(ctx: SentenceContext) -> bool:
    """The sentence tells an event with its actors and places named: several capitalised names
    past its first word (news summaries: "Rapid Support Forces launch ... in Khartoum")."""
    names = re.findall(r"(?<=\s)(?-i:[A-Z][a-z][\w'’.-]*)", ctx.text)
    return len(names) >= 2


# --- who the clause is about ---------------------------------------------------------------
_WRITER = re.compile(r"(?:^|(?<=\s)|(?<=^[\"“(]))(?:I|I['’](?:ve|m|d|ll)|[Ww]e|"
                     r"[Ww]e['’](?:ve|re|d|ll)|"
                     r"(?-i:[Oo]ur)\s+(?:[a-z-]+\s+){0,2}?(?:team|teams|project|group|work|"
                     r"goal|goals|plan|plans|approach|process|community|organi[sz]ation|company|"
                     r"contributors|maintainers|members|volunteers|staff|developers))\b")
_FUTURE_SLOPE = re.compile(r"\b(?:soon|then|eventually|next\s+thing|before\s+long|if|once|"
                           r"unless)\b", re.IGNORECASE)


def writers_own(ctx: SentenceContext, cue_start: int) -> bool:
    """The cue's clause has the writer (I, we, our team) as its subject: the writer's own work,
    plans or habits, which the writer answers for, not a claim about others. A forecast after
    a supposition ("if we ..., soon we'll be giving everyone ...") is a slope, not a plan."""
    lo, hi = clause_span(ctx, cue_start)
    if plain(ctx.text[cue_start:cue_start + 8]).split()[0] in TIME_QUANTIFIERS:
        return False  # "I'll never get a job", "we always ...": one-party's or a verdict
    head = ctx.text[lo:cue_start]
    found = _WRITER.search(head) or _WRITER.match(ctx.text[lo:hi].lstrip())
    if found is None:
        return False
    if _OPINION.match(ctx.text, found.end()):
        return False  # "I think everything is getting worse": the claim is the complement's
    return not forecast_after_supposition(ctx, cue_start)


# A verb of saying or thinking after the writer: what follows is a claim, not their own act.
_OPINION = re.compile(r"\s+(?:(?:really|also|still|do|don['’]t|honestly|firmly|strongly)\s+)*"
                      r"(?:think|believe|know|feel|say|guess|suppose|reckon|suspect|expect|fear|"
                      r"hope|bet|am\s+sure|['’]m\s+sure|agree|doubt|find|see|argue|claim)\b",
                      re.IGNORECASE)


# --- speech acts ---------------------------------------------------------------------------
_SPEECH_ACT = re.compile(
    r"^\W*(?:(?:and|so|finally|again|also|lastly|first|as\s+always)[\s,]+)?(?:"
    r"(?:many\s+|special\s+|big\s+|huge\s+|a\s+(?:big|huge|special)\s+)?thanks?\b(?!s?\s+(?:to\s+)?"
    r"(?:its|their|the\s+new))|thank\s+you|here['’]s\s+to|kudos|congratulations|cheers|"
    r"happy\s+(?:holidays|new\s+year|birthday)|welcome\s+to|please\b|feel\s+free|"
    r"don['’]t\s+(?:hesitate|forget|miss)|(?:we|i)\s+(?:(?:would|['’]d)\s+(?:like|love)\s+to\s+"
    r"|also\s+|want\s+to\s+|warmly\s+)*(?:thank|welcome|invite|encourage|congratulate)\b|"
    r"(?:we|i)(?:\s+are|['’]re|\s+am|['’]m)\s+(?:\w+\s+)?(?:happy|excited|pleased|proud|thrilled|"
    r"delighted|glad|grateful|thankful)\s+to\b|you\s+(?:are|['’]re)\s+(?:all\s+)?"
    r"(?:welcome|invited)\b|join\s+us\b|stay\s+tuned|see\s+you)",
    re.IGNORECASE)
# Adverbs an instruction may open with: "Always consider ...", "Just run ...".
_INSTRUCTION_LEAD = re.compile(r"^\W*(?i:(?:always|never|just|simply|now|then|first|also|"
                               r"finally|instead|next)[\s,]+)?(?P<verb>[A-Za-z]+)\b")
# A subordinate clause an instruction may open with: "When you share materials, always ...".
_LEADING_SUBORDINATE = re.compile(r"^\W*(?:when|whenever|if|once|before|after|while|as\s+you|"
                                  r"until|to|for)\b[^,;:]{0,120},\s*", re.IGNORECASE)


@per_sentence
def speech_act(ctx: SentenceContext) -> bool:
    """The sentence thanks, welcomes, invites, wishes, announces or instructs: it asserts
    nothing general about the world ("Thanks to all the contributors who made it possible",
    "We welcome all contributors", "Stay on an edition until all branches move")."""
    text = ctx.text[ctx.lo:ctx.hi] if ctx.hi > ctx.lo else ctx.text
    if _SPEECH_ACT.search(text):
        return True
    if _instruction(text):
        return True
    sub = _LEADING_SUBORDINATE.match(text)
    return sub is not None and _instruction(text[sub.end():], after_clause=True)


def _instruction(text: str, after_clause: bool = False) -> bool:
    """`text` opens with a verb in its base form that can give an instruction ("Stay ...",
    "Never stop ...", after a clause: "..., always protect ...")."""
    lead = _INSTRUCTION_LEAD.match(text)
    if lead is None:
        return False
    verb = lead.group("verb")
    rest = text[lead.end():lead.end() + 40]
    if plain(verb) in {"do", "have", "be", "can", "will", "may", "need", "dare"} and not re.match(
            r"\s*(?:not|n['’]t)\b", rest):
        return False  # "Do all politicians lie?": an auxiliary opening a question
    if not after_clause and not verb[:1].isupper() and lead.start("verb") == len(text) - len(
            text.lstrip()):
        return False  # a lower-case opening is a fragment, not an instruction
    return plain(verb) in word_set("instruction_verbs") and not re.match(
        r"\s+(?:is|are|was|were|has|have|had|will|can|of|and)\b", rest)


# --- what a quantifier ranges over ---------------------------------------------------------
_PEOPLE_WORDS = frozenset({"everyone", "everybody", "no one", "no-one", "nobody", "anyone",
                           "anybody", "someone", "somebody"})
# Words a noun phrase after a quantifier may open with, skipped to find its head.
_SKIP = frozenset({"of", "the", "these", "those", "this", "that", "our", "their", "its", "his",
                   "her", "my", "your", "a", "an", "single", "other", "such", "kinds", "kind",
                   "sorts", "sort", "types", "type"})
_ENDS_PHRASE = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has",
    "had", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "who",
    "that", "which", "whom", "whose", "where", "when", "and", "or", "but", "in", "on", "at",
    "by", "for", "from", "with", "to", "as", "than", "into", "about", "across", "over", "under",
    "within", "without", "through", "between", "among", "around", "like", "not", "never",
    "always", "also", "now", "still", "only", "just", "all", "often", "usually", "seem",
    "seems", "tend", "tends", "get", "gets", "it", "they", "we", "you", "he", "she", "i"})


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    """A plural noun's singular, as WordNet lists it ("households" -> "household", "men" ->
    "man", "species" -> "species"): enough for a look-up, not a morphology."""
    w = plain(word)
    beings = word_set("beings")
    if w in beings:
        return w
    irregular = {"men": "man", "women": "woman", "children": "child", "people": "people",
                 "mice": "mouse", "geese": "goose", "teeth": "tooth", "feet": "foot",
                 "wolves": "wolf", "wives": "wife", "lives": "life", "folks": "folk"}
    if w in irregular:
        return irregular[w]
    for suffix, repl in (("ies", "y"), ("ves", "f"), ("ches", "ch"), ("shes", "sh"),
                         ("sses", "ss"), ("xes", "x"), ("zes", "z"), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[:-len(suffix)] + repl
            if stem in beings:
                return stem
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


@lru_cache(maxsize=4096)
def is_being(word: str) -> bool:
    """A person, an animal or a group of them: WordNet's first sense (data/beings.txt), a
    people noun of ours, or a demonym ("Southerners", "Kentuckians", "the French")."""
    w = plain(word)
    if w in word_set("group_nouns") or w in word_set("demonyms") or w in {"world", "public"}:
        return True  # "a large part of the world": its people
    if lemma(w) in word_set("not_beings"):
        return False  # "the compiler", "all editors": a program, in technical prose
    if re.fullmatch(r"[A-Z][a-z]+(?:ians|eans|ans|ers|ites|ese|is)", word) or w.endswith("olds"):
        return True  # "Southerners", "four-year-olds"
    return lemma(w) in word_set("beings")


def quantified_head(ctx: SentenceContext, cue_end: int) -> str | None:
    """The head noun of the phrase a determiner quantifier binds ("all little girls" ->
    "girls", "several fish species" -> "species", "all of the new tracking issues" ->
    "issues"): the last word before a verb, a preposition or a clause edge, at most four on."""
    words: list[str] = []
    at = cue_end
    for m in WORD.finditer(ctx.text, cue_end, min(len(ctx.text), cue_end + 80)):
        if re.search(r"[,;:.!?()\[\]—–]", ctx.text[at:m.start()]):
            break
        at = m.end()
        w = plain(m.group())
        if not words and w in _SKIP:
            continue
        if w in _ENDS_PHRASE:
            break
        words.append(m.group())
        if len(words) >= 4 or (w.endswith("s") and not w.endswith(("ss", "us"))) or \
                is_being(m.group()):
            break  # the first plural or being ends the phrase: "all dogs go", "all robin have"
    return words[-1] if words else None


_SUBJECT_SKIP = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would",
                           "should", "must", "may", "might", "shall",
                           "can", "could", "do", "does", "did", "be", "been", "not", "also",
                           "still", "just", "now", "almost", "nearly", "then"})


def clause_subject(ctx: SentenceContext, cue_start: int) -> str | None:
    """The head of the subject of the cue's clause, for an adverb like "always" or "never":
    the last word before the cue, skipping auxiliaries ("Cargo always rebuilds" -> "Cargo",
    "Politicians never keep" -> "Politicians", "a type will always be" -> "type")."""
    lo, _ = clause_span(ctx, cue_start)
    words = [w for w in WORD.findall(ctx.text[lo:cue_start])]
    while words and plain(words[-1]) in _SUBJECT_SKIP:
        words.pop()
    return words[-1] if words else None


# Words that may stand before a clause's subject: connectives, sentence adverbs, "that".
_BEFORE_SUBJECT = frozenset({
    "and", "but", "so", "yet", "or", "nor", "thus", "hence", "therefore", "however", "also",
    "now", "still", "even", "then", "that", "because", "since", "although", "though", "while",
    "whereas", "if", "when", "today", "currently", "indeed", "in", "fact", "moreover",
    "furthermore", "meanwhile", "consequently", "clearly", "obviously", "surely", "certainly",
    "perhaps", "probably", "sadly", "unfortunately", "fortunately", "next", "thing", "you",
    "know", "as", "result", "overall", "generally", "typically", "usually", "nowadays"})
_EXISTENTIAL = re.compile(r"\bthere\s+(?:is|are|was|were|['’]s|will\s+be|have\s+been|has\s+"
                          r"been)\s+(?:(?:still|also|now|so|too|always|just|really)\s+)*$",
                          re.IGNORECASE)


def sizes_subject(ctx: SentenceContext, cue_start: int) -> bool:
    """The quantity opens its clause's subject ("Most households own a car", "that a large
    number of residents are in Rafah", "There are many experts who ..."), so it sizes what the
    claim is about; "fix many bugs", "in many cities" size an object or a circumstance."""
    lo, _ = clause_span(ctx, cue_start)
    head = ctx.text[lo:cue_start]
    if _EXISTENTIAL.search(head):
        return True
    if ctx.words_before(cue_start, 1) in (["and"], ["but"], ["or"]) and lo < cue_start:
        return True  # "everyone is tired and many are angry": a new clause's subject
    if ctx.words_before(cue_start, 1) in (["in"], ["of"], ["for"], ["by"], ["with"], ["to"],
                                          ["from"], ["across"], ["among"], ["at"], ["on"]):
        return False  # "(such as floods) in many regions": a circumstance, after its preposition
    return all(plain(w) in _BEFORE_SUBJECT for w in WORD.findall(head))


def sizes_support(ctx: SentenceContext, cue_end: int) -> bool:
    """The quantity sizes evidence or its sources (data/support_nouns.txt: "documented by many
    studies", "according to several reports"): the claim leans on it, wherever it stands."""
    support = word_set("support_nouns")
    for m in WORD.finditer(ctx.text, cue_end, min(len(ctx.text), cue_end + 60)):
        w = plain(m.group())
        if w in support:
            return True  # "many independent studies": past the adjectives to the noun
        if w in _ENDS_PHRASE or re.search(r"[,;:.!?()]", ctx.text[cue_end:m.start()]):
            return False
    return False


def evaluative(ctx: SentenceContext, cue_start: int) -> bool:
    """The cue's clause judges (data/evaluative.txt: "boring", "useless", "ruins"): a verdict on
    a kind, even a kind of thing ("All required courses are boring")."""
    lo, hi = clause_span(ctx, cue_start)
    judging = word_set("evaluative")
    return any(plain(w) in judging for w in WORD.findall(ctx.text[lo:hi]))


# A cause given for a kind, as the clause's predicate: "are (as) a result of arson", "are
# caused by", "is due to", "result from" ("unable to ... due to a rule" gives a circumstance).
_CAUSE = re.compile(r"\b(?:(?:are|is|were|was)\s+(?:\w+ly\s+)?(?:(?:as\s+)?(?:a|the)\s+"
                    r"(?:direct\s+)?result\s+of|caused\s+by|due\s+to|owing\s+to|"
                    r"attributable\s+to|driven\s+by)|result\s+from)\b", re.IGNORECASE)


def explains_by_cause(ctx: SentenceContext, cue_start: int) -> bool:
    """The cue's clause gives the cause of what it quantifies ("Many fires are the result of
    arson"): a causal claim about a kind, which needs evidence like a verdict does."""
    lo, hi = clause_span(ctx, cue_start)
    return bool(_CAUSE.search(ctx.text, lo, hi))


def forecast_after_supposition(ctx: SentenceContext, cue_start: int) -> bool:
    """The cue's clause forecasts ("will", "'ll") after a supposition or a step ("if", "once",
    "soon", "eventually", "then"): a link in a chain of consequences, not a description."""
    lo, hi = clause_span(ctx, cue_start)
    return bool(re.search(r"['’]ll\b|\bwill\b|\bgoing\s+to\b", ctx.text[lo:hi])) and bool(
        _FUTURE_SLOPE.search(ctx.preceding[-300:] + " " + ctx.text[:hi]))


_FLOAT_AFTER = frozenset({"are", "were", "have", "had", "will", "would", "can", "could", "must",
                          "should", "do", "did", "they", "we", "you", "them", "us", "these",
                          "those"})


def _floating(ctx: SentenceContext, cue_start: int, cue_end: int) -> bool:
    """"all"/"each"/"both" floated after its noun phrase ("they all have", "are all
    underpaid"), not before one: what it quantifies is the clause's subject."""
    key = plain(ctx.text[cue_start:cue_end])
    if key not in {"all", "each", "both"}:
        return False
    before = ctx.words_before(cue_start, 1)
    after = ctx.words_after(cue_end, 1)
    return bool(before) and before[0] in _FLOAT_AFTER and not (
        after and after[0] in {"the", "of", "these", "those", "this", "that", "his", "her",
                               "their", "our", "my", "your", "its"})


def ranges_over(ctx: SentenceContext, cue_start: int, cue_end: int) -> str:
    """"beings" when the quantifier at the cue ranges over people, groups or animals, or over
    evidence or casualties (data/evidence_nouns.txt), or its clause's subject is one, for
    "always"/"never"; "world" when over things of the natural world (data/world_nouns.txt:
    "many fires", "several glaciers"); "things" when over anything else (a system's or a
    text's); "unknown" when no noun is found."""
    key = plain(ctx.text[cue_start:cue_end])
    key = " ".join(key.split())
    if key in _PEOPLE_WORDS:
        return "beings"
    if key in {"everything", "nothing"} and clause_subject(ctx, cue_start) is None:
        return "things"  # "nothing will change", "everything works": the subject is things
    if key in TIME_QUANTIFIERS or key in {"everything", "nothing", "everywhere", "nowhere"} \
            or _floating(ctx, cue_start, cue_end):
        # "Politicians never keep ...", "Residents of Dunmore never ...", "Teachers, nurses and
        # the police are all underpaid": the quantifier speaks of the clause's subject.
        domain = subject_domain(ctx, cue_start)
        return "unknown" if domain == "act" else domain
    else:
        word = quantified_head(ctx, cue_end)
        if word is None and re.match(r"\s+of\s+(?:this|that|it|these|those|which)\b",
                                     ctx.text[cue_end:cue_end + 20], re.IGNORECASE):
            return "things"  # "none of this", "all of which": what the text has just said
    if word is None:
        return "things" if key in {"none", "nothing"} else "unknown"  # "Blockers: None"
    if plain(word) in word_set("evidence_nouns") | word_set("support_nouns"):
        return "beings"  # "several studies", "many deaths": evidence, or people counted
    if word.islower() and plain(word) != lemma(word) and lemma(word) in word_set(
            "world_nouns") and lemma(word) not in word_set("not_beings"):
        return "world"  # "many storms", "several glaciers": the natural world, not a system
        # (a plural: "all current and future keywords" stops at an adjective)
    if plain(word) in word_set("time_units") or lemma(word) in word_set("time_units"):
        return "unknown"  # "every time", "all night": the time-marker exemption's, by name
    if re.split(r"['’]", plain(word))[0] in {"we", "us", "you", "they", "them", "people", "i",
                                             "he", "she", "who", "everyone", "everybody"}:
        return "beings"
    return "beings" if is_being(word) else "things"


def subject_domain(ctx: SentenceContext, pos: int) -> str:
    """What the subject of `pos`'s clause is: "beings" (people, groups, animals, a pronoun for
    them), "act" (a gerund: "Skipping class will lead to ..."), "things", or "unknown" when no
    subject stands before `pos` in its clause ("You'll end up ...", "the next thing you know")."""
    lo, _ = clause_span(ctx, pos)
    words = [w for w in WORD.findall(ctx.text[lo:pos])
             if plain(w) not in _BEFORE_SUBJECT or plain(w) in {"you", "know"}]
    while words and plain(words[-1]) in _SUBJECT_SKIP:
        words.pop()
    if not words:
        return "unknown"
    if plain(words[0]).endswith("ing"):
        return "act"
    for word in words:
        w = re.split(r"['’]", plain(word))[0]
        if w in {"we", "us", "you", "they", "them", "people", "i", "he", "she", "who",
                 "everyone", "everybody", "someone", "somebody", "anyone", "nobody"} or \
                is_being(word):
            return "beings"
    return "things"


# What reports a survey, a poll or interviews: the source of what a group thinks or says.
_SURVEY = re.compile(r"\b(?:surveys?|surveyed|respondents?|polls?|polled|questionnaires?|"
                     r"interview(?:s|ed|ees)?|(?:we|they)\s+(?:spoke|talked)\s+(?:with|to)|"
                     r"we\s+asked|focus\s+groups?|user\s+research)\b", re.IGNORECASE)


def survey_context(ctx: SentenceContext) -> bool:
    """The sentence or the text just before it (up to about 1,500 characters, headings
    included) reports a survey, a poll or interviews: what "respondents felt", "others noted",
    "teams want" comes from it."""
    at = _survey_mentions(ctx.doc_text)
    i = bisect_right(at, ctx.offset + len(ctx.text)) - 1
    return i >= 0 and at[i] >= ctx.offset - 1500


@lru_cache(maxsize=8)
def _survey_mentions(text: str) -> list[int]:
    """Where the document mentions a survey, a poll or interviews (found once per document)."""
    return [m.start() for m in _SURVEY.finditer(text)]
