"""Every package claimcheck imports is declared by the installed distribution: a fresh venv made
by the README's command gets everything a run needs, whatever pip or the index would skip.

Reads the real metadata (importlib.metadata), so it fails on the checkout where someone adds an
import without the dependency, not on a user's machine later.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata as metadata
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import claimcheck
from claimcheck.distribution import DIST_NAME

PACKAGE = Path(claimcheck.__file__).parent


def _name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def _declared() -> tuple[set[str], set[str]]:
    """Distribution names claimcheck requires, and those only an extra brings."""
    required, extras = set(), set()
    for requirement in metadata.requires(DIST_NAME) or []:
        (extras if "extra ==" in requirement else required).add(_name(requirement))
    return required, extras


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    """'typing' under `if TYPE_CHECKING:`, 'optional' inside a try that catches ImportError,
    else 'runtime'."""
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.If) and "TYPE_CHECKING" in ast.unparse(parent.test):
            return "typing"
        if isinstance(parent, ast.Try) and node in parent.body and any(
                h.type is not None and re.search(r"\b(ImportError|ModuleNotFoundError)\b",
                                                 ast.unparse(h.type))
                for h in parent.handlers):
            return "optional"
        node = parent
    return "runtime"


@functools.cache
def imported_modules() -> dict[str, dict[str, set[str]]]:
    """Top-level third-party modules imported anywhere in the package (functions included),
    by how they are guarded, with the files that import them."""
    found: dict[str, dict[str, set[str]]] = {"runtime": {}, "optional": {}, "typing": {}}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top == "claimcheck" or top in sys.stdlib_module_names:
                    continue
                where = found[_guarded(node, parents)].setdefault(top, set())
                where.add(str(path.relative_to(PACKAGE.parent)))
    return found


@functools.cache
def _packages_distributions() -> Mapping[str, list[str]]:
    return metadata.packages_distributions()  # scans every installed distribution: once


def _distributions(module: str) -> set[str]:
    return {_name(d) for d in _packages_distributions().get(module, [])}


def test_every_module_imported_at_run_time_is_a_declared_dependency() -> None:
    required, _ = _declared()
    modules = imported_modules()["runtime"]
    assert modules, "the scan found no imports at all"
    missing = {module: sorted(files) for module, files in modules.items()
               if not _distributions(module) & required}
    assert not missing, f"imported but not in [project] dependencies: {missing}"


def test_optional_imports_are_declared_in_an_extra() -> None:
    required, extras = _declared()
    missing = {module: sorted(files) for module, files in imported_modules()["optional"].items()
               if not _distributions(module) & (required | extras)}
    assert not missing, f"optional imports declared nowhere: {missing}"


def test_the_html_cleaner_trafilatura_needs_is_declared_and_importable() -> None:
    """lxml >= 5.2 moved lxml.html.clean into lxml_html_clean; trafilatura imports it, and the
    bundled pip of a fresh venv skipped lxml's `html_clean` extra on our index."""
    required, _ = _declared()
    assert "lxml-html-clean" in required
    import lxml.html.clean  # noqa: F401


def test_the_scan_sees_a_lazy_import_inside_a_function() -> None:
    """The check is only as good as its scan: references/html.py imports trafilatura lazily."""
    assert "claimcheck/references/html.py" in imported_modules()["runtime"]["trafilatura"]
