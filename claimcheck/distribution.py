"""Which installed distribution answered: our name on the package index, and a check that the
`claimcheck` import package and command on this machine are really ours.

The package index already holds unrelated projects called `claimcheck`, `claimcheck-core` and
`claimcheck-receipts`; the last one installs an import package `claimcheck` and a `claimcheck`
command too, and overwrites our files without a warning when installed beside us. So this
project is published as `factlint` (the import package and the command keep the name
`claimcheck`), and `claimcheck --version` names the distribution and reports any other
distribution that writes into the same package, or any of our files that a later install
changed.

Only `importlib.metadata` and `hashlib` are used, and only when asked: start-up pays nothing.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.metadata import Distribution

DIST_NAME = "factlint"  # the name on the package index: `pipx install factlint`
PACKAGE = "claimcheck"  # the import package, and the command
DOCS_BRANCH = "main"
PLACEHOLDER = "/OWNER/"  # in the docs' examples: stands for wherever a team hosts its copy


# Web hosts whose file pages we know how to address: host -> path between the repository
# and the revision ("https://github.com/acme/claimcheck/blob/<commit>/docs/...").
_BLOB = {"github.com": "/blob/", "gitlab.com": "/-/blob/"}


@functools.cache
def home() -> tuple[str, str] | None:
    """Where the installed copy's documentation lives on the web, as (repository URL, revision):
    - the repository the distribution declares (`[project.urls] Repository` in pyproject.toml,
      e.g. "https://github.com/acme/claimcheck"), at the main branch. claimcheck has no public
      home yet, so it declares none: a team that hosts its copy (a fork or a mirror) sets it
      there. A placeholder URL (OWNER) counts as none: no output carries a link that leads
      nowhere;
    - else the repository it was installed from, when pip installed it from git over https
      from a host in `_BLOB` (`pip install git+https://github.com/acme/claimcheck@<sha>`, the
      install docs/ci.md documents): pip records that URL and the exact commit
      (direct_url.json, PEP 610), so the links lead to the pages of the very version that runs.
    None otherwise (an install from a folder or a wheel file)."""
    from importlib.metadata import PackageNotFoundError, distribution, metadata

    try:
        urls = metadata(DIST_NAME).get_all("Project-URL") or []
        direct = distribution(DIST_NAME).read_text("direct_url.json")
    except PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        url = url.strip().rstrip("/")
        if label.strip().lower() == "repository" and url.startswith("https://") \
                and PLACEHOLDER not in url:
            return url, DOCS_BRANCH
    return _installed_from(direct)


def _installed_from(direct_url: str | None) -> tuple[str, str] | None:
    """(repository URL, commit) from a PEP 610 direct_url.json of a git install over https from
    a known web host; None for anything else or a record that does not parse."""
    import json
    from urllib.parse import urlsplit

    try:
        record = json.loads(direct_url or "null")
        url, vcs = record["url"], record["vcs_info"]
        commit = vcs["commit_id"]
    except (ValueError, TypeError, KeyError):
        return None
    parts = urlsplit(url if isinstance(url, str) else "")
    if vcs.get("vcs") != "git" or parts.scheme != "https" or parts.hostname not in _BLOB \
            or parts.username or parts.password or not isinstance(commit, str) \
            or not commit.isalnum():
        return None
    path = parts.path.rstrip("/").removesuffix(".git")
    if path.count("/") < 2:  # no owner/name
        return None
    return f"https://{parts.hostname}{path}", commit


def repository() -> str | None:
    """The repository URL of `home` (SARIF `informationUri`), or None."""
    found = home()
    return found[0] if found else None


def rule_doc_url(rule_id: str) -> str | None:
    """Where a rule's documentation page is published (SARIF `helpUri`): docs/rules/CC101.md,
    docs/rules/verdict-no_evidence.md (see `report.rule_docs.page_name`) in the repository of
    `home`, at its revision; None without one."""
    found = home()
    if found is None:
        return None
    base, revision = found
    blob = _BLOB.get(_host(base), "/blob/")
    return f"{base}{blob}{revision}/docs/rules/{rule_id.replace('/', '-')}.md"


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def _distributions(path: list[str] | None) -> Iterable[Distribution]:
    from importlib.metadata import distributions

    return distributions(path=path) if path is not None else distributions()


def _name(dist: Distribution) -> str:
    return str(dist.metadata["Name"] or "?")


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def ours(path: list[str] | None = None) -> Distribution | None:
    """Our installed distribution (the first on the path, as importlib finds it), or None."""
    for dist in _distributions(path):
        if _normal(_name(dist)) == DIST_NAME:
            return dist
    return None


def _owns_package(dist: Distribution) -> bool:
    """True when `dist` installs files into the `claimcheck` import package or top level."""
    top = (dist.read_text("top_level.txt") or "").split()
    if PACKAGE in top:
        return True
    return any(f.parts and f.parts[0] in (PACKAGE, f"{PACKAGE}.py") for f in dist.files or ())


def _entry_point_owner(dist: Distribution) -> bool:
    return any(ep.group == "console_scripts" and ep.name == PACKAGE for ep in dist.entry_points)


def _build_leftover(dist: Distribution) -> bool:
    """Metadata a build left in a source checkout (`claimcheck.egg-info` beside pyproject.toml),
    seen only when Python runs from the checkout's root: not an installed distribution."""
    root = Path(str(dist.locate_file("")))
    return (root / "pyproject.toml").is_file() and (root / PACKAGE / "__init__.py").is_file()


def rivals(path: list[str] | None = None) -> list[str]:
    """Other installed distributions that write into the `claimcheck` package or install a
    `claimcheck` command, as 'name version' strings, sorted."""
    found = set()
    for dist in _distributions(path):
        if _normal(_name(dist)) == DIST_NAME or _build_leftover(dist):
            continue
        if _owns_package(dist) or _entry_point_owner(dist):
            found.add(f"{_name(dist)} {dist.version}")
    return sorted(found)


def _digest(file: Path) -> str:
    data = hashlib.sha256(file.read_bytes()).digest()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def changed_files(dist: Distribution) -> list[str]:
    """Files of the `claimcheck` package recorded in our RECORD whose content no longer matches
    its hash (another install wrote over them), or that are gone. An editable install records
    no package files, so it has nothing to compare: the source tree is the truth."""
    changed = []
    for record in dist.files or ():
        if not record.parts or record.parts[0] != PACKAGE or record.hash is None:
            continue
        if record.hash.mode != "sha256":
            continue
        file = Path(str(record.locate()))
        try:
            if _digest(file) != record.hash.value:
                changed.append(str(record))
        except OSError:
            changed.append(f"{record} (missing)")
    return changed


def problems(path: list[str] | None = None) -> list[str]:
    """Why the `claimcheck` on this machine may not be ours; empty when all is well."""
    dist = ours(path)
    out = []
    if dist is None:
        out.append(f"the '{DIST_NAME}' distribution is not installed; this 'claimcheck' came "
                   f"from elsewhere (install with 'pipx install {DIST_NAME}')")
    others = rivals(path)
    if others:
        out.append(f"also installed: {', '.join(others)}, which write(s) into the same "
                   f"'claimcheck' package or command; uninstall it, or install {DIST_NAME} in "
                   f"its own environment (pipx or uv tool)")
    if dist is not None:
        changed = changed_files(dist)
        if changed:
            shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more"
                                               if len(changed) > 5 else "")
            out.append(f"{len(changed)} of {DIST_NAME}'s files were changed by another "
                       f"install: {shown}; reinstall with 'pip install --force-reinstall "
                       f"{DIST_NAME}' in its own environment")
    return out


def version_text() -> str:
    """`claimcheck --version`: the command, the distribution that provides it, and where."""
    from . import __version__

    dist = ours()
    where = Path(__file__).resolve().parent
    if dist is None:
        return f"claimcheck {__version__} (not installed as {DIST_NAME}; package at {where})"
    return f"claimcheck {__version__} ({DIST_NAME} {dist.version}, package at {where})"
