"""YAML read safely: no Python tags, bounded alias expansion, and line numbers kept.

PyYAML's SafeLoader already refuses ``!!python`` tags. What it does not do is bound the
"billion laughs" pattern, where a few aliases expand to a structure too big to walk; we
measure, on each document's node graph and before constructing it, how many nodes its
aliases add. A large catalog without aliases adds none, however many nodes it has.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import yaml

from explorer.domain.errors import InputError

__all__ = [
    "MAX_EXPANDED_NODES",
    "LineDict",
    "documents_apart",
    "load_documents",
]

MAX_EXPANDED_NODES = 1_000_000  # nodes that aliases may add to a document


class LineDict(dict[Any, Any]):
    """A mapping that remembers the 1-based line it started on, and each key's."""

    line: int | None = None
    lines: dict[Any, int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Any:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.lines = {}
    yield data
    data.update(loader.construct_mapping(node, deep=True))
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, str):
            data.lines[key] = key_node.start_mark.line + 1


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _alias_growth(root: yaml.Node) -> int:
    """How many nodes expanding every alias adds to the document: its size once expanded
    less its distinct nodes (an alias shares its anchor's node object). Stops counting
    once past ``MAX_EXPANDED_NODES``: a subtree's expanded size less the distinct nodes
    seen so far never exceeds the final answer."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            if sizes[key] - len(sizes) > MAX_EXPANDED_NODES:
                return sizes[key] - len(sizes)
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise ValueError("an alias refers to itself (a recursive structure)")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    return sizes[id(root)] - len(sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_documents(path: str, text: str) -> list[Any]:
    """Every document of a YAML stream, mappings as ``LineDict``; errors as InputError."""
    try:
        loader = _Loader(text)  # checks every character first
    except yaml.reader.ReaderError as exc:
        at = text.count("\n", 0, exc.position) + 1
        problem = f"invalid YAML: character #x{exc.character:04x} is not allowed"
        raise InputError(path, at, problem) from None
    documents: list[Any] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            if _alias_growth(node) > MAX_EXPANDED_NODES:
                raise InputError(
                    path,
                    node.start_mark.line + 1,
                    f"aliases expand to more than {MAX_EXPANDED_NODES:,} nodes; refused",
                )
            documents.append(loader.construct_document(node))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(path, line, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise InputError(path, None, f"invalid YAML: {exc}") from None
    except ValueError as exc:
        raise InputError(path, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise InputError(path, None, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    return documents


_SEPARATOR = re.compile(r"^(---|\.\.\.)(\s|$)", re.MULTILINE)


def documents_apart(path: str, text: str) -> tuple[list[tuple[int, Any]], list[InputError]]:
    """Every document of a stream, numbered from 1, as Backstage reads a file: one that is
    not valid YAML is a problem with its line, and the others are read all the same."""
    try:
        return list(enumerate(load_documents(path, text), start=1)), []
    except InputError as whole:
        starts = [m.start() for m in _SEPARATOR.finditer(text)]
        if not starts:
            return [], [whole]
        first = whole
    found: list[tuple[int, Any]] = []
    problems: list[InputError] = []
    bounds = [0, *starts, len(text)]
    for number, (begin, end) in enumerate(itertools.pairwise(bounds), start=1):
        lines_before = text.count("\n", 0, begin)
        chunk = "\n" * lines_before + text[begin:end]  # its lines as in the whole file
        try:
            found += [(number, document) for document in load_documents(path, chunk)]
        except InputError as exc:
            problems.append(exc)
    return found, problems or [first]
