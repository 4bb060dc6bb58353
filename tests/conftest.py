"""Suite-wide: count the processes the tests start, so a test that spawns an interpreter where an
in-process call would do shows up in the summary (`python -m pytest -q` prints one line)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from typing import Any

_SPAWNS: Counter[str] = Counter()      # test file -> processes started through subprocess
_PYTHONS: Counter[str] = Counter()     # of those, Python: this interpreter or its scripts
_original_init = subprocess.Popen.__init__
_BIN = os.path.dirname(sys.executable)


def _counting_init(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
    test = os.environ.get("PYTEST_CURRENT_TEST", "(outside a test)").split("::")[0]
    _SPAWNS[test] += 1
    single = isinstance(args, (str, bytes, os.PathLike))
    first = str(args if single else (list(args)[:1] or [""])[0])
    if first == sys.executable or os.path.dirname(first) == _BIN:  # python or a console script
        _PYTHONS[test] += 1
    _original_init(self, args, *rest, **kwargs)


subprocess.Popen.__init__ = _counting_init  # type: ignore[method-assign]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    total = sum(_SPAWNS.values())
    top = ", ".join(f"{name} {n}" for name, n in _PYTHONS.most_common(6))
    terminalreporter.write_line(
        f"subprocesses started by tests: {total}, of them Python interpreters: "
        f"{sum(_PYTHONS.values())}" + (f" ({top})" if top else ""))

