"""YAML references: PyYAML's safe loader, bounded (nesting, aliases, bad scalars), records
named by their line. Imported by `formats.yaml_snippets` only when a YAML reference is read."""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import UserError
from .formats import MAX_ALIAS_NODES, MAX_DEPTH, RECORD_LISTS, Located, _record_list, record_snippet


class _YamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader, bounded: nesting at most MAX_DEPTH, no alias that refers to
    itself, and aliases adding at most MAX_ALIAS_NODES nodes; a bad scalar (a timestamp with
    month 13, an integer too long to convert) is a YAML error at its line."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"bad {node.tag.rsplit(':', 1)[-1]} value "
                f"({str(exc).split(';')[0]})",
                node.start_mark) from None


def _check_aliases(root: Any) -> None:
    """Refuse a node graph whose aliases loop or expand to too many nodes; without aliases
    every node is seen once, so this is linear in the document."""
    size: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[Any, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = ([c for pair in node.value for c in pair]
                    if isinstance(node, yaml.MappingNode)
                    else node.value if isinstance(node, yaml.SequenceNode) else [])
        if done:
            open_nodes.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            if size[key] > distinct + MAX_ALIAS_NODES:
                raise yaml.composer.ComposerError(
                    None, None, f"aliases expand to more than {MAX_ALIAS_NODES:,} extra nodes",
                    node.start_mark)
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise yaml.composer.ComposerError(None, None, "an alias refers to its own anchor "
                                              "(recursive data)", node.start_mark)
        distinct += 1
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)


def _yaml_error(where: str, exc: yaml.YAMLError, text: str) -> UserError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        line = text.count("\n", 0, max(0, exc.position)) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return UserError(f"{where}:{line}: invalid YAML: control character "
                         f"U+{ord(character):04X} is not allowed in YAML (text pasted from a "
                         f"PDF often has them); remove it")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    at = f":{mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return UserError(f"{where}{at}: invalid YAML: {' '.join(str(problem).split())}")


def yaml_snippets(where: str, text: str, url: str | None = None) -> list[Located]:
    loader: _YamlLoader | None = None
    try:
        loader = _YamlLoader(text)
        node = loader.get_single_node()
        if node is not None:
            _check_aliases(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(where, exc, text) from None
    except RecursionError:
        raise UserError(f"{where}: invalid YAML: nested too deeply") from None
    finally:
        if loader is not None:
            loader.dispose()
    records = _record_list(data, where)
    lines = _item_lines(node, data)
    if len(lines) != len(records):
        lines = []
    out = []
    for number, record in enumerate(records, start=1):
        location = f"{where}:{lines[number - 1]}" if lines else f"{where} record {number}"
        out.append(record_snippet(record, location, where, location, url))
    return out


def _item_lines(node: Any, data: Any) -> list[int]:
    """1-based start line of each record in the YAML node tree, to name them like other files.
    The list is the one `_record_list` takes; of repeated keys, YAML keeps the last."""
    if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
        for key in RECORD_LISTS:
            if isinstance(data.get(key), list):
                values = [v for k, v in node.value if k.value == key]
                node = values[-1] if values else None
                break
    if isinstance(node, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return []
