"""Who said it: verbs of saying, and the speaker of a direct quote or of reported speech.

Journalists attribute quotes in a few fixed shapes ('..., Hamas stated', '..., said Kirby',
'Kirby said: "..."', or an attribution sentence next to the quote); these patterns cover them
without a parser.

- `speech_verbs(use)`: the verbs of saying in `text/data/speech_verbs.txt` that one use reads
  ("speaker": quote speakers and reported speech; "attribution", "reporting": the rules' uses).
- `speaker_after(text)`, `speaker_before(text)`: the speaker named right after a closing quote
  or right before an opening one; `reported_speaker(sentence)`: the source of reported speech
  ("Hamas confirmed that ...", "according to the UN"); `has_speech_verb(sentence)`;
  `is_pronoun(name)`: "he", "she", "they", "we", "I", left for the caller to resolve.
"""

from __future__ import annotations

import re
from functools import cache

from .patterns import alternation
from .tokens import plain
from .wordlists import tagged, word_set

# Up to six capitalised words, starting at a word's start: unbounded, a run of capitalised
# words was rescanned to its end from every word (quadratic; tests/redos).
_NAME = r"(?<![\w'’.&-])[A-Z][\w'’.&-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+)?[A-Z][\w'’.&-]*){0,5}"
_PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I"


@cache
def speech_verbs(use: str = "speaker") -> frozenset[str]:
    """Verbs of saying (all forms, lower case) that `use` reads."""
    return tagged("speech_verbs", use)


@cache
def _verbs() -> str:
    # Case-sensitive on purpose: "United States" is a name, "states" a verb.
    return alternation(speech_verbs("speaker"))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    v = _verbs()
    return {
        # after a closing quote: ', said Kirby.' / ', Hamas stated.'
        "after": re.compile(rf"(?<![\s,—–\"”-])[\s,—–\"”-]*"
                            rf"(?:(?:{v})\s+(?:the\s+)?(?P<a>{_NAME}|{_PRONOUN})"
                            rf"|(?:the\s+)?(?P<b>{_NAME}|{_PRONOUN})\s+(?:\w+\s+)?(?:{v}))\b"),
        # before an opening quote: 'Kirby said: "' / 'said Kirby, "'
        "before": re.compile(rf"(?:(?P<b>{_NAME}|{_PRONOUN})\s+(?:\w+\s+)?(?:{v})"
                             rf"|(?:{v})\s+(?P<a>{_NAME}))(?:\s+\w+){{0,3}}(?:\s*[:,])?\s*$"),
        # reported speech inside a sentence
        "reported": re.compile(rf"(?P<b>{_NAME})\s+(?:(?:has|have|had|also|later|then|"
                               rf"previously|already)\s+)?(?:{v})\b"
                               rf"|(?P<d>{_NAME}),[^,\"“]{{1,60}},\s+(?:{v})\b"
                               rf"|\b(?:{v})\s+(?P<a>{_NAME})\b"
                               rf"|\b(?i:according to)\s+(?:[a-z0-9]+\s+){{0,4}}?(?:by\s+)?"
                               rf"(?:the\s+)?(?P<c>{_NAME})"),
        "verb": re.compile(rf"\b(?:{v})\b|\b(?i:according to)\b"),
    }


def _clean(name: str | None) -> str | None:
    """The name without leading common words and possessive; a pronoun is kept for the
    caller to resolve."""
    if not name:
        return None
    if is_pronoun(name):
        return name
    tokens = name.split()
    while tokens and plain(tokens[0]) in word_set("common_words"):
        tokens = tokens[1:]
    text = " ".join(tokens).rstrip(".,'’")
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text or None


def speaker_after(following: str) -> str | None:
    """Speaker named right after a closing quote, in the same sentence."""
    m = _patterns()["after"].match(following)
    return _clean(m.group("a") or m.group("b")) if m else None


def speaker_before(preceding: str) -> str | None:
    """Speaker named right before an opening quote, or in a lead-in sentence ending in ':'."""
    m = _patterns()["before"].search(preceding)
    if m:
        return _clean(m.group("b") or m.group("a"))
    if preceding.rstrip().endswith(":"):
        # 'My manager, Priya Nair, put it best: "..."': the lead-in names the speaker
        names = [_clean(n.group(0)) for n in re.finditer(_NAME, preceding)]
        return next((n for n in reversed(names) if n and not is_pronoun(n)), None)
    return None


def reported_speaker(sentence: str) -> str | None:
    """The source of reported speech ('Hamas confirmed that', 'according to the UN')."""
    if not _patterns()["verb"].search(sentence):
        return None
    for m in _patterns()["reported"].finditer(sentence):
        cleaned = _clean(m.group("b") or m.group("a") or m.group("c") or m.group("d"))
        if cleaned:
            return cleaned
    return None


def has_speech_verb(sentence: str) -> bool:
    return bool(_patterns()["verb"].search(sentence))


def is_pronoun(name: str) -> bool:
    return bool(re.fullmatch(_PRONOUN, name))
