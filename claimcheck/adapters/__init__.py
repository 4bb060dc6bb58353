"""The only modules that read a third-party library's internals: one per library.

Each reads what the library does not document (an attribute, a private function, a shared
library's symbol), is the one place to fix when that library changes, and has a test in
tests/test_adapters.py that fails loudly when the internal changes; pyproject.toml gives each
such library an upper version bound.
"""
