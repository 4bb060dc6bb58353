"""Build claimcheck's list of irregular verb forms: claimcheck/check/data/verb_forms_wordnet.txt.

Reads WordNet 3.0's verb exception list (verb.exc) as Debian's `wordnet-base` package installs
it, and writes each inflected form with its base form ("won win", "rose rise", "sought seek"),
single lower-case words only, the first base where WordNet gives several, sorted, with
WordNet's licence notice at the top (the licence text ships as WORDNET_LICENSE.txt beside it).
The checker's crude stemmer cannot tell that "won" and "win" are one verb; a negation compares
"did not win" with "won" through this list.

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
    python scripts/build_verb_forms.py --wordnet /tmp/wn/usr/share/wordnet
    # or, with the package installed (apt-get install wordnet-base):
    python scripts/build_verb_forms.py

The output is deterministic: the same WordNet gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "claimcheck" / "check" / "data" / "verb_forms_wordnet.txt"
_WORD = re.compile(r"[a-z]{2,}")
HEADER = """\
# Irregular verb forms from WordNet 3.0 (Princeton University): an inflected form, then its
# base form, one per line, built by scripts/build_verb_forms.py from Debian's wordnet-base
# package (verb.exc). Do not edit by hand: rebuild.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# Used under the WordNet 3.0 licence; its full text is in WORDNET_LICENSE.txt beside this file.
"""


def build(wordnet: Path) -> list[tuple[str, str]]:
    forms: dict[str, str] = {}
    for line in (wordnet / "verb.exc").read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        form, base = fields[0], fields[1]
        if form != base and _WORD.fullmatch(form) and _WORD.fullmatch(base):
            forms.setdefault(form, base)
    return sorted(forms.items())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"),
                    help="folder with WordNet's verb.exc (default: /usr/share/wordnet)")
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not (args.wordnet / "verb.exc").is_file():
        print(f"{args.wordnet}: no WordNet verb.exc; install or download Debian's "
              "wordnet-base", file=sys.stderr)
        return 2
    forms = build(args.wordnet)
    text = HEADER + "".join(f"{a} {b}\n" for a, b in forms)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(forms)} forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
