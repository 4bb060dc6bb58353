"""pyarrow, imported on first use: `claimcheck batch` needs it, nothing else in claimcheck does,
so it is the `batch` extra rather than a core dependency (see docs/scale.md)."""

from __future__ import annotations

from types import ModuleType

from ..distribution import DIST_NAME
from ..errors import UserError

INSTALL_HINT = f"pip install '{DIST_NAME}[batch]'"


def pyarrow() -> ModuleType:
    try:
        import pyarrow as pa
    except ImportError:
        raise _missing() from None
    return pa


def parquet() -> ModuleType:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise _missing() from None
    return pq


def _missing() -> UserError:
    return UserError(f"claimcheck batch needs pyarrow, which is not installed ({INSTALL_HINT})")
