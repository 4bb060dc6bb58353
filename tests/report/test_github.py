from claimcheck.report import render
from claimcheck.report.github import escape_data, escape_property

from .sample import make_report


def test_escaping_rules() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_annotations() -> None:
    lines = render(make_report(), "github").splitlines()
    assert lines[0] == (
        "::warning file=docs/draft one.md,line=3,col=1,endLine=3,endColumn=4,"
        "title=CC101 sweeping-quantifier::'All' overreaches.%0ASay who, or how many.")
    assert lines[1].startswith("::error file=docs/draft one.md,line=3,col=1,endLine=3,")
    assert "title=verdict/contradicted contradicted::contradicted: the source says it failed" \
        in lines[1]
    assert lines[2].startswith("::notice ")  # info -> notice
    assert len(lines) == 4
    assert all("\x1b" not in line for line in lines)


def test_no_findings_no_output() -> None:
    report = make_report()
    report.claims = report.claims[1:2]
    assert render(report, "github") == ""
