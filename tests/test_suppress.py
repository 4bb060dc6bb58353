"""Inline directives, on hand-made documents and flags (no splitter needed)."""

from __future__ import annotations

import pytest

from claimcheck.document import build_document
from claimcheck.errors import UserError
from claimcheck.models import Claim, Document, Flag, Verdict
from claimcheck.suppress import apply_suppressions, parse_directives


def _doc(text: str, markdown: bool = True) -> Document:
    """Through the real loader: what counts as code is the Markdown parser's call."""
    return build_document("d.md", text, markdown)


def _claims(doc: Document, sentence: str, *cues: tuple[str, str, str]) -> list[Claim]:
    """One claim per occurrence of `sentence`, each with a flag per (rule, name, cue) and a
    contradicted verdict."""
    out: list[Claim] = []
    start = doc.text.find(sentence)
    while start >= 0:
        line, column = doc.position(start)
        flags = []
        for rule, name, cue in cues:
            at = doc.text.index(cue, start)
            fl, fc = doc.position(at)
            flags.append(Flag(rule=rule, name=name, family="sweeping", severity="warning",
                              message="m", hint="h", cue=cue, start=at, end=at + len(cue),
                              line=fl, column=fc))
        out.append(Claim(id=f"C{len(out) + 1}", file=doc.path, text=sentence, start=start,
                         end=start + len(sentence), line=line, column=column, sentence_index=0,
                         sentence_start=start, sentence_end=start + len(sentence),
                         kind="factual", checkable=True, flags=flags,
                         verdict=Verdict(label="contradicted", score=0.9, reason="r")))
        start = doc.text.find(sentence, start + 1)
    return out


CUES = (("CC101", "sweeping-quantifier", "All"), ("CC102", "bare-generic", "experts"))
S = "All experts agree."


def _state(claims: list[Claim]) -> list[tuple[str | None, ...]]:
    return [tuple(f.suppressed_by for f in c.flags)
            + (c.verdict.suppressed_by if c.verdict else None,) for c in claims]


def test_no_directive_changes_nothing() -> None:
    doc = _doc(f"{S}\n")
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [(None, None, None)]


def test_same_line_ignore_all_and_by_rule() -> None:
    doc = _doc(f"{S} <!-- claimcheck: ignore -->\n{S} <!-- claimcheck: ignore CC101 -->\n"
               f"{S} <!-- claimcheck: ignore bare-generic, verdict -->\n{S}\n")
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [
        ("inline", "inline", "inline"),
        ("inline", None, None),
        (None, "inline", "inline"),
        (None, None, None),
    ]


def test_ignore_next_line_only_touches_the_next_line() -> None:
    doc = _doc(f"<!-- claimcheck: ignore-next-line verdict/contradicted -->\n{S}\n{S}\n")
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [(None, None, "inline"), (None, None, None)]


def test_disable_enable_block() -> None:
    doc = _doc(f"{S}\n<!-- claimcheck: disable -->\n{S}\n<!-- claimcheck: enable CC102 -->\n"
               f"{S}\n<!-- claimcheck: enable -->\n{S}\n<!-- claimcheck: disable CC101 -->\n"
               f"{S}\n")
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [
        (None, None, None),
        ("inline", "inline", "inline"),
        ("inline", None, "inline"),  # CC102 re-enabled inside a disable-all block
        (None, None, None),
        ("inline", None, None),  # disabled to the end of the file
    ]


def test_ignore_file_anywhere() -> None:
    doc = _doc(f"{S}\n{S}\n<!-- claimcheck: ignore-file sweeping-quantifier -->\n")
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [("inline", None, None), ("inline", None, None)]


def test_plain_text_hash_and_bare_forms() -> None:
    doc = _doc(f"# claimcheck: ignore-next-line CC101\n{S}\n{S}  # claimcheck: ignore CC102\n"
               f"claimcheck: ignore-next-line verdict\n{S}\n", markdown=False)
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [("inline", None, None), (None, "inline", None),
                              (None, None, "inline")]


def test_hash_form_is_not_a_directive_in_markdown() -> None:
    doc = _doc(f"# claimcheck: ignore-next-line\n{S}\n")
    assert parse_directives(doc) == []


def test_prose_mentioning_claimcheck_is_not_a_directive() -> None:
    doc = _doc("claimcheck: a tool that checks claims.\n", markdown=False)
    assert parse_directives(doc) == []


def test_already_baselined_findings_are_left_alone() -> None:
    doc = _doc(f"{S} <!-- claimcheck: ignore -->\n")
    claims = _claims(doc, S, *CUES)
    claims[0].flags[0].suppressed_by = "baseline"
    apply_suppressions(doc, claims)
    assert _state(claims) == [("baseline", "inline", "inline")]


@pytest.mark.parametrize(("text", "message"), [
    ("<!-- claimcheck: ignore CC999 -->\n", "d.md:1: unknown rule 'cc999'"),
    ("x\n<!-- claimcheck: silence -->\n", "d.md:2: unknown claimcheck directive 'silence'"),
])
def test_typos_are_errors(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_directives(_doc(text))


def test_directives_shown_as_code_in_markdown_are_inert() -> None:
    doc = _doc("Use `<!-- claimcheck: ignore -->` like this.\n\n```md\n"
               "<!-- claimcheck: ignore-file -->\n```\n<!-- claimcheck: ignore CC101 -->\n")
    assert [(d.verb, d.line) for d in parse_directives(doc)] == [("ignore", 6)]


def test_error_messages_do_not_echo_control_characters() -> None:
    with pytest.raises(UserError) as caught:
        parse_directives(_doc("<!-- claimcheck: ignore \x1b[2J -->\n"))
    assert "\x1b" not in str(caught.value) and "?[2j" in str(caught.value)


def test_directive_in_an_indented_code_block_is_inert() -> None:
    doc = _doc(f"{S}\n\n    <!-- claimcheck: ignore-file -->\n\n{S}\n")
    assert parse_directives(doc) == []
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [(None, None, None), (None, None, None)]


def test_directive_in_a_fenced_block_inside_a_list_item_is_inert() -> None:
    # The fence is indented under the item, so only a real Markdown parser sees it as code.
    doc = _doc("- Example:\n\n      ```md\n      <!-- claimcheck: ignore-file -->\n"
               f"      ```\n\n{S}\n")
    assert parse_directives(doc) == []


def test_directive_in_a_list_item_code_span_is_inert_but_prose_one_is_live() -> None:
    doc = _doc("- Write `<!-- claimcheck: disable -->` to pause.\n\n"
               f"{S} <!-- claimcheck: ignore CC102 -->\n")
    assert [(d.verb, d.line) for d in parse_directives(doc)] == [("ignore", 3)]
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [(None, "inline", None)]


def test_an_indented_directive_in_plain_text_is_live() -> None:
    # Plain text has no code blocks: indentation means nothing there.
    doc = _doc(f"    <!-- claimcheck: ignore-next-line -->\n{S}\n", markdown=False)
    claims = _claims(doc, S, *CUES)
    apply_suppressions(doc, claims)
    assert _state(claims) == [("inline", "inline", "inline")]
