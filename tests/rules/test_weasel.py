from __future__ import annotations

import pytest

from .helpers import cues


@pytest.mark.parametrize(("text", "expected"), [
    ("Experts say the plan will fail.", ["Experts say"]),
    ("Studies show that coffee helps.", ["Studies show"]),
    ("Critics argue the law is unfair.", ["Critics argue"]),
    ("It is widely believed that taxes will rise.", ["It is widely believed"]),
    ("Some people think the moon landing was faked.", ["Some people think"]),
    ("Many other people have told me the same thing.", ["Many other people have told"]),
])
def test_unnamed_sources_are_flagged(text: str, expected: list[str]) -> None:
    assert cues(text, "CC301") == expected


@pytest.mark.parametrize("text", [
    "Experts at the WHO say the plan will fail.",
    "Studies from Harvard show that coffee helps.",
    "According to the UN, studies show a decline.",
    "Studies show a decline [3].",
    "The minister said the plan will fail.",
])
def test_named_sources_are_not_flagged(text: str) -> None:
    assert cues(text, "CC301") == []
