"""The stages every pipeline benchmark times, one lap each: load, split, rules, refs, index.

`bench_pipeline.py` laps them by wall clock and `bench_stages.py` by CPU time: the clock is the
caller's. claimcheck is imported inside the functions, so importing this module times nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimcheck.config import Config
    from claimcheck.models import Claim, Document, Snippet
    from claimcheck.references.index import ReferenceIndex

Lap = Callable[[str], None]


def lap_timer(seconds: dict[str, float], clock: Callable[[], float]) -> Lap:
    """`lap(stage)` records in `seconds` the `clock` time since the previous lap (the first lap:
    since this call)."""
    last = clock()

    def lap(stage: str) -> None:
        nonlocal last
        now = clock()
        seconds[stage] = now - last
        last = now

    return lap


def through_index(draft: str, config: Config, lap: Lap, warnings: list[str]
                  ) -> tuple[list[Document], list[Claim], list[Snippet], ReferenceIndex]:
    """Load, split and flag the draft, load the references and build their index, lapping each."""
    from claimcheck.pipeline import flag_claims, load_documents, split_documents
    from claimcheck.references import build_index, load_references

    docs = load_documents([draft], config)
    lap("load")
    claims = split_documents(docs)
    lap("split")
    flag_claims(docs, claims, config)
    lap("rules")
    snippets = load_references(config.refs, config, warnings)
    lap("refs")
    index = build_index(snippets)
    lap("index")
    return docs, claims, snippets, index
