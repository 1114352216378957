"""Read a YAML file (rules.yaml, dictionaries, units.yaml) with one-line Chinese errors that name
the file and, for syntax errors, the line.

Aliases are counted before any object is built: a document whose aliases would expand it beyond
``MAX_NODES`` nodes (a "billion laughs" of nine nested levels is 432 bytes) is refused, so a planted
rules.yaml, dictionary or units.yaml cannot exhaust memory. :func:`load_text` does the same for text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's loader reads the same data 4-5x faster than the pure-Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_NODES = 100_000  # nodes after expanding aliases; real configuration files have a few thousand


class YAMLBomb(yaml.YAMLError):
    """A document whose aliases expand it beyond the budget."""


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Nodes of the document with every alias expanded, counted without expanding (memoised per
    node, so linear in the composed graph); stops counting past ``limit``."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            total = 1
            if isinstance(node, yaml.MappingNode):
                total += sum(size[id(k)] + size[id(v)] for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                total += sum(size[id(v)] for v in node.value)
            size[key] = min(total, limit + 1)
            continue
        if key in size:
            continue
        size[key] = limit + 1  # a node reached again while being counted: a recursive alias
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            children = [c for pair in node.value for c in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        stack.extend((c, False) for c in children if id(c) not in size)
    return size[id(root)]


def load_text(text: str, *, max_nodes: int = MAX_NODES, aliases: bool = True) -> Any:
    """``yaml.safe_load`` that refuses alias bombs (and any alias at all with ``aliases=False``)
    before building objects; raises :class:`YAMLBomb`, a ``yaml.YAMLError``."""
    if not aliases:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise YAMLBomb("不允许使用 YAML 别名（*）")
        return yaml.load(text, Loader=LOADER)
    loader = LOADER(text)
    try:
        root = loader.get_single_node()  # composed, not yet constructed: aliases are shared nodes
        if root is None:
            return None
        if "&" in text and _expanded_size(root, max_nodes) > max_nodes:  # no anchor, no alias
            raise YAMLBomb(f"别名展开后超过 {max_nodes} 个节点，已拒绝")
        return loader.construct_document(root)
    finally:
        loader.dispose()


def read_yaml(
    path: Path,
    error: type[Exception],
    *,
    display: str | None = None,
    missing: str = "文件不存在",
    encoding: str = "utf-8-sig",
) -> Any:
    """The parsed document; ``error(message)`` for a missing, unreadable, non-UTF-8 or invalid file."""
    name = display or str(path)
    try:
        return load_text(Path(path).read_text(encoding=encoding))
    except FileNotFoundError:
        raise error(f"{name}: {missing}") from None
    except OSError as e:
        raise error(f"{name}: 无法读取（{e.strerror or e}）") from None
    except UnicodeDecodeError:
        raise error(f"{name}: 须为 UTF-8 编码") from None
    except ValueError as e:  # a timestamp YAML cannot build: since: 2024-13-01
        raise error(f"{name}: 取值不合法（{e}）") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise error(f"{name}: YAML 格式错误{where}（{getattr(e, 'problem', e)}）") from None
