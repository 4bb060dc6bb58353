from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck.config import Config
from claimcheck.errors import UserError
from claimcheck.references import load_references

GOOD = "fixtures/refs/formats/good"


def load(*specs: str, **config: object) -> tuple[list, list[str]]:
    warnings: list[str] = []
    return load_references(list(specs), Config.model_validate(config), warnings), warnings


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch, fixtures: Path) -> None:
    monkeypatch.chdir(fixtures.parents[2])  # ids hold paths as written, relative to here


def test_text_paragraphs_are_snippets_with_path_ids() -> None:
    snippets, warnings = load(f"{GOOD}/notes.txt")
    assert [s.id for s in snippets] == [f"{GOOD}/notes.txt#p{i}" for i in (1, 2, 3)]
    assert snippets[0].text == ("The harbour handled 4.2 million containers in 2023, "
                                "up 3% from the year before.")
    assert snippets[2].text == "Unemployment in the region fell to 3.5% in May."
    assert {s.source for s in snippets} == {f"{GOOD}/notes.txt"}
    assert warnings == []


def test_markdown_skips_front_matter_headings_code_and_comments() -> None:
    snippets, _ = load(f"{GOOD}/article.md")
    assert [s.text for s in snippets] == [
        "The harbour handled 4.2 million containers in 2023, according to the port authority.",
        "Mayor Jane Doe said the port fees will not rise this year.",
        "Exports to Norway grew by 12% in 2023.",
        "Year: 2022; Containers: 4.1 million",
        "Year: 2023; Containers: 4.2 million",
    ]
    assert snippets[1].id == f"{GOOD}/article.md#p2"


def test_markdown_reference_skips_toml_front_matter(tmp_path: Path) -> None:
    page = tmp_path / "post.md"
    page.write_text('+++\ntitle = "Exports fell 9%"\n+++\n\n'
                    "Exports to Norway grew by 12% in 2023.\n")
    snippets, _ = load(str(page))
    assert [s.text for s in snippets] == ["Exports to Norway grew by 12% in 2023."]


def test_jsonl_records_keep_given_fields_and_extra() -> None:
    snippets, _ = load(f"{GOOD}/records.jsonl")
    first, second = snippets
    assert first.id == "port-1"
    assert first.source == "Port annual report"
    assert first.url == "https://example.org/port"
    assert first.date == "2024-01-15"
    assert first.extra == {"page": 4}
    # no id given: file and line (the blank line 2 is skipped, not counted away)
    assert second.id == f"{GOOD}/records.jsonl:3"
    assert second.source == f"{GOOD}/records.jsonl"
    assert second.url is None


def test_json_list_and_wrapped_object() -> None:
    listed, _ = load(f"{GOOD}/list.json")
    assert [s.id for s in listed] == ["7", f"{GOOD}/list.json#2"]
    assert listed[1].extra == {"tags": ["trade", "norway"]}
    wrapped, _ = load(f"{GOOD}/wrapped.json")
    assert [(s.id, s.text) for s in wrapped] == [
        ("w1", "The ferry service carried 1,200 passengers a day.")]


def test_csv_rows_empty_cells_are_missing_and_multiline_fields_ok() -> None:
    snippets, _ = load(f"{GOOD}/table.csv")
    assert snippets[0].id == "csv-1"
    assert snippets[0].extra == {"desk": "economy"}
    assert snippets[1].id == f"{GOOD}/table.csv:3"
    assert snippets[1].text == "A quoted field\nover two lines."
    assert snippets[1].source == f"{GOOD}/table.csv"
    assert snippets[1].date is None


def test_yaml_records_under_a_key_with_dates_as_strings() -> None:
    snippets, _ = load(f"{GOOD}/records.yaml")
    assert snippets[0].id == "y1"
    assert snippets[0].date == "2024-01-15"
    assert snippets[0].extra == {"reviewed": True}
    assert snippets[1].id == f"{GOOD}/records.yaml:7"


def test_folder_is_recursive_sorted_and_skips_unknown_and_hidden(tmp_path: Path) -> None:
    root = tmp_path / "refs"
    shutil.copytree(GOOD, root / "b")
    (root / "a.txt").write_text("First file.\n", encoding="utf-8")
    (root / "ignored.rtf").write_text("Not a reference.\n", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("Hidden.\n", encoding="utf-8")
    snippets, _ = load(str(root))
    sources = list(dict.fromkeys(s.id.rsplit("#", 1)[0].rsplit(":", 1)[0] for s in snippets
                                 if s.id.startswith(root.as_posix())))
    base = root.as_posix()
    assert sources[:3] == [f"{base}/a.txt", f"{base}/b/article.md", f"{base}/b/list.json"]
    assert all(".hidden" not in s.id and "ignored" not in s.source for s in snippets)
    assert len(snippets) == 18  # 1 + the 17 snippets of the good fixtures


def test_same_file_twice_is_loaded_once() -> None:
    once, _ = load(GOOD)
    twice, _ = load(GOOD, f"{GOOD}/notes.txt")
    assert [s.id for s in once] == [s.id for s in twice]


def test_empty_folder_and_file_fail_unless_refs_are_optional(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "blank.md").write_text("# Only a heading\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"empty: no reference files found .*\(and 1 more "
                                        r"reference problem\); fix the references"):
        load(str(tmp_path / "empty"), str(tmp_path / "blank.md"))
    with pytest.raises(UserError, match="blank.md: no reference snippets in this file; fix"):
        load(str(tmp_path / "blank.md"))
    snippets, warnings = load(str(tmp_path / "empty"), str(tmp_path / "blank.md"),
                              refs_optional=True)
    assert snippets == []
    assert len(warnings) == 2
    assert "no reference files found" in warnings[0]
    assert "blank.md: no reference snippets" in warnings[1]


BAD = "fixtures/refs/formats/bad"


@pytest.mark.parametrize(("name", "message"), [
    ("bad_line.jsonl", "bad_line.jsonl:2: invalid JSON: Expecting property name"),
    ("no_text.jsonl", "no_text.jsonl:3: record has no 'text'"),
    ("bad_syntax.json", "bad_syntax.json:3: invalid JSON: Expecting ',' delimiter"),
    ("text_not_string.json", "text_not_string.json record 2: 'text' must be a string"),
    ("wrong_shape.json", "wrong_shape.json: expected a list of records"),
    ("bad_header.csv", "bad_header.csv:1: CSV header has no 'text' column (found: id, body"),
    ("extra_fields.csv", "extra_fields.csv:3: row has more fields than the header"),
    ("bad.yaml", "bad.yaml:5: invalid YAML"),
    ("no_text.yaml", "no_text.yaml:2: record has no 'text'"),
    ("latin1.txt", "latin1.txt:1: not valid UTF-8 (byte 0xe9)"),
    ("notes.rtf", "notes.rtf: unknown reference format '.rtf'"),
])
def test_malformed_files_are_one_line_user_errors(name: str, message: str) -> None:
    with pytest.raises(UserError) as err:
        load(f"{BAD}/{name}")
    text = str(err.value)
    assert text.startswith(f"{BAD}/")
    assert message in text
    assert "\n" not in text


def test_missing_path() -> None:
    with pytest.raises(UserError, match=r"^nowhere/refs\.md: reference file or folder not found$"):
        load("nowhere/refs.md")


def test_duplicate_ids_name_both_places() -> None:
    with pytest.raises(UserError) as err:
        load("fixtures/refs/formats/dup")
    assert str(err.value) == ("duplicate reference id 'same': fixtures/refs/formats/dup/a.jsonl:1 "
                              "and fixtures/refs/formats/dup/b.csv:2")


def test_duplicate_header_and_bad_field_types(tmp_path: Path) -> None:
    doubled = tmp_path / "d.csv"
    doubled.write_text("text,id,text\na,b,c\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"d\.csv:1: CSV header repeats column 'text'"):
        load(str(doubled))
    nested = tmp_path / "n.jsonl"
    nested.write_text('{"text": "x", "source": {"name": "y"}}\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"n\.jsonl:1: 'source' must be a string, not dict"):
        load(str(nested))
    empty = tmp_path / "e.jsonl"
    empty.write_text('{"text": "   "}\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"e\.jsonl:1: record has an empty 'text'"):
        load(str(empty))


def test_ids_are_stable_across_loads() -> None:
    first, _ = load(GOOD)
    second, _ = load(GOOD)
    assert [(s.id, s.text) for s in first] == [(s.id, s.text) for s in second]
