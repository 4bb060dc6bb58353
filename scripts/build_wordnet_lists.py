"""Build claimcheck/rules/data/beings.txt, world_nouns.txt and instruction_verbs.txt from Debian's
wordnet-base (WordNet 3.0).

A quantifier that ranges over people, groups or animals ("all girls", "most households", "many
experts") makes a claim about the world; one that ranges over things of a system or a text ("all
targets", "every file", "many bugs") describes something a reader can check in the thing itself.
The rules tell them apart by the noun's most frequent WordNet sense: a single-word, lower-case
noun whose first sense is in the lexicographer file noun.person, noun.animal or noun.group is a
being (or a body of them).

Things are of two kinds. Things of a system or a text (files, targets, types, releases) are
described, and the reader checks them in the thing itself. Things of the natural world (glaciers,
storms, floods, plants, gases: first sense in noun.object, noun.plant or noun.substance, or below
natural_phenomenon) are what a general claim about the world is made of ("Several glaciers are
retreating"): world_nouns.txt lists them, and a quantifier over one is not let through as a
mere description. (Events in general are not: "change", "case" and "improvement" are events too.)

A sentence that opens with a verb in its base form ("Stay on an edition until ...", "Consider
every file ...") is an instruction, not a claim. instruction_verbs.txt lists the verbs that can
open one: single-word verbs tagged at least three times in WordNet's sense-tagged corpus, more
often as a verb than as a noun (so "use" and "run" are in, "work" and "test" are not).

Re-run after a WordNet update:

    apt-get download wordnet-base && dpkg -x wordnet-base_*.deb /tmp/wn
    python scripts/build_wordnet_lists.py /tmp/wn/usr/share/wordnet
"""

from __future__ import annotations

import sys
from pathlib import Path

# WordNet lexicographer file numbers (lexnames): 05 noun.animal, 14 noun.group, 18 noun.person.
BEINGS = {5: "animal", 14: "group", 18: "person"}
# noun.group also holds collections of things ("data", "set", "series"): a group counts only
# when it is a group of people or living things, below one of these synsets (WordNet 3.0
# offsets: social_group, people, biological_group).
PEOPLE_GROUPS = {"07950920", "07942152", "07941170"}
# 15 noun.location, 17 noun.object, 20 noun.plant, 27 noun.substance, and whatever lies below
# natural_phenomenon.
WORLD = {15: "location", 17: "object", 20: "plant", 27: "substance"}
NATURAL_PHENOMENON = "11408559"
DATA = Path(__file__).resolve().parent.parent / "claimcheck" / "rules" / "data"
BEINGS_HEAD = """\
# Nouns whose most frequent sense is a person, an animal or a group (WordNet 3.0 lexicographer
# files noun.person, noun.animal, noun.group), single-word lower-case lemmas, one a line.
# Built by scripts/build_wordnet_lists.py from Debian's wordnet-base; do not edit by hand.
#
"""
WORLD_HEAD = """\
# Nouns whose most frequent sense is a thing of the natural world: a natural object, a plant, a
# substance (WordNet 3.0 lexicographer files noun.object, noun.plant, noun.substance) or a
# natural phenomenon (below natural_phenomenon.n.01), single-word lower-case lemmas, one a line.
# Built by scripts/build_wordnet_lists.py from Debian's wordnet-base; do not edit by hand.
#
"""
VERBS_HEAD = """\
# Verbs that can open an instruction ("Stay ...", "Consider ..."): tagged at least 3 times in
# WordNet 3.0's sense-tagged corpus, more often as a verb than as a noun.
# Built by scripts/build_wordnet_lists.py from Debian's wordnet-base; do not edit by hand.
#
"""
NOTICE = """\
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION
# WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database.  Title to copyright in this
# software, database and any associated documentation shall at all times remain with
# Princeton University and LICENSEE agrees to preserve same.
"""


def main(folder: str) -> int:
    root = Path(folder)
    lexfile: dict[str, int] = {}
    hypernyms: dict[str, list[str]] = {}
    with (root / "data.noun").open(encoding="latin-1") as fh:
        for line in fh:
            if not line.startswith("  "):
                fields = line.split()
                lexfile[fields[0]] = int(fields[1])
                words = int(fields[3], 16)
                at = 4 + 2 * words
                pointers = int(fields[at])
                hypernyms[fields[0]] = [
                    fields[at + 2 + 4 * k] for k in range(pointers)
                    if fields[at + 1 + 4 * k] in ("@", "@i")]

    def below(offset: str, tops: set[str]) -> bool:
        seen, todo = set(), [offset]
        while todo:
            cur = todo.pop()
            if cur in tops:
                return True
            if cur not in seen:
                seen.add(cur)
                todo.extend(hypernyms.get(cur, []))
        return False

    chosen: list[str] = []
    world: list[str] = []
    noun_tags = _tag_counts(root / "index.noun")
    verb_tags = _tag_counts(root / "index.verb")
    with (root / "index.noun").open(encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, pointers = fields[0], int(fields[3])
            if not lemma.isalpha() or lemma != lemma.lower():
                continue  # multi-word entries, hyphenated forms and proper names
            first_sense = fields[4 + pointers + 2]
            if lexfile[first_sense] in BEINGS and (
                    lexfile[first_sense] != 14 or below(first_sense, PEOPLE_GROUPS)):
                chosen.append(lemma)
            elif len(lemma) > 3 and (lexfile[first_sense] in WORLD or
                                     below(first_sense, {NATURAL_PHENOMENON})):
                # (not "pr", "tar": element symbols and abbreviations in prose)
                world.append(lemma)
    verbs = [v for v, n in verb_tags.items() if n >= 3 and n > noun_tags.get(v, 0)]
    for name, head, entries in (("beings", BEINGS_HEAD, chosen),
                                ("world_nouns", WORLD_HEAD, world),
                                ("instruction_verbs", VERBS_HEAD, verbs)):
        path = DATA / f"{name}.txt"
        path.write_text(head + NOTICE + "".join(w + "\n" for w in sorted(entries)),
                        encoding="utf-8")
        print(f"wrote {path} ({len(entries)} words)")
    return 0


def _tag_counts(index: Path) -> dict[str, int]:
    """Lemma -> how often its senses were tagged in WordNet's corpus (single words only)."""
    counts: dict[str, int] = {}
    with index.open(encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            fields = line.split()
            if fields[0].isalpha() and fields[0] == fields[0].lower():
                counts[fields[0]] = int(fields[5 + int(fields[3])])
    return counts


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
