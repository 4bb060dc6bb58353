"""The seed article's hard cases, against references a new user would write (fixtures/seed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.config import Config
from claimcheck.models import Report
from claimcheck.pipeline import run

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    import os

    os.environ["CLAIMCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    config = Config(refs=[str(SEED / "refs.jsonl")])
    return {name: run([str(SEED / f"{name}.txt")], config)
            for name in ("quote_reported", "quote_wrong_speaker", "hoped_for")}


def test_a_quote_against_reported_speech_is_not_a_misquote(checked: dict[str, Report]) -> None:
    [claim] = checked["quote_reported"].claims
    assert claim.kind == "quote" and claim.verdict is not None
    assert claim.verdict.label == "supported"
    assert claim.verdict.reason.endswith(
        "the reference paraphrases; the exact words are unverified")


def test_a_quote_given_to_someone_else_is_its_own_finding(checked: dict[str, Report]) -> None:
    [claim] = checked["quote_wrong_speaker"].claims
    assert claim.speaker == "Kirby" and claim.verdict is not None
    assert claim.verdict.label == "misquoted"
    assert [(d.kind, d.claim) for d in claim.verdict.differences] == [("speaker", "Kirby")]
    # the speaker as the reference attributes it, not every capitalised word around the quote
    assert claim.verdict.differences[0].evidence == "Matthew Miller"
    assert claim.verdict.reason.startswith("the reference gives these words to ")


def test_a_sentence_that_also_hopes_is_checked(checked: dict[str, Report]) -> None:
    [claim] = checked["hoped_for"].claims
    assert claim.checkable and claim.verdict is not None
    assert claim.verdict.label in ("supported", "partly_supported")
    assert claim.verdict.evidence[0].ref_id == "wire-ceasefire"
