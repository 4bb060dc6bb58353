"""`claimcheck rules`: every generalization rule, generated from the rule records themselves.

IDs, names, severities and the FLAGGED / NOT FLAGGED examples come from `claimcheck.rules.RULES`
and the rules' docstrings, so this listing (and the README table made from it) cannot drift.
"""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import UserError
from .findings import clean
from .markdown import md_cell


def _records() -> list[dict[str, object]]:
    from ..rules import FAMILIES, RULES

    return [
        {
            "id": r.id,
            "name": r.name,
            "family": r.family,
            "generalization": FAMILIES[r.family],
            "severity": r.severity,
            "default_on": r.default_on,
            "summary": r.summary,
            "message": r.message,
            "hint": r.hint,
            "flagged": r.flagged,
            "not_flagged": r.not_flagged,
        }
        for r in RULES
    ]


def _default(rec: dict[str, object]) -> str:
    """The severity a rule runs at by default, or "off (severity)" for an opt-in rule."""
    return str(rec["severity"]) if rec["default_on"] else f"off ({rec['severity']} when on)"


def _table() -> str:
    table = Table(title="claimcheck generalization rules", show_lines=True)
    for column in ("ID", "name", "family", "severity", "flags", "example", "not flagged"):
        table.add_column(column, overflow="fold")
    for rec in _records():
        table.add_row(*(escape(clean(str(x), one_line=False)) for x in (
            rec["id"], rec["name"], rec["family"], _default(rec), rec["summary"],
            "\n".join(rec["flagged"]),  # type: ignore[arg-type]
            "\n".join(rec["not_flagged"]),  # type: ignore[arg-type]
        )))
    out = io.StringIO()
    Console(file=out, width=140, force_terminal=False, color_system=None).print(table)
    return out.getvalue()


def _markdown() -> str:
    lines = [
        "| ID | Name | Family | Default | Flags | Flagged | Not flagged |",
        "|---|---|---|---|---|---|---|",
    ]
    for rec in _records():
        flagged, not_flagged = ("<br>".join(md_cell(x) for x in rec[key])  # type: ignore[attr-defined]
                                for key in ("flagged", "not_flagged"))
        lines.append(f"| {rec['id']} | `{rec['name']}` | {rec['family']} | {_default(rec)} | "
                     f"{md_cell(str(rec['summary']))} | {flagged} | {not_flagged} |")
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
