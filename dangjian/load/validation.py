"""Model validation whose every message names the file, the line and the field."""

from __future__ import annotations

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
            diagnostics.error(path, line, field_name, _message(model, error))
        return None


def _message(model: type[BaseModel], error: dict[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = _shown(value)
    if kind == "dangjian":  # our own validators' messages are already for authors
        return str(error["msg"])
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        return "未知字段（请检查拼写；可用字段见 schema/ 下的 JSON Schema）"
    if kind == "enum":
        return f"值 {shown} 不在允许范围内，应为：{ctx.get('expected', '')}"
    if kind.startswith("date") or (kind == "value_error" and "iso_date" in str(error["msg"])):
        return f"日期 {shown} 无效，应为 YYYY-MM-DD 格式的真实日期"
    if kind == "value_error" and "book_marks" in str(error["msg"]):
        return f"{shown} 不应带书名号《》"
    if kind in {"string_type", "str_type"}:
        return f"应为文字，实为 {_type_name(value)} {shown}"
    if kind == "list_type":
        return f"应为列表，实为 {_type_name(value)} {shown}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"应为整数，实为 {shown}"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length', 1)} 项"
    if kind == "too_long":
        return f"最多 {ctx.get('max_length', '')} 项"
    if kind == "string_pattern_mismatch":
        return f"{shown} 格式不符，应匹配 {ctx.get('pattern', '')}"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{shown} 超出范围（{error['msg']}）"
    return f"{error['msg']}（值为 {shown}）"


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
