"""Hostile or unusual reference files: each is read, or refused with one line naming the file
and (where it has one) the line, never an internal error, a hang or a RecursionError."""

from __future__ import annotations

import pytest

from claimcheck.errors import UserError
from claimcheck.references.formats import parse


def _bomb(levels: int = 9) -> str:
    """Each anchor repeats the one before nine times: 9**levels nodes from ~450 bytes."""
    lines = ["- text: the harbour", "  a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels + 1):
        lines.append(f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("fmt", "text", "message"), [
    ("yaml", "- text: a\n- text: a\x0cb\n", "w:2: invalid YAML: control character U+000C"),
    ("yaml", "- &a\n  text: x\n  more: *a\n", "invalid YAML: an alias refers to its own anchor"),
    ("yaml", "- text: x\n  more: &b [1, *b]\n", "w:2: invalid YAML: an alias refers to its own"),
    ("yaml", "- text: x\n  date: !!timestamp 2023-13-45\n",
     "w:2: invalid YAML: bad timestamp value (month must be in 1..12)"),
    ("yaml", "- text: x\n  n: " + "9" * 5000 + "\n", "w:2: invalid YAML: bad int value"),
    ("yaml", "- text: x\n  e: " + "[" * 5000 + "]" * 5000 + "\n",
     "w:2: invalid YAML: nested more than 100 levels deep"),
    ("yaml", _bomb(), "invalid YAML: aliases expand to more than 100,000"),
    ("yaml", '- text: "x\\ud83d"\n', "w:1: string holds an unpaired surrogate \\ud83d"),
    ("json", '[{"text": "x", "n": ' + "9" * 5000 + "}]",
     "w: invalid JSON: Exceeds the limit (4300 digits)"),
    ("json", '[{"text": "x", "n": ' + "[" * 5000 + "]" * 5000 + "}]",
     "w: invalid JSON: nested too deeply"),
    ("json", '[{"text": "x", "n": ' + "[" * 500 + "]" * 500 + "}]",
     "w record 1: nested more than 100 levels deep"),
    ("json", '[{"text": "x\\ud83d"}]', "w record 1: string holds an unpaired surrogate"),
    ("json", '[{"text": "x", "\\udc00": 1}]', "w record 1: string holds an unpaired surrogate"),
    ("jsonl", '{"text": "ok"}\n{"text": "x", "n": ' + "9" * 5000 + "}\n",
     "w:2: invalid JSON: Exceeds the limit"),
    ("jsonl", '{"text": "a\u2028b"}\n{"text": c}\n', "w:2: invalid JSON: Expecting value"),
    ("csv", 'text\nok\n"a\nb"x\n', "w:3: invalid CSV: ',' expected after '\"'"),
])
def test_refused_with_one_line(fmt: str, text: str, message: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(fmt, "w", text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_repeated_records_key_takes_the_last_list_with_its_lines() -> None:
    """YAML keeps the last of repeated keys; the line lookup used the first (IndexError)."""
    found = parse("yaml", "w", "records:\n  - text: a\nrecords:\n  - text: b\n  - text: c\n")
    assert [(x.location, x.snippet.text) for x in found] == [("w:4", "b"), ("w:5", "c")]


def test_anchors_for_shared_values_still_load() -> None:
    found = parse("yaml", "w", "records:\n  - text: a\n    src: &s {n: 1}\n"
                               "  - text: b\n    src: *s\n")
    assert [x.snippet.extra for x in found] == [{"src": {"n": 1}}, {"src": {"n": 1}}]


def test_jsonl_lines_are_cut_at_line_feeds_only() -> None:
    """U+2028, U+2029 and U+0085 are legal raw in JSON strings; str.splitlines cut them."""
    text = '{"text": "a\u2028b"}\r\n{"text": "c\u2029d\x85e"}\n{"text": "f"}\n'
    found = parse("jsonl", "w", text)
    assert [(x.location, x.snippet.text) for x in found] == [
        ("w:1", "a\u2028b"), ("w:2", "c\u2029d\x85e"), ("w:3", "f")]


def test_a_surrogate_pair_escape_is_one_character() -> None:
    assert parse("json", "w", '[{"text": "x\\ud83d\\ude00"}]')[0].snippet.text == "x😀"


def test_a_csv_field_longer_than_the_csv_module_default_is_read() -> None:
    long = "a" * 140_000
    found = parse("csv", "w", f'id,text\nr1,"{long}"\nr2,short\n')
    assert [(x.location, len(x.snippet.text)) for x in found] == [("w:2", 140_000), ("w:3", 5)]
