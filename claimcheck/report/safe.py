"""Text from drafts, references, URLs, configs and file names made harmless for whoever reads
it: a terminal, a CI log, an XML parser, a JSON reader.

One rule for every terminal path (the table, the text format, errors and warnings on stderr,
progress): characters that a terminal acts on or that hide what the text says are shown
visibly instead of being sent. C0 and C1 controls and DEL become `\\x1b`-style escapes, so an
escape sequence (CSI, OSC title changes, `ESC[2J`) arrives as harmless text; bidi overrides and
isolates (Trojan Source), zero-width characters, line and paragraph separators, noncharacters
and lone surrogates become `<U+202E>`-style marks. The result contains nothing XML 1.0 forbids,
so the same function also serves JUnit.
"""

from __future__ import annotations

import re

# What a terminal or renderer would act on, or what would hide or reorder the visible text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (less tab, LF) and C1 controls, DEL
    "\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u2028\u2029\u2060-\u2064\ufeff\ufff9-\ufffb"  # separators, invisible operators, BOM
    "\ufffe\uffff\ud800-\udfff]"  # noncharacters and lone surrogates (not XML, not UTF-8)
)
# What JSON may carry raw but a terminal showing the JSON would act on: escaped as \uXXXX.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069"
                          "\u2028\u2029\u2060-\u2064\ufeff\ufff9-\ufffb\ufffe\uffff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


def shown(text: str, *, one_line: bool = True) -> str:
    """`text` safe to print: tabs and line breaks become spaces (`one_line`) or stay as LF
    (CRLF and lone CR turned into LF, so nothing returns the cursor); everything in `_UNSAFE`
    is shown visibly."""
    if one_line:
        text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_visible, text)


def json_escaped(rendered: str) -> str:
    """JSON text (already valid) with C1 controls, DEL, bidi and invisible characters written
    as \\uXXXX escapes: the same data for a JSON reader, nothing live for a terminal that
    shows the file. Outside strings JSON holds none of these characters, so replacing them
    everywhere is safe."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", rendered)
