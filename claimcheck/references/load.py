"""Collect reference snippets from the files, folders and URLs the user named.

Order is deterministic (specs as given, folder contents sorted), because snippet positions and
derived ids end up in reports and in the index cache key. A bad file stops the run at once. A
reference that gives nothing (an empty folder or file, a URL that cannot be fetched or read)
stops it too, after every reference was tried, because a check against missing references
passes claims it never checked: exit 2, unless the config says `refs_optional = true`, which
makes these warnings. A URL skipped because `--offline` is on and it is not cached is always
only a warning: the user asked for no network.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..config import Config
from ..errors import UserError
from ..globs import files_under
from ..models import Snippet
from ..processes import collector_paused
from .formats import EXTENSIONS, Located, parse


def is_url(spec: str) -> bool:
    """Anything with a scheme is meant as a URL; the fetcher rejects schemes other than http(s)."""
    head, sep, _ = spec.partition("://")
    return bool(sep) and head.isascii() and head.isalpha()


def load_references(specs: list[str], config: Config, warnings: list[str]) -> list[Snippet]:
    """All snippets of all specs, in order; raises UserError on a bad file or a duplicate id."""
    with collector_paused():  # many long-lived records, nothing for a collection to free
        return _unique(_located(specs, config, warnings))


def _located(specs: list[str], config: Config, warnings: list[str]) -> list[Located]:
    problems: list[str] = []
    located = _collect(specs, config, warnings, problems)
    if problems and not config.refs_optional:
        more = (f" (and {len(problems) - 1} more reference problem"
                f"{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else "")
        raise UserError(f"{problems[0]}{more}; fix the references, or set refs_optional = true "
                        "in the config to check without them")
    warnings.extend(problems)
    return located


def _collect(specs: list[str], config: Config, warnings: list[str],
             problems: list[str]) -> list[Located]:
    located: list[Located] = []
    seen_files: set[Path] = set()
    fetcher = None
    try:
        for spec in specs:
            if is_url(spec):
                if fetcher is None:
                    from .fetch import Fetcher

                    fetcher = Fetcher(config, warnings)
                before = len(warnings)
                items = fetcher.snippets(spec)
                if not items and not config.offline:  # the fetcher said why: a problem
                    from .fetch import redact

                    problems.extend(warnings[before:] or [f"{redact(spec)}: no reference "
                                                          f"snippets"])
                    del warnings[before:]
                located.extend(items)
                continue
            found = list(_files(spec))
            if not found:
                problems.append(f"{spec}: no reference files found "
                                f"(known extensions: {', '.join(sorted(EXTENSIONS))})")
            for path, label in found:
                key = path.resolve()
                if key in seen_files:  # the same file named twice, e.g. a folder and a file in it
                    continue
                seen_files.add(key)
                items = load_file(path, label, config.max_reference_bytes)
                if not items:
                    problems.append(f"{label}: no reference snippets in this file")
                located.extend(items)
    finally:
        if fetcher is not None:
            fetcher.close()
    return located


def _unique(located: list[Located]) -> list[Snippet]:
    first: dict[str, Located] = {}
    for item in located:
        earlier = first.setdefault(item.snippet.id, item)
        if earlier is not item:
            raise UserError(f"duplicate reference id '{item.snippet.id}': "
                            f"{earlier.location} and {item.location}")
    return [item.snippet for item in located]


def reference_files(specs: list[str]) -> list[Path]:
    """The local files the specs name (URLs and problems left to loading), for refusing an
    output path that would overwrite one of them."""
    found: list[Path] = []
    for spec in specs:
        if not is_url(spec):
            try:
                found.extend(path for path, _ in _files(spec))
            except (UserError, OSError):
                pass
    return found


def _files(spec: str) -> list[tuple[Path, str]]:
    """(path, label) pairs; the label is the path as the user would write it, POSIX style."""
    path = Path(spec)
    if path.is_file():
        if path.suffix.lower() not in EXTENSIONS:
            raise UserError(f"{spec}: unknown reference format '{path.suffix or '(none)'}' "
                            f"(known: {', '.join(sorted(EXTENSIONS))})")
        return [(path, path.as_posix())]
    if not path.is_dir():
        if path.exists():  # a FIFO, a device, a socket
            from ..files import kind_of

            raise UserError(f"{spec}: is {kind_of(path.stat().st_mode)}, not a reference "
                            f"file or folder")
        raise UserError(f"{spec}: reference file or folder not found")
    base = PurePosixPath(path.as_posix())
    known = files_under(path, lambda rel: PurePosixPath(rel).suffix.lower() in EXTENSIONS)
    return [(file, str(base / rel)) for file, rel in known]


def load_file(path: Path, label: str, max_bytes: int = 500_000_000) -> list[Located]:
    """Snippets of one local reference file, read strictly as UTF-8; a FIFO, a device or a
    file over `max_reference_bytes` is a one-line error."""
    from ..files import decode_utf8, read_input

    data = read_input(path, max_bytes, "a reference file", label=label,
                      setting="max_reference_bytes")
    return parse(EXTENSIONS[path.suffix.lower()], label, decode_utf8(data, label))
