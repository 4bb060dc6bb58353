"""The Python API: check a string or files in one call and get the Report.

    import claimcheck

    report = claimcheck.check_text("All experts agree the tax works.", refs=["refs/"])
    for claim in report.claims:
        print(claim.line, claim.text, [f.rule for f in claim.flags], claim.verdict)

`config` is a `claimcheck.Config`, a mapping with the keys of `[tool.claimcheck]` (validated the
same way: an unknown key is an error), or None for the defaults. The nearest configuration file
is not read unless you ask: `claimcheck.load_config()`. `refs`, when given, replaces the
config's references. Errors the caller can fix (a missing file, an unknown rule, references that
give nothing) raise `claimcheck.UserError` with a one-line message. The Report is the same
object `--format json` writes (see `claimcheck schema`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from .config import Config, check_fail_on, load_config
from .errors import UserError
from .models import Report

ConfigLike = Config | Mapping[str, Any] | None
PathLike = str | os.PathLike[str]


def _config(config: ConfigLike, refs: Sequence[PathLike] | None) -> Config:
    from .selection import validate

    if config is None:
        resolved = Config()
    elif isinstance(config, Config):
        resolved = config.model_copy(deep=True)
    elif isinstance(config, Mapping):
        from .config import _validate

        resolved = _validate(dict(config), "config", from_file=True)
    else:
        raise TypeError(f"config must be a claimcheck.Config, a mapping or None, "
                        f"not {type(config).__name__}")
    if refs is not None:
        if isinstance(refs, str | os.PathLike):
            refs = [refs]
        resolved.refs = [os.fspath(r) for r in refs]
    resolved.fail_on = check_fail_on(resolved.fail_on, "fail_on")
    validate(resolved)
    return resolved


def check_text(text: str, *, refs: Sequence[PathLike] | None = None,
               config: ConfigLike = None, markdown: bool = False,
               path: str = "<text>") -> Report:
    """Split `text` into claims, flag them and check them against `refs`.

    `markdown=True` parses the text as Markdown. `path` is the name the report gives the text
    (files, findings' locations)."""
    from .document import build_document
    from .pipeline import run_documents

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    resolved = _config(config, refs)
    return run_documents([build_document(path, text, markdown)], resolved)


def check_files(paths: Sequence[PathLike] | PathLike, *, refs: Sequence[PathLike] | None = None,
                config: ConfigLike = None) -> Report:
    """Check drafts on disk, as `claimcheck check PATHS...` does: folders are expanded with the
    config's include/exclude, Markdown is recognised by extension (config `markdown` forces it)."""
    from .pipeline import expand_drafts, run

    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    resolved = _config(config, refs)
    return run(expand_drafts([os.fspath(p) for p in paths], resolved), resolved)


__all__ = ["Config", "Report", "UserError", "check_files", "check_text", "load_config"]
