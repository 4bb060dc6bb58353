"""How high can a detector that follows issue 3's own rules score on the Logic dev split?

Why: issue 3 asks for F1 >= 0.85 against the dataset's "faulty generalization" label. The same
issue asks the rules to flag "everyone knows", "studies show", "many", "the best", "all" and
"never" wherever a sentence gives no figure or source. The dataset files many such sentences
under other fallacies (ad populum, circular reasoning, ad hominem), and files under faulty
generalization some rows that hold no generalization the issue describes. This script puts a
number on that: it reads a hand audit of dev rows (benchmarks/data/logic_fallacy_dev_audit.csv,
row numbers, text hashes and a blind second reading; the dataset stays in ../shared/data/) and
prints the best
precision, recall and F1 any detector could reach while flagging what the issue says to flag,
even if it got every other row right.

As a second reference it trains a supervised text classifier on the train split and scores it
on dev: what fitting this very dataset gives, with and without claimcheck's rule IDs as extra
features. That classifier is a measurement, not part of claimcheck. It needs scikit-learn
(`pip install -e '.[bench]'`); without it the section says so and the rest still runs.

    python benchmarks/flags_ceiling.py [--data ../shared/data/logic-fallacy]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.evaluate import Score, score  # noqa: E402
from claimcheck.evaluate.flags import claim_splitter, rules_fired  # noqa: E402
from claimcheck.rules import FAMILIES  # noqa: E402

AUDIT = Path(__file__).resolve().parent / "data" / "logic_fallacy_dev_audit.csv"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "logic-fallacy"
TARGET_F1 = 0.85


@dataclass(frozen=True)
class Row:
    text: str
    gold: bool


@dataclass(frozen=True)
class Audited:
    line: int
    judgement: str  # must-flag | should-flag | outside
    second: str  # a blind second reading of the same text: must | should | none
    reason: str


# What the blind second reading should say for each judgement, to count as agreeing.
AGREES = {"must-flag": {"must"}, "should-flag": {"must", "should"}, "outside": {"none"}}


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as fh:
        return [Row(str(r["text"]), bool(r["generalization"]))
                for r in map(json.loads, filter(str.strip, fh))]


JUDGEMENTS = ("must-flag", "should-flag", "outside")


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def read_audit(rows: list[Row], path: Path = AUDIT) -> list[Audited]:
    """The audit, checked against the data: each row's text hash and label must still match,
    so an edited dataset cannot silently keep an audit of other sentences."""
    audited: list[Audited] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            line = int(rec["line"])
            if not 0 < line <= len(rows) or rec["judgement"] not in JUDGEMENTS:
                sys.exit(f"error: audit row {line}: no such dataset row or judgement")
            row = rows[line - 1]
            if text_hash(row.text) != rec["sha1"] or row.gold != (rec["label"] == "true"):
                sys.exit(f"error: audit row {line} no longer matches the dataset (text or label)")
            if rec["second_reading"] not in ("must", "should", "none"):
                sys.exit(f"error: audit row {line}: second reading must be must, should or none")
            audited.append(Audited(line, rec["judgement"], rec["second_reading"], rec["reason"]))
    return audited


def best_case(positives: int, outside: int, must_flag: int) -> Score:
    """Every positive the rules describe found, every other negative left alone; the audited
    negatives flagged (the issue requires it) and the audited positives missed (nothing in them
    for the rules to find)."""
    return Score(tp=positives - outside, fn=outside, fp=must_flag)


def line(name: str, s: Score) -> str:
    return f"  {name:<58} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"


def learned(train: list[Row], dev: list[Row], rule_ids: list[set[str]] | None,
            train_ids: list[set[str]] | None) -> Score | str:
    """TF-IDF word and character n-grams and a linear SVM, C picked by 5-fold CV on train."""
    try:
        import numpy as np
        import scipy.sparse as sp
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.metrics import f1_score
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
        from sklearn.pipeline import make_union
        from sklearn.svm import LinearSVC
    except ImportError:
        return "not run: scikit-learn is not installed (pip install -e '.[bench]')"
    ngrams = make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))
    x_train = ngrams.fit_transform([r.text for r in train])
    x_dev = ngrams.transform([r.text for r in dev])
    y_train = [r.gold for r in train]
    if rule_ids is not None and train_ids is not None:
        names = sorted(set().union(*train_ids))

        def onehot(ids: list[set[str]]) -> object:
            return sp.csr_matrix(np.array([[float(n in row) for n in names] for row in ids]))

        x_train = sp.hstack([x_train, onehot(train_ids)]).tocsr()
        x_dev = sp.hstack([x_dev, onehot(rule_ids)]).tocsr()
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    best_c = max((0.1, 0.5, 2.0), key=lambda c: f1_score(y_train, cross_val_predict(
        LinearSVC(C=c, class_weight="balanced"), x_train, y_train, cv=folds)))
    model = LinearSVC(C=best_c, class_weight="balanced").fit(x_train, y_train)
    return score([bool(p) for p in model.predict(x_dev)], [r.gold for r in dev])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder with the Logic dataset's train.jsonl and dev.jsonl")
    args = parser.parse_args(argv)
    try:
        dev, train = read_rows(args.data / "dev.jsonl"), read_rows(args.data / "train.jsonl")
    except OSError as exc:
        print(f"error: cannot read the dataset: {exc}", file=sys.stderr)
        return 2
    audited = read_audit(dev)
    count = {j: sum(a.judgement == j for a in audited) for j in JUDGEMENTS}
    positives = sum(r.gold for r in dev)

    split, _ = claim_splitter()
    general = {f for f, is_general in FAMILIES.items() if is_general}
    fired = [rules_fired(r.text, split) for r in dev]
    ours = score([any(f in general for f, _ in found) for found in fired], [r.gold for r in dev])
    flagged = {i + 1 for i, found in enumerate(fired) if any(f in general for f, _ in found)}
    must_lines = {a.line for a in audited if a.judgement == "must-flag"}

    print(f"Logic dev: {len(dev)} rows, {positives} labelled faulty generalization. "
          f"Target F1 {TARGET_F1:.2f}.")
    print(f"Hand audit ({AUDIT.name}, {len(audited)} rows, hashes checked):")
    print(f"  negatives with a cue issue 3 names, unsupported (must flag):  {count['must-flag']}")
    print(f"  negatives with an unsupported generalization (should flag): {count['should-flag']}")
    print(f"  positives with nothing issue 3 describes (outside):         {count['outside']}")
    agree = {j: sum(a.second in AGREES[j] for a in audited if a.judgement == j)
             for j in JUDGEMENTS}
    print("  a blind second reading agrees on " + ", ".join(
        f"{agree[j]} of {count[j]} {j}" for j in JUDGEMENTS))
    print(f"  claimcheck flags {len(must_lines & flagged)} of the {len(must_lines)} must-flag rows")
    print("Best any rule set could score while doing what issue 3 asks:")
    strict = best_case(positives, count["outside"], count["must-flag"])
    broad = best_case(positives, count["outside"], count["must-flag"] + count["should-flag"])
    print(line("flags the must-flag rows, misses the outside rows", strict))
    print(line("... and the should-flag rows too", broad))
    print(line("(ignoring the outside rows: must-flag rows only)",
               best_case(positives, 0, count["must-flag"])))
    print("Measured:")
    print(line("claimcheck's rules (generalization families)", ours))
    train_fired = [rules_fired(r.text, split) for r in train]
    for name, ids in (("learned: TF-IDF + linear SVM, fitted on train", None),
                      ("learned: the same + claimcheck's rule IDs", [
                          {rule for _, rule in found} for found in fired])):
        result = learned(train, dev, ids, None if ids is None else [
            {rule for _, rule in found} for found in train_fired])
        print(f"  {name:<58} {result}" if isinstance(result, str) else line(name, result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
