"""blingfire internals, read here only: its shared library, loaded from the installed package's
folder and called through ctypes, the way blingfire 0.1.8's own wrapper calls it.

Why not `import blingfire`: its __init__ imports numpy (about 0.1 s of start-up for a command
that may not need numpy), and its wrapper makes a new ctypes array type for every buffer size
(more than the segmentation itself on a draft of many blocks). Its offsets API is the public
module's (`sentence_offsets`), used only for the rare text the fast path cannot align.

The library file name, its folder and the `TextToSentences` signature are blingfire's
internals: pyproject.toml bounds blingfire below 0.2, and tests/test_adapters.py fails when the
file is not found or answers differently from blingfire's own `text_to_sentences`. At run time
a missing library falls back to the public module, slower but the same sentences.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

LIBRARY = {"win32": "blingfiretokdll.dll", "darwin": "libblingfiretokdll.dylib"}.get(
    sys.platform, "libblingfiretokdll.so")


def module() -> ModuleType:
    """blingfire's Python module (imports numpy): only when the library is not loaded, or for
    its offsets API."""
    import blingfire

    return blingfire


def load_library() -> Any:
    """The shared library blingfire's own wrappers call, from the installed package's folder
    without running its __init__; None when the file is not there."""
    from importlib.util import find_spec

    spec = find_spec("blingfire")
    for folder in list(spec.submodule_search_locations or []) if spec else []:
        try:
            return ctypes.cdll.LoadLibrary(f"{folder}/{LIBRARY}")
        except OSError:
            continue
    return None


_LIB = load_library()


def loaded() -> bool:
    """Whether the shared library was loaded directly (the fast path)."""
    return _LIB is not None


def text_to_sentences(text: str) -> str:
    """blingfire.text_to_sentences: the sentences of `text`, one per line, whitespace inside
    them made single spaces. The output buffer's size is rounded up to a power of two, so
    ctypes makes (and keeps) one array type per size class instead of one per call."""
    if _LIB is None:
        return str(module().text_to_sentences(text))
    data = text.encode("utf-8")
    capacity = len(data) * 2
    out = ctypes.create_string_buffer(1 << max(capacity - 1, 1).bit_length())
    written = _LIB.TextToSentences(ctypes.c_char_p(data), ctypes.c_int(len(data)),
                                   ctypes.byref(out), ctypes.c_int(capacity))
    if written == -1 or written > capacity:
        return ""
    return ctypes.string_at(out, written).split(b"\0", 1)[0].decode("utf-8")


def sentence_offsets(text: str) -> Sequence[tuple[int, int]]:
    """(start, end) character offsets of the sentences of `text`, by blingfire's public
    offsets API."""
    return [(int(s), int(e)) for s, e in module().text_to_sentences_and_offsets(text)[1]]
