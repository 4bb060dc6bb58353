"""Front matter in Markdown: metadata at the top of a file, never prose or evidence.

YAML front matter (`---` ... `---`, Jekyll, MkDocs, Docusaurus) is read by mdit-py-plugins'
front_matter plugin. TOML front matter (`+++` ... `+++`, Hugo and Zola) is not, so without the
rule below its whole block became one paragraph, and its `title = "..."` line a claim. Both
give one hidden `front_matter` token over the block's lines, so callers blank it alike.

A block counts only when it opens on the file's first line and a closing line follows; an
opening line with nothing closing it is ordinary text (as mdit does for `---`).
"""

from __future__ import annotations

from typing import Any

TOML_MARKER = "+++"


def use_front_matter(md: Any) -> Any:
    """The parser with YAML and TOML front matter read as one hidden block each."""
    from mdit_py_plugins.front_matter import front_matter_plugin

    md.use(front_matter_plugin)
    md.block.ruler.before("table", "toml_front_matter", _toml_front_matter,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    return md


def _marker_line(state: Any, line: int) -> bool:
    """Whether the line is `+++` at column 0, with nothing after it but spaces."""
    start, end = state.bMarks[line], state.eMarks[line]
    if state.tShift[line] != 0 or not state.src.startswith(TOML_MARKER, start):
        return False
    return state.skipSpaces(start + len(TOML_MARKER)) >= end


def _toml_front_matter(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
    # the document itself must open with the marker (not a quote or list on line 0)
    if start_line != 0 or not state.src.startswith(TOML_MARKER) or not _marker_line(state, 0):
        return False
    close = next((line for line in range(1, end_line) if _marker_line(state, line)), None)
    if close is None:
        return False
    if silent:
        return True
    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.block = True
    token.markup = TOML_MARKER
    token.info = "toml"
    token.content = state.src[state.bMarks[1]:state.bMarks[close]] if close > 1 else ""
    token.map = [0, close + 1]
    state.line = close + 1
    return True
