"""The rule record: what every generalization rule declares about itself.

A rule is a pure function `(claim, context) -> findings` plus fixed metadata. The metadata and the
function's docstring (with its FLAGGED / NOT FLAGGED examples) are the single source for the
`claimcheck rules` listing, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..models import Claim, Severity
from .sentence import SentenceContext


class Finding(NamedTuple):
    """A cue a rule found: absolute offsets into the file text.

    `key_at` is where the cue's key word starts when the cue opens with other words ("the" in
    "the largest"): exemptions about the word itself (a capital in a title) look there. `reach`
    is the span the finding's claim covers for supersession (a leap from a case owns the rest of
    its sentence); by default the cue's own span."""

    start: int
    end: int
    cue: str
    key_at: int | None = None
    reach: tuple[int, int] | None = None


Check = Callable[[Claim, SentenceContext], Iterable[Finding]]

# Families whose findings say "this sentence generalizes". Individual characterisation and hedges
# are reported too, but they describe one person or the writer's doubt, not a whole.
FAMILIES: dict[str, bool] = {
    "sweeping": True,
    "vague": True,
    "weasel": True,
    "collective": True,
    "individual": False,
    "superlative": True,
    "hedge": False,
}


# "FLAGGED:", "NOT FLAGGED:": the headings of a rule docstring's example lists
_HEADING = re.compile(r"^[ \t]*[A-Z][A-Z ]*:[ \t]*$", re.MULTILINE)
# up to the first full stop that ends a sentence: followed by a space and a capital, or the end
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?=\s+[A-Z\"“]|$)")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    family: str
    severity: Severity
    message: str  # may contain {cue}
    hint: str
    check: Check
    # Questions assert nothing, so rules skip them, except a rule whose cue is itself a
    # question ("what's next?" is how a slippery slope is often put).
    reads_questions: bool = False
    # Declared exemptions (names in `exemptions.EXEMPTIONS`) that let this rule's cues through,
    # tried in this order after the central contexts every rule respects.
    exemptions: tuple[str, ...] = ()
    # Central contexts this rule reads anyway: a slippery slope lives in an "if" clause.
    reads: tuple[str, ...] = ()
    # Rules whose findings inside one of this rule's findings are dropped (one problem, one
    # finding), settled centrally and only among the rules that are switched on.
    supersedes: tuple[str, ...] = ()
    # Of those, rules whose finding right before one of this rule's (only spaces between) is
    # part of it: "several | studies have shown" is one appeal to unnamed sources.
    absorbs: tuple[str, ...] = ()
    # Off unless the configuration switches it on: a rule still earning its place.
    default_on: bool = True

    @property
    def summary(self) -> str:
        """The docstring's first sentence, however many lines it is wrapped over."""
        first = _FIRST_SENTENCE.match(self.description)
        return first.group(1) if first else self.description

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    @property
    def description(self) -> str:
        """The docstring's prose before its example headings, as one line."""
        return " ".join(_HEADING.split(self.doc)[0].split())

    @property
    def flagged(self) -> list[str]:
        return _examples(self.doc, "FLAGGED")

    @property
    def not_flagged(self) -> list[str]:
        return _examples(self.doc, "NOT FLAGGED")

    def run(self, claim: Claim, ctx: SentenceContext) -> list[Finding]:
        return list(self.check(claim, ctx))


def _examples(doc: str, heading: str) -> list[str]:
    """Lines starting with '- ' under a 'HEADING:' line, up to the next heading or blank line."""
    out: list[str] = []
    inside = False
    for line in doc.splitlines():
        stripped = line.strip()
        if _HEADING.fullmatch(line):
            inside = stripped[:-1] == heading
            continue
        if inside:
            if not stripped:
                inside = False
            elif stripped.startswith("- "):
                out.append(stripped[2:])
    return out


def rule(
    *, id: str, name: str, family: str, severity: Severity, message: str, hint: str,
    reads_questions: bool = False, exemptions: tuple[str, ...] = (),
    reads: tuple[str, ...] = (), supersedes: tuple[str, ...] = (), absorbs: tuple[str, ...] = (),
    default_on: bool = True,
) -> Callable[[Check], Rule]:
    """Decorator: turn a check function into a Rule with this metadata."""
    if family not in FAMILIES:
        raise ValueError(f"unknown rule family {family!r}")

    def wrap(check: Check) -> Rule:
        return Rule(id=id, name=name, family=family, severity=severity, message=message,
                    hint=hint, check=check, reads_questions=reads_questions,
                    exemptions=exemptions, reads=reads, supersedes=supersedes,
                    absorbs=absorbs, default_on=default_on)

    return wrap
