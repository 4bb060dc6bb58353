"""Speaker patterns journalists use around quotes and in reported speech."""

from __future__ import annotations

import pytest

from claimcheck.text.attribution import reported_speaker, speaker_after, speaker_before


@pytest.mark.parametrize(("after", "speaker"), [
    ('," Hamas stated.', "Hamas"),
    ('," said Kirby.', "Kirby"),
    ('," the Dockworkers Union stated.', "Dockworkers Union"),
    ('," he said.', "he"),
    ('," she added later.', "she"),
    (" The talks ended.", None),
])
def test_speaker_after(after: str, speaker: str | None) -> None:
    assert speaker_after(after) == speaker


@pytest.mark.parametrize(("before", "speaker"), [
    ("Kirby said:", "Kirby"),
    ("John Kirby told reporters:", "John Kirby"),
    ("My manager, Priya Nair, put it best:", "Priya Nair"),
    ("It was a long day", None),
])
def test_speaker_before(before: str, speaker: str | None) -> None:
    assert speaker_before(before) == speaker


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("After Israel rejected it, the Palestinian group Hamas confirmed that it was over.",
     "Hamas"),
    ("According to Dr. Lena Hart, the parser is fast.", "Dr. Lena Hart"),
    ("Dr. Elena Sorel, the port's economist, estimated the losses.", "Dr. Elena Sorel"),
    ("The French Ministry of Foreign Affairs expressed regret.",
     "French Ministry of Foreign Affairs"),
    ("The United States sent aid.", None),
])
def test_reported_speaker(sentence: str, speaker: str | None) -> None:
    assert reported_speaker(sentence) == speaker
