"""The inventory file a site publishes: what other sites of the group may cite in it.

The file is untrusted input for every site that reads it (another committee publishes
it, a copy may have been edited): it is validated here, URLs are refused unless they are
http(s) or relative, and nothing in it is ever inserted into a page unescaped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

FORMAT = "dangjian-inventory"
VERSION = 1
FILE = "_dangjian/inventory.json"
"""Where a built site publishes its inventory, relative to the site root."""
MAX_BYTES = 64 * 1024 * 1024
"""An inventory larger than this is refused before it is parsed."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\<>\"'`]")


def safe_url(value: str) -> str:
    """``value`` when it is an http(s) URL or a relative one; anything that could run or
    embed something (javascript:, data:, vbscript: …) or hide in odd characters is refused."""
    if _UNSAFE.search(value):
        raise ValueError("地址中有空白、引号、反斜杠或控制字符")
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise ValueError(f"不允许的地址协议“{scheme.group(1)}:”（只允许 http、https 或相对地址）")
    if value.startswith("//"):
        raise ValueError("地址不能以 // 开头（请写全 http:// 或 https://）")
    return value


Url = Annotated[str, Field(max_length=2000), AfterValidator(safe_url)]
Name = Annotated[str, Field(min_length=1, max_length=500)]
Key = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\s<>\"'`&]+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Anchor(_Strict):
    """An article (条) or chapter (章) of a regulation's text, by number."""

    unit: Literal["条", "章"]
    number: int = Field(ge=1, le=100000)
    anchor: Key


class Dates(_Strict):
    adopted: dt.date | None = None
    issued: dt.date | None = None
    effective: dt.date | None = None


class EditionEntry(_Strict):
    key: Key
    """The edition's year (2017) or 2018-2."""
    label: Name
    dates: Dates = Dates()
    url: Url
    anchors: tuple[Anchor, ...] = ()


class Entry(_Strict):
    id: Key
    kind: Key
    title: Name
    aliases: tuple[Name, ...] = ()
    status: str | None = Field(default=None, max_length=50)
    url: Url
    anchors: tuple[Anchor, ...] = ()
    editions: tuple[EditionEntry, ...] = ()
    abolished: dt.date | None = None


class Cited(_Strict):
    """A citation this site makes into a library: which library document, which edition."""

    library: Name
    id: Key
    edition: Key | None = None
    page: Url
    """The citing page, relative to the citing site's root."""
    title: str = Field(default="", max_length=500)
    """The citing page's title."""


class Site(_Strict):
    name: Name
    url: Url | Literal[""] = ""


class Inventory(_Strict):
    format: Literal["dangjian-inventory"]
    version: Literal[1]
    site: Site
    audience: str = Field(default="", max_length=100)
    documents: tuple[Entry, ...] = Field(default=(), max_length=200000)
    cites: tuple[Cited, ...] = Field(default=(), max_length=2000000)


class InventoryError(Exception):
    """An inventory file that cannot be used; the message says why, in Chinese."""


def read(path: Path) -> Inventory:
    return parse_bytes(read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """An inventory file's bytes, refused above ``MAX_BYTES`` before it is read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InventoryError(f"文件过大（超过 {MAX_BYTES // 1048576} MB）")
        return path.read_bytes()
    except FileNotFoundError:
        raise InventoryError("文件不存在") from None
    except OSError as exc:
        raise InventoryError(f"无法读取（{type(exc).__name__}）") from None


def parse_bytes(data: bytes) -> Inventory:
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InventoryError(f"不是有效的 JSON 文件（{type(exc).__name__}）") from None
    return parse(parsed)


def parse(data: object) -> Inventory:
    try:
        return Inventory.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "（顶层）"
        raise InventoryError(f"{where}: {_message(first)}（共 {exc.error_count()} 处问题）") \
            from None


def _message(error: ErrorDetails) -> str:
    if error["type"] == "value_error":
        return str((error.get("ctx") or {}).get("error", error["msg"]))
    if error["type"] == "literal_error" and error["loc"][:1] == ("format",):
        return f"不是 dangjian 的目录文件（format 应为 {FORMAT}）"
    if error["type"] == "literal_error" and error["loc"][:1] == ("version",):
        return f"目录格式版本不受支持（本程序读取版本 {VERSION}）"
    if error["type"] == "missing":
        return "缺少这一项"
    return "取值无效"


def dump(inventory: Inventory) -> str:
    """The same inventory gives the same bytes."""
    return json.dumps(inventory.model_dump(mode="json", exclude_defaults=False),
                      ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n"
