"""claimcheck: find the checkable claims in a draft, flag unsupported generalizations, and check
claims against your own reference snippets.

The Python API (see `claimcheck.api`; nothing heavy is imported until it is used):

    import claimcheck

    report = claimcheck.check_text("All experts agree.", refs=["refs/"])
    report = claimcheck.check_files(["docs/"], config={"fail_on": ["warning"]})
    report.summary.failed, report.claims[0].flags, report.claims[0].verdict
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import check_files, check_text
    from .config import Config, load_config
    from .errors import UserError
    from .models import Report

__all__ = ["Config", "Report", "UserError", "__version__", "check_files", "check_text",
           "load_config"]

_LAZY = {"check_text": "api", "check_files": "api", "Config": "config",
         "load_config": "config", "UserError": "errors", "Report": "models"}


def __getattr__(name: str) -> Any:
    """The API's names, imported on first use so `claimcheck --help` stays fast."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
