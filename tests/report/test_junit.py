import xml.etree.ElementTree as ET

from claimcheck.report import render

from .sample import PATH, make_report


def test_one_suite_per_file_one_case_per_claim() -> None:
    root = ET.fromstring(render(make_report(), "junit"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [PATH]
    cases = suites[0].findall("testcase")
    assert len(cases) == 3 and suites[0].get("tests") == "3"
    assert suites[0].get("failures") == "1" and root.get("failures") == "1"
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "verdict/contradicted"
    assert "CC101" in (cases[0].findtext("system-out") or "")
    assert cases[1].find("failure") is None
    assert "<b>&amp;</b>" in (cases[2].get("name") or "")  # escaped by ElementTree, read back


def test_fail_on_decides_failures() -> None:
    root = ET.fromstring(render(make_report(), "junit", fail_on=["info"]))
    assert root.get("failures") == "2"


def test_control_characters_never_reach_the_xml() -> None:
    text = render(make_report(), "junit")
    assert "\x1b" not in text
    ET.fromstring(text)  # well-formed
