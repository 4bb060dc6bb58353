"""Check claims against the user's reference snippets and give each a verdict with evidence.

Stages: retrieve (BM25 candidates from the index) -> score (best sentence span per
candidate) -> compare (numbers, dates, names, polarity, quantifiers) / quotes -> verdict. Claims
go through all of them chunk by chunk, in this process or in several (`check.judges`), so on a
large draft every core retrieves and judges.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from pydantic import TypeAdapter

from ..config import Config, Thresholds
from ..models import Claim, Verdict
from ..text.stems import pool_stems
from .retrieve import SearchIndex, candidates, prepare_dense
from .score import SpanCache
from .verdict import Asked, judge_batch, not_checkable

Progress = Callable[[str, int, int], None]
CHUNK = 256  # claims judged between progress calls

__all__ = ["Repeats", "SearchIndex", "Stream", "check_all", "is_matched", "judge_many",
           "prepare_dense"]


def is_matched(claim: Claim) -> bool:
    """Checkable claims, and flagged ones: a reference that backs the sentence clears a flag."""
    return claim.checkable or bool(claim.flags)


def check_all(claims: list[Claim], index: SearchIndex, config: Config,
              progress: Progress | None = None) -> None:
    """Set `claim.verdict` on every claim; mark the flags of supported sentences `supported`.

    Claims that are not checkable get `not_checkable`, but are still matched when they carry a
    generalization flag: a reference that backs the sentence should clear the flag.
    """
    from .judges import Given, open_judge

    mark_unchecked(claims)
    todo = [c for c in claims if is_matched(c)]
    if not todo:
        return
    with open_judge(Given(index), config, len(todo), inherited=True) as judge:
        judge.submit(todo)
        judge.finish(progress)


class Stream:
    """`check_all` for claims handed over a few at a time in report order, in this process, so
    each batch can be reported as soon as it is judged (the line formats with references print
    a finding after its claim's batch, not after the whole draft). The index's vectors and span
    cache are prepared once, at the first claim to judge. A claim asked what an earlier one was
    (see `Repeats`) gets a copy of that one's verdict as it came from judging, whatever was done
    to the first's since (severity, suppressions). Judging is deterministic and a claim's
    verdict never depends on what else is judged with it, so every verdict is the one
    `check_all` gives; the first is ready after one claim's judging instead of all of them."""

    def __init__(self, index: SearchIndex, config: Config) -> None:
        self._index = index
        self._thresholds = config.thresholds
        self._prepared: tuple[bool, SpanCache] | None = None
        self._judged: dict[Asked, Verdict] = {}  # each first verdict, as judged (a copy)

    def check(self, claims: list[Claim]) -> int:
        """Verdicts on `claims` (as `check_all`); returns how many were matched."""
        from ..processes import collector_frozen, freeze_collector

        mark_unchecked(claims)
        todo = [c for c in claims if is_matched(c)]
        if not todo:
            return 0
        if self._prepared is None:
            self._prepared = prepare_dense(self._index), span_cache(self._index)
        dense, cache = self._prepared
        fresh: list[Claim] = []
        asked: dict[Asked, None] = {}
        repeats: list[tuple[Claim, Asked]] = []
        for claim in todo:
            question = Asked.of(claim)
            if question in self._judged or question in asked:
                repeats.append((claim, question))
            else:
                asked[question] = None
                fresh.append(claim)
        if fresh:
            with collector_frozen():
                verdicts = judge_many(list(asked), self._index, self._thresholds, cache, dense)
                freeze_collector()  # what this batch added to the span cache stays out of the way
            for question, verdict in zip(asked, verdicts, strict=True):
                self._judged[question] = verdict.model_copy(deep=True)
            record(fresh, verdicts)
        for claim, question in repeats:
            record([claim], [self._judged[question].model_copy(deep=True)])
        return len(todo)


def mark_unchecked(claims: list[Claim]) -> None:
    """`not_checkable` on every claim that is not checkable (flagged ones are still matched)."""
    for claim in claims:
        if not claim.checkable:
            claim.verdict = not_checkable(claim)


def record(claims: list[Claim], verdicts: list[Verdict]) -> None:
    """Verdicts onto checkable claims; any claim found supported has its flags cleared."""
    for claim, verdict in zip(claims, verdicts, strict=True):
        if claim.checkable:
            claim.verdict = verdict
        if verdict.label == "supported":
            for flag in claim.flags:
                flag.supported = True


class Repeats:
    """Claims asked exactly what an earlier claim was asked (the same `Asked`: text, kind,
    quotes, speaker, all that judging reads) are judged once: judging is deterministic, so a
    repeat gets a copy of the first one's verdict. Bullet lists, tables and boilerplate repeat
    sentences; the benchmark's synthetic 1 MB draft repeats 19% of its checked claims.

    Claims are numbered in the order they were submitted; those judged (the first of each
    `Asked`) are numbered apart, in the same order."""

    def __init__(self) -> None:
        self._first: dict[Asked, int] = {}  # what was asked -> the number it was judged under
        self._copies: dict[int, list[Claim]] = {}  # judged number -> the claims repeating it
        self._submitted: list[int] = []  # judged number -> its submission number
        self.submitted = 0  # claims submitted so far, repeats included

    def fresh(self, claims: list[Claim]) -> tuple[list[Claim], list[Asked]]:
        """The claims of `claims` to judge (the first asked each thing), and what each is
        asked; the repeats are kept to be given their first's verdict by `record`."""
        judged: list[Claim] = []
        asked: list[Asked] = []
        for claim in claims:
            question = Asked.of(claim)
            number = self._first.get(question)
            if number is None:
                self._first[question] = len(self._submitted)
                self._submitted.append(self.submitted)
                judged.append(claim)
                asked.append(question)
            else:
                self._copies.setdefault(number, []).append(claim)
            self.submitted += 1
        return judged, asked

    def record(self, first: int, claims: list[Claim], verdicts: list[Verdict]) -> int:
        """`record` the verdicts of the judged claims numbered from `first`, and a copy of
        each onto the claims that repeat it. Returns how many claims, in submission order,
        have their verdicts now (every repeat comes after the claim it repeats)."""
        record(claims, verdicts)
        for number, verdict in enumerate(verdicts, start=first):
            for claim in self._copies.pop(number, ()):
                record([claim], [verdict.model_copy(deep=True)])
        end = first + len(verdicts)
        return self._submitted[end] if end < len(self._submitted) else self.submitted


def span_cache(index: SearchIndex) -> SpanCache:
    """Built once, before any judge forks: judges inherit the texts and the references' vocabulary
    (rebuilding the text list in a worker touches, and so copies, every snippet)."""
    texts = [s.text for s in index.snippets]
    return SpanCache(texts, pool_stems(texts))


def judge_many(asked: list[Asked], index: SearchIndex, thresholds: Thresholds,
               cache: SpanCache, dense: bool | None = None) -> list[Verdict]:
    """Candidates (by meaning too when `dense`; None: whenever the index allows, as
    `check_all` does, so every engine retrieves alike), then a verdict, for each claim."""
    if dense is None:
        dense = prepare_dense(index)
    found = candidates([a.text for a in asked], index, thresholds.candidates, dense)
    return judge_batch(asked, [hits.positions for hits in found], index.snippets, cache,
                       thresholds, [hits.prior for hits in found])


@lru_cache(maxsize=1)
def _verdict_list() -> TypeAdapter[list[Verdict]]:
    return TypeAdapter(list[Verdict])


def pack(verdicts: list[Verdict]) -> bytes:
    """Verdicts as JSON, to cross from a worker process: pydantic writes and reads JSON in
    compiled code, five times faster than pickling models (1.1 s -> 0.2 s for 12,000)."""
    return _verdict_list().dump_json(verdicts)


def unpack(data: bytes) -> list[Verdict]:
    return _verdict_list().validate_json(data)
