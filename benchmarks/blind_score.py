"""Score a blind reading of a flag packet, and re-run today's rules on the packet's rows.

A blind packet (benchmarks/prose_flags.py --packet) is read by someone who sees only the
context, the sentence and the words in question, never the rule or our reading; they answer
"worth an editor acting on? yes/no". This script joins their answers to the packet's key and
prints the share worth acting on by rule, by corpus and for the controls (rows with no flag: a
reader who says yes to many of those is not calibrated).

With `--rerun` it also runs today's rules (default settings) over every flagged row's file and
says which flags are still raised and which are gone, by the reader's answer: the proxy for
re-running a held-out judged sample ("keep the good flags, drop the noisy ones"). A flag counts
as still raised when a switched-on rule flags the same words on the same line; a flag now
raised by another rule on those words is counted apart.

Nothing is copied into the repository: the key, answers and corpus files are read from the
paths given.

    python benchmarks/blind_score.py --key ../team/blind/key-14b.jsonl \
        --answers ../team/blind/answers-14b.jsonl [--rerun]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from prose_flags import corpus_document, wilson  # noqa: E402

from claimcheck.evaluate.flags import claim_splitter  # noqa: E402
from claimcheck.rules import explain  # noqa: E402


def read_jsonl(path: Path) -> list[dict[str, object]]:
    try:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except (OSError, ValueError) as exc:
        sys.exit(f"error: cannot read {path}: {exc}")


def is_flag(row: dict[str, object]) -> bool:
    return row.get("outcome") == "flagged"


def share(yes: int, n: int) -> str:
    if not n:
        return "0/0"
    lo, hi = wilson(yes, n)
    return f"{yes}/{n} ({yes / n:.0%}, 95% {lo:.0%}-{hi:.0%})"


def by(rows: list[dict[str, object]], field: str, answers: dict[str, str]) -> str:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        c = counts[str(r[field])]
        c[0] += answers[str(r["id"])] == "yes"
        c[1] += 1
    return ", ".join(f"{k} {y}/{n}" for k, (y, n) in sorted(counts.items()))


def report_answers(key: list[dict[str, object]], answers: dict[str, str]) -> None:
    missing = [str(r["id"]) for r in key if str(r["id"]) not in answers]
    if missing:
        print(f"  no answer for {len(missing)} rows: {', '.join(missing[:10])}")
    read = [r for r in key if str(r["id"]) in answers]
    flags = [r for r in read if is_flag(r)]
    controls = [r for r in read if not is_flag(r)]
    yes = sum(answers[str(r["id"])] == "yes" for r in flags)
    print(f"  flags worth acting on: {share(yes, len(flags))}")
    print(f"    by rule: {by(flags, 'rule', answers)}")
    print(f"    by corpus: {by(flags, 'corpus', answers)}")
    if controls:
        cy = sum(answers[str(r["id"])] == "yes" for r in controls)
        print(f"  controls (no flag) a reader would act on: {share(cy, len(controls))}")
        print(f"    by kind: {by(controls, 'outcome', answers)}")


def today(key: list[dict[str, object]]) -> dict[str, tuple[str, str]]:
    """id -> (fate, rule) of each flagged key row under today's default rules."""
    split, _ = claim_splitter()
    rows_by_file: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in key:
        if is_flag(r):
            rows_by_file[str(r["file"])].append(r)
    fate: dict[str, tuple[str, str]] = {}
    for file, rows in rows_by_file.items():
        path = Path(file)
        if not path.is_file():
            sys.exit(f"error: {file}: no such file (the key names corpus files by path)")
        doc = corpus_document(path)
        lines = {int(str(r["line"])) for r in rows}
        seen: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
        for claim in split(doc):
            if not lines & set(range(claim.line, claim.line + claim.text.count("\n") + 1)):
                continue
            for c in explain(claim, doc, {}):
                line = doc.position(c.finding.start)[0]
                words = " ".join(doc.masked[c.finding.start:c.finding.end].split())
                seen[line].append((c.rule.id, words, c.outcome, c.why))
        for r in rows:
            words = str(r["words"])
            here = [s for s in seen[int(str(r["line"]))]
                    if s[1] and (s[1] in words or words in s[1])]
            same = [s for s in here if s[0] == r["rule"]]
            if any(s[2] == "flagged" for s in same):
                fate[str(r["id"])] = ("kept", str(r["rule"]))
            elif any(s[2] == "flagged" for s in here):
                other = next(s for s in here if s[2] == "flagged")
                fate[str(r["id"])] = ("kept by another rule", other[0])
            elif same:
                s = same[0]
                fate[str(r["id"])] = (f"{s[2]}: {s[3]}" if s[3] else s[2], s[0])
            elif here:
                s = here[0]
                fate[str(r["id"])] = (f"moved to {s[0]}, {s[2]}", s[0])
            else:
                fate[str(r["id"])] = ("no cue", "")
    return fate


def report_rerun(key: list[dict[str, object]], answers: dict[str, str], verbose: bool) -> None:
    fate = today(key)
    flags = [r for r in key if is_flag(r) and str(r["id"]) in answers]
    print("  today's rules on the packet's flags (default settings):")
    totals = {"yes": [0, 0], "no": [0, 0]}
    rules = sorted({str(r["rule"]) for r in flags})
    for rule in rules:
        mine = [r for r in flags if r["rule"] == rule]
        parts = []
        for answer in ("yes", "no"):
            judged = [r for r in mine if answers[str(r["id"])] == answer]
            raised = sum(fate[str(r["id"])][0].startswith("kept") for r in judged)
            totals[answer][0] += raised
            totals[answer][1] += len(judged)
            if judged:
                word = "still raised" if answer == "yes" else "gone"
                n = raised if answer == "yes" else len(judged) - raised
                parts.append(f"{answer}: {n} of {len(judged)} {word}")
        print(f"    {rule}: " + "; ".join(parts))
    (ky, ny), (kn, nn) = totals["yes"], totals["no"]
    print(f"    all: worth acting on {ky} of {ny} still raised; not worth it {nn - kn} of {nn} "
          f"gone; worth acting on among those still raised: {share(ky, ky + kn)}")
    if verbose:
        for r in flags:
            f, rule = fate[str(r["id"])]
            print(f"    {r['id']} {r['rule']} {answers[str(r['id'])]:3} {f:40} {rule:6} "
                  f"{str(r['words'])[:40]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--key", type=Path, required=True, help="the packet's key (JSON Lines)")
    parser.add_argument("--answers", type=Path, required=True,
                        help="the blind reader's answers (JSON Lines: id, answer, why)")
    parser.add_argument("--rerun", action="store_true",
                        help="also run today's rules on the flagged rows' files")
    parser.add_argument("--verbose", action="store_true", help="with --rerun: one line a flag")
    args = parser.parse_args(argv)
    key = read_jsonl(args.key)
    answers: dict[str, str] = {}
    for row in read_jsonl(args.answers):
        answer = str(row.get("answer", "")).strip().lower()
        if answer not in ("yes", "no"):
            print(f"error: {args.answers}: row {row.get('id')}: answer must be yes or no",
                  file=sys.stderr)
            return 2
        answers[str(row["id"])] = answer
    print(f"{args.key.name} + {args.answers.name}: {len(key)} rows")
    report_answers(key, answers)
    if args.rerun:
        report_rerun(key, answers, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
