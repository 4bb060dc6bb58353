"""Exemptions are declared data, settled centrally: each entry's example is flagged by its rule
when the entry is left out and let through, by that entry, when it is in; overlaps are settled
only among the rules that are switched on; no rule module imports another."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from claimcheck.document import build_document
from claimcheck.rules import BY_ID, CENTRAL, EXEMPTIONS, RULES, explain
from claimcheck.split import split_document

from .helpers import ALL_ON, flags_for

RULES_DIR = Path(__file__).resolve().parents[2] / "claimcheck" / "rules"


def _reports(text: str, skip: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    doc = build_document("example.md", text + "\n", markdown=True)
    return [(r.rule.id, r.outcome, r.why) for c in split_document(doc)
            for r in explain(c, doc, ALL_ON, skip=skip)]  # opt-in rules' entries too


@pytest.mark.parametrize("name", sorted(EXEMPTIONS))
def test_each_exemption_lets_its_example_through_and_only_it(name: str) -> None:
    entry = EXEMPTIONS[name]
    assert entry.rule in BY_ID and entry.reason and entry.example
    rule = BY_ID[entry.rule]
    assert entry.central or name in rule.exemptions, f"{entry.rule} does not declare {name}"
    kept = _reports(entry.example)
    assert (entry.rule, "let through", name) in kept, kept
    assert not any(r == entry.rule and o == "flagged" for r, o, _ in kept), kept
    without = _reports(entry.example, skip=frozenset({name}))
    assert any(r == entry.rule and o == "flagged" for r, o, _ in without), without


def test_every_rule_honours_the_central_contexts_unless_it_reads_them() -> None:
    central = {e.name for e in CENTRAL}
    assert {"quoted", "attributed", "denied", "supposed", "imagined", "argument",
            "furniture"} <= central
    for rule in RULES:
        assert set(rule.reads) <= central
        assert not set(rule.exemptions) & central, rule.id  # central ones are never re-declared


def test_a_switched_off_rule_no_longer_silences_another() -> None:
    text = "Everyone knows the plan will fail."
    assert [(f.rule, f.cue) for f in flags_for(text)] == [("CC301", "Everyone knows")]
    assert [(f.rule, f.cue) for f in flags_for(text, {"CC301": "off"})] == [
        ("CC101", "Everyone")]
    leap = "I met a rude waiter yesterday, so all waiters are rude."
    assert [f.rule for f in flags_for(leap)] == ["CC103"]
    assert [(f.rule, f.cue) for f in flags_for(leap, {"CC103": "off", "CC102": "on"})] == [
        ("CC101", "all"), ("CC102", "waiters are rude")]


def test_a_denied_clause_is_denied_for_every_rule() -> None:
    for text in ["It is a myth that many people cheat on their taxes.",
                 "It is not true that this is the worst crisis in history.",
                 "It is a myth that all politicians lie."]:
        assert flags_for(text) == [], text


def test_explain_reports_switched_off_rules_and_superseded_cues() -> None:
    doc = build_document("d.txt", "Several studies show that the method is biased.\n",
                         markdown=False)
    (claim,) = split_document(doc)
    got = [(r.rule.id, r.finding.cue, r.outcome, r.why)
           for r in explain(claim, doc, {"CC701": "off"})]
    assert ("CC201", "Several", "superseded", "CC301") in got
    assert ("CC301", "studies show", "flagged", "") in got


def test_no_rule_module_imports_another_rule_module() -> None:
    defines_rules = {p.stem for p in RULES_DIR.glob("*.py") if "@rule(" in p.read_text()}
    assert len(defines_rules) >= 7
    for stem in defines_rules:
        tree = ast.parse((RULES_DIR / f"{stem}.py").read_text())
        imported = {node.module for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module}
        assert not imported & (defines_rules - {stem}), (stem, imported & defines_rules)
