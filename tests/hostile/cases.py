"""Generated hostile inputs for the fuzz suite (tests/hostile/test_fuzz.py) and the long run
(benchmarks/fuzz.py): drafts, each reference format, config files, baselines and ledgers.

Each case is a category, the files to write and the command line; the property checked is the
same everywhere (`check_run`): exit 0, 1 or 2; exit 2 is one line on stderr without
"Traceback" or "internal error"; no file changed except the one named by --output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

# Pieces that have broken parsers: Markdown openers, controls, bidi, odd line breaks, YAML and
# JSON syntax, huge numbers, nesting.
PIECES = ["[", "]", "(", ")", "![", "](", "<!--", "-->", "`", "```", "*", "_", "#", "> ", "- ",
          "|", "\\", "\n", "\r\n", "\r", "\n\n", "\t", "\x00", "\x0c", "\x1b[2J", "\x1b]0;t\x07",
          "\x9b", "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028", "\x85", "\ufffe", "\uffff",
          "All experts agree that ", "The harbour handled 4.2 million containers in 2023. ",
          "\"Quote,\" she said. ", "&a ", "*a ", "!!timestamp ", "{", "}", ": ", "- text: ",
          "\"text\": ", "9" * 50, "1e999", "<!-- claimcheck: ignore -->", "# claimcheck: x",
          "é", "😀", "\ud800"]
text_st = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@dataclass
class Case:
    category: str
    files: dict[str, bytes]
    argv: list[str]
    output: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    category = draw(st.sampled_from(["draft-md", "draft-txt", "ref-txt", "ref-md", "ref-jsonl",
                                     "ref-json", "ref-csv", "ref-yaml", "config", "baseline",
                                     "ledger"]))
    body = draw(text_st)
    files = {"draft.md": b"All experts agree the harbour handled 4.2 million containers.\n"}
    argv = ["check", "draft.md", "--format", draw(st.sampled_from(
        ["json", "table", "text", "junit", "markdown", "github", "sarif"]))]
    encoded = _bytes(body) if draw(st.booleans()) else draw(st.binary(max_size=200))
    if category.startswith("draft"):
        name = "d.md" if category == "draft-md" else "d.txt"
        files[name] = encoded
        argv[1] = name
    elif category.startswith("ref"):
        ext = category.split("-")[1]
        files[f"refs/r.{ext}"] = encoded
        argv += ["--refs", "refs"]
    elif category == "config":
        files[".claimcheck.toml"] = encoded
    elif category == "baseline":
        files["base.json"] = encoded
        argv += ["--baseline", "base.json"]
    else:  # the ledger (claimcheck.ledger): read by every check
        files[".claimcheck/ledger.jsonl"] = encoded
    output = None
    if draw(st.booleans()):
        output = "out.txt"
        argv += ["--output", output]
    return Case(category, files, argv, output)


def write(case: Case, root: Path) -> dict[str, str]:
    """Write the case's files under root; their digests, to tell what changed."""
    for name, data in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return digests(root)


def digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def problems(case: Case, code: int, err: str, before: dict[str, str],
             after: dict[str, str]) -> list[str]:
    """What broke the property, in words (empty: the case held)."""
    found = []
    if code not in (0, 1, 2):
        found.append(f"exit code {code}")
    if "Traceback" in err:
        found.append("traceback")
    if "internal error" in err:
        found.append("internal error: " + err.strip()[:200])
    if code == 2 and err.strip().count("\n") > 0:
        found.append("error of more than one line")
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    changed -= {case.output} if case.output else set()
    changed = {k for k in changed if not k.startswith(".claimcheck-cache")}
    if changed:
        found.append(f"files changed: {sorted(changed)}")
    return found
