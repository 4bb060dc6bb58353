from __future__ import annotations

import pytest

from claimcheck.check.compare import compare


def reasons(claim: str, evidence: str) -> list[str]:
    return [m.reason for m in compare(claim, evidence)]


@pytest.mark.parametrize(("claim", "evidence", "expected"), [
    ("Fighters launched three attacks on the bridge.",
     "Fighters launched two attacks on the bridge.",
     ["claim says three attacks, source says two attacks"]),
    ("Turnout was 3.5 percent.", "Turnout was 4% this year.",
     ["claim says 3.5 percent, source says 4%"]),
    ("The talks began on 7 May.", "The talks began on 9 May.",
     ["claim says 7 May, source says 9 May"]),
    ("The talks began in 2023.", "The talks began in May 2024.",
     ["claim says 2023, source says May 2024"]),
    ("The proposal came from Egypt and Qatar.", "The proposal came from Egypt and Jordan.",
     ["claim names Qatar, source names Jordan"]),
    ("Israel rejected the proposal.", "Israel did not reject the proposal.",
     ["source negates: 'did not reject'"]),
    ("The union did not accept the offer.", "The union accepted the offer.",
     ["claim negates: 'did not accept', source does not"]),
    ("The council rejected the plan.", "The council accepted the plan.",
     ["claim says rejected, source says accepted"]),
    ("All of the crossings were closed.", "Some of the crossings were closed.",
     ["claim says all, source says some"]),
])
def test_each_disagreement_is_named(claim: str, evidence: str, expected: list[str]) -> None:
    assert reasons(claim, evidence) == expected


@pytest.mark.parametrize(("claim", "evidence"), [
    ("Fighters launched three attacks.", "Fighters launched 3 attacks overnight."),
    ("Turnout was 3.5 percent.", "Turnout was 3.5%."),
    ("The council accepted the plan.", "The council did not reject the plan."),
    ("The talks began in May.", "The talks began on 7 May 2024."),
    ("Hamas accepted the proposal from Egypt.", "Hamas accepted the proposal from Egypt."),
    # A name only missing from the source is not a contradiction.
    ("Kirby said the talks failed in Doha.", "The talks failed, officials said."),
    # Unrelated negation elsewhere in the sentence does not flip the claim.
    ("The council accepted the plan.", "The council accepted the plan, though not all agreed."),
    # Different things counted are not compared.
    ("Three ships waited offshore.", "Forty percent of cargo was delayed."),
    # Some is not contradicted by all.
    ("Some crossings were closed.", "All crossings were closed."),
    # Possessive and sentence-initial capitals are not name swaps.
    ("Australia emits 1.5 percent of the total.", "Australia's emissions are 1.5 percent."),
])
def test_agreement_is_not_a_contradiction(claim: str, evidence: str) -> None:
    assert reasons(claim, evidence) == []


def test_differences_record_both_sides() -> None:
    [m] = compare("Envoys from Jordan came.", "Envoys from Oman came.")
    assert (m.difference.kind, m.difference.claim, m.difference.evidence) == (
        "entity", "Jordan", "Oman")


def test_negation_must_bear_on_a_shared_content_word() -> None:
    assert reasons("Lenz is not pleased with the delay.",
                   "Lenz told the press the offer was fair.") == []
