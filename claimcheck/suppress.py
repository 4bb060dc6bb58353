"""Inline suppressions: directives in the draft that silence findings, applied once, centrally.

Directives (Markdown and plain text; TARGETS are optional, space or comma separated):

    <!-- claimcheck: ignore [TARGETS] -->             findings on this same line
    <!-- claimcheck: ignore-next-line [TARGETS] -->   findings on the next line
    <!-- claimcheck: disable [TARGETS] -->            from here ...
    <!-- claimcheck: enable [TARGETS] -->             ... to here (or the end of the file)
    <!-- claimcheck: ignore-file [TARGETS] -->        the whole file

In plain text the same directives also work as `# claimcheck: ...` comments (on their own line,
or at the end of a line) and as bare `claimcheck: ...` lines. A target is a rule ID (`CC101`), a
rule name (`sweeping-quantifier`), `verdict` (any verdict) or `verdict/<label>`
(`verdict/contradicted`); no target means every flag and verdict. An unknown target is an error,
so a typo never silently silences nothing. In Markdown, a directive inside code (a code span, or
a fenced or indented code block, also within lists and quotes) is an example and does nothing.

Silenced flags and verdicts get `suppressed_by="inline"`: they stay in the JSON report, are not
counted, never fail a run, and the other formats do not show them. A finding counts as "on" every
line its span covers (a claim's whole span for a verdict).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from . import verdicts
from .document import BARE_DIRECTIVE, DIRECTIVE_VERBS, HASH_DIRECTIVE, html_directives
from .errors import UserError
from .models import Claim, Document


@dataclass(frozen=True)
class Directive:
    verb: str
    targets: frozenset[str]  # lower-cased; empty = everything
    line: int
    offset: int


@dataclass
class _Region:
    """disable/enable state while walking the file top to bottom."""

    everything: bool = False
    rules: set[str] = field(default_factory=set)
    exceptions: set[str] = field(default_factory=set)

    def update(self, d: Directive) -> None:
        if d.verb == "disable":
            if d.targets:
                self.rules |= d.targets
                self.exceptions -= d.targets
            else:
                self.everything, self.rules, self.exceptions = True, set(), set()
        elif d.targets:  # enable some
            self.rules -= d.targets
            if self.everything:
                self.exceptions |= d.targets
        else:  # enable everything
            self.everything, self.rules, self.exceptions = False, set(), set()

    def silences(self, keys: frozenset[str]) -> bool:
        return bool(keys & self.rules) or (self.everything and not keys & self.exceptions)


def _known_targets() -> set[str]:
    from .rules import RULES

    known = {"verdict"} | {f"verdict/{label}" for label in verdicts.labels()}
    for rule in RULES:
        known |= {rule.id.lower(), rule.name.lower()}
    return known


class _Spans:
    """Is an offset inside one of these (start, end) spans? By bisection, not a scan of all
    of them per offset (a draft with thousands of directives and code spans)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        # the furthest end among spans starting at or before each one (spans may nest)
        self.reach: list[int] = []
        for _, b in self.spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def holds(self, at: int) -> bool:
        i = bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.reach[i]


def parse_directives(doc: Document) -> list[Directive]:
    """Every directive in `doc`, in file order. Unknown verbs or targets are a UserError."""
    text = doc.text
    # What is code is markdown-it's decision (recorded by `document`), not a second guess here:
    # a directive shown as an example in a code span or block is inert.
    html = list(html_directives(text))
    in_code = _Spans(doc.code)
    found: list[tuple[int, str, str]] = [
        (start, verb, args) for start, _, verb, args in html if not in_code.holds(start)]
    if not doc.markdown:
        in_html = _Spans([(start, end) for start, end, _, _ in html])
        for pattern in (HASH_DIRECTIVE, BARE_DIRECTIVE):
            for m in pattern.finditer(text):
                if not in_html.holds(m.start()):
                    found.append((m.start(), m.group("verb"), m.group("args")))
    known: set[str] | None = None
    out: list[Directive] = []
    seen: set[int] = set()
    for offset, verb, args in sorted(found):
        if offset in seen:
            continue
        seen.add(offset)
        line = doc.position(offset)[0]
        if verb not in DIRECTIVE_VERBS:
            raise UserError(f"{doc.path}:{line}: unknown claimcheck directive '{_shown(verb)}' "
                            f"(use {', '.join(DIRECTIVE_VERBS)})")
        targets = frozenset(t.lower() for t in re.split(r"[\s,]+", args.strip()) if t)
        if targets:
            known = known if known is not None else _known_targets()
            unknown = sorted(targets - known)
            if unknown:
                raise UserError(f"{doc.path}:{line}: unknown rule '{_shown(unknown[0])}' in "
                                f"claimcheck directive (see 'claimcheck rules')")
        out.append(Directive(verb, targets, line, offset))
    return out


def _shown(text: str) -> str:
    """Draft text quoted in an error message: no control characters reach the terminal."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", text)[:60]


def _matches(d: Directive, keys: frozenset[str]) -> bool:
    return not d.targets or bool(d.targets & keys)


def _silenced(directives: list[Directive], keys: frozenset[str], first: int, last: int,
              offset: int) -> bool:
    region = _Region()
    for d in directives:
        if d.verb == "ignore-file" and _matches(d, keys):
            return True
        if d.verb == "ignore" and first <= d.line <= last and _matches(d, keys):
            return True
        if d.verb == "ignore-next-line" and first <= d.line + 1 <= last and _matches(d, keys):
            return True
        if d.verb in ("disable", "enable") and d.offset < offset:
            region.update(d)
    return region.silences(keys)


def _last_line(doc: Document, end: int) -> int:
    return doc.position(max(end - 1, 0))[0]


def apply_suppressions(doc: Document, claims: list[Claim],
                       directives: list[Directive] | None = None) -> None:
    """Set `suppressed_by="inline"` on flags and verdicts that a directive in `doc` silences.
    `directives`: `parse_directives(doc)`, when the caller settles a file's claims in parts."""
    if directives is None:
        directives = parse_directives(doc)
    if not directives:
        return
    for claim in claims:
        for flag in claim.flags:
            if flag.suppressed_by:
                continue
            keys = frozenset({flag.rule.lower(), flag.name.lower()})
            if _silenced(directives, keys, flag.line, _last_line(doc, flag.end), flag.start):
                flag.suppressed_by = "inline"
        verdict = claim.verdict
        if verdict is not None and not verdict.suppressed_by:
            keys = frozenset({"verdict", f"verdict/{verdict.label}"})
            if _silenced(directives, keys, claim.line, _last_line(doc, claim.end), claim.start):
                verdict.suppressed_by = "inline"
