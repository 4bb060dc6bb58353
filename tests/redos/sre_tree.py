"""A compiled pattern's parse tree, read from Python's regex parser.

The ONE place that reads the engine's private parser (`re._parser`, `re._constants`, Python
3.11+; named `sre_parse` before 3.11). Everything else in the ReDoS checker works on the small,
public tree below. tests/redos/test_sre_tree.py pins what this module expects of the parser:
if a Python release changes it, that test fails loudly rather than the checker going blind.

The tree resolves flags where they apply: character sets already hold what IGNORECASE, DOTALL
and ASCII make of them, and `^`/`$` say whether MULTILINE was on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sc  # type: ignore[attr-defined]  # private: see the docstring
from re import _parser as sp  # type: ignore[attr-defined]

from .charsets import EVERYTHING, NEWLINE, CharSet, case_closed, category


@dataclass(frozen=True)
class Chars:
    """One character from the set."""
    chars: CharSet


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    options: tuple[Node, ...]


@dataclass(frozen=True)
class Repeat:
    low: int
    high: int | None  # None: unbounded
    body: Node
    lazy: bool = False
    possessive: bool = False


@dataclass(frozen=True)
class Anchor:
    """A zero-width test of the characters around a position.

    kind: "start" (\\A, or ^ without MULTILINE), "line-start" (^ with MULTILINE), "end" (\\Z),
    "end-or-newline" ($ without MULTILINE: at the end or before a final newline), "line-end"
    ($ with MULTILINE), "boundary" (\\b), "non-boundary" (\\B); `word` is what \\b means."""
    kind: str
    word: CharSet | None = None


@dataclass(frozen=True)
class Look:
    behind: bool
    negative: bool
    body: Node


@dataclass(frozen=True)
class Backref:
    group: int


@dataclass(frozen=True)
class Atomic:
    body: Node


Node = Chars | Seq | Alt | Repeat | Anchor | Look | Backref | Atomic


class UnknownSyntax(Exception):
    """The parser gave something this adapter does not know: the private API changed."""


def parse(pattern: re.Pattern[str] | str, flags: int = 0) -> Node:
    """The tree of a compiled pattern (or a pattern string and flags)."""
    if isinstance(pattern, re.Pattern):
        text, flags = pattern.pattern, pattern.flags
    else:
        text = pattern
    if not isinstance(text, str):
        raise TypeError("only str patterns are read")
    parsed = sp.parse(text, flags)
    return _seq(parsed, parsed.state.flags)


def _seq(sub: object, flags: int) -> Node:
    items = tuple(_node(op, av, flags) for op, av in sub)  # type: ignore[attr-defined]
    return items[0] if len(items) == 1 else Seq(items)


def _node(op: object, av: object, flags: int) -> Node:  # noqa: C901 (one case per opcode)
    ascii_only = bool(flags & (re.ASCII | re.LOCALE))
    if op is sc.LITERAL:
        return Chars(_fold(CharSet.of(chr(av)), flags))  # type: ignore[arg-type]
    if op is sc.NOT_LITERAL:
        return Chars(~_fold(CharSet.of(chr(av)), flags))  # type: ignore[arg-type]
    if op is sc.ANY:
        return Chars(EVERYTHING if flags & re.DOTALL else ~NEWLINE)
    if op is sc.IN:
        return Chars(_class(av, flags))  # type: ignore[arg-type]
    if op is sc.BRANCH:
        _, options = av  # type: ignore[misc]
        return Alt(tuple(_seq(option, flags) for option in options))
    if op is sc.SUBPATTERN:
        _, add, remove, body = av  # type: ignore[misc]
        return _seq(body, (flags | add) & ~remove)
    if op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
        low, high, body = av  # type: ignore[misc]
        return Repeat(low, None if high == sc.MAXREPEAT else high, _seq(body, flags),
                      lazy=op is sc.MIN_REPEAT, possessive=op is sc.POSSESSIVE_REPEAT)
    if op is sc.AT:
        return _anchor(av, flags, ascii_only)
    if op in (sc.ASSERT, sc.ASSERT_NOT):
        direction, body = av  # type: ignore[misc]
        return Look(direction < 0, op is sc.ASSERT_NOT, _seq(body, flags))
    if op is sc.GROUPREF:
        return Backref(av)  # type: ignore[arg-type]
    if op is sc.GROUPREF_EXISTS:
        _, yes, no = av  # type: ignore[misc]
        return Alt((_seq(yes, flags), _seq(no, flags) if no is not None else Seq(())))
    if op is sc.ATOMIC_GROUP:
        return Atomic(_seq(av, flags))
    raise UnknownSyntax(f"unknown regex parser opcode {op!r} ({av!r})")


def _anchor(at: object, flags: int, ascii_only: bool) -> Anchor:
    multiline = bool(flags & re.MULTILINE)
    if at is sc.AT_BEGINNING:
        return Anchor("line-start" if multiline else "start")
    if at is sc.AT_BEGINNING_STRING:
        return Anchor("start")
    if at is sc.AT_END:
        return Anchor("line-end" if multiline else "end-or-newline")
    if at is sc.AT_END_STRING:
        return Anchor("end")
    if at is sc.AT_BOUNDARY:
        return Anchor("boundary", category("word", ascii_only))
    if at is sc.AT_NON_BOUNDARY:
        return Anchor("non-boundary", category("word", ascii_only))
    raise UnknownSyntax(f"unknown regex anchor {at!r}")


_CATEGORIES = {
    sc.CATEGORY_DIGIT: ("digit", False), sc.CATEGORY_NOT_DIGIT: ("digit", True),
    sc.CATEGORY_SPACE: ("space", False), sc.CATEGORY_NOT_SPACE: ("space", True),
    sc.CATEGORY_WORD: ("word", False), sc.CATEGORY_NOT_WORD: ("word", True),
}


def _class(items: list[tuple[object, object]], flags: int) -> CharSet:
    ascii_only = bool(flags & (re.ASCII | re.LOCALE))
    chars, negate = CharSet(), False
    for op, av in items:
        if op is sc.NEGATE:
            negate = True
        elif op is sc.LITERAL:
            chars = chars | CharSet.of(chr(av))  # type: ignore[arg-type]
        elif op is sc.RANGE:
            chars = chars | CharSet.ranges(av)  # type: ignore[arg-type]
        elif op is sc.CATEGORY and av in _CATEGORIES:
            name, inverted = _CATEGORIES[av]
            found = category(name, ascii_only)
            chars = chars | (~found if inverted else found)
        else:
            raise UnknownSyntax(f"unknown item in a character class: {op!r} {av!r}")
    chars = _fold(chars, flags)
    return ~chars if negate else chars


def _fold(chars: CharSet, flags: int) -> CharSet:
    if not flags & re.IGNORECASE:
        return chars
    return case_closed(chars, bool(flags & (re.ASCII | re.LOCALE)))
