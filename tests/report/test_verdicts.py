"""The verdict table is the one place a verdict label is described, and the fail policy the one
place that decides whether a run fails.

The central test adds a label the checker does not have ("disputed") as one row of
`claimcheck.verdicts.VERDICTS`, and nothing else, then sees it reach every output format, the
fail policy, baselines, rule pages, inline directives and the review list.
"""

from __future__ import annotations

import json

import pytest

from claimcheck import verdicts
from claimcheck.baseline import build_baseline
from claimcheck.config import Config, FailPolicy, check_fail_on, default_fail_on
from claimcheck.document import build_document
from claimcheck.errors import UserError
from claimcheck.models import Claim, Report, Review, Verdict
from claimcheck.pipeline import is_failing
from claimcheck.report import FORMATS, render
from claimcheck.report.findings import collect
from claimcheck.report.rule_docs import render_rule, rule_ids
from claimcheck.review.view import row_parts
from claimcheck.suppress import apply_suppressions

from .sample import make_report

DISPUTED = verdicts.VerdictKind(
    "disputed", "disputed by references", "warning", True, 7, notable=True, scored=True,
    style="bold yellow", badge="DISP", title="Your references disagree about the claim",
    meaning="Two of your references say different things about this claim.",
    fix="Decide which reference is right and say so in the draft.")


@pytest.fixture
def disputed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verdicts, "VERDICTS", (*verdicts.VERDICTS, DISPUTED))


def _disputed_report() -> Report:
    """The sample report with its third claim's verdict "disputed" (built without validation:
    the `VerdictLabel` literal is the one other line a real new label adds)."""
    report = make_report()
    report.claims[2].verdict = Verdict.model_construct(
        label="disputed", score=0.55, reason="R1 says 5%, R3 says 7%", evidence=[],
        differences=[], diff=None, suppressed_by=None)
    assert report.summary is not None
    report.summary.verdicts = {"contradicted": 1, "disputed": 1, "supported": 1}
    return report


def test_table_rows_match_the_label_literal() -> None:
    assert verdicts.labels() == verdicts.VERDICT_LABELS
    assert verdicts.ranked()[:2] == ("contradicted", "misquoted")
    assert default_fail_on() == ("error", "contradicted", "misquoted")
    assert verdicts.finding_severities() == {
        "contradicted": "error", "misquoted": "error", "no_evidence": "warning"}
    assert verdicts.words("partly_supported") == "partly supported"


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydantic: "disputed" is not in the Literal
def test_a_label_added_to_the_table_reaches_every_format(disputed: None) -> None:
    report = _disputed_report()
    outputs = {fmt: render(report, fmt, color=False, width=100) for fmt in FORMATS}
    assert "DISPUTED BY REFERENCES" in outputs["table"]  # its wording, upper-cased
    assert "= disputed by references: R1 says 5%, R3 says 7%" in outputs["table"]
    for fmt in ("text", "concise", "github", "markdown", "junit"):
        assert "verdict/disputed" in outputs[fmt], fmt
        assert "disputed by references: R1 says 5%" in outputs[fmt], fmt
    assert "1 disputed by references" in outputs["markdown"]  # summary counts, in words
    assert "::warning " in outputs["github"].split("verdict/disputed")[0].rsplit("\n", 1)[-1]
    assert '"label": "disputed"' in outputs["json"]
    sarif = json.loads(outputs["sarif"])
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["verdict/disputed"]
    assert rule["shortDescription"]["text"] == DISPUTED.title
    assert rule["fullDescription"]["text"] == DISPUTED.meaning
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "verdict/disputed")
    assert result["level"] == "warning"


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_label_added_to_the_table_fails_counts_and_documents(disputed: None) -> None:
    report = _disputed_report()
    # the default policy fails on it (the row says `fails`), and `fail_on` may name it
    assert "disputed" in Config().fail_on
    assert check_fail_on(["Disputed"], "--fail-on") == ["disputed"]
    report.claims[0].verdict = None  # the contradicted verdict would fail the run anyway
    report.claims[0].flags = []
    assert is_failing(report, None)
    assert not is_failing(report, ["error"])
    finding = next(f for f in collect(report) if f.rule == "verdict/disputed")
    assert (finding.severity, finding.failing) == ("warning", True)
    # a finding by default (it has a severity), so baselines keep it
    rules = {row["rule"] for row in build_baseline(report)["findings"]}
    assert "verdict/disputed" in rules
    # its rule page, from the row
    assert "verdict/disputed" in rule_ids()
    page = render_rule("verdict/disputed")
    assert page.startswith("# verdict/disputed: your references disagree about the claim\n")
    assert "- Reported by default: yes, as warning" in page
    assert "- Fails the run by default: yes" in page
    assert DISPUTED.fix in page
    # the review list's badge
    assert row_parts(report.claims[2])[0] == ("DISP", "bold yellow")


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_an_inline_directive_may_name_a_new_label(disputed: None) -> None:
    doc = build_document("d.md", "Revenue rose 5%. <!-- claimcheck: ignore verdict/disputed -->\n",
                         True)
    claim = Claim(id="C1", file="d.md", text="Revenue rose 5%.", start=0, end=16, line=1,
                  column=1, sentence_index=0, sentence_start=0, sentence_end=16,
                  kind="factual", checkable=True)
    claim.verdict = Verdict.model_construct(label="disputed", score=0.5, reason="r",
                                            evidence=[], differences=[], diff=None,
                                            suppressed_by=None)
    apply_suppressions(doc, [claim])
    assert claim.verdict.suppressed_by == "inline"


def test_unknown_fail_levels_name_the_choices_from_the_table() -> None:
    with pytest.raises(UserError, match=r"unknown fail level 'disputed' \(use error, warning, "
                                        r"info, contradicted, misquoted, no_evidence"):
        check_fail_on(["disputed"], "--fail-on")


def _claim(label: str, *, review: str | None = None, stale: bool = False) -> Claim:
    claim = Claim(id="C1", file="d.md", text="t", start=0, end=1, line=1, column=1,
                  sentence_index=0, sentence_start=0, sentence_end=1, kind="factual",
                  checkable=True, verdict=Verdict(label=label, score=0.9, reason="r"))  # type: ignore[arg-type]
    if review:
        claim.review = Review(decision=review, reviewer="Ann", at="2026-12-03T10:00:00Z",  # type: ignore[arg-type]
                              stale=stale)
    return claim


@pytest.mark.parametrize(("label", "review", "stale", "fails"), [
    ("contradicted", None, False, True),
    ("no_evidence", None, False, False),
    ("contradicted", "accepted", False, False),  # accepted never fails...
    ("contradicted", "accepted", True, True),  # ...while the text is the one accepted
    ("supported", "wrong", False, True),  # marked wrong fails
    ("supported", "wrong", True, False),
    ("contradicted", "note", False, True),  # a note decides nothing
])
def test_fail_policy_and_findings_agree(label: str, review: str | None, stale: bool,
                                        fails: bool) -> None:
    report = Report(version="0", files=["d.md"], claims=[_claim(label, review=review,
                                                                stale=stale)])
    policy = FailPolicy.of(None)
    assert is_failing(report, policy) is fails
    assert any(f.failing for f in collect(report, policy)) is fails


def test_suppressed_verdicts_and_supported_flags_never_fail() -> None:
    report = make_report()
    policy = FailPolicy.of(["warning", "no_evidence"])
    assert policy.floor == 2 and policy.labels == {"no_evidence"}
    for claim in report.claims:
        if claim.verdict:
            claim.verdict.suppressed_by = "baseline"
        for flag in claim.flags:
            flag.supported = True
    assert not is_failing(report, policy)
    assert not any(f.failing for f in collect(report, policy))
