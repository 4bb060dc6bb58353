"""Turn the text of one reference source into snippets, whatever its format.

Shared by local files and fetched URLs, so a Markdown page on disk and the same page served over
HTTP give the same snippets. `where` is the label used in ids and messages: a path as the user
wrote it, or a URL. Problems raise UserError naming `where` and, when known, the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import UserError
from ..models import Snippet

RECORD_LISTS = ("snippets", "records", "data")  # keys a JSON/YAML object may hold records under
KNOWN_FIELDS = ("id", "text", "source", "url", "date")
_KNOWN = frozenset(KNOWN_FIELDS)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_SPACES = re.compile(r"\s+")
# Lists and objects in a JSON or YAML reference nest at most this deep: records are flat, and
# deeper data would only be copied into `extra` (recursively) and cached.
MAX_DEPTH = 100
# YAML aliases may add at most this many nodes beyond those written out: anchors for shared
# values are fine, an alias bomb (each level repeating the one below) is refused.
MAX_ALIAS_NODES = 100_000
_SURROGATE = re.compile("[\ud800-\udfff]")


class _BadValue(Exception):
    """Raised by `_plain` and `_checked_text`; the caller adds where it was found."""


@dataclass
class Located:
    """A snippet plus where it came from, for duplicate-id messages."""

    snippet: Snippet
    location: str


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# --- prose: a paragraph is a snippet -------------------------------------------------------


def text_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line, paragraph) for each blank-line-separated paragraph."""
    pos = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        para = _squeeze(chunk)
        if para:
            lead = len(chunk) - len(chunk.lstrip())
            yield text.count("\n", 0, pos + lead) + 1, para
        if match:
            pos = match.end() - 1  # keep the newline that starts the next paragraph's line


def _markdown_parser() -> Any:
    from markdown_it import MarkdownIt

    from ..frontmatter import use_front_matter

    return use_front_matter(MarkdownIt("commonmark").enable(["table", "strikethrough"]))


def _inline_text(token: Any) -> str:
    """Plain text of an inline token: markup, raw HTML and images dropped, link text kept."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return _squeeze("".join(parts))


def markdown_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line, text) for each paragraph and each table body row.

    Headings, code, front matter and HTML blocks or comments are not evidence, so they are
    skipped. A table row becomes "Header: cell; Header: cell" so that it is findable by what
    its column means, not only by its bare numbers.
    """
    tokens = _markdown_parser().parse(text)
    header: list[str] = []
    row: list[str] = []
    in_head = False
    for i, tok in enumerate(tokens):
        if tok.type == "inline" and i > 0 and tokens[i - 1].type == "paragraph_open":
            para = _inline_text(tok)
            if para:
                yield (tok.map[0] + 1 if tok.map else 1), para
        elif tok.type == "thead_open":
            in_head, header = True, []
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "inline" and i > 0 and tokens[i - 1].type in ("th_open", "td_open"):
            (header if in_head else row).append(_inline_text(tok))
        elif tok.type == "tr_close" and not in_head and any(row):
            names = header + [""] * len(row)  # a row may have more cells than the header
            cells = [f"{h}: {c}" if h else c for h, c in zip(names, row, strict=False) if c]
            yield (tok.map[0] + 1 if tok.map else 1), "; ".join(cells)


def paragraph_snippets(where: str, paragraphs: Iterator[tuple[int, str]],
                       url: str | None = None) -> list[Located]:
    out = []
    for number, (line, para) in enumerate(paragraphs, start=1):
        snippet = Snippet(id=f"{where}#p{number}", text=para, source=where, url=url)
        out.append(Located(snippet, f"{where}:{line}"))
    return out


# --- records: text plus optional id, source, url, date --------------------------------------


def _plain(value: Any, depth: int = 0) -> Any:
    """JSON-safe copy of a parsed value (YAML gives dates and non-string keys)."""
    if isinstance(value, str):
        return _checked_text(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict | list | tuple) and depth >= MAX_DEPTH:
        raise _BadValue(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, dict):
        return {_checked_text(str(k)): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, bytes):  # YAML's !!binary
        raise _BadValue("binary data is not text")
    return value


def _checked_text(text: str) -> str:
    """`text` unless it holds half a surrogate pair (a JSON or YAML escape like \\ud83d
    alone), which is no character and could not be written out as UTF-8."""
    if not text.isascii() and _SURROGATE.search(text):
        found = _SURROGATE.search(text)
        assert found is not None
        raise _BadValue(f"string holds an unpaired surrogate \\u{ord(found.group()):04x} "
                        f"(half of an escaped character)")
    return text


def _field(record: dict[str, Any], key: str, location: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if type(value) is str:  # the usual case, first
        return _checked_text(value).strip() or None
    if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
        raise UserError(f"{location}: '{key}' must be a string, not {type(value).__name__}")
    text = _plain(value) if isinstance(value, dt.date) else str(value)
    return text.strip() or None


def record_snippet(record: Any, default_id: str, where: str, location: str,
                   url: str | None = None) -> Located:
    """A snippet from one record; unknown fields go to `extra` untouched."""
    if not isinstance(record, dict):
        raise UserError(f"{location}: expected a record (an object with 'text'), "
                        f"got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise UserError(f"{location}: record has no 'text'")
    if not isinstance(text, str):
        raise UserError(f"{location}: 'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise UserError(f"{location}: record has an empty 'text'")
    # Every field is type-checked here: a Snippet is a plain frozen dataclass that checks
    # nothing (validating each record in pydantic was a third of a 100,000-snippet load).
    try:
        extra = {} if record.keys() <= _KNOWN else {
            _checked_text(str(k)): _plain(v) for k, v in record.items()
            if k not in KNOWN_FIELDS}
        snippet = Snippet(
            id=_field(record, "id", location) or default_id,
            text=_checked_text(text).strip(),
            source=_field(record, "source", location) or where,
            url=_field(record, "url", location) or url,
            date=_field(record, "date", location),
            extra=extra,
        )
    except _BadValue as exc:
        raise UserError(f"{location}: {exc}") from None
    return Located(snippet, location)


def _record_list(data: Any, where: str) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in RECORD_LISTS:
            if isinstance(data.get(key), list):
                return list(data[key])
    if data is None:
        return []
    raise UserError(f"{where}: expected a list of records, or an object with a list under "
                    f"{', '.join(repr(k) for k in RECORD_LISTS)}")


def _json(text: str, where: str, line: int | None = None) -> Any:
    """Parsed JSON, or a one-line UserError: syntax, nesting too deep for the parser, integers
    too long for Python to convert."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"{where}:{line if line is not None else exc.lineno}"
        raise UserError(f"{at}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        at = f"{where}:{line}" if line is not None else where
        raise UserError(f"{at}: invalid JSON: nested too deeply (at most {MAX_DEPTH} "
                        f"levels are read)") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        at = f"{where}:{line}" if line is not None else where
        raise UserError(f"{at}: invalid JSON: {str(exc).split(';')[0]}") from None


def jsonl_snippets(where: str, text: str, url: str | None = None) -> list[Located]:
    out = []
    # Records end at LF (CRLF too); str.splitlines would also cut at U+2028, U+2029 and U+0085,
    # which JSON strings may hold raw, and shift every line number after them.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        location = f"{where}:{number}"
        record = _json(line, where, number)
        out.append(record_snippet(record, location, where, location, url))
    return out


def json_snippets(where: str, text: str, url: str | None = None) -> list[Located]:
    data = _json(text, where)
    out = []
    for number, record in enumerate(_record_list(data, where), start=1):
        default = f"{where}#{number}"
        out.append(record_snippet(record, default, where, f"{where} record {number}", url))
    return out


# The csv module's default cap on one field is 131,072 characters: a long quoted paragraph
# is ordinary evidence, and the file's size is capped where it is read.
_CSV_FIELD_MAX = 2**31 - 1


def csv_snippets(where: str, text: str, url: str | None = None) -> list[Located]:
    if csv.field_size_limit() < min(_CSV_FIELD_MAX, sys.maxsize):
        csv.field_size_limit(min(_CSV_FIELD_MAX, sys.maxsize))
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise UserError(f"{where}:1: invalid CSV header: {exc}") from None
    if header is None:
        return []
    names = [h.strip() for h in header]
    if "text" not in names:
        raise UserError(f"{where}:1: CSV header has no 'text' column "
                        f"(found: {', '.join(names) or 'nothing'})")
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise UserError(f"{where}:1: CSV header repeats column {', '.join(map(repr, doubled))}")
    reader.fieldnames = names
    out = []
    while True:
        first_line = reader.line_num + 1  # where the next record starts
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise UserError(f"{where}:{first_line}: invalid CSV: {exc}") from None
        # line_num is where the row ends; a quoted field may span lines, so count back
        spanned = sum(v.count("\n") for v in row.values() if isinstance(v, str))
        location = f"{where}:{reader.line_num - spanned}"
        if None in row:
            raise UserError(f"{location}: row has more fields than the header")
        record = {k: (v if v != "" else None) for k, v in row.items()}
        out.append(record_snippet(record, location, where, location, url))
    return out


def yaml_snippets(where: str, text: str, url: str | None = None) -> list[Located]:
    """YAML records (claimcheck/references/yamlrefs.py: PyYAML is imported only when a YAML
    reference is read, not at every run's start)."""
    from .yamlrefs import yaml_snippets as read

    return read(where, text, url)


Parser = Callable[[str, str, str | None], list[Located]]


def _text(where: str, text: str, url: str | None = None) -> list[Located]:
    return paragraph_snippets(where, text_paragraphs(text), url)


def _markdown(where: str, text: str, url: str | None = None) -> list[Located]:
    return paragraph_snippets(where, markdown_paragraphs(text), url)


PARSERS: dict[str, Parser] = {
    "text": _text,
    "markdown": _markdown,
    "jsonl": jsonl_snippets,
    "json": json_snippets,
    "csv": csv_snippets,
    "yaml": yaml_snippets,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def parse(kind: str, where: str, text: str, url: str | None = None) -> list[Located]:
    """Snippets of `text` read as format `kind` (a key of PARSERS)."""
    return PARSERS[kind](where, text, url)
