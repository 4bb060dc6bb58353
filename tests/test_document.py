"""load_document: errors name the file, offsets never shift, markup is blanked not removed."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimcheck.document import build_document, load_document
from claimcheck.errors import UserError

DRAFTS = Path(__file__).parent.parent / "fixtures" / "drafts"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (b"abc\x00def", "binary"),
    (b"caf\xe9 au lait", "UTF-8"),
])
def test_bad_files_raise_one_line_user_error(tmp_path: Path, content: bytes,
                                             message: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message) as info:
        load_document(str(path))
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        load_document(str(tmp_path / "nope.md"))
    with pytest.raises(UserError, match="folder"):
        load_document(str(tmp_path))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"It rained.\n")))
    doc = load_document("-")
    assert doc.path == "-" and doc.text == "It rained.\n" and not doc.markdown


def test_markdown_by_extension_or_forced(tmp_path: Path) -> None:
    for name, expected in [("a.md", True), ("a.markdown", True), ("a.mdx", True),
                           ("a.txt", False), ("a", False)]:
        path = tmp_path / name
        path.write_text("# Title\n\nText.\n", encoding="utf-8")
        assert load_document(str(path)).markdown is expected
    assert load_document(str(tmp_path / "a.txt"), markdown=True).markdown is True
    assert load_document(str(tmp_path / "a.md"), markdown=False).markdown is False


def test_crlf_and_bom_keep_offsets(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes("\ufeffTitle Line\r\n\r\nFirst fact.\r\nSecond fact.\r\n".encode())
    doc = load_document(str(path))
    assert doc.text.startswith("\ufeffTitle") and "\r\n" in doc.text
    assert len(doc.masked) == len(doc.text)
    assert doc.line_starts == [0, 13, 15, 28, 42]
    start = doc.text.index("Second")
    assert doc.position(start) == (4, 1)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == [
        "Title Line", "First fact.\r\nSecond fact."]


def test_tech_markdown_masks_everything_but_prose() -> None:
    doc = load_document(str(DRAFTS / "tech.md"))
    text, masked = doc.text, doc.masked
    assert len(masked) == len(text)
    for hidden in ["title: Faster", "draft: check the numbers", "pip install quillmark",
                   "quillmark --check", "https://example.org", "import quillmark",
                   "indented code", "Benchmark chart", "img/bench.png", "**", "|---",
                   "Notes"]:
        at = text.index(hidden)
        assert masked[at:at + len(hidden)].strip() == "", hidden
    for shown in ["Quillmark v2.1 parses Markdown", "twice as fast", "release notes",
                  "The tokenizer was rewritten in Rust.", "According to Dr. Lena Hart",
                  "We kept every public API"]:
        at = text.index(shown)
        assert masked[at:at + len(shown)] == shown, shown
    for i, (a, b) in enumerate(zip(text, masked, strict=True)):
        assert b == a or b == " " and a not in "\r\n", i


def test_tech_markdown_blocks() -> None:
    doc = load_document(str(DRAFTS / "tech.md"))
    blocks = [(b.kind, b.level, doc.text[b.start:b.end]) for b in doc.blocks]
    assert blocks[0] == ("heading", 1, "Faster parsing in Quillmark 2.1")
    assert ("heading", 2, "What changed") in blocks
    assert ("list_item", 0, "The tokenizer was rewritten in Rust.") in blocks
    assert ("list_item", 0, "The cache is now *optional*.") in blocks
    assert [b[2] for b in blocks if b[0] == "table_cell"] == [
        "Version", "Time", "Memory", "2.0", "240 ms", "80 MB", "2.1", "120 ms", "48 MB"]
    quotes = [b for b in blocks if b[0] == "blockquote"]
    assert quotes == [("blockquote", 0, "According to Dr. Lena Hart, the new parser is the "
                       "fastest in the U.S. market.")]
    paragraph = next(b for b in blocks if b[2].startswith("Quillmark v2.1"))
    assert paragraph[0] == "paragraph" and paragraph[2].endswith("Python 3.11 or newer.")
    assert not any("import quillmark" in b[2] or "indented code" in b[2] for b in blocks)


def test_plain_text_lines_that_stand_alone() -> None:
    doc = build_document("n.txt", "Talks Fail Again\nby Jane Roe\n© Ann Lee/Getty Images\n"
                         "The talks collapsed on Monday. Both sides\nblamed each other.\n",
                         markdown=False)
    assert [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("line", "Talks Fail Again"), ("line", "by Jane Roe"),
        ("line", "© Ann Lee/Getty Images"),
        ("paragraph", "The talks collapsed on Monday. Both sides\nblamed each other.")]


def test_wrapped_line_starting_with_by_is_not_a_byline() -> None:
    text = "The ministry promised an answer\nby Monday, officials said.\n"
    doc = build_document("w.txt", text, markdown=False)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == [text.strip()]


def test_wrapped_markdown_paragraph_stays_one_block() -> None:
    doc = build_document("w.md", "The release shipped on\nMarch 4, 2025, and it works.\n",
                         markdown=True)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == [
        "The release shipped on\nMarch 4, 2025, and it works."]


def test_markdown_constructs_map_back_to_file_offsets() -> None:
    text = ("Setext Title\n============\n\n"
            "> Quoted line one\n> continues *here* with `code` and <span>html</span>.\n\n"
            "1. First item\n   - nested item with snake_case_name and _emph_ text\n"
            "2. Second item <https://example.com> ends.\n\n"
            "| A \\| B | C |\n|---|---|\n| x | y |\n\n"
            "[ref]: https://example.com/ref\n"
            "See [the docs][ref] and ![img](a.png) now.<!-- hidden -->\n## Heading ##\n")
    doc = build_document("x.md", text, markdown=True)
    got = [(b.kind, b.level, doc.masked[b.start:b.end]) for b in doc.blocks]
    assert got == [
        ("heading", 1, "Setext Title"),
        ("blockquote", 0, "Quoted line one\n  continues  here  with        and       html       ."),
        ("list_item", 0, "First item"),
        ("list_item", 0, "nested item with snake_case_name and  emph  text"),
        ("list_item", 0, "Second item                       ends."),
        ("table_cell", 0, "A  | B"), ("table_cell", 0, "C"),
        ("table_cell", 0, "x"), ("table_cell", 0, "y"),
        ("paragraph", 0, "See  the docs       and               now."),
        ("heading", 2, "Heading"),
    ]
    assert "https://example.com/ref" not in doc.masked and "====" not in doc.masked


def test_markdown_with_crlf_and_front_matter() -> None:
    text = "---\r\ntitle: x\r\n---\r\n# Head 😀\r\n\r\nThe café opened in 2020.\r\n"
    doc = build_document("x.md", text, markdown=True)
    assert [(b.kind, text[b.start:b.end]) for b in doc.blocks] == [
        ("heading", "Head 😀"), ("paragraph", "The café opened in 2020.")]
    assert doc.position(text.index("The café")) == (6, 1)
    assert "title" not in doc.masked


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_toml_front_matter_is_blanked_like_yaml(newline: str) -> None:
    # Hugo/Zola front matter: it was read as one paragraph, its title line a claim
    text = newline.join(["+++", 'title = "Rates rose 40% in 2020"', "draft = false", "+++  ", "",
                         "# Head", "", "The café opened in 2020.", ""])
    doc = build_document("x.md", text, markdown=True)
    assert [(b.kind, text[b.start:b.end]) for b in doc.blocks] == [
        ("heading", "Head"), ("paragraph", "The café opened in 2020.")]
    assert "title" not in doc.masked and "+++" not in doc.masked
    assert len(doc.masked) == len(text)


@pytest.mark.parametrize("text", [
    "+++\ntitle = 1\n\nRates rose in 2020.\n",      # never closed: ordinary text
    "Intro.\n\n+++\ntitle = 1\n+++\n",              # not at the top
    "> +++\n> a = 1\n> +++\n",                       # inside a quote
    " +++\na = 1\n+++\n",                            # indented marker
    "++++\na = 1\n++++\n",                           # not the marker
])
def test_plus_lines_that_are_not_front_matter_stay_text(text: str) -> None:
    doc = build_document("x.md", text, markdown=True)
    assert "1" in doc.masked


def test_plain_text_directives_are_not_prose() -> None:
    text = ("The council approved the plan.\n"
            "# claimcheck: ignore-next-line CC101\n"
            "All residents oppose it. # claimcheck: ignore\n"
            "<!-- claimcheck: disable CC402 -->\n"
            "Prices rose.\n")
    doc = build_document("d.txt", text, markdown=False)
    assert len(doc.masked) == len(text)
    assert "claimcheck" not in doc.masked
    prose = [doc.masked[b.start:b.end].strip() for b in doc.blocks]
    assert prose == ["The council approved the plan.", "All residents oppose it.", "Prices rose."]
    # "#" that is not a directive stays prose
    other = build_document("e.txt", "We ranked #1 in the claimcheck: survey.\n", markdown=False)
    assert other.masked == other.text


def test_markdown_code_regions_are_recorded_but_never_serialised() -> None:
    text = ("Run `make` first.\n\n    indented code\n\n- item\n\n  ```\n  fenced\n  ```\n\n"
            "Plain words.\n")
    doc = build_document("d.md", text, True)
    shown = sorted(text[a:b] for a, b in doc.code)
    assert shown == ["    indented code\n", "  ```\n  fenced\n  ```\n", "`make`"]
    assert "code" not in json.loads(doc.model_dump_json())
    assert build_document("d.txt", text, False).code == []


def test_lines_that_are_not_hard_wrapped_are_one_unit_each() -> None:
    """One claim per line, no final full stops, widths that stop wherever the claim ends: each
    line is its own unit (a wrapping editor would have filled the short lines further)."""
    text = ("Tetris has sold more than 100 million copies\n"
            "The film grossed $21 million worldwide\n"
            "Sea levels rose 20 cm over the twentieth century and are rising faster now\n"
            "Arctic sea ice reached a record low in 2012\n")
    doc = build_document("claims.txt", text, markdown=False)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == text.strip().split("\n")


def test_hard_wrapped_prose_of_many_lines_stays_one_paragraph() -> None:
    text = ("The ministry promised an answer by Monday, and officials said the talks would\n"
            "resume once both delegations had returned from consultations in their capitals,\n"
            "though neither side would say what had changed since the previous round ended\n"
            "without an agreement on the sequence of the exchanges or the withdrawal.\n")
    doc = build_document("prose.txt", text, markdown=False)
    assert [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("paragraph", text.strip())]


def test_a_line_list_ending_mid_phrase_joins_the_next_line() -> None:
    text = ("The council accepted the proposal\n"
            "Food prices in the valley rose by 12 percent over the month, according to the\n"
            "council\n"
            "Envoys from Oman delivered it\n")
    doc = build_document("claims.txt", text, markdown=False)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == [
        "The council accepted the proposal",
        "Food prices in the valley rose by 12 percent over the month, according to the\n"
        "council",
        "Envoys from Oman delivered it"]
