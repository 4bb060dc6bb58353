"""Build claimcheck's WordNet antonym list: claimcheck/check/data/antonyms_wordnet.txt.

Reads WordNet 3.0's database files (data.adj, data.verb, data.adv, data.noun) as Debian's
`wordnet-base` package installs them, and writes every direct antonym pair ("!" pointers) of two
single-word lemmas, once per pair, sorted, with WordNet's licence notice at the top. The licence
text itself ships beside it as WORDNET_LICENSE.txt. The checker merges this list with its curated
antonyms.txt (irregular forms like rose/fell, and pairs WordNet lacks such as induce/inhibit).

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
    python scripts/build_antonyms.py --wordnet /tmp/wn/usr/share/wordnet
    # or, with the package installed (apt-get install wordnet-base):
    python scripts/build_antonyms.py

The output is deterministic: the same WordNet gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "claimcheck" / "check" / "data" / "antonyms_wordnet.txt"
PARTS = ("adj", "verb", "adv", "noun")
_WORD = re.compile(r"[a-z]{3,}")
HEADER = """\
# Antonym pairs from WordNet 3.0 (Princeton University), one pair per line, built by
# scripts/build_antonyms.py from Debian's wordnet-base package: every direct antonym pointer
# between two single-word lemmas of {parts}. Do not edit by hand: rebuild.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# Used under the WordNet 3.0 licence; its full text is in WORDNET_LICENSE.txt beside this file.
"""


def lemmas_and_antonyms(path: Path) -> list[tuple[str, str]]:
    """(word, antonym) of every lexical "!" pointer in one data.* file."""
    synsets: dict[str, list[str]] = {}
    pointers: list[tuple[str, int, str, int]] = []  # (from synset, word no, to synset, word no)
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):  # the licence header
            continue
        fields = line.split(" ")
        offset, count = fields[0], int(fields[3], 16)
        words = [fields[4 + 2 * i] for i in range(count)]
        synsets[offset] = words
        at = 4 + 2 * count
        for n in range(int(fields[at])):
            symbol, target, _pos, source_target = fields[at + 1 + 4 * n:at + 5 + 4 * n]
            if symbol == "!":
                pointers.append((offset, int(source_target[:2], 16), target,
                                 int(source_target[2:], 16)))
    out = []
    for offset, source, target, goal in pointers:
        if target in synsets and source and goal:
            out.append((_lemma(synsets[offset][source - 1]), _lemma(synsets[target][goal - 1])))
    return out


def _lemma(word: str) -> str:
    return re.sub(r"\(.*\)$", "", word).lower()  # adjective markers: "galore(ip)"


def build(wordnet: Path) -> list[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for part in PARTS:
        for a, b in lemmas_and_antonyms(wordnet / f"data.{part}"):
            if a != b and _WORD.fullmatch(a) and _WORD.fullmatch(b):
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"),
                    help="folder with WordNet's data.* files (default: /usr/share/wordnet)")
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    missing = [p for p in PARTS if not (args.wordnet / f"data.{p}").is_file()]
    if missing:
        print(f"{args.wordnet}: no WordNet data files ({', '.join(missing)}); install or "
              "download Debian's wordnet-base", file=sys.stderr)
        return 2
    pairs = build(args.wordnet)
    text = HEADER.format(parts=", ".join(PARTS)) + "".join(f"{a} {b}\n" for a, b in pairs)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(pairs)} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
