"""Compare sentence segmenters on our hard cases, and time them on ~100 KB of prose.

Why: the splitter must keep exact offsets and survive abbreviations, decimals, ellipses and
multi-sentence quotes; this script is the evidence behind the library we picked.

    python benchmarks/segmenters.py [--draft PATH]

The last row is what claimcheck runs: document.py blocks (titles, bylines and credits cut off
as lines), blingfire's plain API aligned to offsets, and our post-rules.

nltk's punkt is not measured: it needs a model download (`nltk.download("punkt")`), which is not
available offline, and the core must work offline.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "split" / "segmentation_cases.json"
SEED = ROOT / "fixtures" / "drafts" / "news.txt"

Spans = list[tuple[int, int]]


def _pysbd() -> Callable[[str], Spans]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [(s.start, s.end) for s in seg.segment(text)]


def _syntok() -> Callable[[str], Spans]:
    import syntok.segmenter as segmenter

    def run(text: str) -> Spans:
        return [(s[0].offset, s[-1].offset + len(s[-1].value))
                for para in segmenter.analyze(text) for s in para]
    return run


def _blingfire() -> Callable[[str], Spans]:
    import blingfire

    def run(text: str) -> Spans:
        # the library's own offsets API (character offsets; a Python loop maps bytes to chars)
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [(int(s), int(e)) for s, e in offsets]
    return run


def _ours() -> Callable[[str], Spans]:
    """blingfire inside the plain-text blocks document.py finds, plus our post-rules."""
    from claimcheck.document import build_document
    from claimcheck.split.sentences import split_sentences

    def run(text: str) -> Spans:
        doc = build_document("bench.txt", text, markdown=False)
        return [span for b in doc.blocks for span in split_sentences(doc.masked, b.start, b.end)]
    return run


CANDIDATES: dict[str, Callable[[], Callable[[str], Spans]]] = {
    "pysbd": _pysbd, "syntok": _syntok, "blingfire": _blingfire,
    "claimcheck (blingfire + post-rules)": _ours,
}


def _passes(segment: Callable[[str], Spans], text: str, expected: list[str]) -> bool:
    got = [text[s:e].strip() for s, e in segment(text)]
    return [g for g in got if g] == expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draft", default=str(SEED), help="prose repeated to ~100 KB for timing")
    args = parser.parse_args()
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    prose = Path(args.draft).read_text(encoding="utf-8")
    corpus = (prose + "\n\n") * (100_000 // (len(prose) + 2) + 1)
    print(f"{'segmenter':34} {'cases passed':>12} {'ms / 100 KB':>12}  failed cases")
    for name, make in CANDIDATES.items():
        segment = make()
        failed = [c["name"] for c in cases if not _passes(segment, c["text"], c["sentences"])]
        t0 = time.perf_counter()
        segment(corpus)
        ms = (time.perf_counter() - t0) * 1000 * 100_000 / len(corpus)
        passed = f"{len(cases) - len(failed)}/{len(cases)}"
        print(f"{name:34} {passed:>12} {ms:12.1f}  {', '.join(failed) or '-'}")
    print("nltk punkt: not measured (needs a model download, unavailable offline)")


if __name__ == "__main__":
    main()
