"""`claimcheck rules`: every generalization rule, generated from the rule records themselves.

IDs, names, severities and the FLAGGED / NOT FLAGGED examples come from `claimcheck.rules.RULES`
and the rules' docstrings, so this listing (and the README table made from it) cannot drift.
"""

from __future__ import annotations

import io
import json
import re

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import UserError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _records() -> list[dict[str, object]]:
    from ..rules import FAMILIES, RULES

    return [
        {
            "id": r.id,
            "name": r.name,
            "family": r.family,
            "generalization": FAMILIES[r.family],
            "severity": r.severity,
            "summary": r.summary,
            "message": r.message,
            "hint": r.hint,
            "flagged": r.flagged,
            "not_flagged": r.not_flagged,
        }
        for r in RULES
    ]


def _table() -> str:
    table = Table(title="claimcheck generalization rules", show_lines=True)
    for column in ("ID", "name", "family", "severity", "flags", "example", "not flagged"):
        table.add_column(column, overflow="fold")
    for rec in _records():
        table.add_row(*(escape(_clean(str(x))) for x in (
            rec["id"], rec["name"], rec["family"], rec["severity"], rec["summary"],
            "\n".join(rec["flagged"]),  # type: ignore[arg-type]
            "\n".join(rec["not_flagged"]),  # type: ignore[arg-type]
        )))
    out = io.StringIO()
    Console(file=out, width=140, force_terminal=False, color_system=None).print(table)
    return out.getvalue()


def _md(text: str) -> str:
    return _clean(text).replace("|", "\\|")


def _markdown() -> str:
    lines = [
        "| ID | Name | Family | Default | Flags | Flagged | Not flagged |",
        "|---|---|---|---|---|---|---|",
    ]
    for rec in _records():
        flagged = "<br>".join(_md(x) for x in rec["flagged"])  # type: ignore[attr-defined]
        clean = "<br>".join(_md(x) for x in rec["not_flagged"])  # type: ignore[attr-defined]
        lines.append(f"| {rec['id']} | `{rec['name']}` | {rec['family']} | {rec['severity']} | "
                     f"{_md(str(rec['summary']))} | {flagged} | {clean} |")
    return "\n".join(lines) + "\n"


def render_rules(fmt: str) -> str:
    """The rule list as 'table' (rich, plain text), 'json' or 'markdown'."""
    if fmt == "json":
        return json.dumps(_records(), indent=2) + "\n"
    if fmt == "markdown":
        return _markdown()
    if fmt == "table":
        return _table()
    raise UserError(f"unknown rules format '{fmt}' (use table, json or markdown)")
