"""YAML loading that remembers where every value came from.

Dates stay strings (the model parses them, so a bad date is a field error with a line,
not a loader crash), aliases are refused (they make "billion laughs" expansions
possible and no content here needs them) and duplicate keys are errors rather than a
silent overwrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dangjian.safety import classification

Path_ = tuple[str | int, ...]

MAX_DEPTH = 32


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(event.start_mark.line + 1, "不支持 YAML 锚点/别名（*alias）")
        return super().compose_node(parent, index)


# Drop the implicit timestamp resolver so that dates reach the model as text.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml parses front matter several times faster than the pure-Python parser, which
# counts at thousands of pages. It cannot refuse aliases while composing, so it only
# reads text that cannot hold one (no "&" or "*"), and any problem is reported by the
# pure-Python loader, whose messages and lines the tests pin down.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class YamlProblem(Exception):
    def __init__(self, line: int, message: str, field_name: str = ""):
        self.line = line
        self.message = message
        self.field = field_name
        super().__init__(f"line {line}: {message}")


@dataclass
class LineMap:
    """Maps a path into the loaded data (keys and indexes) to its 1-based line."""

    first_line: int = 1
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        # Fall back to the nearest ancestor that has a position: a missing field is
        # reported at the mapping that should have held it.
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return self.first_line


def load(text: str, first_line: int = 1) -> tuple[Any, LineMap]:
    """Parse one YAML document; ``first_line`` is the file line of the text's first line."""
    if _FastLoader is not None and "&" not in text and "*" not in text and _shallow(text):
        try:
            return _load(_FastLoader(text), text, first_line)
        except (yaml.YAMLError, YamlProblem):
            pass
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + first_line
        raise YamlProblem(line, f"含有不允许的控制字符 U+{exc.character:04X}") from None
    return _load(loader, text, first_line)


def _shallow(text: str) -> bool:
    """Whether ``text`` surely nests less than MAX_DEPTH levels.

    libyaml's composer recurses in C: a hostile file nested thousands deep would crash
    the process there instead of raising, so only plainly shallow text takes that path.
    """
    if text.count("[") + text.count("{") > MAX_DEPTH:
        return False
    return all(len(line) - len(line.lstrip(" -")) <= 2 * MAX_DEPTH for line in text.split("\n"))


def _load(loader: Any, text: str, first_line: int) -> tuple[Any, LineMap]:
    offset = first_line - 1
    try:
        try:
            node = loader.get_single_node()
        except YamlProblem as problem:
            problem.line += offset
            raise
        except yaml.MarkedYAMLError as exc:
            # The context mark is where the broken construct began (an unclosed
            # bracket's line), which is where an author has to look.
            mark = exc.context_mark or exc.problem_mark
            line = (mark.line + 1 if mark else 1) + offset
            message = f"YAML 语法错误：{exc.context or ''} {exc.problem or exc}".replace("  ", " ")
            problem_line = exc.problem_mark.line if exc.problem_mark else None
            if exc.context_mark and problem_line not in (None, exc.context_mark.line):
                message += f"（在第 {problem_line + 1 + offset} 行发现）"
            raise YamlProblem(line, message) from None
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + first_line
            raise YamlProblem(line, f"含有不允许的控制字符 U+{exc.character:04X}") from None
        except yaml.YAMLError as exc:
            raise YamlProblem(first_line, f"YAML 语法错误：{exc}") from None
        except RecursionError:
            raise YamlProblem(first_line, f"YAML 嵌套过深（上限 {MAX_DEPTH} 层）") from None
        lines = LineMap(first_line)
        if node is None:
            return None, lines
        data = _convert(loader, node, (), lines, offset, 0)
        # Every piece of YAML passes here, so this is where 涉密不上网 cannot be missed.
        refusal = classification.scan_tree(data, lines.line_of)
        if refusal is not None:
            raise YamlProblem(refusal.line, refusal.message, refusal.field)
        return data, lines
    finally:
        loader.dispose()


def _convert(loader: _Loader, node: Node, path: Path_, lines: LineMap, offset: int,
             depth: int) -> Any:
    line = node.start_mark.line + 1 + offset
    lines.lines.setdefault(path, line)
    if depth > MAX_DEPTH:
        raise YamlProblem(line, f"嵌套超过 {MAX_DEPTH} 层", _dotted(path))
    if isinstance(node, ScalarNode):
        try:
            return loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise YamlProblem(line, f"无法解析的值：{exc}", _dotted(path)) from None
    if isinstance(node, SequenceNode):
        return [
            _convert(loader, child, (*path, i), lines, offset, depth + 1)
            for i, child in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node, (*path, "<key>"), lines, offset, depth + 1)
            if not isinstance(key, str | int):
                raise YamlProblem(key_node.start_mark.line + 1 + offset, "键必须是文字")
            key_line = key_node.start_mark.line + 1 + offset
            if key in result:
                raise YamlProblem(key_line, "重复的键", _dotted((*path, key)))
            lines.lines[(*path, key)] = key_line
            result[key] = _convert(loader, value_node, (*path, key), lines, offset, depth + 1)
        lines.lines.pop((*path, "<key>"), None)
        return result
    raise YamlProblem(line, "无法识别的 YAML 节点")


def key_on_line(text: str, line: int) -> str | None:
    """The YAML key written on ``line`` of ``text``, to name the field of a syntax error."""
    lines = text.split("\n")
    if 0 < line <= len(lines):
        match = _KEY.match(lines[line - 1])
        if match:
            return match.group(1)
    return None


_KEY = re.compile(r"^\s*-?\s*([A-Za-z_][\w-]*)\s*:")


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)
