"""Claims and snippets for checker tests, built without the splitter or the reference loader
(both written elsewhere), so these tests exercise the checker alone."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from claimcheck.models import Claim, Flag, Snippet

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NEWS = FIXTURES / "refs" / "news"
# The draft lives outside the reference folder, so "--refs fixtures/refs/news/" never loads it.
DRAFT = FIXTURES / "check" / "news_draft.md"


def news_snippets() -> list[Snippet]:
    """council.md as one snippet per paragraph, wire.jsonl per row, transcript.csv per row."""
    snippets: list[Snippet] = []
    md = (NEWS / "council.md").read_text(encoding="utf-8")
    for n, para in enumerate(p for p in md.split("\n\n") if not p.startswith("#")):
        snippets.append(Snippet(id=f"council-{n}", text=para.replace("\n", " "),
                                source="council.md"))
    for line in (NEWS / "wire.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        snippets.append(Snippet(id=row["id"], text=row["text"], source="wire.jsonl",
                                url=row["url"], date=row["date"]))
    with (NEWS / "transcript.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            snippets.append(Snippet(id=row["id"], text=row["text"], source=row["source"],
                                    url=row["url"] or None))
    return snippets


def claim(text: str, kind: str = "factual", start: int = 0, flags: list[Flag] | None = None
          ) -> Claim:
    checkable = kind in ("factual", "quote", "attributed")
    return Claim(id="C1", file="draft.md", text=text, start=start, end=start + len(text),
                 line=1, column=1, sentence_index=0, sentence_start=start,
                 sentence_end=start + len(text), kind=kind,  # type: ignore[arg-type]
                 checkable=checkable, flags=flags or [])


def news_claims() -> list[Claim]:
    """One claim per non-heading line of the draft; quotes and questions get their kind."""
    text = DRAFT.read_text(encoding="utf-8")
    claims = []
    for m in re.finditer(r"^(?!#)(\S.*)$", text, re.MULTILINE):
        line = m.group(1)
        kind = "quote" if line.startswith('"') else "question" if line.endswith("?") else "factual"
        claims.append(claim(line, kind, start=m.start(1)))
    for number, c in enumerate(claims, start=1):
        c.id = f"C{number}"
    return claims


def flag(cue: str = "Every") -> Flag:
    return Flag(rule="CC101", name="sweeping-quantifier", family="sweeping", severity="warning",
                message="sweeping", hint="narrow it", cue=cue, start=0, end=len(cue), line=1,
                column=1)
