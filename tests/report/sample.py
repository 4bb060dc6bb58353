"""A hand-made Report (no splitter, no checker) that exercises every reporter edge case."""

from __future__ import annotations

from bisect import bisect_right

from claimcheck.models import Claim, Evidence, Flag, Report, Summary, Verdict

PATH = "docs/draft one.md"
TEXT = (
    "# Budget\n"
    "\n"
    "All experts agree the | tax [bold]works[/bold].\n"
    "Revenue rose 5% in 2023, said \"Ann, the: minister\".\n"
    "Evil \x1b[31mred\x1b[0m text <b>&amp;</b> everyone knows.\n"
)
LINE_STARTS = [0] + [i + 1 for i, ch in enumerate(TEXT) if ch == "\n"][:-1]


def pos(offset: int) -> tuple[int, int]:
    line = bisect_right(LINE_STARTS, offset)
    return line, offset - LINE_STARTS[line - 1] + 1


def claim(number: int, text: str, **extra: object) -> Claim:
    start = TEXT.index(text)
    line, column = pos(start)
    return Claim(id=f"C{number}", file=PATH, text=text, start=start, end=start + len(text),
                 line=line, column=column, sentence_index=number - 1, sentence_start=start,
                 sentence_end=start + len(text), kind="factual", checkable=True,
                 **extra)  # type: ignore[arg-type]


def flag(rule: str, name: str, cue: str, *, severity: str = "warning", after: int = 0,
         suppressed_by: str | None = None) -> Flag:
    start = TEXT.index(cue, after)
    line, column = pos(start)
    return Flag(rule=rule, name=name, family="sweeping", severity=severity,  # type: ignore[arg-type]
                message=f"'{cue}' overreaches", hint="Say who, or how many.", cue=cue,
                start=start, end=start + len(cue), line=line, column=column,
                suppressed_by=suppressed_by)


def make_report() -> Report:
    c1 = claim(1, "All experts agree the | tax [bold]works[/bold].")
    c1.flags = [
        flag("CC102", "bare-generic", "experts", suppressed_by="inline"),
        flag("CC101", "sweeping-quantifier", "All"),
    ]
    c1.verdict = Verdict(label="contradicted", score=0.81, reason="the source says it failed",
                         evidence=[Evidence(ref_id="R1", source="refs/budget.txt",
                                            text="Officials said the tax works poorly overall.",
                                            start=19, end=28, score=0.81)])
    c2 = claim(2, "Revenue rose 5% in 2023, said \"Ann, the: minister\".")
    c2.verdict = Verdict(label="supported", score=0.93, reason="numbers match",
                         evidence=[Evidence(ref_id="R2", source="refs/budget.txt",
                                            text="Revenue rose 5% in 2023.", start=0, end=24,
                                            score=0.93)])
    c3 = claim(3, "Evil \x1b[31mred\x1b[0m text <b>&amp;</b> everyone knows.")
    c3.flags = [flag("CC701", "hedge-speculation", "everyone knows", severity="info")]
    c3.verdict = Verdict(label="no_evidence", score=0.1, reason="nothing close")
    report = Report(version="0.1.0", files=[PATH], claims=[c1, c2, c3],
                    warnings=["refs/x.txt: empty \x1b[2J reference"])
    report.summary = Summary(files=1, claims=3, checkable=3,
                             verdicts={"contradicted": 1, "no_evidence": 1, "supported": 1},
                             flags={"info": 1, "warning": 1}, suppressed=1, failed=True)
    return report
