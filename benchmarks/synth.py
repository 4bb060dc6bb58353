"""Seeded, reproducible synthetic drafts and reference sets for the benchmarks.

Real drafts are small and few; to see how claimcheck scales we need Markdown of any size that
looks like news or technical writing (headings, paragraphs, quotes with speakers, numbers, dates,
names, lists, code blocks, generalizations) and reference sets of any count that partly support
and partly contradict the draft's claims. Everything comes from a seed and the word lists in
`benchmarks/data/`, so the same arguments always give byte-identical output, offline.

Facts are a stream: fact `i` depends only on (seed, i). A draft uses the stream from the start,
so a small draft is built from a prefix of the facts of a large one, and one reference set made
for the largest draft partly supports every smaller draft too.

    python benchmarks/synth.py draft 1MB out.md --seed 7
    python benchmarks/synth.py refs 100000 out.jsonl --facts 5000 --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claimcheck.atomic import replace_atomically

DATA = Path(__file__).with_name("data")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve")
# How a reference snippet relates to the facts, and how often (the rest are distractors: facts
# the draft never states, in the same vocabulary, so retrieval has to tell them apart).
RELATIONS = (("supports", 0.14), ("contradicts", 0.06), ("quote", 0.03), ("misquote", 0.02))


@cache
def words(name: str) -> tuple[str, ...]:
    """One word list from `benchmarks/data/<name>.txt`, one entry per line."""
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class Fact:
    """One checkable statement; the draft and the references render it in different words."""

    index: int
    org: str
    verb: str
    count: int
    thing: str
    place: str
    day: int
    month: str
    year: int
    person: str
    role: str
    quote: str
    percent: float
    millions: float


# Names are combined from parts, as real ones are varied: thousands of places, organisations
# and things, so retrieval faces a realistic vocabulary rather than a few dozen repeated words.
def _place(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(words("places"))
    return rng.choice(words("place_heads")) + rng.choice(words("place_tails"))


def _organisation(rng: random.Random, place: str) -> str:
    if rng.random() < 0.4:
        return rng.choice(words("organisations"))
    home = place if rng.random() < 0.5 else _place(rng)
    return f"{home} {rng.choice(words('org_kinds'))}"


def _thing(rng: random.Random) -> str:
    thing = rng.choice(words("things"))
    return f"{rng.choice(words('qualifiers'))} {thing}" if rng.random() < 0.5 else thing


def fact(seed: int, index: int) -> Fact:
    """Fact number `index` of the stream for `seed`: a pure function, so prefixes agree."""
    rng = random.Random(f"fact:{seed}:{index}")
    clauses = words("quote_clauses")
    quote = rng.choice(clauses)
    if rng.random() < 0.4:
        quote = f"{quote}, and {rng.choice(clauses)}"
    place = _place(rng)
    return Fact(
        index=index,
        org=_organisation(rng, place),
        verb=rng.choice(words("verbs")),
        count=rng.choice((rng.randint(2, 99), rng.randint(100, 9_999),
                          rng.randint(10_000, 500_000))),
        thing=_thing(rng),
        place=place,
        day=rng.randint(1, 28),
        month=rng.choice(MONTHS),
        year=rng.randint(2015, 2026),
        person=f"{rng.choice(words('first_names'))} {rng.choice(words('last_names'))}",
        role=rng.choice(words("roles")),
        quote=quote[0].upper() + quote[1:],
        percent=round(rng.uniform(0.5, 60.0), 1),
        millions=round(rng.uniform(0.2, 900.0), 1),
    )


def _count(rng: random.Random, n: int) -> str:
    """Numbers written the ways drafts write them: digits with commas, or small number words."""
    if n <= 12 and rng.random() < 0.5:
        return NUMBER_WORDS[n - 2] if 2 <= n <= 10 else str(n)
    return f"{n:,}"


def _date(rng: random.Random, f: Fact) -> str:
    style = rng.random()
    if style < 0.45:
        return f"{f.month} {f.year}"
    if style < 0.8:
        return f"{f.day} {f.month} {f.year}"
    return f"{f.year}-{MONTHS.index(f.month) + 1:02d}-{f.day:02d}"


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _fact_sentence(rng: random.Random, f: Fact) -> str:
    """A draft sentence stating the fact, in one of several news-style shapes."""
    n, when = _count(rng, f.count), _date(rng, f)
    shape = rng.randrange(7)
    if shape == 0:
        return f"{_cap(f.org)} {f.verb} {n} {f.thing} in {f.place} in {when}."
    if shape == 1:
        return f"By {when}, {f.org} had {f.verb} {n} {f.thing} across {f.place}."
    if shape == 2:
        return (f"The number of {f.thing} in {f.place} rose by {f.percent} percent in {f.year}, "
                f"according to {f.org}.")
    if shape == 3:
        return f"{_cap(f.org)} spent ${f.millions} million on {f.thing} in {f.place} in {f.year}."
    if shape == 4:
        return f"{f.person}, the {f.role} of {f.org}, said: “{f.quote}.”"
    if shape == 5:
        return f"“{f.quote},” said {f.person}, {f.role} at {f.org}."
    return f"In {f.place}, {f.org} {f.verb} {n} {f.thing} between {f.year - 1} and {f.year}."


def _generalization(rng: random.Random, f: Fact) -> str:
    template = rng.choice(words("generalizations"))
    return _cap(template.format(thing=f.thing, place=f.place, org=f.org))


class _Draft:
    """Renders Markdown blocks, pulling facts from the stream in order."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(f"draft:{seed}")
        self.facts_used = 0

    def next_fact(self) -> Fact:
        self.facts_used += 1
        return fact(self.seed, self.facts_used - 1)

    def sentence(self) -> str:
        roll = self.rng.random()
        if roll < 0.62:
            return _fact_sentence(self.rng, self.next_fact())
        if roll < 0.8:
            return _generalization(self.rng, fact(self.seed, self.rng.randrange(10**6)))
        if roll < 0.92:
            return _filler(self.rng)
        return self.rng.choice(words("narrative"))

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6))) + "\n\n"

    def heading(self, level: int) -> str:
        f = self.next_fact()
        title = self.rng.choice((f"{f.place}: {f.org} and the {f.thing} question",
                                 f"What {f.year} meant for {f.thing}",
                                 f"{_cap(f.thing)} in {f.place}"))
        return f"{'#' * level} {_cap(title)}\n\n"

    def blockquote(self) -> str:
        f = self.next_fact()
        return f"> “{f.quote}.”\n>\n> — {f.person}, {f.role} at {f.org}\n\n"

    def bullet_list(self) -> str:
        items = []
        for _ in range(self.rng.randint(3, 5)):
            f = self.next_fact()
            items.append(f"- {_cap(f.org)} {f.verb} {_count(self.rng, f.count)} {f.thing} "
                         f"in {f.year}.")
        return "\n".join(items) + "\n\n"

    def code_block(self) -> str:
        # Numbers and names in code are not claims: a good splitter must skip all of this.
        f = self.next_fact()
        slug = re.sub(r"[^a-z]+", "_", f.thing.lower())
        return (f"```python\n{slug} = load_counts(\"{f.place}\", year={f.year})\n"
                f"assert {slug}.total() == {f.count}  # everyone agrees\n```\n\n")

    def table(self) -> str:
        rows = [self.next_fact() for _ in range(3)]
        lines = ["| Place | Year | Count |", "| --- | --- | ---: |"]
        lines += [f"| {r.place} | {r.year} | {r.count:,} |" for r in rows]
        return "\n".join(lines) + "\n\n"

    def blocks(self) -> Iterator[str]:
        yield self.heading(1)
        made = 0
        while True:
            made += 1
            roll = self.rng.random()
            if made % 9 == 0:
                yield self.heading(2 if self.rng.random() < 0.8 else 3)
            elif roll < 0.68:
                yield self.paragraph()
            elif roll < 0.79:
                yield self.blockquote()
            elif roll < 0.9:
                yield self.bullet_list()
            elif roll < 0.96:
                yield self.code_block()
            else:
                yield self.table()


@dataclass(frozen=True)
class SynthDraft:
    text: str
    facts: int  # facts 0..facts-1 of the stream appear in the draft


def make_draft(size: int, seed: int = 0) -> SynthDraft:
    """A Markdown draft of exactly `size` bytes of UTF-8 (at least 64)."""
    if size < 64:
        raise ValueError("a draft needs at least 64 bytes")
    draft = _Draft(seed)
    parts: list[str] = []
    used = 0
    facts = 0
    for block in draft.blocks():
        length = len(block.encode("utf-8"))
        if used + length > size:
            break
        parts.append(block)
        used += length
        facts = draft.facts_used
    parts.append(_padding(size - used))
    return SynthDraft("".join(parts), facts)


def _padding(room: int) -> str:
    """ASCII filler of exactly `room` bytes, so a draft has the size asked for."""
    if room < 4:
        return "\n" * room
    prose = " ".join(words("narrative")) * (room // 200 + 1)
    body = prose[:room - 2].rstrip()
    return body + "." * (room - 1 - len(body)) + "\n"


@dataclass(frozen=True)
class SynthSnippet:
    id: str
    text: str
    source: str
    relation: str  # supports, contradicts, quote, misquote or distractor
    fact: int  # index of the fact it renders

    def record(self) -> dict[str, str]:
        """The JSON object written per line of a `.jsonl` reference file."""
        return {"id": self.id, "text": self.text, "source": self.source}


# Reference sentences vary their framing, as sources written by many hands do; a few fixed
# templates would make their glue words ("figures", "show") common enough to distort retrieval.
_SOURCES = ("According to {org},", "{Org} said", "Figures published by {org} show that",
            "{Org} reported that", "Data from {org} indicate that", "In a statement, {org} said",
            "The annual report of {org} states that", "A spokesperson for {org} confirmed that",
            "Records held by {org} show that", "An audit commissioned by {org} found that")
_COUNTS = ("{n} {thing} were {verb} in {place} {when}",
           "{n} {thing} had been {verb} across {place} by {by}",
           "a total of {n} {thing} were {verb} in {place} {when}",
           "{place} had {n} {thing} {verb} {when}")
_RISES = ("rose", "increased", "grew", "climbed", "went up")


def _support(rng: random.Random, f: Fact, count: int, year: int) -> str:
    org = rng.choice(_SOURCES).format(org=f.org, Org=_cap(f.org))
    if rng.random() < 0.2:
        rise = rng.choice(_RISES)
        body = rng.choice((
            f"spending on {f.thing} in {f.place} reached ${f.millions} million in {year}",
            f"the number of {f.thing} in {f.place} {rise} by {f.percent} percent in {year}"))
    else:
        when = rng.choice((f"in {f.month} {year}", f"on {f.day} {f.month} {year}",
                           f"in {year}"))
        body = rng.choice(_COUNTS).format(n=f"{count:,}", thing=f.thing, verb=f.verb,
                                          place=f.place, when=when, by=f"{f.month} {year}")
    return f"{org} {body}."


def _filler(rng: random.Random) -> str:
    """Context sentences around the facts, composed so no one sentence repeats everywhere."""
    return f"{rng.choice(words('filler_subjects'))} {rng.choice(words('filler_predicates'))}."


def _misquote(rng: random.Random, quote: str) -> str:
    swaps = {"never": "rarely", "biggest": "largest", "already": "mostly", "every": "each",
             "better": "worse", "full": "near", "doubled": "raised", "not": "also"}
    tokens = quote.split()
    for i, token in enumerate(tokens):
        if token.lower() in swaps:
            tokens[i] = swaps[token.lower()]
            return " ".join(tokens)
    del tokens[rng.randrange(1, len(tokens))]  # a dropped word is a misquote too
    return " ".join(tokens)


def _snippet_text(rng: random.Random, relation: str, f: Fact) -> str:
    if relation == "contradicts":
        if rng.random() < 0.7:
            wrong = f.count + max(1, round(f.count * rng.uniform(0.2, 0.9)))
            main = _support(rng, f, wrong, f.year)
        else:
            main = _support(rng, f, f.count, f.year + rng.choice((-2, -1, 1, 2)))
    elif relation in ("quote", "misquote"):
        said = f.quote if relation == "quote" else _misquote(rng, f.quote)
        main = f"{f.person}, {f.role} at {f.org}, told reporters: “{said}.”"
    else:
        main = _support(rng, f, f.count, f.year)
    extra = [_filler(rng) for _ in range(rng.randint(0, 2))]
    return " ".join([main, *extra])


def make_snippets(count: int, facts: int, seed: int = 0) -> list[SynthSnippet]:
    """`count` reference snippets; about a quarter relate to draft facts 0..facts-1."""
    rng = random.Random(f"refs:{seed}")
    out: list[SynthSnippet] = []
    for number in range(1, count + 1):
        roll, relation = rng.random(), "distractor"
        for name, share in RELATIONS:
            if roll < share and facts:
                relation = name
                break
            roll -= share
        # Distractors render facts the draft never uses (indices past `facts`).
        index = rng.randrange(facts) if relation != "distractor" else facts + rng.randrange(10**7)
        f = fact(seed, index)
        text = _snippet_text(rng, relation, f)
        source = f"refs/{re.sub(r'[^a-z]+', '-', f.org.lower()).strip('-')}-{f.year}.md"
        out.append(SynthSnippet(f"S{number:06d}", text, source, relation, index))
    return out


def write_atomic(path: Path, text: str) -> None:
    """Exactly these bytes (no newline translation), atomically."""
    replace_atomically(path, text.encode("utf-8"))


def write_snippets(path: Path, snippets: Sequence[SynthSnippet]) -> None:
    """One JSON object per line: the reference format claimcheck loads from `.jsonl` files."""
    lines = (json.dumps(s.record(), ensure_ascii=False) for s in snippets)
    write_atomic(path, "\n".join(lines) + "\n")


def parse_size(text: str) -> int:
    """`65536`, `64KB`, `1MB` (binary units, as the benchmark table prints them)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*", text.upper())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 65536, 64KB or 1MB)")
    scale = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}[m.group(2)]
    return int(float(m.group(1)) * scale)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="what", required=True)
    d = sub.add_parser("draft", help="write a Markdown draft of a given size")
    d.add_argument("size", type=parse_size)
    d.add_argument("out", type=Path)
    r = sub.add_parser("refs", help="write a JSONL reference set of a given count")
    r.add_argument("count", type=int)
    r.add_argument("out", type=Path)
    r.add_argument("--facts", type=int, required=True,
                   help="how many draft facts the snippets may support or contradict")
    for p in (d, r):
        p.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.what == "draft":
        draft = make_draft(args.size, args.seed)
        write_atomic(args.out, draft.text)
        print(f"{args.out}: {args.size:,} bytes, facts 0..{draft.facts - 1}")
    else:
        write_snippets(args.out, make_snippets(args.count, args.facts, args.seed))
        print(f"{args.out}: {args.count:,} snippets")


if __name__ == "__main__":
    main()
