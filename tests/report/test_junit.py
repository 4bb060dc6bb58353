import xml.etree.ElementTree as ET

from claimcheck.report import render

from .sample import PATH, make_report


def test_one_suite_per_file_one_case_per_finding_or_clean_claim() -> None:
    root = ET.fromstring(render(make_report(), "junit"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [PATH, "claimcheck"]
    cases = suites[0].findall("testcase")
    names = [c.get("name") or "" for c in cases]
    # claim 1: CC101 + contradicted; claim 2: no finding; claim 3: CC701 + no evidence
    assert [n.rsplit(" ", 1)[0] for n in names] == [
        "CC101 sweeping-quantifier", "verdict/contradicted contradicted", "claim",
        "CC701 hedge-speculation", "verdict/no_evidence no_evidence"]
    assert all(len(n.rsplit(" ", 1)[1]) == 12 for n in names)
    assert suites[0].get("tests") == "5" and root.get("tests") == "5"
    assert suites[0].get("failures") == "1" and root.get("failures") == "1"
    failure = cases[1].find("failure")
    assert failure is not None and failure.get("type") == "verdict/contradicted"
    assert "CC101" in (cases[0].findtext("system-out") or "")
    assert "<b>&amp;</b>" in (cases[3].findtext("system-out") or "")  # escaped, read back
    assert "warning: refs/x.txt" in (suites[1].findtext("system-err") or "")


def test_names_do_not_change_when_text_moves() -> None:
    """Line and column are not in the names: text added above keeps them."""
    before = [c.get("name") for c in ET.fromstring(render(make_report(), "junit")).iter("testcase")]
    moved = make_report()
    for claim in moved.claims:
        claim.line += 3
        for flag in claim.flags:
            flag.line += 3
    after = [c.get("name") for c in ET.fromstring(render(moved, "junit")).iter("testcase")]
    assert after == before


def test_identical_findings_get_numbered_names() -> None:
    report = make_report()
    twin = report.claims[0].model_copy(deep=True)
    twin.id = "C9"
    report.claims.insert(1, twin)
    names = [c.get("name") or "" for c in ET.fromstring(render(report, "junit")).iter("testcase")]
    assert names[2] == names[0] + " #2" and names[3] == names[1] + " #2"


def test_fail_on_decides_failures() -> None:
    root = ET.fromstring(render(make_report(), "junit", fail_on=["info"]))
    assert root.get("failures") == "2"  # CC101 and CC701; verdicts not named


def test_control_characters_never_reach_the_xml() -> None:
    text = render(make_report(), "junit")
    assert "\x1b" not in text
    ET.fromstring(text)  # well-formed
