"""Stable claim handles: IDs that survive edits elsewhere in the draft.

A claim's handle is the first 8 hex digits of its content fingerprint (`baseline.claim_fingerprint`:
whitespace collapsed, case folded), so adding, removing or moving other sentences never changes it,
and re-wrapping the claim itself does not either. Two rules keep handles unique within a report,
both deterministic:

- a later copy of the same text (same fingerprint) gets "-2", "-3", ... in report order
  (files as given, claims by offset);
- two different texts whose first 8 digits agree (about one pair in 20 on a 15,000-claim draft
  would be unlucky; it is rarer still) both take as many more digits as they need to differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .baseline import claim_fingerprint
from .models import Claim

HANDLE_DIGITS = 8


def assign_handles(claims: Sequence[Claim]) -> None:
    """Set `claim.id` to its stable handle, for every claim in the report."""
    prints = [claim_fingerprint(c.text) for c in claims]
    by_prefix: dict[str, set[str]] = defaultdict(set)
    for fp in prints:
        by_prefix[fp[:HANDLE_DIGITS]].add(fp)
    base: dict[str, str] = {}
    for prefix, group in by_prefix.items():
        if len(group) == 1:
            base[next(iter(group))] = prefix
            continue
        digits = HANDLE_DIGITS
        while len({fp[:digits] for fp in group}) < len(group):
            digits += 1
        for fp in group:
            base[fp] = fp[:digits]
    seen: dict[str, int] = defaultdict(int)
    for claim, fp in zip(claims, prints, strict=True):
        seen[fp] += 1
        n = seen[fp]
        claim.id = base[fp] if n == 1 else f"{base[fp]}-{n}"


def find_claim(claims: Sequence[Claim], handle: str) -> list[Claim]:
    """Claims whose handle is `handle` or starts with it (like a short git hash), or a position:
    "L12" (claims starting on line 12) or "12:5" (line and column)."""
    wanted = handle.strip().lower()
    exact = [c for c in claims if c.id == wanted]
    if exact:
        return exact
    line, colon, column = wanted.removeprefix("l").partition(":")
    if (wanted.startswith("l") or colon) and line.isdigit() and (not column or column.isdigit()):
        return [c for c in claims if c.line == int(line)
                and (not column or c.column == int(column))]
    return [c for c in claims if c.id.startswith(wanted)] if wanted else []
