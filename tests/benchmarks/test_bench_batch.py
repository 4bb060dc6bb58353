"""bench_batch.py's own arithmetic: the steady rate read from a batch's timed progress lines,
the per-file sample, and the subset of drafts `--docs` checks. A wrong figure here would be
reported as a measurement."""

from __future__ import annotations

import sys
from pathlib import Path

from .scripts import load

bench = load("bench_batch")
pipeline = load("bench_pipeline")


def line(done: int, total: int) -> str:
    return f"claimcheck batch: {done:,}/{total:,} documents, 3.0 docs/s, ETA 1m00s"


def test_steady_rate_leaves_out_start_up_and_counts_from_the_first_documents_done() -> None:
    lines = [(10.0, line(0, 2000)), (20.0, line(100, 2000)), (30.0, "claimcheck: warning: x"),
             (40.0, line(1100, 2000)), (60.0, line(2000, 2000))]
    rate, first = bench.steady_rate(lines)
    assert first == 20.0
    assert rate == (2000 - 100) / (60.0 - 20.0)


def test_steady_rate_needs_two_progress_lines_with_documents_done() -> None:
    assert bench.steady_rate([(5.0, line(0, 10)), (9.0, line(10, 10))]) == (None, 9.0)
    assert bench.steady_rate([]) == (None, None)


def test_per_file_sample_is_seeded_random_and_spread(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(1000):
        (docs / f"{n:05d}.md").write_text("x")
    chosen = bench.sample_files(docs, 24, seed=7)
    assert chosen == bench.sample_files(docs, 24, seed=7)
    assert chosen != bench.sample_files(docs, 24, seed=8)
    assert len(set(chosen)) == 24 and chosen == sorted(chosen)
    assert chosen != sorted(docs.iterdir())[::1000 // 24][:24]  # not the evenly spaced files
    assert bench.sample_files(docs, 5000, seed=7) == sorted(docs.iterdir())


def test_docs_subset_is_the_first_n_drafts(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(10):
        (docs / f"{n:05d}.md").write_text(f"draft {n}")
    subset = bench.checked_docs(docs, 4)
    assert [p.name for p in sorted(subset.iterdir())] == [f"{n:05d}.md" for n in range(4)]
    assert (subset / "00003.md").read_text() == "draft 3"
    assert bench.checked_docs(docs, 10) == docs


def test_measured_times_the_watched_stderr_lines(tmp_path: Path) -> None:
    script = ("import sys, time\n"
              "print('claimcheck batch: 1/2 documents', file=sys.stderr, flush=True)\n"
              "time.sleep(0.6)\n"
              "print('other', file=sys.stderr, flush=True)\n"
              "print('claimcheck batch: 2/2 documents', file=sys.stderr, flush=True)\n")
    done = pipeline.measured([sys.executable, "-c", script], tmp_path, every=0.05,
                             watch="claimcheck batch:")
    assert done.returncode == 0
    assert [text for _, text in done.lines] == ["claimcheck batch: 1/2 documents",
                                                "claimcheck batch: 2/2 documents"]
    (first, _), (second, _) = done.lines
    assert second - first >= 0.5
