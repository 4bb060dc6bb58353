"""The shared evaluation table printer, against hand-written layouts."""

from __future__ import annotations

from claimcheck.evaluate.table import markdown_table, plain_table

HEAD = ("name", "P", "count")
ROWS = [("alpha", "0.500", "12"), ("  sub", "1.000", "3"), ("peer", "not run: no node")]


def test_plain_names_left_figures_right_and_notes_do_not_widen() -> None:
    assert plain_table(HEAD, ROWS) == [
        "name       P  count",
        "alpha  0.500     12",
        "  sub  1.000      3",
        "peer   not run: no node",
    ]


def test_plain_ruled_puts_rules_around_the_head_and_below() -> None:
    rule = "-" * 19
    assert plain_table(HEAD, ROWS[:1], ruled=True) == [
        rule, "name       P  count", rule, "alpha  0.500     12", rule]


def test_plain_lines_have_no_trailing_spaces() -> None:
    assert plain_table(("a", "b"), [("x", "")]) == ["a  b", "x"]


def test_markdown_right_aligns_figures_strips_cells_and_pads_notes() -> None:
    assert markdown_table(HEAD, ROWS) == [
        "| name | P | count |",
        "|---|---:|---:|",
        "| alpha | 0.500 | 12 |",
        "| sub | 1.000 | 3 |",
        "| peer | not run: no node |  |",
    ]
