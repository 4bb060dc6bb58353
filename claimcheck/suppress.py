"""Inline suppressions (placeholder until issue 5 lands): mark flags switched off in the draft."""

from __future__ import annotations

from .models import Claim, Document


def apply_suppressions(doc: Document, claims: list[Claim]) -> None:
    """Set `suppressed_by="inline"` on flags that a directive in `doc` switches off."""
    return None
