"""Mutations: the cheapest honest test of a checker.

Evidence sentences of both dev sets (CLIMATE-FEVER: cited Wikipedia prose; VitaminC: Wikipedia
sentences from real revisions) form one reference pool. A sample of them is checked as claims
against that pool, first unedited (each must come out `supported`: the sentence is there word for
word), then with one edit of each type that changes what it says (each must come out
`contradicted`; `misquoted` counts too), then with edits that keep its meaning (each must stay
`supported`). Each type is reported on its own; a type that does not apply to a sentence (no
number to change, no opposite word known) is skipped for it.

Edits that change the meaning:
  number      a count or amount changed (1,250 -> 1,875; 3.5 -> 2.8)
  date        a year, decade, month or weekday changed (1998 -> 2001; March -> July)
  name        a capitalised name replaced by a name from another pool sentence, same length
  opposite    a word replaced by its opposite (rose -> fell), from data/mutation_opposites.txt
  negation    "not" added after the first auxiliary, or an existing negation removed
  quantifier  all/some/every/most/many/always swapped for no/none/few/never
  bound       a bound put before an exact number (75% -> more than 75%), or a bound flipped
              (more than -> less than, at least -> at most)
Edits that keep it:
  synonym     a word replaced by a synonym, from data/mutation_synonyms.txt
  reorder     a fronted phrase ("In 2010, ...") moved to the end of the sentence

The word lists are written for this script, independently of the checker's own data. Sentences
come from the held-out part of both sets (benchmarks/heldout.py) unless --part says otherwise,
so the verdict model, which is trained on mutations of the training part, never saw them.
Seeded and deterministic: the same arguments give the same edits and the same figures.

    python benchmarks/mutations.py [--per-set 300] [--seed 1] [--show 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimcheck.processes import one_native_thread  # noqa: E402

# As the command line does first: no thread pools, so check_all's judges can be forked safely.
one_native_thread()

import heldout  # noqa: E402

HERE = Path(__file__).resolve().parent / "data"
CHANGING = ("number", "date", "name", "opposite", "negation", "quantifier", "bound")
KEEPING = ("synonym", "reorder")
GOALS = {"unedited": 0.97, **{t: 0.95 for t in CHANGING}, **{t: 0.85 for t in KEEPING}}

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_YEAR = re.compile(r"(?<![\w.,$£€-])(1[5-9]\d|2[01]\d)(\d)(s?)(?![\w%]|[.,]\d)")
# a number followed by a word or a percent sign: a count or measure, not "21st" or "6G3"
_NUMBER = re.compile(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?=\s*%|\s+[A-Za-z])")
_APPROX = re.compile(r"(?i)(?:about|around|approximately|roughly|nearly|almost|some|c\.|ca\.|"
                     r"circa|estimated|~)\s*[$£€]?$")
_BOUNDS = {"more than": "less than", "over": "under", "at least": "at most",
           "fewer than": "more than", "less than": "more than", "under": "over",
           "up to": "at least", "at most": "at least", "above": "below", "below": "above",
           "exceeding": "under", "greater than": "less than"}
_BOUND_BEFORE = re.compile(r"(?i)\b(" + "|".join(sorted(_BOUNDS, key=len, reverse=True))
                           + r")\s+[$£€]?$")
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|can|could|will|would|should|may|might|"
                  r"must|does|did|do)\s+(?!not\b|n't\b)(?=[a-z])")
_NEGATED = re.compile(r"\b(is|are|was|were|has|have|had|does|did|do|could|would|should|can|"
                      r"will|must)\s+not\s+|\bnot\s+")
_CONTRACTED = {"isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were",
               "hasn't": "has", "haven't": "have", "hadn't": "had", "doesn't": "does",
               "didn't": "did", "don't": "do", "can't": "can", "couldn't": "could",
               "won't": "will", "wouldn't": "would", "shouldn't": "should"}
_QUANTIFIERS = {"all of": "none of", "some of": "none of", "most of": "few of",
                "many of": "few of", "all": "no", "every": "no", "most": "few", "many": "few",
                "always": "never", "several": "no", "some": "no", "none of": "all of"}
_QUANT = re.compile(r"\b(" + "|".join(sorted(_QUANTIFIERS, key=len, reverse=True)) + r")\b",
                    re.I)
_FRONTED = re.compile(r"^((?:In|On|At|During|After|Before|Since|By|Following|According to|"
                      r"As of|From|Under|Despite|With|Within|Throughout|Over|Until|For)\b"
                      r"[^,]{2,60}),\s+(.+?)([.!?])$")
_NAME_RUN = re.compile(r"(?<![\w'])[A-Z][a-z]+(?:[-'][A-Za-z]+)?(?:\s+[A-Z][a-z]+)*")
_NOT_NAMES = frozenset(
    "The A An In On At Of For From By With This That These Those It Its He She They We His Her "
    "Their Our After Before During Since Although However But And Or As If When While Because "
    "According Despite Following Also There Here Some Many Most All Each Every One Two Three "
    "Other Such Both Several Later Then Today".split()) | frozenset(_MONTHS + _WEEKDAYS)


@dataclass(frozen=True)
class Case:
    kind: str  # "unedited", one of CHANGING or KEEPING
    source: str  # the pool sentence it was made from
    claim: str
    dataset: str


def word_pairs(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b = line.split(None, 1)
            out.setdefault(a, b.strip())
    return out


def _case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _in_date(text: str, start: int, end: int) -> bool:
    """A number right next to a month name is a day of the month, not a quantity."""
    around = text[max(0, start - 12):end + 12]
    return any(m in around for m in _MONTHS)


def quantities(text: str) -> list[re.Match[str]]:
    """Numbers that count or measure something: not years, days of a month, the second end of
    a range ("50-100") or part of a name or formula ("Category 5", "CO 2")."""
    out = []
    for m in _NUMBER.finditer(text):
        before = text[:m.start()].rstrip()
        last = before.split()[-1] if before.split() else ""
        if (_YEAR.fullmatch(m.group()) or _in_date(text, m.start(), m.end())
                or before.endswith(("-", "–", "—", "/")) or last[:1].isupper()):
            continue
        out.append(m)
    return out


def edit_number(text: str, rng: random.Random) -> str | None:
    found = quantities(text)
    if not found:
        return None
    m = rng.choice(found)
    whole, frac = m.group(1), m.group(2) or ""
    value = float(whole.replace(",", "") + frac)
    for _ in range(10):
        factor = rng.choice((0.5, 0.6, 0.75, 1.25, 1.5, 2.0, 3.0))
        new = value * factor
        if frac:
            new_text = f"{new:.{len(frac) - 1}f}"
        else:
            n = int(round(new)) if value >= 10 else rng.choice([k for k in range(1, 13)
                                                                  if k != int(value)])
            new_text = f"{n:,}" if "," in whole else str(n)
        if float(new_text.replace(",", "")) != value:
            return _replace(text, m.start(), m.end(), new_text)
    return None


def edit_date(text: str, rng: random.Random) -> str | None:
    years = list(_YEAR.finditer(text))
    months = [m for m in re.finditer(r"\b(" + "|".join(_MONTHS) + r")\b", text)]
    days = [m for m in re.finditer(r"\b(" + "|".join(_WEEKDAYS) + r")\b", text)]
    if years:
        m = rng.choice(years)
        year = int(m.group(1) + m.group(2))
        if m.group(3):  # a decade moves by decades
            new = f"{year + rng.choice((-20, -10, 10, 20))}s"
        else:
            new = str(year + rng.choice((-10, -5, -3, -2, -1, 1, 2, 3, 5, 10)))
        return _replace(text, m.start(), m.end(), new)
    for found, names in ((months, _MONTHS), (days, _WEEKDAYS)):
        if found:
            m = rng.choice(found)
            new = rng.choice([n for n in names if n != m.group()])
            return _replace(text, m.start(), m.end(), new)
    return None


def names_in(text: str, common: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Capitalised runs that are not the sentence's first word and not function words; a word
    the pool also writes in lower case ("Only", "Recent") is no name."""
    out = []
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        while words and (words[0] in _NOT_NAMES or words[0].lower() in common):
            words = words[1:]
        if any(w.lower() in common for w in words):
            continue
        if not words or m.start() == 0 and len(words) == len(m.group().split()):
            continue
        run = " ".join(words)
        start = m.end() - len(run)
        out.append((start, m.end(), run))
    return out


def edit_name(text: str, rng: random.Random, others: list[str],
              common: frozenset[str]) -> str | None:
    found = names_in(text, common)
    if not found:
        return None
    start, end, run = rng.choice(found)
    size = len(run.split())
    lower = text.lower()
    pool = [o for o in others if len(o.split()) == size and o.lower() not in lower
            and not any(w.lower() in lower for w in o.split())]
    if not pool:
        return None
    return _replace(text, start, end, rng.choice(pool))


_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def edit_words(text: str, rng: random.Random, pairs: dict[str, str],
               lower_only: bool = False) -> str | None:
    """Replace one word found in `pairs` (first word of a line) with its partner; never inside
    quotation marks (a changed word there is a misquote, whatever it means)."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    found = [m for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)?", text)
             if m.group().lower() in pairs and not (lower_only and m.group()[:1].isupper())
             and not any(s <= m.start() < e for s, e in quoted)]
    if not found:
        return None
    m = rng.choice(found)
    return _replace(text, m.start(), m.end(), _case(pairs[m.group().lower()], m.group()))


def edit_negation(text: str, rng: random.Random) -> str | None:
    for short, full in _CONTRACTED.items():
        m = re.search(rf"\b{short}\b", text, re.I)
        if m:
            return _replace(text, m.start(), m.end(), _case(full, m.group()))
    m = _NEGATED.search(text)
    if m:
        head = m.group(1)
        return _replace(text, m.start(), m.end(), f"{head} " if head else "")
    m = _AUX.search(text)
    if m:
        return _replace(text, m.end(), m.end(), "not ")
    return None


def edit_quantifier(text: str, rng: random.Random) -> str | None:
    found = [m for m in _QUANT.finditer(text)
             if not re.search(r"(?i)\b(?:the|one of the|at)\s+$", text[:m.start()])]
    if not found:
        return None
    m = rng.choice(found)
    return _replace(text, m.start(), m.end(), _case(_QUANTIFIERS[m.group().lower()], m.group()))


def edit_bound(text: str, rng: random.Random) -> str | None:
    found = quantities(text)
    options = []
    for m in found:
        start = m.start() - (1 if text[m.start() - 1:m.start()] in "$£€" else 0)
        before = text[:start]
        bound = _BOUND_BEFORE.search(before)
        if bound:
            options.append((bound.start(1), bound.end(1),
                            _case(_BOUNDS[bound.group(1).lower()], bound.group(1))))
        elif not _APPROX.search(before) and start > 0:
            word = rng.choice(("more than", "less than", "over", "under"))
            options.append((start, start, word + " "))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return _replace(text, start, end, new)


def edit_reorder(text: str, rng: random.Random) -> str | None:
    m = _FRONTED.match(text.strip())
    if not m:
        return None
    intro, rest, stop = m.groups()
    first = intro.split()[0]
    intro = (first.lower() if first not in ("I",) else first) + intro[len(first):]
    return rest[:1].upper() + rest[1:] + " " + intro + stop


def mutants(text: str, seed: int, others: list[str], common: frozenset[str],
            opposites: dict[str, str], synonyms: dict[str, str]) -> dict[str, str]:
    """One edit of each type that applies to `text` (type -> edited sentence)."""
    edits: dict[str, Callable[[str, random.Random], str | None]] = {
        "number": edit_number, "date": edit_date,
        "name": lambda t, r: edit_name(t, r, others, common),
        "opposite": lambda t, r: edit_words(t, r, opposites),
        "negation": edit_negation, "quantifier": edit_quantifier, "bound": edit_bound,
        "synonym": lambda t, r: edit_words(t, r, synonyms, lower_only=True),
        "reorder": edit_reorder,
    }
    out = {}
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    for kind, edit in edits.items():
        rng = random.Random(f"{seed}:{digest}:{kind}")
        new = edit(text, rng)
        if new is not None and new != text:
            out[kind] = new
    return out


def usable(text: str) -> bool:
    """A sentence worth checking: 6 to 60 words, ends like a sentence, no stray markup."""
    words = text.split()
    return 6 <= len(words) <= 60 and text.rstrip().endswith((".", "!", "?")) and "\n" not in text


def pool_of(part: str) -> dict[str, list[tuple[str, str]]]:
    """Evidence sentences per dataset. VitaminC keeps one sentence per case: its other
    revisions of the same sentence differ in exactly the detail an edit changes."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name, path in heldout.SETS.items():
        found = heldout.evidence_sentences(path, part) if part != "all" else [
            pair for p in ("train", "heldout") for pair in heldout.evidence_sentences(path, p)]
        if name == "vitaminc":
            seen: set[str] = set()
            kept = []
            for key, text in found:
                case = key.split(":")[-1].rsplit("_", 1)[0]
                if case not in seen:
                    seen.add(case)
                    kept.append((key, text))
            found = kept
        out[name] = found
    return out


def build_cases(pool: dict[str, list[tuple[str, str]]], per_set: int, seed: int) -> list[Case]:
    opposites = word_pairs("mutation_opposites.txt")
    opposites.update({b: a for a, b in list(opposites.items()) if " " not in b})
    synonyms = word_pairs("mutation_synonyms.txt")
    common = frozenset(w for sentences in pool.values() for _, t in sentences
                       for w in re.findall(r"\b[a-z]+\b", t))
    names = sorted({run for sentences in pool.values() for _, t in sentences
                    for _, _, run in names_in(t, common)})
    cases: list[Case] = []
    for name, sentences in pool.items():
        candidates = sorted(t for _, t in sentences if usable(t))
        picked = random.Random(f"{seed}:{name}").sample(candidates,
                                                        min(per_set, len(candidates)))
        for text in picked:
            cases.append(Case("unedited", text, text, name))
            for kind, new in mutants(text, seed, names, common, opposites, synonyms).items():
                cases.append(Case(kind, text, new, name))
    return cases


def judge_cases(cases: list[Case], pool: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Every case through the real index and checker, the whole pool as references."""
    from claimcheck.check import check_all
    from claimcheck.config import Config
    from claimcheck.evaluate.verify import _claim
    from claimcheck.models import Snippet
    from claimcheck.references import build_index

    snippets = [Snippet(id=f"{name}:{n}", text=text, source=name)
                for name, sentences in pool.items() for n, (_, text) in enumerate(sentences)]
    with tempfile.TemporaryDirectory() as cache:
        index = build_index(snippets, Path(cache))
    claims = [_claim(case.claim, n) for n, case in enumerate(cases, start=1)]
    check_all(claims, index, Config())
    return [c.verdict.label if c.verdict else "no_evidence" for c in claims]


def report(cases: list[Case], labels: list[str], show: int) -> tuple[list[str], bool]:
    lines = [f"{'type':11} {'n':>5} {'goal':>6} {'share':>6}  verdicts"]
    met = True
    for kind in ("unedited", *CHANGING, *KEEPING):
        got = [label for case, label in zip(cases, labels, strict=True) if case.kind == kind]
        if not got:
            continue
        want = ("contradicted", "misquoted") if kind in CHANGING else ("supported",)
        share = sum(label in want for label in got) / len(got)
        met &= share >= GOALS[kind]
        counts = ", ".join(f"{k} {v}" for k, v in sorted(Counter(got).items()))
        lines.append(f"{kind:11} {len(got):5} {GOALS[kind]:6.2f} {share:6.3f}  {counts}")
        if show:
            misses = [(c, lab) for c, lab in zip(cases, labels, strict=True)
                      if c.kind == kind and lab not in want]
            for case, label in misses[:show]:
                lines.append(f"    {label}: {case.claim!r}")
                if case.claim != case.source:
                    lines.append(f"      source: {case.source!r}")
    return lines, met


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--per-set", type=int, default=300, help="sentences drawn from each set")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--part", choices=("heldout", "train", "all"), default="heldout")
    ap.add_argument("--show", type=int, default=0, help="misses printed per type")
    ap.add_argument("--json", type=Path, help="write every case and its verdict here")
    args = ap.parse_args(argv)
    missing = [str(p) for p in heldout.SETS.values() if not p.exists()]
    if missing:
        print(f"dataset not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    pool = pool_of(args.part)
    cases = build_cases(pool, args.per_set, args.seed)
    labels = judge_cases(cases, pool)
    lines, met = report(cases, labels, args.show)
    size = sum(len(s) for s in pool.values())
    print(f"Pool: {size} evidence sentences ({args.part} part of CLIMATE-FEVER dev and VitaminC "
          f"dev); {args.per_set} sentences drawn per set, seed {args.seed}; "
          f"{len(cases)} claims checked in {time.perf_counter() - started:.1f} s")
    print("\n".join(lines))
    print("all goals met" if met else "goals missed")
    if args.json:
        args.json.write_text(json.dumps(
            [{"kind": c.kind, "dataset": c.dataset, "source": c.source, "claim": c.claim,
              "verdict": label} for c, label in zip(cases, labels, strict=True)], indent=1),
            encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
