"""How often the rules fire on careful, cited prose, and how many of those flags an editor wants.

Why: the Logic set (`claimcheck eval flags`) is made of textbook fallacies. A user's draft is
ordinary prose. CLIMATE-FEVER's evidence sentences are English Wikipedia, written to cite its
sources (the citations are not in the text), so they show what claimcheck says about plain
encyclopedic writing: how many flags per 1,000 sentences, by rule. A hand audit of 50 flags drawn
at random (benchmarks/data/climate_fever_flag_audit.csv: sentence hash, rule, cue, judgement,
reason) gives the share an editor following the rule's own message would act on. The audit was
made once; later rule changes that drop audited flags are reported as such, never re-scored, so
fixes made after reading the audit cannot raise its figure.

    python benchmarks/prose_flags.py [--data ../shared/data/climate-fever/dev.jsonl]

The second corpus is prose that is not encyclopedic: news and blogs, read from folders of
Markdown or text files outside the repository (nothing of it is committed). Each `--prose FOLDER`
is one corpus: a seeded sample of `--files` of its files goes through the real Markdown loader,
splitter and rules, and the script prints sentences, flags and flags per 1,000 sentences by rule.
docs/accuracy.md says which corpora were used, under which licences, and how to get them:

    python benchmarks/prose_flags.py --prose /work/team/corpora/h14/current-events \
        --prose /work/team/corpora/h14/rust-blog --files 120 [--dump flags.jsonl]

A blind packet stratified by rule, with controls that carry no cue at all (issue 14's second
reading, scored by benchmarks/blind_score.py):

    python benchmarks/prose_flags.py --prose FOLDER ... --files 0 --packet ../team/blind \
        --stratified 14b --total 110 --per-rule 10 --controls 20 --seed 1415
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.document import build_document  # noqa: E402
from claimcheck.evaluate.flags import claim_splitter, text_document  # noqa: E402
from claimcheck.models import Claim, Document, Flag  # noqa: E402
from claimcheck.rules import find_flags  # noqa: E402

AUDIT = Path(__file__).resolve().parent / "data" / "climate_fever_flag_audit.csv"
# Issue 14's audit: a blind packet of flags and let-through controls over the three corpora,
# with a first reading and a blind second reading (blank until the reader's answers are in).
AUDIT_14 = Path(__file__).resolve().parent / "data" / "prose_flag_audit_14.csv"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "climate-fever" / "dev.jsonl"


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def evidence_sentences(path: Path) -> list[str]:
    """Every distinct evidence sentence of the file, in file order."""
    seen: dict[str, None] = {}
    with path.open(encoding="utf-8") as fh:
        for line in filter(str.strip, fh):
            for evidence in json.loads(line)["evidences"]:
                seen.setdefault(str(evidence["evidence"]), None)
    return list(seen)


def flags_of(text: str) -> list[tuple[str, str]]:
    """(rule ID, cue) of every flag the real splitter and rules raise in `text`."""
    split, _ = claim_splitter()
    doc = text_document(text)
    return [(f.rule, f.cue) for claim in split(doc) for f in find_flags(claim, doc, {})]


# Zola/Hugo TOML front matter ("+++ ... +++") opens every post of some blogs; the loader knows
# only YAML front matter, so the block is blanked here (same length: offsets stay true).
_TOML_FRONT = re.compile(r"\A\+\+\+\n.*?\n\+\+\+\n", re.DOTALL)


def corpus_files(folder: Path, files: int, seed: int) -> list[Path]:
    """A seeded sample of up to `files` Markdown or text files under `folder` (sorted first, so
    the same folder, count and seed always give the same sample)."""
    found = sorted(p for p in (folder.rglob("*") if folder.is_dir() else [folder])
                   if p.is_file() and p.suffix.lower() in {".md", ".markdown", ".txt"})
    if files and len(found) > files:
        found = sorted(random.Random(seed).sample(found, files))
    return found


def corpus_document(path: Path) -> Document:
    text = path.read_text(encoding="utf-8", errors="replace")
    front = _TOML_FRONT.match(text)
    if front:
        text = re.sub(r"[^\n]", " ", front.group()) + text[front.end():]
    return build_document(str(path), text, path.suffix.lower() != ".txt")


def corpus_flags(paths: list[Path]) -> tuple[list[tuple[Document, Claim]], list[tuple[
        Document, Claim, Flag]]]:
    """Every claim and every flag the real splitter and rules raise in the files."""
    split, _ = claim_splitter()
    claims: list[tuple[Document, Claim]] = []
    flags: list[tuple[Document, Claim, Flag]] = []
    for path in paths:
        doc = corpus_document(path)
        for claim in split(doc):
            claims.append((doc, claim))
            flags.extend((doc, claim, f) for f in find_flags(claim, doc, {}))
    return claims, flags


def let_through(paths: list[Path]) -> list[tuple[Document, Claim, str, str, str]]:
    """(doc, claim, rule, cue, exemption) of every cue a switched-on rule found and an
    exemption let through: the blind packet's controls, so a reader cannot tell flags from
    cues by their look."""
    from claimcheck.rules import explain

    split, _ = claim_splitter()
    found = []
    for path in paths:
        doc = corpus_document(path)
        for claim in split(doc):
            for r in explain(claim, doc, {}):
                if r.outcome == "let through" and r.why not in ("furniture",):
                    found.append((doc, claim, r.rule.id, r.finding.cue, r.why))
    return found


def visible_sentence(doc: Document, claim: Claim) -> str:
    """The claim's sentence as a reader sees it (Markdown markup and link targets blanked)."""
    return " ".join(doc.masked[claim.sentence_start:claim.sentence_end].split())


def context_of(doc: Document, claim: Claim) -> str:
    """The sentence before the claim's, in its paragraph (a little context for a reader)."""
    lo = doc.masked.rfind("\n\n", 0, claim.sentence_start)
    before = doc.masked[max(lo + 2, claim.sentence_start - 300):claim.sentence_start]
    return " ".join(before.split())[-240:]


def write_packet(folder: Path, corpora: list[tuple[str, list[Path]]], flags_n: list[int],
                 controls: int, seed: int) -> None:
    """A blind packet: `flags_n[i]` flags drawn at random from corpus i, plus `controls` cues
    that exemptions let through, shuffled; the reader sees only the sentence, a little context
    and the words; the key (rule, outcome) goes to a separate file."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    pool_controls: list[dict[str, object]] = []
    for (name, paths), n in zip(corpora, flags_n, strict=False):
        _, flags = corpus_flags(paths)
        for doc, claim, flag in rng.sample(flags, min(n, len(flags))):
            rows.append({"corpus": name, "file": doc.path, "line": flag.line, "rule": flag.rule,
                         "outcome": "flagged",
                         "words": " ".join(doc.masked[flag.start:flag.end].split()),
                         "sentence": visible_sentence(doc, claim),
                         "context": context_of(doc, claim)})
        for doc, claim, rule, cue, why in let_through(paths):
            pool_controls.append({"corpus": name, "file": doc.path, "line": claim.line,
                                  "rule": rule, "outcome": "let through: " + why,
                                  "words": " ".join(cue.replace("[", " ").replace("]", " ")
                                                    .split()),
                                  "sentence": visible_sentence(doc, claim),
                                  "context": context_of(doc, claim)})
    rows += rng.sample(pool_controls, min(controls, len(pool_controls)))
    rng.shuffle(rows)
    folder.mkdir(parents=True, exist_ok=True)
    packet, key = [], []
    for i, row in enumerate(rows, 1):
        rid = f"r{i:03d}"
        packet.append({"id": rid, "context": row["context"], "sentence": row["sentence"],
                       "words": row["words"]})
        key.append({"id": rid, "sha1": text_hash(str(row["sentence"])),
                    **{k: row[k] for k in ("corpus", "file", "line", "rule", "outcome",
                                           "words")}})
    (folder / "packet-14.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in packet), encoding="utf-8")
    (folder / "key-14.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in key), encoding="utf-8")
    print(f"wrote {folder / 'packet-14.jsonl'} ({len(packet)} rows) and its key "
          f"{folder / 'key-14.jsonl'}")


# Words a control's phrase does not start or end on, so it reads like a cue a rule found.
_FUNCTION = frozenset(
    "a an the of to in on at by for from with as and or but if then than that this these those "
    "it its is are was were be been being has have had do does did will would can could may "
    "might must shall should not no so we our you your they their them he his she her i my me "
    "us which who whom whose what when where why how there here also just only very more most "
    "such into about over after before under between through during while".split())


def control_phrase(sentence: str, rng: random.Random) -> str | None:
    """A random phrase of one to three content words from `sentence` (no function word at its
    edges): the words a control row asks about, looking like a cue but chosen blindly."""
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
    starts = [i for i, w in enumerate(words) if w.lower() not in _FUNCTION and len(w) > 2]
    if not starts:
        return None
    i = rng.choice(starts)
    j = i
    for k in range(i + 1, min(i + rng.randint(1, 3), len(words))):
        if words[k].lower() in _FUNCTION:
            break
        j = k
    return " ".join(words[i:j + 1])


def write_stratified_packet(folder: Path, name: str, corpora: list[tuple[str, list[Path]]],
                            total: int, per_rule: int, controls: int, seed: int) -> None:
    """A blind packet over the flags today's default rules raise in `corpora`: at least
    `per_rule` flags of each rule that raises that many (all of a rule that raises fewer), the
    rest drawn at random from all flags up to `total`; one flag a sentence. Controls are
    sentences where no rule found any cue, asked about a random content phrase, to check the
    reader's calibration. Shuffled; the key (rule, corpus, file, line) goes to its own file."""
    from claimcheck.rules import explain

    rng = random.Random(seed)
    flagged: list[dict[str, object]] = []
    plain_rows: list[tuple[str, Document, Claim]] = []
    split, _ = claim_splitter()
    for corpus, paths in corpora:
        for path in paths:
            doc = corpus_document(path)
            for claim in split(doc):
                if claim.kind in ("non_claim", "question"):
                    continue
                cues = explain(claim, doc, {})
                flags = find_flags(claim, doc, {})
                if not cues:
                    plain_rows.append((corpus, doc, claim))
                if flags:
                    flag = rng.choice(flags)  # one a sentence: a reader answers per sentence
                    flagged.append({
                        "corpus": corpus, "file": doc.path, "line": flag.line,
                        "rule": flag.rule, "outcome": "flagged",
                        "words": " ".join(doc.masked[flag.start:flag.end].split()),
                        "sentence": visible_sentence(doc, claim),
                        "context": context_of(doc, claim)})
    by_rule = Counter(str(r["rule"]) for r in flagged)
    print(f"flags raised (one a sentence): {len(flagged)}; by rule: " + ", ".join(
        f"{k} {n}" for k, n in sorted(by_rule.items())))
    pool = flagged[:]
    rng.shuffle(pool)
    chosen: list[dict[str, object]] = []
    for rule_id in sorted(by_rule):
        mine = [r for r in pool if r["rule"] == rule_id]
        chosen += mine[:per_rule]
    rest = [r for r in pool if not any(r is c for c in chosen)]
    chosen += rest[:max(0, total - len(chosen))]
    rows = list(chosen)
    for corpus, doc, claim in rng.sample(plain_rows, min(controls, len(plain_rows))):
        sentence = visible_sentence(doc, claim)
        phrase = control_phrase(sentence, rng)
        if phrase:
            rows.append({"corpus": corpus, "file": doc.path, "line": claim.line, "rule": "",
                         "outcome": "control", "words": phrase, "sentence": sentence,
                         "context": context_of(doc, claim)})
    rng.shuffle(rows)
    folder.mkdir(parents=True, exist_ok=True)
    packet, key = [], []
    for i, row in enumerate(rows, 1):
        rid = f"s{i:03d}"
        packet.append({"id": rid, "context": row["context"], "sentence": row["sentence"],
                       "words": row["words"]})
        key.append({"id": rid, "sha1": text_hash(str(row["sentence"])),
                    **{k: row[k] for k in ("corpus", "file", "line", "rule", "outcome",
                                           "words")}})
    for stem, data in (("packet", packet), ("key", key)):
        (folder / f"{stem}-{name}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data), encoding="utf-8")
    drawn = Counter(str(r["rule"]) for r in chosen)
    print(f"wrote {folder / f'packet-{name}.jsonl'} ({len(packet)} rows: {len(chosen)} flags, "
          f"{len(packet) - len(chosen)} controls; flags by rule: " + ", ".join(
              f"{k} {n}" for k, n in sorted(drawn.items())) + f") and its key "
          f"{folder / f'key-{name}.jsonl'}")


def sentence_of(doc: Document, claim: Claim) -> str:
    return " ".join(doc.text[claim.sentence_start:claim.sentence_end].split())


def report_corpus(folder: Path, files: int, seed: int, dump: list[dict[str, object]]) -> None:
    paths = corpus_files(folder, files, seed)
    claims, flags = corpus_flags(paths)
    sentences = sum(c.kind != "non_claim" for _, c in claims)
    by_rule = Counter(f.rule for _, _, f in flags)
    print(f"{folder.name}: {len(paths)} files, {sentences:,} sentences (+ "
          f"{len(claims) - sentences:,} non-claims), {len(flags)} flags, "
          f"{1000 * len(flags) / max(sentences, 1):.0f} per 1,000 sentences")
    print("  per 1,000 sentences: " + ", ".join(
        f"{rule} {1000 * n / max(sentences, 1):.1f}" for rule, n in sorted(by_rule.items())))
    for doc, claim, flag in flags:
        sentence = sentence_of(doc, claim)
        dump.append({"corpus": folder.name, "file": str(Path(doc.path).relative_to(folder)),
                     "line": flag.line, "sha1": text_hash(sentence), "rule": flag.rule,
                     "cue": flag.cue, "kind": claim.kind, "sentence": sentence})


def wilson(yes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion: honest at small n, unlike p ± 2 s.e."""
    if n == 0:
        return 0.0, 0.0
    p = yes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def read_audit(path: Path = AUDIT) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["judgement"] not in ("yes", "no"):
            sys.exit(f"error: {path.name}: judgement must be yes or no, not {row['judgement']!r}")
    return rows


def read_audit_14(path: Path = AUDIT_14) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["first"] not in ("yes", "no") or row["blind"] not in ("yes", "no", ""):
            sys.exit(f"error: {path.name}: row {row['id']}: readings are yes, no or blank")
    return rows


def report_audit_14(rows: list[dict[str, str]]) -> None:
    """Worth acting on, by reading, rule and corpus; agreement where both readings exist."""
    flags = [r for r in rows if r["outcome"] == "flagged"]
    controls = [r for r in rows if r["outcome"] != "flagged"]
    print(f"Blind audit ({AUDIT_14.name}): {len(flags)} flags and {len(controls)} let-through "
          f"controls")
    for reading in ("first", "blind"):
        read = [r for r in flags if r[reading]]
        if not read:
            print(f"  {reading} reading: not yet made")
            continue
        yes = sum(r[reading] == "yes" for r in read)
        lo, hi = wilson(yes, len(read))
        print(f"  {reading} reading: {yes} of {len(read)} flags worth acting on "
              f"({yes / len(read):.0%}, 95% interval {lo:.0%}-{hi:.0%}); controls an editor "
              f"would act on: {sum(r[reading] == 'yes' for r in controls if r[reading])} of "
              f"{sum(1 for r in controls if r[reading])}")
        for key in ("rule", "corpus"):
            counts: dict[str, list[int]] = {}
            for r in read:
                c = counts.setdefault(r[key], [0, 0])
                c[0] += r[reading] == "yes"
                c[1] += 1
            print(f"    by {key}: " + ", ".join(f"{k} {y}/{n}" for k, (y, n) in sorted(
                counts.items())))
    both = [r for r in rows if r["first"] and r["blind"]]
    if both:
        agree = sum(r["first"] == r["blind"] for r in both)
        print(f"  the readings agree on {agree} of {len(both)} rows")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="CLIMATE-FEVER JSONL (claims with 'evidences')")
    parser.add_argument("--prose", type=Path, action="append", default=[],
                        help="a folder of Markdown/text files: one more corpus (repeatable)")
    parser.add_argument("--files", type=int, default=120,
                        help="files sampled from each --prose folder (0: all)")
    parser.add_argument("--seed", type=int, default=14, help="seed of the file sample")
    parser.add_argument("--dump", type=Path,
                        help="write every flag of the --prose corpora here as JSON Lines, with "
                        "its sentence (keep it outside the repository)")
    parser.add_argument("--no-wikipedia", action="store_true",
                        help="skip the CLIMATE-FEVER corpus")
    parser.add_argument("--packet", type=Path, metavar="FOLDER",
                        help="write a blind audit packet (and its key, separately) to FOLDER: "
                        "--sample flags per --prose corpus plus --controls let-through cues")
    parser.add_argument("--sample", type=int, nargs="+", default=[60, 25],
                        help="flags drawn from each --prose corpus for the packet")
    parser.add_argument("--controls", type=int, default=45,
                        help="let-through cues mixed into the packet")
    parser.add_argument("--stratified", metavar="NAME",
                        help="with --packet: write packet-NAME.jsonl and key-NAME.jsonl, "
                        "--total flags with at least --per-rule of each rule, plus "
                        "--controls sentences with no cue (a random content phrase each)")
    parser.add_argument("--total", type=int, default=110, help="flags in a stratified packet")
    parser.add_argument("--per-rule", type=int, default=10,
                        help="flags of each rule in a stratified packet (all, when fewer)")
    args = parser.parse_args(argv)
    if args.packet and args.stratified:
        corpora = [(f.name, corpus_files(f, args.files, args.seed)) for f in args.prose]
        write_stratified_packet(args.packet, args.stratified, corpora, args.total,
                                args.per_rule, args.controls, args.seed)
        return 0
    if args.packet:
        corpora = [(f.name, corpus_files(f, args.files, args.seed)) for f in args.prose]
        write_packet(args.packet, corpora, args.sample, args.controls, args.seed)
        return 0
    dump: list[dict[str, object]] = []
    for folder in args.prose:
        if not folder.exists():
            print(f"error: {folder}: no such folder", file=sys.stderr)
            return 2
        report_corpus(folder, args.files, args.seed, dump)
    if args.dump:
        args.dump.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in dump),
                             encoding="utf-8")
    if args.no_wikipedia:
        return 0
    try:
        sentences = evidence_sentences(args.data)
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: cannot read {args.data}: {exc}", file=sys.stderr)
        return 2
    raised: dict[str, list[tuple[str, str]]] = {}
    by_rule: Counter[str] = Counter()
    for text in sentences:
        found = flags_of(text)
        raised[text_hash(text)] = found
        by_rule.update(rule for rule, _ in found)
    total = sum(by_rule.values())
    print(f"{args.data.name}: {len(sentences):,} distinct evidence sentences (Wikipedia), "
          f"{total} flags, {1000 * total / len(sentences):.0f} per 1,000 sentences")
    print("  " + ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())))

    report_audit_14(read_audit_14())
    audit = read_audit()
    yes = sum(row["judgement"] == "yes" for row in audit)
    lo, hi = wilson(yes, len(audit))
    print(f"Hand audit of {len(audit)} flags drawn at random when it was made ({AUDIT.name}):")
    print(f"  an editor would act on {yes} of {len(audit)}: {yes / len(audit):.0%} "
          f"(95% interval {lo:.0%}-{hi:.0%})")
    per_rule: dict[str, list[int]] = {}
    for row in audit:
        counts = per_rule.setdefault(row["rule"], [0, 0])
        counts[0] += row["judgement"] == "yes"
        counts[1] += 1
    print("  by rule: " + ", ".join(f"{rule} {y}/{n}" for rule, (y, n) in sorted(
        per_rule.items())))
    still = [row for row in audit if row["sha1"] in raised
             and (row["rule"], row["cue"]) in raised[row["sha1"]]]
    gone = [row for row in audit if row not in still]
    dropped = Counter(row["judgement"] for row in gone)
    print(f"  raised by today's rules: {len(still)} of {len(audit)}; no longer raised: "
          f"{dropped['no']} judged not worth acting on, {dropped['yes']} judged worth it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
