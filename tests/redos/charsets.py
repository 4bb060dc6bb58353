"""Sets of characters as sorted, disjoint, inclusive code point intervals.

What a regex's character classes stand for (`\\w`, `[^a-z]`, `.`), exactly, so that the ReDoS
checker can ask whether two parts of a pattern can match the same character. The Unicode
meanings of `\\d`, `\\s` and `\\w` are taken from the regex engine itself, once, by scanning
every code point.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

MAX_CODE = 0x10FFFF


@dataclass(frozen=True)
class CharSet:
    intervals: tuple[tuple[int, int], ...] = ()

    @staticmethod
    def of(*chars: str) -> CharSet:
        return CharSet.ranges(*((ord(c), ord(c)) for c in chars))

    @staticmethod
    def ranges(*pairs: tuple[int, int]) -> CharSet:
        return CharSet(_normal(sorted(pairs)))

    def __bool__(self) -> bool:
        return bool(self.intervals)

    def __or__(self, other: CharSet) -> CharSet:
        return CharSet(_normal(sorted(self.intervals + other.intervals)))

    def __and__(self, other: CharSet) -> CharSet:
        out, i, j = [], 0, 0
        a, b = self.intervals, other.intervals
        while i < len(a) and j < len(b):
            lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
            if lo <= hi:
                out.append((lo, hi))
            if a[i][1] < b[j][1]:
                i += 1
            else:
                j += 1
        return CharSet(tuple(out))

    def meets(self, other: CharSet) -> bool:
        """Whether the two share a character: `bool(self & other)` without building it."""
        i, j = 0, 0
        a, b = self.intervals, other.intervals
        while i < len(a) and j < len(b):
            if a[i][0] <= b[j][1] and b[j][0] <= a[i][1]:
                return True
            if a[i][1] < b[j][1]:
                i += 1
            else:
                j += 1
        return False

    def __invert__(self) -> CharSet:
        out, start = [], 0
        for lo, hi in self.intervals:
            if lo > start:
                out.append((start, lo - 1))
            start = hi + 1
        if start <= MAX_CODE:
            out.append((start, MAX_CODE))
        return CharSet(tuple(out))

    def __sub__(self, other: CharSet) -> CharSet:
        """`self & ~other`, interval for interval, without building `~other` (a large class
        such as Unicode `\\w` has hundreds of intervals)."""
        out, j = [], 0
        b = other.intervals
        for lo, hi in self.intervals:
            while j < len(b) and b[j][1] < lo:
                j += 1
            start, k = lo, j
            while k < len(b) and b[k][0] <= hi:
                if b[k][0] > start:
                    out.append((start, b[k][0] - 1))
                start = max(start, b[k][1] + 1)
                k += 1
            if start <= hi:
                out.append((start, hi))
        return CharSet(tuple(out))

    def __contains__(self, char: str) -> bool:
        code = ord(char)
        return any(lo <= code <= hi for lo, hi in self.intervals)

    def size(self) -> int:
        return sum(hi - lo + 1 for lo, hi in self.intervals)

    def sample(self) -> str:
        """One member, readable if possible: printable ASCII, a letter, else the first."""
        for lo, hi in self.intervals:
            if hi >= 0x20 and lo <= 0x7E:
                return chr(max(lo, 0x20))
        for lo, _hi in self.intervals:
            if not 0xD800 <= lo <= 0xDFFF:
                return chr(lo)
        return chr(self.intervals[0][0])


def _normal(pairs: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for lo, hi in pairs:
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


EVERYTHING = CharSet(((0, MAX_CODE),))
NOTHING = CharSet()
NEWLINE = CharSet.of("\n")


@functools.cache
def _every_code_point() -> str:
    return "".join(map(chr, range(MAX_CODE + 1)))


@functools.cache
def category(name: str, ascii_only: bool) -> CharSet:
    """`digit`, `space` or `word`, as the engine reads `\\d`, `\\s`, `\\w` (Unicode or ASCII)."""
    letter = {"digit": "d", "space": "s", "word": "w"}[name]
    flags = re.ASCII if ascii_only else 0
    return CharSet(tuple((m.start(), m.end() - 1) for m in
                         re.finditer(rf"\{letter}+", _every_code_point(), flags)))


@functools.cache
def case_closed(chars: CharSet, ascii_only: bool) -> CharSet:
    """The set with every member's other case added (what IGNORECASE matches). Cached: the
    same classes recur across a package's patterns (`\\w`, `[a-z]`, word lists' letters)."""
    extra: list[tuple[int, int]] = []
    for lo, hi in chars.intervals:
        if hi - lo > 0x4000:
            continue  # a huge range: assumed to hold both cases already
        for code in range(lo, hi + 1):
            char = chr(code)
            if ascii_only and not char.isascii():
                continue
            for other in (char.lower(), char.upper(), char.swapcase(), char.casefold()):
                if len(other) == 1 and other != char and (other.isascii() or not ascii_only):
                    extra.append((ord(other), ord(other)))
    return chars | CharSet.ranges(*extra) if extra else chars
