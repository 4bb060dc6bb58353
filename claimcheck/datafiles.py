"""Word lists live as data files beside the code that reads them (`<package>/data/<name>.txt`)."""

from __future__ import annotations

from importlib.resources import files


def data_lines(package: str, name: str) -> tuple[str, ...]:
    """Stripped lines of `<package>/data/<name>.txt`, in file order, without blank lines and
    `#` comment lines."""
    text = (files(package) / "data" / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))
