"""When work may be split across forked processes: shared by the pipeline and the checker."""

from __future__ import annotations

import multiprocessing
import os


def can_fork() -> bool:
    """More than one core, and the fork start method (forked workers inherit large read-only
    state, the references and their index, without pickling it)."""
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
