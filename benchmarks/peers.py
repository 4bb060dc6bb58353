"""Peer tools beside claimcheck on a labelled generalization set: write-good's weasel check (an
npm package, installed at run time into a cache folder, never vendored) and proselint (pip, in
the dev extra). claimcheck's own rows are those of `claimcheck eval flags` (the same function),
so the table is the one docs/accuracy.md quotes, with the peer rows added.

    python benchmarks/peers.py ../shared/data/logic-fallacy/dev.jsonl [--format table|markdown|json]
        [--cache DIR]

A peer that cannot run (no node/npm, no network for npm, proselint not installed) is a row that
says why, never an error. These runs live here, not in the installed command: a user's
`claimcheck eval` never installs anything.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.evaluate import Score, read_jsonl, score  # noqa: E402
from claimcheck.evaluate.flags import FlagEval, evaluate_flags, render_eval  # noqa: E402

WRITE_GOOD = "write-good@1.0.8"
_NODE_SCRIPT = """
const fs = require('fs');
const writeGood = require(process.argv[2]);
const texts = JSON.parse(fs.readFileSync(0, 'utf8'));
const off = {passive: false, illusion: false, so: false, thereIs: false, adverb: false,
             tooWordy: false, cliches: false, eprime: false, weasel: true};
process.stdout.write(JSON.stringify(texts.map((t) => writeGood(t, off).length > 0)));
"""
# proselint's checks that aim at the same thing: vague, hedged or inflated wording.
PROSELINT_VAGUE = ("weasel_words", "hedging", "uncomparables", "skunked_terms")


def peer_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck")) / "peers"


def run_write_good(texts: list[str], cache: Path) -> list[bool] | str:
    """write-good's weasel check per text, or 'not run: <reason>'."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return "not run: node/npm not found"
    module = cache / "node_modules" / "write-good"
    try:
        if not (module / "package.json").is_file():
            cache.mkdir(parents=True, exist_ok=True)
            subprocess.run([npm, "install", "--prefix", str(cache), WRITE_GOOD, "--no-audit",
                            "--no-fund", "--silent"], check=True, capture_output=True,
                           timeout=300)
        script = cache / "claimcheck-write-good.js"
        script.write_text(_NODE_SCRIPT, encoding="utf-8")
        done = subprocess.run([node, str(script), str(module)], input=json.dumps(texts),
                              capture_output=True, text=True, check=True, timeout=600)
        result = json.loads(done.stdout)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").strip() if isinstance(exc.stderr, bytes) else (
            exc.stderr or "").strip()
        last = str(detail).splitlines()[-1][:100] if detail else f"exit {exc.returncode}"
        return f"not run: {Path(str(exc.cmd[0])).name} failed: {last}"
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError) as exc:
        return f"not run: {type(exc).__name__}: {str(exc)[:100]}"
    return [bool(x) for x in result]


def run_proselint(texts: list[str], only: tuple[str, ...] | None = None) -> list[bool] | str:
    """proselint findings per text (its default checks, or only those under `only`)."""
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return "not run: proselint is not installed (pip install proselint)"
    registry = CheckRegistry()
    if not registry.checks:  # proselint's own CLI registers its checks at start-up
        registry.register_many(__register__)
    config = DEFAULT
    if only is not None:
        config = {**DEFAULT, "checks": {name: True for name in only}}
    return [bool(text.strip()) and bool(LintFile("row", text).lint(config)) for text in texts]


def with_peers(dataset: Path, cache: Path) -> FlagEval:
    """`claimcheck eval flags`'s scores, then a row per peer run on the same rows."""
    result = evaluate_flags(dataset)
    rows = read_jsonl(dataset, ("text", "generalization"))
    texts = [str(row["text"]) for row in rows]
    gold = [bool(row["generalization"]) for row in rows]
    runs: dict[str, list[bool] | str] = {
        "write-good (weasel check)": run_write_good(texts, cache),
        "proselint (all default checks)": run_proselint(texts),
        "proselint (weasel/hedging checks)": run_proselint(texts, PROSELINT_VAGUE),
    }
    for name, run in runs.items():
        result.scores[name] = Score(skipped=run) if isinstance(run, str) else score(run, gold)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path, help="JSONL rows with 'text' and 'generalization'")
    parser.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    parser.add_argument("--cache", type=Path, help="where npm installs write-good "
                        "(default: the user cache, claimcheck/peers)")
    args = parser.parse_args(argv)
    result = with_peers(args.dataset, args.cache or peer_cache_dir())
    sys.stdout.write(render_eval(result, args.format))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
