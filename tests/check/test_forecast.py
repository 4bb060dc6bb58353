"""Issue 15 item 5: a reported forecast is a claim about what a source projects, so it is checked
against a reference that reports the same forecast (not switched off as speculation)."""

from __future__ import annotations

import json

import pytest

from claimcheck.config import Config
from claimcheck.models import Report
from claimcheck.pipeline import run

REFS = [{"id": "ipcc", "source": "IPCC report",
         "text": "The IPCC projects that sea level will rise by 26 to 82 cm by 2100."}]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    import os

    folder = tmp_path_factory.mktemp("forecast")
    os.environ["CLAIMCHECK_CACHE_DIR"] = str(folder / "cache")
    refs = folder / "refs.jsonl"
    refs.write_text("".join(json.dumps(r) + "\n" for r in REFS), encoding="utf-8")
    drafts = {"same": "Seas will rise 26-82 cm by 2100, the IPCC projects.\n",
              "changed": "Seas will rise 26-95 cm by 2100, the IPCC projects.\n"}
    out = {}
    for name, text in drafts.items():
        draft = folder / f"{name}.txt"
        draft.write_text(text, encoding="utf-8")
        out[name] = run([str(draft)], Config(refs=[str(refs)]))
    return out


def _verdict(report: Report) -> tuple[str, str]:
    [claim] = report.claims
    assert claim.checkable and claim.verdict is not None
    return claim.verdict.label, claim.verdict.reason


def test_a_reported_forecast_is_supported_by_a_reference_that_reports_it(
        checked: dict[str, Report]) -> None:
    label, reason = _verdict(checked["same"])
    assert label == "supported" and "IPCC report" in reason


def test_a_changed_figure_in_a_reported_forecast_is_contradicted(
        checked: dict[str, Report]) -> None:
    label, reason = _verdict(checked["changed"])
    assert label == "contradicted"
    assert "26-95 cm" in reason and "82 cm" in reason
