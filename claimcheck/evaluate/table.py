"""The one small printer for evaluation tables: aligned plain text, or GitHub Markdown.

Every `eval` command prints figures the same way, so a reader can compare them: names in the
first column left-aligned, figures right-aligned so their decimal points line up. A row shorter
than the head is a note (say, why a detector did not run): plain text shows its last cell after
the name, unaligned and not widening the columns; Markdown pads it with empty cells.
"""

from __future__ import annotations

from collections.abc import Sequence

Row = Sequence[str]


def plain_table(head: Row, rows: Sequence[Row], *, ruled: bool = False) -> list[str]:
    """Lines of a space-aligned table; `ruled` puts dashed rules above and below the head and
    below the last row."""
    full = [row for row in rows if len(row) == len(head)]
    widths = [max(len(row[i]) for row in [head, *full]) for i in range(len(head))]

    def line(row: Row) -> str:
        if len(row) < len(head):
            return f"{row[0]:<{widths[0]}}  {row[-1]}"
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells).rstrip()

    lines = [line(head), *map(line, rows)]
    if not ruled:
        return lines
    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    return [rule, lines[0], rule, *lines[1:], rule]


def markdown_table(head: Row, rows: Sequence[Row]) -> list[str]:
    """Lines of a GitHub Markdown table, figures right-aligned; cells are stripped, since
    leading spaces (indented sub-rows in plain text) mean nothing there."""
    def line(row: Row) -> str:
        cells = [cell.strip() for cell in row] + [""] * (len(head) - len(row))
        return "| " + " | ".join(cells) + " |"

    return [line(head), "|---|" + "---:|" * (len(head) - 1), *map(line, rows)]
