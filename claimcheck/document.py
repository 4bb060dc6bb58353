"""Load a draft and find its prose: exact original text, a same-length masked copy, and blocks.

Every later stage reports offsets into the original file, so nothing here may shift a
character: markup is blanked with spaces in `masked` instead of being removed. Markdown block
structure comes from markdown-it (a CommonMark parser) with its line maps; inline constructs
(code spans, link URLs, emphasis markers, HTML) are blanked by position within each block.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UserError
from .models import Block, BlockKind, Document
from .models import line_starts as _line_starts

if TYPE_CHECKING:
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdx"})

# Inline directives (applied by `suppress`) are instructions, not prose: in plain text they are
# blanked here so they never join a claim. (In Markdown the HTML comment is already markup.)
DIRECTIVE_VERBS = ("ignore-next-line", "ignore-file", "ignore", "disable", "enable")
_VERB = "|".join(re.escape(v) for v in DIRECTIVE_VERBS)
# An HTML-comment directive's opening; its end is the first "-->" after it (see
# `html_directives`: a lazy `.*?-->` in the pattern rescanned the rest of the text from every
# opener that never closes).
_HTML_DIRECTIVE_OPEN = re.compile(r"<!--\s*claimcheck:\s*(?P<verb>[\w-]+?)(?=[^\w-]|-->|\Z)")
# Plain text only: a `#` comment (whole line or trailing) or a bare directive line.
HASH_DIRECTIVE = re.compile(
    rf"(?:^|(?<=\s))#\s*claimcheck:\s*(?P<verb>{_VERB})\b(?P<args>[^\n]*)$", re.MULTILINE)
BARE_DIRECTIVE = re.compile(rf"^[ \t]*claimcheck:\s*(?P<verb>{_VERB})\b(?P<args>[^\n]*)$",
                            re.MULTILINE)


# The default of the `max_draft_bytes` config key: twenty times the largest draft we benchmark.
MAX_DRAFT_BYTES = 20_000_000
# Characters that show nothing: a draft of only these (and whitespace) is empty.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"


def html_directives(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, verb, args) of each `<!-- claimcheck: VERB ARGS -->`, in order; linear in
    the text: once an opener finds no "-->" after it, no later one can."""
    pos = 0
    while True:
        opened = _HTML_DIRECTIVE_OPEN.search(text, pos)
        if opened is None:
            return
        close = text.find("-->", opened.end())
        if close < 0:
            return
        yield opened.start(), close + 3, opened.group("verb"), text[opened.end():close]
        pos = close + 3


def load_document(path: str, markdown: bool | None = None,
                  max_bytes: int = MAX_DRAFT_BYTES) -> Document:
    """Read a draft (`-` = stdin). `markdown=None` decides by the file extension."""
    raw = _read_bytes(path, max_bytes)
    text = draft_text("standard input" if path == "-" else path, raw)
    if markdown is None:
        markdown = is_markdown(path)
    return build_document(path, text, markdown)


def draft_text(name: str, raw: bytes) -> str:
    """The text of a draft's bytes; a binary, non-UTF-8 or empty draft is a UserError."""
    if b"\x00" in raw:
        raise UserError(f"{name}: looks like a binary file (NUL bytes), not a text draft")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"{name}: not valid UTF-8 (byte {exc.start}); save the draft as UTF-8")\
            from None
    if not text.strip().strip(_INVISIBLE).strip():
        raise UserError(f"{name}: the draft is empty")
    return text


def is_markdown(path: str) -> bool:
    """Parsed as Markdown unless told otherwise: by the file name's extension."""
    return Path(path).suffix.lower() in MARKDOWN_SUFFIXES


# Levels of Markdown nesting read (a list item counts two): deeper is an error, not a silent
# loss; markdown-it-py's block parser recurses, and ran out of stack at some 1,000 levels.
MAX_MARKDOWN_NESTING = 200


class MarkdownTooDeep(Exception):
    def __init__(self, line: int | None) -> None:
        self.line = line


def build_document(path: str, text: str, markdown: bool) -> Document:
    """The Document for text already in memory (tests and stdin use this too)."""
    line_starts = _line_starts(text)
    code: list[tuple[int, int]] = []  # plain text has no code
    if markdown:
        try:
            masked, blocks = _markdown_prose(text, line_starts, code)
        except MarkdownTooDeep as exc:
            at = f"{path}:{exc.line}" if exc.line else path
            raise UserError(f"{at}: Markdown nested too deeply (about {MAX_MARKDOWN_NESTING // 2} "
                            f"levels are read); use --plain to read it as plain text") from None
    else:
        masked, blocks = _plain_prose(text)
    return Document(path=path, text=text, masked=masked, markdown=markdown, blocks=blocks,
                    line_starts=line_starts, code=code)


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """The draft's bytes; a FIFO, device or file over `max_draft_bytes` is a one-line error."""
    from .files import read_input, read_stream_capped

    if path == "-":
        return read_stream_capped(sys.stdin.buffer, max_bytes, "standard input",
                                  "max_draft_bytes")
    return read_input(path, max_bytes, "a draft file", setting="max_draft_bytes")


def _blank(chars: list[str], start: int, end: int) -> None:
    """Spaces over [start, end), keeping line breaks so masked lines match the original."""
    segment = chars[start:end]
    if "\n" not in segment and "\r" not in segment:
        chars[start:end] = [" "] * len(segment)  # one C-level step for the usual case
        return
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


# --- plain text -------------------------------------------------------------------------------

_BREAK = r"(?:\r\n|\r(?!\n)|\n)"  # never half of a CRLF
# A blank line between paragraphs: a break, then lines holding only spaces or tabs. Matches
# start only at a break and end at the first other character, so the scan is linear.
_PARAGRAPH_GAP = re.compile(rf"{_BREAK}(?:[ \t]*+{_BREAK})+")
_FINAL_PUNCT = tuple(".!?:;,…\"”’)")
_STANDALONE_START = re.compile(r"[A-Z0-9©\"“‘(]|(?i:by)\s")
# "By Ann Lee, Bo Chan and Cy Dunn": up to six names, each after a separator (an optional
# separator let a run of capitals split among the names in n^6 ways).
_BYLINE_OR_CREDIT = re.compile(r"^(?i:by)\s+[A-Z][\w.'’-]*"
                               r"(?:(?:\s+|,\s*|\s+and\s+)[A-Z][\w.'’-]*){0,5}(?:\s+|,\s*)?$"
                               r"|©|^(?i:photo|image|credit)s?\s*[:/]")
_BOM = "\ufeff"


def _plain_prose(text: str) -> tuple[str, list[Block]]:
    # A BOM is not prose; blank it rather than drop it so offsets match the file.
    masked = " " + text[1:] if text.startswith(_BOM) else text
    if "claimcheck:" in masked:
        chars = list(masked)
        for start, end, _, _ in html_directives(masked):
            _blank(chars, start, end)
        for pattern in (HASH_DIRECTIVE, BARE_DIRECTIVE):
            for m in pattern.finditer(masked):
                _blank(chars, m.start(), m.end())
        masked = "".join(chars)
    blocks: list[Block] = []
    for start, end in _paragraphs(masked):
        blocks.extend(_split_lines(masked, start, end, "paragraph"))
    return masked, blocks


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: the text between blank lines, without the whitespace
    around it. CRLF, LF and lone CR breaks all count."""
    pos = 0
    for gap in [*_PARAGRAPH_GAP.finditer(text), None]:
        end = gap.start() if gap else len(text)
        lo, hi = pos, end
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            yield lo, hi
        if gap:
            pos = gap.end()


def _split_lines(masked: str, start: int, end: int, kind: BlockKind) -> Iterator[Block]:
    """Cut off lines that stand alone: titles, bylines and credits have no final punctuation
    and are followed by a line that starts afresh; hard-wrapped prose does not."""
    lines = []
    for m in _NOT_BREAK.finditer(masked, start, end):
        text = m.group()
        s, e = m.start() + len(text) - len(text.lstrip()), m.end() - len(text) + len(text.rstrip())
        if e > s:
            lines.append((s, e))
    run: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        line = masked[s:e]
        nxt = masked[lines[i + 1][0]:lines[i + 1][1]] if i + 1 < len(lines) else ""
        if len(lines) == 1:
            # A lone line is a title only in a paragraph: a short list item is still prose.
            standalone = kind == "paragraph" and not line.endswith(_FINAL_PUNCT)
        else:
            standalone = _is_standalone(line, nxt)
        if standalone:
            yield from _run_blocks(masked, run, kind)
            run = []
            yield Block(kind="line", start=s, end=e)
        else:
            run.append((s, e))
    yield from _run_blocks(masked, run, kind)


def _run_blocks(masked: str, run: list[tuple[int, int]], kind: BlockKind) -> Iterator[Block]:
    """A run of lines between standalone ones: one block of hard-wrapped prose, or, in a
    paragraph whose lines are not hard-wrapped, one unit per line."""
    if not run:
        return
    if kind == "paragraph" and not _hard_wrapped([masked[s:e] for s, e in run]):
        yield from _line_units(masked, run)
    else:
        yield Block(kind=kind, start=run[0][0], end=run[-1][1])


# A line list: at least this many lines, and more of its breaks than this share where a
# hard-wrapping editor would have filled the line further.
LIST_MIN_LINES = 3
WRAP_SLACK = 8  # characters a hand-wrapped line may stop short of the width
_MID_PHRASE_END = re.compile(r"(?:[,;:(\[{/&+-]|\b(?i:a|an|the|and|or|nor|but|of|to|in|on|at|by|"
                             r"for|with|from|as|that|which|who|whose|than|into|onto|is|are|was|"
                             r"were|be|been|has|have|had|its|their|his|her|our|your|my|this|"
                             r"these|those|not|no|very|more|most|such|if|when|while|because|"
                             r"said|says))$")
_UNIT_START = re.compile(r"[\"“‘'(\[]?[A-Z0-9]")


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a paragraph's lines read as hard-wrapped prose rather than a list of one-line
    units (one claim per line). A wrapping editor breaks a line only where the next word would
    not fit: each line but the last, plus the next line's first word, passes the wrap width
    (the longest of those lines). A list's lines stop wherever their unit ends, far short of
    it. Short paragraphs give too little to tell and are prose."""
    if len(lines) < LIST_MIN_LINES:
        return True
    width = max(len(line) for line in lines[:-1])
    short = sum(len(line) + 1 + len(nxt.split(None, 1)[0]) <= width - WRAP_SLACK
                for line, nxt in zip(lines, lines[1:], strict=False))
    return short <= max(1, (len(lines) - 1) // 10)


def _line_units(masked: str, lines: list[tuple[int, int]]) -> Iterator[Block]:
    """The lines of a paragraph that is not hard-wrapped, as list items: one unit per line,
    except where a line ends mid-phrase (a comma, a hyphen, a function word) or the next one
    starts in lower case, which joins them."""
    start = lines[0][0]
    for (_, e), (s_next, e_next) in zip(lines, lines[1:], strict=False):
        if _MID_PHRASE_END.search(masked[start:e]) or not _UNIT_START.match(
                masked[s_next:e_next]):
            continue
        yield Block(kind="list_item", start=start, end=e)
        start = s_next
    yield Block(kind="list_item", start=start, end=lines[-1][1])


def _is_standalone(line: str, following: str) -> bool:
    """A byline or credit, or a title-cased line without final punctuation before a line
    that starts afresh. Hard-wrapped prose lines are mostly lower case, so they stay."""
    if len(line) > 120:
        return False
    if _BYLINE_OR_CREDIT.search(line):
        return True
    if line.endswith(_FINAL_PUNCT):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    title_like = bool(words) and sum(w[0].isupper() for w in words) * 2 >= len(words)
    return title_like and (not following or bool(_STANDALONE_START.match(following)))


# --- Markdown ---------------------------------------------------------------------------------

_CONTAINER_PREFIX = re.compile(r"[ \t]*+(?:>[ \t]?)*+[ \t]*+")
_LIST_MARKER = re.compile(
    r"[ \t]*+(?:>[ \t]?)*+[ \t]*+(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_HEADING_MARKS = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)|(?<![ \t])[ \t]+#+[ \t]*$", re.M)
# Inline markup blanked by position. Every alternative is linear in the text: an opener that
# never closes fails at the first character that cannot continue it (the next bracket, paren,
# angle bracket or line break), never at the end of the block, so a block of 100,000 "[" or
# "](" costs 100,000 short attempts, not 100,000 scans of the rest. HTML comments and code
# spans, whose bodies may hold anything, are only recognised by their opener here; their ends
# are found by `_inline_masks` with one forward search each.
_DESTINATION = r"(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"  # one level of parens, as URLs have
_INLINE_MASKS = re.compile(
    r"(?P<comment><!--)"                            # HTML comment (end found separately)
    r"|(?P<ticks>`+)"                               # code span (end found separately)
    r"|!\[[^\[\]\n]*\]\(" + _DESTINATION + r"(?:\s+\"[^\"\n]*\")?\)"  # image
    r"|!\[[^\[\]\n]*\]\[[^\[\]\n]*\]"
    r"|</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*)?/?>"   # inline HTML tag
    r"|<(?:https?|mailto|ftp):[^<>\s]*>"            # autolink
    r"|\]\(" + _DESTINATION + r"(?:\s+\"[^\"\n]*\")?\)"  # link destination, title
    r"|\]\[[^\[\]\n]*\]"                            # reference link label
    r"|\\(?=[!-/:-@\[-`{-~])"                       # backslash escape
    r"|\bhttps?://[^\s)<>\]]+",                     # bare URL
)
_TICKS = re.compile(r"`+")
_EMPHASIS = re.compile(r"(?<![\w\\])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?!\w)")
_BRACKETS = re.compile(r"[\[\]\n]")
_NOT_BREAK = re.compile(r"[^\r\n]+")
# A text without any of these cannot hold a match of _INLINE_MASKS (one per alternative).
_INLINE_MARKS = ("<", "`", "![", "](", "][", "\\", "http")


def _markdown_prose(text: str, line_starts: list[int],
                    code: list[tuple[int, int]]) -> tuple[str, list[Block]]:
    """Masked text and prose blocks; the code regions found on the way go into `code`."""
    tokens = _markdown_blocks(text)
    bounds = line_starts + [len(text)]
    # all blank until shown to be prose (line breaks kept)
    chars = list(_NOT_BREAK.sub(lambda m: " " * len(m.group()), text))
    blocks: list[Block] = []
    stack: list[str] = []
    item_first_line: list[int] = []
    table_rows: set[int] = set()

    def line_span(line: int) -> tuple[int, int]:
        s, e = bounds[line], bounds[line + 1]
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        return s, e

    for index, tok in enumerate(tokens):
        if tok.nesting == 1:
            stack.append(tok.type)
            if tok.type == "list_item_open" and tok.map:
                item_first_line.append(tok.map[0])
        elif tok.nesting == -1:
            if stack:
                opened = stack.pop()
                if opened == "list_item_open" and item_first_line:
                    item_first_line.pop()
        if tok.type in ("fence", "code_block") and tok.map:
            code.append((bounds[tok.map[0]], bounds[tok.map[1]]))
        if tok.type != "inline" or not tok.map:
            continue
        parent = stack[-1] if stack else ""
        first, last = tok.map
        if parent == "heading_open":
            level = int(tokens[index - 1].tag[1:]) if tokens[index - 1].tag[1:].isdigit() else 1
            s, e = line_span(first)
            region = _show_line(text, chars, s, e, _HEADING_MARKS, code)
            if region:
                blocks.append(Block(kind="heading", start=region[0], end=region[1],
                                    level=level))
        elif parent in ("th_open", "td_open"):
            if first in table_rows:
                continue
            table_rows.add(first)
            blocks.extend(_table_cells(text, chars, *line_span(first), code))
        else:
            kind: BlockKind = "paragraph"
            if "list_item_open" in stack:
                kind = "list_item"
            elif "blockquote_open" in stack:
                kind = "blockquote"
            marker_line = item_first_line[-1] if item_first_line else None
            lines = [line_span(line) for line in range(first, last)]
            blocks.extend(_prose_lines(text, chars, lines, first, marker_line, kind, code))
    masked = "".join(chars)
    return masked, [b for b in blocks if masked[b.start:b.end].strip()]


def _markdown_blocks(text: str) -> list[Token]:
    """markdown-it's block tokens of `text` (inline parsing off); MarkdownTooDeep when the
    nesting reaches the limit."""
    from markdown_it import MarkdownIt

    from .frontmatter import use_front_matter

    parser = use_front_matter(MarkdownIt("commonmark").enable("table"))
    # The CommonMark preset stops at 20 levels and drops what is deeper without a word.
    parser.options["maxNesting"] = MAX_MARKDOWN_NESTING
    parser.disable("inline")  # inline structure is blanked by position below: much faster
    try:
        tokens = parser.parse(text)
    except RecursionError:
        raise MarkdownTooDeep(None) from None
    deepest = max(tokens, key=lambda t: t.level, default=None)
    if deepest is not None and deepest.level >= MAX_MARKDOWN_NESTING - 2:
        raise MarkdownTooDeep(deepest.map[0] + 1 if deepest.map else None)
    return tokens


def _prose_lines(text: str, chars: list[str], lines: list[tuple[int, int]], first: int,
                 marker_line: int | None, kind: BlockKind,
                 code: list[tuple[int, int]]) -> list[Block]:
    """Show the prose of one paragraph-like token (its `lines`, numbered from `first`) in
    `chars`: each line after its container prefix (the list marker on `marker_line`), inline
    markup masked; its blocks."""
    starts = []
    for line, (s, e) in enumerate(lines, start=first):
        prefix = (_LIST_MARKER.match(text, s, e) if line == marker_line
                  else _CONTAINER_PREFIX.match(text, s, e))
        body_start = prefix.end() if prefix else s
        chars[body_start:e] = text[body_start:e]
        starts.append((body_start, e))
    region_start, region_end = starts[0][0], starts[-1][1]
    _mask_inline(text, chars, region_start, region_end, code)
    masked_region = "".join(chars[region_start:region_end])
    blocks = list(_split_lines(masked_region, 0, len(masked_region), kind))
    for block in blocks:
        block.start += region_start
        block.end += region_start
    return blocks


def _show_line(text: str, chars: list[str], s: int, e: int, marks: re.Pattern[str],
               code: list[tuple[int, int]]) -> tuple[int, int] | None:
    chars[s:e] = text[s:e]
    for m in marks.finditer(text, s, e):
        _blank(chars, m.start(), m.end())
    _mask_inline(text, chars, s, e, code)
    return _trimmed(chars, s, e)


def _trimmed(chars: list[str], s: int, e: int) -> tuple[int, int] | None:
    while s < e and chars[s].isspace():
        s += 1
    while e > s and chars[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def _table_cells(text: str, chars: list[str], s: int, e: int,
                 code: list[tuple[int, int]]) -> Iterator[Block]:
    """One block per cell: split the row on pipes outside code spans and escapes."""
    chars[s:e] = text[s:e]
    _mask_inline(text, chars, s, e, code)
    cell_start = s
    for i in range(s, e + 1):
        if i == e or (chars[i] == "|" and (i == s or text[i - 1] != "\\")):
            if i < e:
                chars[i] = " "
            span = _trimmed(chars, cell_start, i)
            if span:
                yield Block(kind="table_cell", start=span[0], end=span[1])
            cell_start = i + 1


def _inline_masks(text: str, s: int, e: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_code) of each inline construct to blank between s and e, left to right
    (the leftmost wins, as in a single regex scan). Linear in e - s."""
    comment_end = -1  # where the last "-->" search ended; -2 once none is left
    runs: dict[int, list[int]] | None = None  # code-span fence length -> run starts
    pos = s
    while True:
        m = _INLINE_MASKS.search(text, pos, e)
        if m is None:
            return
        if m.group("comment"):
            close = text.find("-->", m.end(), e) if comment_end != -2 else -1
            if close < 0:
                comment_end = -2  # no later comment can close either
                pos = m.start() + 1
                continue
            yield m.start(), close + 3, False
            pos = close + 3
        elif m.group("ticks"):
            # CommonMark: a run of n backticks opens a span closed by the next run of exactly
            # n; without one the run is literal text.
            if runs is None:
                runs = {}
                for run in _TICKS.finditer(text, s, e):
                    runs.setdefault(len(run.group()), []).append(run.start())
            starts = runs.get(len(m.group()), [])
            at = bisect_right(starts, m.start())
            if at < len(starts):
                close = starts[at] + len(m.group())
                yield m.start(), close, True
                pos = close
            else:
                pos = m.end()
        else:
            yield m.start(), m.end(), False
            pos = m.end() if m.end() > m.start() else m.end() + 1


def _link_openers(text: str, s: int, e: int) -> Iterator[int]:
    """Each "[" (not after "!", "\\" or "]") whose first "]" on the same line is followed by
    "(" or "[": the opening bracket of a link. One pass: the candidates since the last "]" or
    line break are settled by the next "]"."""
    waiting: list[int] = []
    for m in _BRACKETS.finditer(text, s, e):
        char, at = m.group(), m.start()
        if char == "[":
            if at == 0 or text[at - 1] not in "!\\]":
                waiting.append(at)
            continue
        if char == "]" and at + 1 < len(text) and text[at + 1] in "([":
            yield from waiting
        waiting = []


def _mask_inline(text: str, chars: list[str], s: int, e: int,
                 code: list[tuple[int, int]]) -> None:
    """Blank inline markup between s and e; link text and image-free prose stay visible.
    Code spans also go into `code`."""
    # Each pattern needs one of a few marks: most prose has none, and the scan is skipped.
    if any(text.find(mark, s, e) >= 0 for mark in _INLINE_MARKS):
        for start, end, is_code in _inline_masks(text, s, e):
            _blank(chars, start, end)
            if is_code:
                code.append((start, end))
    if text.find("[", s, e) >= 0:
        for at in _link_openers(text, s, e):
            chars[at] = " "
    visible = "".join(chars[s:e])
    if "*" in visible or "_" in visible or "~" in visible:
        for m in _EMPHASIS.finditer(visible):
            _blank(chars, s + m.start(), s + m.end())
