"""What the review app draws, as rich `Text`: a claim's list row, its paragraph, its details.

Every piece of draft and reference text goes through `clean` (no escape sequences or control
characters) into `Text` objects, never into markup strings, so a draft that says `[bold]` or
`[link=...]` is shown as written. Each state also has a character, not only a colour (badges,
⟦ ⟧ around cues, « » around matched evidence, ▶ on the cursor row), so NO_COLOR loses nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from .. import verdicts
from ..models import Claim, Document, Evidence
from ..report.findings import REVIEW_WORDS, clean, relative_path, review_text
from ..report.table import (
    CUE_CLOSE,
    CUE_OPEN,
    MATCH_CLOSE,
    MATCH_OPEN,
    SEVERITY_MARK,
    difference_sides,
)

PENDING_BADGE = (" …  ", "dim")
DECISION_BADGE = {
    "accepted": ("✓", "bold green"),
    "wrong": ("✗", "bold red"),
    "note": ("✎", "cyan"),
    "suppressed": ("⊘", "dim"),
    "stale": ("~", "dim"),
}
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
# The ▶ before the claim in the draft pane; the pane scrolls so the line holding it shows.
CLAIM_START = Style(bold=True) + Style.from_meta({"claim_start": True})
DECISION_NAMES = ("accepted", "wrong", "note", "suppressed", "stale", "undecided")


def live_flags(claim: Claim) -> list:  # type: ignore[type-arg]
    return sorted((f for f in claim.flags if not f.suppressed_by), key=lambda f: (f.start, f.rule))


def decision_of(claim: Claim) -> str:
    review = claim.review
    if review is None:
        return "undecided"
    return "stale" if review.stale else review.decision


def verdict_badge(label: str) -> tuple[str, str]:
    """The label's four-letter badge in the claim list and its style (`verdicts` table)."""
    row = verdicts.kind(label)
    return (row.badge, row.style) if row else PENDING_BADGE


def row_parts(claim: Claim, line_digits: int = 4) -> list[tuple[str, str]]:
    """One line of the claim list as (text, style) parts: verdict badge, flags (worst severity
    and count), decision, line number, the claim. The cursor mark is added by the caller."""
    verdict = claim.verdict
    badge, style = verdict_badge(verdict.label) if verdict else PENDING_BADGE
    if verdict and verdict.suppressed_by:
        badge, style = badge.lower(), "dim"
    parts = [(badge, style)]
    flags = live_flags(claim)
    if flags:
        worst = min(flags, key=lambda f: ("error", "warning", "info").index(f.severity))
        count = str(len(flags)) if len(flags) < 10 else "+"
        parts.append((f" {SEVERITY_MARK[worst.severity]}{count}",
                      SEVERITY_STYLE[worst.severity]))
    else:
        parts.append(("   ", ""))
    mark, mark_style = DECISION_BADGE.get(decision_of(claim), (" ", ""))
    parts.append((f" {mark}", mark_style))
    parts.append((f" {claim.line:>{line_digits}} ", "dim"))
    parts.append((" ".join(clean(claim.text).split()), ""))
    return parts


def row_text(claim: Claim, selected: bool, line_digits: int = 4) -> Text:
    """The row as rich Text (for tests and plain rendering)."""
    out = Text(no_wrap=True, overflow="ellipsis", end="")
    out.append("▶" if selected else " ", style="bold")
    for text, style in row_parts(claim, line_digits):
        out.append(text, style=style or None)
    if selected:
        out.stylize("reverse")
    return out


# -- the filter ---------------------------------------------------------------------------------


@dataclass
class Filter:
    """`/` query: words that name a verdict, a rule, a decision, or else text to find.

    Words of one facet are alternatives (`contradicted misquoted`), facets must all hold, and
    text words must all appear (case-insensitively). `v:`, `r:`, `d:` and `t:` force the facet.
    """

    verdicts: set[str] = field(default_factory=set)
    rules: set[str] = field(default_factory=set)
    decisions: set[str] = field(default_factory=set)
    words: list[str] = field(default_factory=list)
    query: str = ""

    @classmethod
    def parse(cls, query: str) -> Filter:
        out = cls(query=" ".join(query.split()))
        for raw in query.split():
            word = raw.lower()
            facet, _, value = word.partition(":") if ":" in word[:2] else ("", "", word)
            value = value.replace("-", "_")
            alias = {"pending": "pending", "none": "undecided", "todo": "undecided",
                     "open": "undecided", "flagged": "flagged"}.get(value, value)
            if facet == "v" or (not facet and alias in (*verdicts.labels(), "pending")):
                out.verdicts.add(alias)
            elif facet == "r" or (not facet and (re.fullmatch(r"cc\d{3}", value)
                                                  or value == "flagged")):
                out.rules.add(value.upper() if value != "flagged" else "flagged")
            elif facet == "d" or (not facet and alias in DECISION_NAMES):
                out.decisions.add(alias)
            else:
                out.words.append(raw.lower() if facet != "t" else value)
        return out

    @property
    def empty(self) -> bool:
        return not (self.verdicts or self.rules or self.decisions or self.words)

    def matches(self, claim: Claim) -> bool:
        if self.verdicts:
            label = claim.verdict.label if claim.verdict else "pending"
            if label not in self.verdicts:
                return False
        if self.rules:
            rules = {f.rule for f in claim.flags if not f.suppressed_by}
            if not (rules & self.rules or ("FLAGGED" in self.rules and rules)
                    or ("flagged" in self.rules and rules)):
                return False
        if self.decisions and decision_of(claim) not in self.decisions:
            return False
        if self.words:
            text = claim.text.lower()
            if not all(w in text for w in self.words):
                return False
        return True


# -- the draft pane -------------------------------------------------------------------------------


PARAGRAPH_CAP = 1500  # characters shown after the claim in a very long paragraph
LEAD_CAP = 240  # characters shown before the claim: it stays near the top of the pane


def paragraph_text(doc: Document | None, raw: str, claim: Claim) -> Text:
    """The claim's paragraph (its block), with the block before and after dimmed, the claim in
    reverse between ▶ ◀, and each live cue between ⟦ ⟧."""
    text = doc.text if doc else raw
    start, end = _block_bounds(doc, text, claim)
    lo = max(start, claim.start - LEAD_CAP)
    if lo > start:  # cut at a word
        space = text.find(" ", lo, claim.start)
        lo = space + 1 if space >= 0 else lo
    hi = min(end, claim.end + PARAGRAPH_CAP)
    before_lo, after_hi = _neighbour_bounds(doc, text, lo, hi)
    out = Text(end="")
    if lo == start and before_lo < lo:
        out.append(("…" if before_lo > 0 else "") + clean(text[before_lo:lo], one_line=False),
                   style="dim")
    out.append(("…" if lo > start else "") + clean(text[lo:claim.start], one_line=False))
    out.append("▶", style=CLAIM_START)
    cues = sorted((f.start, f.end) for f in live_flags(claim)
                  if claim.start <= f.start < f.end <= claim.end)
    at = claim.start
    for cue_start, cue_end in cues:
        if cue_start < at:
            continue
        out.append(clean(text[at:cue_start], one_line=False), style="reverse")
        out.append(CUE_OPEN + clean(text[cue_start:cue_end], one_line=False) + CUE_CLOSE,
                   style="reverse bold underline")
        at = cue_end
    out.append(clean(text[at:claim.end], one_line=False), style="reverse")
    out.append("◀", style="bold")
    out.append(clean(text[claim.end:hi], one_line=False) + ("…" if hi < end else ""))
    if hi < after_hi:
        out.append(clean(text[hi:after_hi], one_line=False), style="dim")
    return out


_STARTS: dict[int, tuple[Document, list[int]]] = {}  # per document: its blocks' starts


def _block_bounds(doc: Document | None, text: str, claim: Claim) -> tuple[int, int]:
    if doc is not None:
        kept = _STARTS.get(id(doc))
        if kept is None or kept[0] is not doc:
            if len(_STARTS) > 16:
                _STARTS.clear()
            kept = _STARTS[id(doc)] = (doc, [b.start for b in doc.blocks])
        # blocks are in document order: the one holding the claim, found by bisection (a 1 MB
        # draft has 7,000; scanning them cost 3 ms per key at its end)
        at = bisect.bisect_right(kept[1], claim.start) - 1
        if at >= 0 and doc.blocks[at].start <= claim.start < doc.blocks[at].end:
            return doc.blocks[at].start, max(doc.blocks[at].end, claim.end)
        for block in doc.blocks:  # none found there (blocks out of order?): the first that holds it
            if block.start <= claim.start < block.end:
                return block.start, max(block.end, claim.end)
    start = text.rfind("\n\n", 0, claim.start)
    end = text.find("\n\n", claim.end)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _neighbour_bounds(doc: Document | None, text: str, lo: int, hi: int) -> tuple[int, int]:
    """Up to 120 characters before (from a word start) and 300 after: enough to place the
    paragraph, never so much that the claim leaves a small pane."""
    before = max(0, lo - 120)
    if before > 0:
        cut = text.find(" ", before, lo)
        before = cut + 1 if cut >= 0 else lo
    after = text.find("\n", min(len(text), hi + 300))
    return before, (len(text) if after < 0 else after)


# -- the details pane -----------------------------------------------------------------------------


def _heading(out: Text, title: str) -> None:
    out.append(f"\n{title}\n", style="bold underline")


def evidence_text(ev: Evidence, number: int, total: int) -> Text:
    out = Text(end="")
    out.append(f"{number}/{total} ", style="bold")
    out.append(clean(ev.source if "://" in ev.source else relative_path(ev.source)),
               style="cyan")
    if ev.url and ev.url != ev.source:
        out.append(f" <{clean(ev.url)}>", style="cyan")
    out.append(f"  score {ev.score:.2f}\n", style="dim")
    start = max(0, min(ev.start, len(ev.text)))
    end = max(start, min(ev.end, len(ev.text)))
    before = " ".join(clean(ev.text[:start]).split())
    after = " ".join(clean(ev.text[end:]).split())
    # a space beside the markers only where the text has one: '"«We still ...»."', not '" «'
    out.append("  " + before + (" " if before and ev.text[:start][-1:].isspace() else ""))
    out.append(MATCH_OPEN + " ".join(clean(ev.text[start:end]).split()) + MATCH_CLOSE,
               style="bold reverse")
    out.append((" " if after and ev.text[end:][:1].isspace() else "") + after + "\n")
    return out


# a change ends at its closer and never runs past the next opener (linear: tests/redos)
_DIFF = re.compile(r"\[-((?:[^-\[]|-(?!\])|\[(?!-))*)-\]"
                   r"|\{\+((?:[^+{]|\+(?!\})|\{(?!\+))*)\+\}")


def diff_text(diff: str) -> Text:
    """A "[-old-] {+new+}" word diff with the markers kept and deletions/insertions styled."""
    out = Text("  ", end="")
    at = 0
    diff = clean(diff)
    for m in _DIFF.finditer(diff):
        out.append(diff[at:m.start()])
        if m.group(1) is not None:
            out.append(m.group(0), style="red strike")
        else:
            out.append(m.group(0), style="green bold")
        at = m.end()
    out.append(diff[at:] + "\n")
    return out


def report_figure(score: float) -> str:
    """A verdict's score as the JSON report gives it (to 4 places), at least 2 decimals: a
    no-evidence verdict's 0.0042 is not "0.00" beside a reason citing another probability."""
    two = f"{score:.2f}"
    return two if float(two) == score else f"{score:.4f}".rstrip("0")


def details_text(claim: Claim, descriptions: dict[str, str], checking: bool) -> Text:
    out = Text(end="")
    out.append(f"{claim.id}", style="bold")
    out.append(f"  {clean(relative_path(claim.file))}:{claim.line}:{claim.column}  {claim.kind}",
               style="dim")
    if claim.speaker:
        out.append(f"  speaker: {clean(claim.speaker)}", style="dim")
    out.append("\n")
    if claim.review:
        key = "stale" if claim.review.stale else claim.review.decision
        mark, style = DECISION_BADGE[key]
        out.append(f"{mark} {clean(review_text(claim))}\n", style=style)
    else:
        out.append("not reviewed (a accept · x wrong · n note · s suppress)\n", style="dim")
    verdict = claim.verdict
    if verdict is None:
        out.append("checking…\n" if checking else "not checked (no --refs)\n", style="dim")
    else:
        badge, style = verdict_badge(verdict.label)
        label = verdicts.words(verdict.label).upper()
        out.append(label, style=style)
        if verdicts.scored(verdict.label):
            out.append(f"  score {report_figure(verdict.score)}", style="dim")
        if verdict.suppressed_by:
            out.append(f" (suppressed: {verdict.suppressed_by})", style="dim")
        out.append("\n" + " ".join(clean(verdict.reason).split()) + "\n")
        if verdict.differences:
            _heading(out, "What differs")
            for d in verdict.differences:
                said, found = difference_sides(d)
                out.append(f"  {d.kind}: ", style="bold")
                out.append(f"{said} → {found}\n")
        if verdict.diff:
            _heading(out, "Quote diff ([-source-] {+claim+})")
            out.append_text(diff_text(verdict.diff))
        if verdict.evidence:
            _heading(out, f"Evidence ({len(verdict.evidence)})")
            for number, ev in enumerate(verdict.evidence, start=1):
                out.append_text(evidence_text(ev, number, len(verdict.evidence)))
    flags = claim.flags
    if flags:
        _heading(out, f"Flags ({len(flags)})")
        for flag in sorted(flags, key=lambda f: (f.start, f.rule)):
            style = "dim" if flag.suppressed_by or flag.supported else SEVERITY_STYLE[
                flag.severity]
            out.append(f"{SEVERITY_MARK[flag.severity]} {flag.rule} {flag.name}", style=style)
            state = (f"suppressed: {flag.suppressed_by}" if flag.suppressed_by else
                     "supported by a reference" if flag.supported else flag.severity)
            out.append(f" ({state}) at ")
            out.append(CUE_OPEN + " ".join(clean(flag.cue).split()) + CUE_CLOSE,
                       style="bold underline")
            out.append("\n  " + " ".join(clean(flag.message).split()) + "\n")
            out.append("  Fix: ", style="bold")
            out.append(" ".join(clean(flag.hint).split()) + "\n")
            description = descriptions.get(flag.rule)
            if description:
                out.append("  Rule: ", style="bold")
                out.append(description + "\n", style="dim")
    return out


def decision_word(decision: str) -> str:
    return REVIEW_WORDS.get(decision, decision)
