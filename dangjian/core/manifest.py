"""What one build published, in a form two builds can be compared by: the release manifest.

Every build writes it to ``_dangjian/release.json``: its 版本号 and date, and per document
its id, kind, title, status and edition, a hash of each article (by anchor) and of each
work-plan item with the item's status. Hashes, not texts: the manifest stays small and
says nothing a page of the same build does not show.

A manifest read back may come from any bundle, so it is validated field by field.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dangjian.core import jsondoc

FORMAT = "dangjian-release/1"
NAME = "release.json"
"""File name in the site's ``_dangjian/`` folder."""
WHOLE = ""
"""The part key of a text that has no articles: the whole text."""

Printable = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00-\x1f\x7f-\x9f]*$")]
"""Text read back is printed to a terminal and into pages: no control characters."""
Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class PlanItem(_Strict):
    title: Printable
    hash: Hash
    status: Printable = ""
    """Its status in the plan's 分工与进展, or empty where the item is not tracked."""


class Entry(_Strict):
    """One published document."""

    kind: Printable
    title: Printable
    page: Printable
    """Its staged page (regulations/x.md): the changes link to it."""
    status: Printable = ""
    edition: Printable = ""
    """For an edition: its name; for a work with editions: the edition in force."""
    parts: dict[Printable, Hash] = Field(default_factory=dict)
    """Anchor (第十条, 总纲) → hash of its text; ``WHOLE`` for a text without articles."""
    items: dict[Printable, PlanItem] = Field(default_factory=dict)
    """A work plan's items by id, in plan order."""


class Manifest(_Strict):
    built: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    """Date of the build, YYYY-MM-DD."""
    version: Printable | None = None
    documents: dict[Printable, Entry] = Field(default_factory=dict)

    @property
    def digest(self) -> str:
        """What the documents are, whatever the version and date: two builds of the same
        content have the same digest."""
        payload = json.dumps(self.model_dump(include={"documents"}), sort_keys=True,
                             ensure_ascii=False)
        return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """The hash of one article's or item's text, blanks at line ends not counted."""
    normal = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def dump(manifest: Manifest) -> bytes:
    return jsondoc.dump(FORMAT, manifest.model_dump(mode="json"))


def load(data: bytes, name: str = NAME) -> Manifest:
    """The manifest in ``data``, or ``jsondoc.FormatError`` saying what is wrong with it."""
    document = jsondoc.load(data, FORMAT, name)
    document.pop("format")
    try:
        return Manifest.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "（根）"
        # The names come from the file: shown on one line, and not at any length.
        where = "".join(c if c.isprintable() else "?" for c in where)[:80]
        raise jsondoc.FormatError(f"{name} 的内容不符合 {FORMAT}：{where} 不正确") from exc
