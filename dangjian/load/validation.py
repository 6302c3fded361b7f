"""Model validation whose every message names the file, the line and the field."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from dangjian.core.diagnostics import Diagnostics
from dangjian.load.yamlsource import LineMap

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, lines: LineMap, path: str,
             diagnostics: Diagnostics, prefix: tuple[str | int, ...] = ()) -> M | None:
    """Return the model, or None after adding one diagnostic per problem."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        diagnostics.error(path, lines.line_of(prefix), ".".join(map(str, prefix)) or "front matter",
                          f"应为键值对（YAML 映射），实为 {_type_name(data)}")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            field_name = ".".join(str(part) for part in (*prefix, *loc))
            line = lines.line_of((*prefix, *loc))
            diagnostics.error(path, line, field_name,
                              _message(error) + _allowed_hint(error, model, loc))
        return None


def _allowed_hint(error: Mapping[str, Any], model: type[BaseModel],
                  loc: tuple[str | int, ...]) -> str:
    """The values a missing or wrong field may take, in the author's words."""
    values = allowed_values(model, loc) if error["type"] == "missing" else []
    return "，应为：" + "、".join(values) if values else ""


def allowed_values(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The fixed values of the field at ``loc`` (an enumeration or literal), or []."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            continue
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        field = annotation.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
    return _values(annotation)


def _unwrap(annotation: Any) -> Any:
    """``X | None``, ``list[X]`` and ``Annotated[X, …]`` → ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            rest = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        elif origin in (list, typing.Annotated):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _values(annotation: Any) -> list[str]:
    values: list[str] = []
    for arg in typing.get_args(annotation) or (annotation,):
        arg = _unwrap(arg)
        if isinstance(arg, type) and issubclass(arg, Enum):
            values += [str(member.value) for member in arg]
        elif typing.get_origin(arg) is typing.Literal:
            values += [str(value) for value in typing.get_args(arg)]
    return values


_FIXED = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（请检查拼写；可用字段见 schema/ 下的 JSON Schema）",
    "string_too_short": "不能为空",
}
# Pydantic's error type → the author's message; ``shown`` is the value as written.
_FORMATTED: dict[str, Callable[[str, Any, dict[str, Any], Any], str]] = {
    "enum": lambda shown, _v, ctx, _e:
        f"值 {shown} 不在允许范围内，应为：{_listed(ctx.get('expected', ''))}",
    "literal_error": lambda shown, _v, ctx, _e:
        f"值 {shown} 不在允许范围内，应为：{_listed(ctx.get('expected', ''))}",
    "string_type": lambda shown, value, _c, _e: f"应为文字，实为 {_type_name(value)} {shown}",
    "str_type": lambda shown, value, _c, _e: f"应为文字，实为 {_type_name(value)} {shown}",
    "list_type": lambda shown, value, _c, _e: f"应为列表，实为 {_type_name(value)} {shown}",
    "int_type": lambda shown, _v, _c, _e: f"应为整数，实为 {shown}",
    "int_parsing": lambda shown, _v, _c, _e: f"应为整数，实为 {shown}",
    "int_from_float": lambda shown, _v, _c, _e: f"应为整数，实为 {shown}",
    "too_short": lambda _s, _v, ctx, _e: f"至少需要 {ctx.get('min_length', 1)} 项",
    "too_long": lambda _s, _v, ctx, _e: f"最多 {ctx.get('max_length', '')} 项",
    "string_pattern_mismatch":
        lambda shown, _v, ctx, _e: f"{shown} 格式不符，应匹配 {ctx.get('pattern', '')}",
    "greater_than_equal": lambda shown, _v, _c, error: f"{shown} 超出范围（{error['msg']}）",
    "less_than_equal": lambda shown, _v, _c, error: f"{shown} 超出范围（{error['msg']}）",
}


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    shown = _shown(value)
    if kind == "dangjian":  # our own validators' messages are already for authors
        return str(error["msg"])
    if kind in _FIXED:
        return _FIXED[kind]
    if kind.startswith("date") or (kind == "value_error" and "iso_date" in str(error["msg"])):
        return f"日期 {shown} 无效，应为 YYYY-MM-DD 格式的真实日期"
    if kind == "value_error" and "book_marks" in str(error["msg"]):
        return f"{shown} 不应带书名号《》"
    if kind in _FORMATTED:
        return _FORMATTED[kind](shown, value, error.get("ctx") or {}, error)
    return f"{error['msg']}（值为 {shown}）"


def _listed(expected: str) -> str:
    """Pydantic's ``'上级文件' or '企业制度'`` as ``上级文件、企业制度``."""
    values = re.findall(r"'((?:[^'\\]|\\.)*)'", expected)
    return "、".join(values) if values else expected


def _shown(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "…"


def _type_name(value: Any) -> str:
    return {
        dict: "键值对", list: "列表", str: "文字", int: "整数", float: "小数", bool: "布尔值",
        type(None): "空值",
    }.get(type(value), type(value).__name__)
