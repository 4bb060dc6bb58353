"""The terminal report: one block per claim that has something to say, one line for the rest.

A block reads top to bottom at any width from 40 columns: the claim's handle, position, kind,
verdict and review decision; the claim wrapped with each flagged cue between ⟦ ⟧; each flag with
its message and hint; the verdict's reason, what differs and the best evidence with its matched
words between « »; the reviewer's decision. Markers are plain characters, so they survive
NO_COLOR, pipes and logs; colour only adds to them.

The renderer writes strings itself instead of laying out a rich Table: on a 15,000-claim draft a
Table took 39 s, this takes a fraction of producing the JSON (issue 16, bench in
benchmarks/bench_review.py). Draft and reference text is cleaned of escape sequences and control
characters (`clean`) before any colour code is added around it, so it can never style the terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache

from .. import verdicts
from ..models import Claim, Difference, Evidence, Flag, Report, by_file
from .color import use_color
from .findings import REVIEW_WORDS, clean, counted, review_text

SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
DECISION_STYLE = {"accepted": "green", "wrong": "bold red", "note": "cyan",
                  "suppressed": "dim", "stale": "dim"}
SEVERITY_MARK = {"error": "✖", "warning": "▲", "info": "·"}
CUE_OPEN, CUE_CLOSE = "⟦", "⟧"  # around a flagged cue in the claim
MATCH_OPEN, MATCH_CLOSE = "«", "»"  # around the matched words of the evidence
DEFAULT_WIDTH = 120
MIN_WIDTH = 40
_CONTEXT = 80  # characters of evidence shown either side of the matched words (not in full mode)
_SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7", "red": "31",
        "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36"}

Paint = Callable[[str, str], str]


def table_width() -> int:
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    try:
        return max(MIN_WIDTH, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return DEFAULT_WIDTH


@lru_cache(maxsize=64)
def _sgr(style: str) -> str:
    codes = [_SGR[word] for word in style.split() if word in _SGR]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def painter(color: bool) -> Paint:
    """`paint(text, style)`: ANSI SGR around already-cleaned text, or the text as it is."""
    if not color:
        return lambda text, style: text

    def paint(text: str, style: str) -> str:
        code = _sgr(style) if text else ""
        return f"{code}{text}\x1b[0m" if code else text

    return paint


def _wrap(text: str, width: int, indent: str, first: str | None = None) -> list[str]:
    """Greedy word wrap of one-line text (textwrap costs 4x more on a large draft): lines break
    at the last space that fits, a word longer than a line is cut."""
    prefix = indent if first is None else first
    width = max(width, len(indent) + 10)
    rest = text.strip(" ")
    lines = []
    while len(prefix) + len(rest) > width:
        room = width - len(prefix)
        cut = rest.rfind(" ", 0, room + 1)
        if cut <= 0:
            cut = room
        lines.append(prefix + rest[:cut].rstrip(" "))
        rest = rest[cut:].lstrip(" ")
        prefix = indent
    lines.append(prefix + rest)
    return lines


_MARKED = re.compile(f"{CUE_OPEN}[^{CUE_CLOSE}]*{CUE_CLOSE}?|{MATCH_OPEN}[^{MATCH_CLOSE}]*"
                     f"{MATCH_CLOSE}?")


def _paint_marked(lines: list[str], paint: Paint, cue_style: str, match_style: str) -> list[str]:
    """Colour the text between markers, also where wrapping cut a marked span over lines."""
    out = []
    carry = ""  # the closing marker still to come from a previous line
    for line in lines:
        prefix = ""
        if carry:
            end = line.find(carry)
            cut = len(line) if end < 0 else end + 1
            style = cue_style if carry == CUE_CLOSE else match_style
            body = line[:cut]
            lead = len(body) - len(body.lstrip())
            prefix = body[:lead] + paint(body[lead:], style)
            line = line[cut:]
            carry = carry if end < 0 else ""
        if not carry:
            def colour(m: re.Match[str]) -> str:
                return paint(m.group(0), cue_style if m.group(0)[0] == CUE_OPEN
                             else match_style)

            painted = _MARKED.sub(colour, line)
            last = max(line.rfind(CUE_OPEN), line.rfind(MATCH_OPEN))
            if last >= 0:
                opener = line[last]
                closer = CUE_CLOSE if opener == CUE_OPEN else MATCH_CLOSE
                if closer not in line[last:]:
                    carry = closer
            line = painted
        out.append(prefix + line)
    return out


def marked_claim(claim: Claim) -> str:
    """The claim on one line, each live flag's cue between ⟦ ⟧ (overlapping cues merged)."""
    spans = sorted((f.start - claim.start, f.end - claim.start) for f in claim.flags
                   if not f.suppressed_by and 0 <= f.start - claim.start < f.end - claim.start
                   <= len(claim.text))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    text, parts, at = claim.text, [], 0
    for start, end in merged:
        parts += [clean(text[at:start]), CUE_OPEN, clean(text[start:end]), CUE_CLOSE]
        at = end
    parts.append(clean(text[at:]))
    return " ".join("".join(parts).split())


def evidence_line(ev: Evidence, full: bool = False) -> str:
    """The snippet around its best-matching span, the span between « »."""
    start = max(0, min(ev.start, len(ev.text)))
    end = max(start, min(ev.end, len(ev.text)))
    lo, hi = (0, len(ev.text)) if full else (max(0, start - _CONTEXT),
                                             min(len(ev.text), end + _CONTEXT))
    text = ("…" if lo > 0 else "") + clean(ev.text[lo:start]) + MATCH_OPEN + clean(
        ev.text[start:end]) + MATCH_CLOSE + clean(ev.text[end:hi]) + ("…" if hi < len(ev.text)
                                                                     else "")
    return " ".join(text.split())


def _live_flags(claim: Claim) -> list[Flag]:
    return sorted((f for f in claim.flags if not f.suppressed_by), key=lambda f: (f.start, f.rule))


def has_findings(claim: Claim) -> bool:
    """Worth a block: a live flag, a notable verdict (`VerdictKind.notable`: not supported nor
    not_checkable), or a review decision. Other claims get one line (`claimcheck show` has
    their evidence)."""
    verdict = claim.verdict
    return bool(_live_flags(claim) or claim.review or (
        verdict and verdicts.notable(verdict.label) and not verdict.suppressed_by))


def _header(claim: Claim, paint: Paint) -> str:
    parts = [paint(claim.id, "bold"), f"L{claim.line}:{claim.column}", claim.kind]
    verdict = claim.verdict
    if verdict and verdicts.scored(verdict.label):
        label = verdicts.words(verdict.label).upper()
        if verdict.suppressed_by:
            parts.append(paint(f"{label} (suppressed)", "dim"))
        else:
            parts.append(paint(label, verdicts.style(verdict.label)) +
                         paint(f" {verdict.score:.2f}", "dim"))
    review = claim.review
    if review:
        key = "stale" if review.stale else review.decision
        word = REVIEW_WORDS[review.decision].upper() + (" (STALE)" if review.stale else "")
        parts.append(paint(f"✎ {word}", DECISION_STYLE[key]))
    return "  ".join(parts)


def _one_line(claim: Claim, width: int, paint: Paint) -> str:
    verdict = claim.verdict
    badge = ""
    if verdict and verdicts.scored(verdict.label):
        badge = verdicts.words(verdict.label).upper() + (
            " (suppressed)" if verdict.suppressed_by else "")
    head = f"{claim.id}  L{claim.line}:{claim.column}  {claim.kind}  "
    text = " ".join(clean(claim.text).split())
    room = max(10, width - len(head) - (len(badge) + 2 if badge else 0))
    if len(text) > room:
        text = text[: room - 1].rstrip() + "…"
    style = verdicts.style(verdict.label) if verdict else ""
    return paint(head, "dim") + (paint(badge, style) + "  " if badge else "") + text


def flag_lines(flag: Flag, width: int, paint: Paint, *, description: str = "") -> list[str]:
    mark = SEVERITY_MARK[flag.severity]
    label = "supported by a reference" if flag.supported else flag.severity
    message = flag.message.rstrip()
    stop = "" if message.endswith((".", "!", "?")) else "."
    body = f"{flag.rule} {flag.name} ({label}) at “{clean(flag.cue)}”: {message}{stop} {flag.hint}"
    if description:
        body += f" Rule: {description}"
    lines = _wrap(" ".join(body.split()), width, "      ", f"  {mark} ")
    style = "dim" if flag.supported else SEVERITY_STYLE[flag.severity]
    lines[0] = lines[0].replace(f"{mark} {flag.rule} {flag.name}",
                                paint(f"{mark} {flag.rule} {flag.name}", style), 1)
    return lines


ABSENT = "(absent)"  # a difference side with no words: the claim lacks the source's negation


def difference_sides(diff: Difference) -> tuple[str, str]:
    """A difference's claim and source sides as shown everywhere: whitespace collapsed, control
    characters out, an empty side (a negation only the source has) as `(absent)`."""
    return (" ".join(clean(diff.claim).split()) or ABSENT,
            " ".join(clean(diff.evidence).split()) or ABSENT)


def verdict_lines(claim: Claim, width: int, paint: Paint, *, full: bool = False) -> list[str]:
    verdict = claim.verdict
    if verdict is None or not verdicts.scored(verdict.label) and not full:
        return []
    style = verdicts.style(verdict.label)
    word = verdicts.words(verdict.label)
    lines = _wrap(f"{word}: {clean(verdict.reason)}", width, "      ", "  = ")
    lines[0] = lines[0].replace(f"= {word}:", paint(f"= {word}:", style), 1)
    for diff in verdict.differences:
        said, found = difference_sides(diff)
        lines += _wrap(f"differs ({diff.kind}): {said} → {found}", width, "      ", "    ")
    if verdict.diff:
        lines += _wrap(f"quote diff: {clean(verdict.diff)}", width, "      ", "    ")
    shown = verdict.evidence if full else verdict.evidence[:1]
    for number, ev in enumerate(shown, start=1):
        where = clean(ev.source) + (f" <{clean(ev.url)}>" if ev.url and ev.url != ev.source
                                    else "")
        head = f"evidence {number}/{len(verdict.evidence)}" if full else "evidence"
        lines += _paint_marked(
            _wrap(f"{head} ({ev.score:.2f}) {where}: {evidence_line(ev, full)}", width,
                  "      ", "    "), paint, "bold underline", "bold underline")
    if not full and len(verdict.evidence) > 1:
        more = counted(len(verdict.evidence) - 1, "more candidate")
        lines += [paint(line, "dim") for line in _wrap(
            f"+ {more}: claimcheck show {clean(claim.file)} {claim.id}", width, "      ", "    ")]
    return lines


def claim_block(claim: Claim, width: int, paint: Paint, *, full: bool = False,
                descriptions: dict[str, str] | None = None) -> list[str]:
    """The lines of one claim's block (`full`: every evidence candidate, whole snippets and the
    rules' descriptions, for `claimcheck show`)."""
    lines = [_header(claim, paint)]
    marked = marked_claim(claim)
    lines += _paint_marked(_wrap(marked, width, "    "), paint, "bold underline", "")
    for flag in _live_flags(claim):
        lines += flag_lines(flag, width, paint,
                            description=(descriptions or {}).get(flag.rule, ""))
    lines += verdict_lines(claim, width, paint, full=full)
    if claim.review:
        style = DECISION_STYLE["stale" if claim.review.stale else claim.review.decision]
        review = _wrap(f"review: {clean(review_text(claim))}", width, "      ", "  ✎ ")
        lines += [paint(line, style) for line in review]
    return lines


def _summary(report: Report, paint: Paint, width: int) -> list[str]:
    """The one-line summary, its " · " parts wrapped onto more lines when it is too wide."""
    s = report.summary
    parts: list[tuple[str, str]] = [
        (f"{counted(s.claims, 'claim')} ({s.checkable} checkable) in {counted(s.files, 'file')}",
         "")]
    if s.verdicts:
        parts.append(("verdicts: " + ", ".join(f"{count} {verdicts.words(label)}"
                                               for label, count in s.verdicts.items()), ""))
    flags = counted(sum(s.flags.values()), "flag")
    if s.flags:
        flags += " (" + ", ".join(f"{n} {sev}" for sev, n in s.flags.items()) + ")"
    parts.append((flags, ""))
    if s.suppressed:
        parts.append((f"{s.suppressed} suppressed", "dim"))
    if s.reviews:
        parts.append(("reviewed: " + ", ".join(f"{n} {d}" for d, n in s.reviews.items()), ""))
    parts.append(("FAILED", "bold red") if s.failed else ("passed", "green"))
    lines: list[str] = []
    plain = painted = ""
    for text, style in parts:
        if plain and len(plain) + 3 + len(text) > width:
            lines.append(painted)
            plain = painted = ""
        sep = " · " if plain else ""
        plain += sep + text
        painted += sep + paint(text, style)
    return lines + [painted]


def _closing(report: Report, paint: Paint, width: int) -> list[str]:
    lines = []
    for warning in report.warnings:
        wrapped = _wrap(" ".join(clean(warning).split()), width, "  ", "warning: ")
        lines += [wrapped[0].replace("warning: ", paint("warning: ", "yellow"), 1), *wrapped[1:]]
    return lines + _summary(report, paint, width)


def render_summary(report: Report, *, color: bool | None = None,
                   width: int | None = None) -> str:
    """The table's closing lines alone (warnings and the one-line summary): what a CI log wants
    beside a report file, where a block per claim would run to megabytes on a large draft."""
    width = max(MIN_WIDTH, width or table_width())
    return "".join(line + "\n" for line in _closing(report, painter(use_color(color)), width))


def _file_lines(path: str, claims: Iterable[Claim], width: int, paint: Paint) -> Iterable[str]:
    title = clean(path)
    yield paint(f"── {title} " + "─" * max(0, width - len(title) - 4), "bold")
    for claim in claims:
        if has_findings(claim):
            yield from claim_block(claim, width, paint)
            yield ""
        else:
            yield _one_line(claim, width, paint)


def render_table(report: Report, *, color: bool | None = None, width: int | None = None) -> str:
    paint = painter(use_color(color))
    width = max(MIN_WIDTH, width or table_width())
    grouped = by_file(report.claims)
    lines: list[str] = []
    for path in report.files:
        claims = grouped.get(path, [])
        if not claims:
            lines.append(paint(f"{clean(path)}: no claims", "dim"))
            continue
        lines.extend(_file_lines(path, claims, width, paint))
        if lines[-1]:
            lines.append("")
    lines += _closing(report, paint, width)
    return "\n".join(lines) + "\n"


def render_claim(claim: Claim, *, color: bool | None = None, width: int | None = None) -> str:
    """One claim in full, for `claimcheck show`: every evidence candidate, the rules' own
    descriptions."""
    from ..rules import RULES

    paint = painter(use_color(color))
    width = max(MIN_WIDTH, width or table_width())
    lines = [paint(f"{clean(claim.file)}:{claim.line}:{claim.column}", "bold")]
    lines += claim_block(claim, width, paint, full=True,
                         descriptions={r.id: r.description for r in RULES})
    if claim.speaker:
        lines.append(f"  speaker: {clean(claim.speaker)}")
    mentions = [*claim.numbers, *claim.dates, *claim.entities]
    if mentions:
        lines += _wrap("mentions: " + "; ".join(
            f"{m.kind} {clean(m.text)}" + (f" = {m.value}" if m.value not in (None, m.text) else "")
            for m in mentions), width, "      ", "  ")
    return "\n".join(lines) + "\n"
