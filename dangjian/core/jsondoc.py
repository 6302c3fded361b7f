"""JSON documents that name their own format: ``{"format": "dangjian-…/N", …}``.

The bundle's manifest, its signature and a build's release manifest are such documents.
A file read back may come from anyone (an old bundle, a USB stick), so reading checks the
marker before anything else looks inside, and every problem is one Chinese sentence.
"""

from __future__ import annotations

import json
from typing import Any


class FormatError(ValueError):
    """The bytes are not a document of the expected format; the message says why."""


def dump(format_marker: str, body: dict[str, Any], ascii_only: bool = False) -> bytes:
    """The document as bytes: the marker first, one key a line, the same bytes for the
    same body."""
    document = {"format": format_marker, **body}
    text = json.dumps(document, ensure_ascii=ascii_only, indent=1, sort_keys=False) + "\n"
    return text.encode("ascii" if ascii_only else "utf-8")


def load(data: bytes, format_marker: str, name: str) -> dict[str, Any]:
    """The document in ``data`` (called ``name`` in messages), if it carries the marker."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"{name} 不是有效的 JSON") from exc
    if not isinstance(document, dict) or document.get("format") != format_marker:
        raise FormatError(f"{name} 的格式标记不是 {format_marker}")
    return document
