from claimcheck.models import Report
from claimcheck.report import render

from .sample import make_report


def test_json_round_trips_and_keeps_suppressed_flags() -> None:
    text = render(make_report(), "json")
    back = Report.model_validate_json(text)
    assert back == make_report()
    suppressed = [f for c in back.claims for f in c.flags if f.suppressed_by]
    assert [(f.rule, f.suppressed_by) for f in suppressed] == [("CC102", "inline")]
    assert text.startswith("{\n  \"schema_version\"")
