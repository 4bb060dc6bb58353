"""The command line run in this process: the suite's one helper, tests/clirun.py."""

from clirun import Run, run_cli

__all__ = ["Run", "run_cli"]
