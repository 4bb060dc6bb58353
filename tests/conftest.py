"""Suite-wide: count the processes the tests start, so a test that spawns an interpreter where an
in-process call would do shows up in the summary (`python -m pytest -q` prints one line). With
pytest-xdist (`-n 2`) each worker counts its own and the controller adds them up.

The whole suite writes its caches (built indexes, fetched pages) into one folder of its own
(one per xdist worker), never the user's cache: that folder is shared by every claimcheck
installed on the machine, and a test run must neither read an entry another claimcheck wrote nor
leave entries behind. Subprocesses (the CLI, pre-commit, the action's scripts) inherit it.

With pytest-xdist (`-n 2`) the tests are handed out one at a time to whichever worker is free,
the slow ones first, longest first (`slow(SECONDS)`, their time on a quiet 2-core machine): a
long test started last would otherwise set the end of the run while the other worker sits idle.
An explicit `--dist` is left as given."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

_SPAWNS: Counter[str] = Counter()      # test file -> processes started through subprocess
_PYTHONS: Counter[str] = Counter()     # of those, Python: this interpreter or its scripts
_original_init = subprocess.Popen.__init__
_BIN = os.path.dirname(sys.executable)


def _counting_init(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
    current = os.environ.get("PYTEST_CURRENT_TEST")
    if current is None:  # not a test's: pytest-xdist starting its workers
        return _original_init(self, args, *rest, **kwargs)
    test = current.split("::")[0]
    _SPAWNS[test] += 1
    single = isinstance(args, (str, bytes, os.PathLike))
    first = str(args if single else (list(args)[:1] or [""])[0])
    if first == sys.executable or os.path.dirname(first) == _BIN:  # python or a console script
        _PYTHONS[test] += 1
    _original_init(self, args, *rest, **kwargs)


subprocess.Popen.__init__ = _counting_init  # type: ignore[method-assign]


# Modules whose tests share a costly module fixture (Ray's instance, the built wheel): under
# pytest-xdist each runs whole on one worker.
TOGETHER = ("tests/batch/test_ray.py", "tests/test_wheel.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`-n`'s default `load` hands out tests in chunks in collection order; this hands them out
    one at a time (a module of TOGETHER as one), in the order below, to whichever worker is
    free. An explicit `--dist` is left as given."""
    args = config.invocation_params.args
    if config.option.dist != "load" or any(str(a).startswith("--dist") for a in args):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LongestFirst(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in TOGETHER else nodeid

    config.option.loadscopereorder = False  # keep the collection order: longest first
    return LongestFirst(config, log)


def _expected_seconds(item: pytest.Item) -> float:
    mark = item.get_closest_marker("slow")
    return float(mark.args[0]) if mark else 0.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_expected_seconds, reverse=True)  # stable: the rest keep their order


def pytest_sessionfinish(session: pytest.Session) -> None:
    output = getattr(session.config, "workeroutput", None)
    if output is not None:  # an xdist worker: hand the counts to the controller
        output["spawns"], output["pythons"] = dict(_SPAWNS), dict(_PYTHONS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    output = getattr(node, "workeroutput", None) or {}
    _SPAWNS.update(output.get("spawns", {}))
    _PYTHONS.update(output.get("pythons", {}))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if getattr(terminalreporter.config, "workeroutput", None) is not None:
        return
    total = sum(_SPAWNS.values())
    top = ", ".join(f"{name} {n}" for name, n in _PYTHONS.most_common(6))
    terminalreporter.write_line(
        f"subprocesses started by tests: {total}, of them Python interpreters: "
        f"{sum(_PYTHONS.values())}" + (f" ({top})" if top else ""))


@pytest.fixture(autouse=True, scope="session")
def _suite_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    name = "CLAIMCHECK_CACHE_DIR"
    before = os.environ.get(name)
    os.environ[name] = str(tmp_path_factory.mktemp("claimcheck-cache"))
    yield
    if before is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = before
