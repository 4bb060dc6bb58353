"""Decide what kind of statement a claim is, from cue lists kept as data files.

Order matters: page furniture and questions first, then quotes and reported speech (their
source can be checked even when hedged), then opinion before speculation, because evaluative
cues are specific while "will" is everywhere.
"""

from __future__ import annotations

import re
from functools import cache

from ..models import BlockKind, ClaimKind
from ..text.patterns import alternation, apostrophe_atom
from ..text.tokens import plain
from ..text.wordlists import longest_first, tagged, word_set

SPLIT = "claimcheck.split"  # the package whose data/ holds the splitter's own lists

_FINAL = (".", "!", "?", "…", "\"", "”", "’", ")", ":")
# "by Sead Dedovic", "By Ana Lee and Tom Ray": only names after "by", so "By Monday, ..." is prose
_BYLINE = re.compile(r"^(?i:by|(?:written|words|reporting|directed|produced|edited|photos?|"
                     r"illustrations?|additional reporting)\s+by)\s+"
                     r"[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+)[A-Z][\w.'’-]*){0,5}"
                     r"(?:\s+|,\s*)?$")  # a separator between names: no n^6 splits
_CREDIT = re.compile(r"©|\((?:photo|image|credit)s?\b|^(?:photo|image|credit)s?\s*[:/]", re.I)
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*$")
_WORD = re.compile(r"[\w'’]+")
# Markdown links and bare URLs: a unit made of nothing else is navigation ("* [Gaza war](...)",
# "[Home](/) · [News](/news)"), and a lone source tag in parentheses ("(AP)", "(CBS News)") is a
# citation, not a statement.
# Linear: a bracket or paren run never rescans past the next opener (was quadratic on "![").
_LINK = re.compile(r"!?\[[^\[\]]*\]\((?:[^()]|\([^()]*\))*\)|!?\[[^\[\]]*\]\[[^\[\]]*\]"
                   r"|<?https?://\S+"
                   # a unit cut inside a link: its "[" before the unit, or its "](url)" after
                   r"|^[^\[\]]*\]\([^)]*\)|!?\[[^\[\]]*$")
_SOURCE_TAG = re.compile(r"^(?:\([^()]{1,60}\)\s*)+$")
# "Hello everyone!", "Thanks, all.": a greeting or a thank-you addresses the reader, claims nothing.
_GREETING = re.compile(r"^(?i:hello|hi|hey|dear|greetings|thanks|thank\s+you|welcome|cheers)\b")


def is_navigation(raw: str) -> bool:
    """Boilerplate by its form, read from the text as written (links are blanked in the masked
    text): a unit that is only links, a source tag in parentheses, or a short greeting."""
    stripped = raw.strip()
    if _SOURCE_TAG.match(stripped):
        return True
    if _GREETING.match(stripped) and len(_WORD.findall(stripped)) <= 4:
        return True
    links = _LINK.findall(stripped)
    return bool(links) and not re.search(r"\w", _LINK.sub(" ", stripped))


@cache
def _cue(name: str) -> re.Pattern[str]:
    listed = tagged("hedges", "speculation") if name == "hedges" else longest_first(name, SPLIT)
    return re.compile(rf"(?<![\w'’])(?:{alternation(listed, apostrophe_atom)})(?![\w'’])", re.I)


def is_non_claim(text: str, block: BlockKind) -> bool:
    """Headings, titles, bylines, photo credits, lone names and boilerplate."""
    stripped = text.strip()
    if block == "heading" or _BYLINE.match(stripped) or _CREDIT.search(stripped):
        return True
    if _cue("boilerplate").match(stripped) and len(stripped.split()) <= 12:
        # only at the start: "The newsletter reached 2 million readers" is a claim
        return True
    final = stripped.endswith(_FINAL)
    if block == "line" and not final and not _reads_as_sentence(stripped):
        return True  # a title or caption line
    if _NAME_LINE.match(stripped) and len(stripped.split()) <= 4 and not final:
        return True
    tokens = _WORD.findall(stripped)
    if len(tokens) < 2 or (plain(tokens[0]) in word_set("imperatives", SPLIT)
                           and tokens[0][0].isupper()):
        return True  # "Absolutely." answers; "Install it with ..." instructs
    clause_words = tagged("auxiliaries", "clause")
    if block == "table_cell" and not any(plain(t) in clause_words for t in tokens):
        return True  # a cell value is a fragment, its row holds the meaning
    return not final and len(tokens) < 3


def _reads_as_sentence(text: str) -> bool:
    """A line without a full stop that is still a sentence: several words, written in sentence
    case ("Global warming is driving polar bears toward extinction"), where a title capitalises
    its words ("Hamas Claims Talks Have Returned to Square One"). Its first word may be in
    lower case or a figure ("climate models predict too much warming in the troposphere",
    "90% of reefs are bleached this year"): no title starts that way."""
    tokens = _WORD.findall(text)
    if len(tokens) < 6:
        return False
    rest = [t for t in tokens[1:] if t[:1].isalpha()]
    lower = sum(t[:1].islower() for t in rest)
    return lower >= 0.6 * len(rest)


def classify(text: str, block: BlockKind, quoted: bool, reported: bool,
             raw: str | None = None) -> ClaimKind:
    """The kind of one claim; `quoted`: inside a direct quote; `reported`: reported speech;
    `raw`: the claim as written, when `text` is the masked copy (for navigation by its links)."""
    stripped = text.strip()
    if (is_non_claim(stripped, block) or (raw is not None and is_navigation(raw))) and not quoted:
        return "non_claim"
    if stripped.rstrip("\"”’)").endswith("?"):
        return "question"
    if quoted:
        return "quote"
    if reported:
        return "attributed"
    if _cue("evaluative").search(stripped):
        return "opinion"
    if any(not _is_month(stripped, m) for m in _cue("hedges").finditer(stripped)):
        return "speculation"
    return "factual"


def _is_month(text: str, match: re.Match[str]) -> bool:
    """"May" the month, not the modal: capitalised inside a sentence, or followed by a day or year
    ("on 9 May", "in May", "May 9 was ...")."""
    if match.group() != "May":
        return False
    return match.start() > 0 or bool(re.match(r"\s+\d", text[match.end():]))
