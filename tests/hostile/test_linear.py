"""Drafts that made the draft side super-linear: unclosed openers, giant paragraphs, CRLF.

No timing here (benchmarks/scaling.py measures): these inputs did not finish in minutes on
the old code, so a run that completes at all is the check, and the results are pinned."""

from __future__ import annotations

import pytest

from claimcheck.config import Config
from claimcheck.document import build_document, html_directives
from claimcheck.pipeline import run
from claimcheck.rules.sources import paragraph_span


@pytest.mark.parametrize("mark", ["[", "](", "![", "<!--", "`` ", "<http:", "![a](", "](<"])
def test_unclosed_openers_on_one_line(mark: str) -> None:
    text = "Start " + mark * (100_000 // len(mark)) + " end.\n"
    doc = build_document("x.md", text, markdown=True)
    assert len(doc.masked) == len(text)


def test_links_and_code_are_still_masked() -> None:
    text = "See [the report](https://ex.org/a_(b)) and `code` and <!-- note --> here.\n"
    masked = build_document("x.md", text, markdown=True).masked
    assert masked.split() == ["See", "the", "report", "and", "and", "here."]


def test_html_directives_are_found_once_and_unclosed_ones_ignored() -> None:
    text = "<!-- claimcheck: ignore-->a <!-- claimcheck: disable CC101 --> <!-- claimcheck: x"
    found = [(verb, args.strip()) for _, _, verb, args in html_directives(text)]
    assert found == [("ignore", ""), ("disable", "CC101")]


def test_paragraph_span_knows_crlf_cr_and_blank_lines_with_spaces() -> None:
    for gap in ("\n\n", "\r\n\r\n", "\r\r", "\n \t\n"):
        text = f"One.{gap}Two three.{gap}Four."
        start = text.index("Two")
        assert text[slice(*paragraph_span(text, start, start + 3))] == "Two three."


def test_crlf_drafts_get_the_same_findings_as_lf(tmp_path: pytest.TempPathFactory) -> None:
    text = "A dog bit me in the park yesterday.\n\nDogs are dangerous.\n"
    found = []
    for name, newline in (("lf.txt", "\n"), ("crlf.txt", "\r\n"), ("cr.txt", "\r")):
        path = tmp_path / name  # type: ignore[operator]
        path.write_bytes(text.replace("\n", newline).encode())
        report = run([str(path)], Config())
        found.append([(c.text.strip(), [f.rule for f in c.flags]) for c in report.claims])
    assert found[0] == found[1] == found[2]
    assert found[0][1][1] == ["CC402"]


def test_a_giant_hard_wrapped_paragraph_completes(tmp_path: pytest.TempPathFactory) -> None:
    line = "Most analysts say the harbour handled more containers than ever before.\n"
    path = tmp_path / "big.txt"  # type: ignore[operator]
    path.write_text(line * 3000)
    assert len(run([str(path)], Config()).claims) == 3000


@pytest.mark.parametrize("mark", ["> ", "- ", "1. "])
def test_markdown_nested_deep_is_read_or_refused_never_dropped(mark: str) -> None:
    text = mark * 25 + "All experts agree the harbour is big.\n"
    doc = build_document("x.md", text, markdown=True)
    assert "All experts agree" in doc.masked[doc.blocks[0].start:doc.blocks[0].end]
    from claimcheck.errors import UserError

    with pytest.raises(UserError, match="x.md:1: Markdown nested too deeply"):
        build_document("x.md", mark * 1200 + "Deep.\n", markdown=True)
