"""Where the prefix-tree alternations used to live: they are `claimcheck.text.patterns` now.

Kept only so that modules not yet moved onto `claimcheck.text` still import; new code imports
from `claimcheck.text.patterns`.
"""

from __future__ import annotations

from .text.patterns import alternation, prose_atom

__all__ = ["alternation", "prose_atom"]
