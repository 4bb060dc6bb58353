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
    assert lines[4] == "::warning title=claimcheck::refs/x.txt: empty \\x1b[2J reference"
    assert len(lines) == 5
    assert all("\x1b" not in line for line in lines)


def test_no_findings_no_output() -> None:
    report = make_report()
    report.claims = report.claims[1:2]
    report.warnings = []
    assert render(report, "github") == ""


def test_annotations_capped_per_type_with_the_rest_as_log_lines() -> None:
    report = make_report()
    c1, _, c3 = report.claims
    report.claims = []
    for _ in range(40):
        for template in (c1, c3):  # a CC101 warning + contradicted error; CC701 info + no evidence
            claim = template.model_copy(deep=True)
            claim.id = f"C{len(report.claims) + 1}"
            report.claims.append(claim)
    report.warnings = ["first", "second"]
    lines = render(report, "github").splitlines()
    commands = [line.split(" ", 1)[0].split("::")[1] for line in lines if line.startswith("::")]
    assert commands.count("error") == 10
    assert commands.count("warning") == 9 + 1  # 9 findings + the run's warnings
    assert commands.count("notice") == 9 + 1  # 9 findings + the count of what was cut
    assert "::warning title=claimcheck::first%0Asecond" in lines
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 160 - 28
    assert plain[0].startswith("docs/draft one.md:")
    assert lines[-1] == ("::notice title=claimcheck::132 more findings (30 errors, 71 warnings, "
                         "31 notices) are in the log as path:line:col lines, not annotations: "
                         "GitHub shows 10 annotations of each type per step")
