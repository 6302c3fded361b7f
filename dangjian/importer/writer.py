"""Writing an imported document: front matter with “# 待核对” comments, a check with the
site's own loader before anything is written, and a write that never overwrites
unless told to."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.kinds import WORKPLAN, Kind
from dangjian.importer.guess import Value
from dangjian.load import frontmatter, yamlsource
from dangjian.load.validation import validate
from dangjian.text import regtext, workplan

REVIEW = "待核对"
_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: | #|:$|\s$")


def scalar(value: str | int | None) -> str:
    """``value`` as a YAML scalar: plain where that reads back the same, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if value and not _PLAIN_UNSAFE.search(value) and "\n" not in value:
        try:
            data, _ = yamlsource.load(f"v: {value}")
        except yamlsource.YamlProblem:
            data = None
        if isinstance(data, dict) and data.get("v") == value:
            return value
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: dict[str, Value]) -> str:
    lines = ["---"]
    for name, field in fields.items():
        if field.value is None and field.review is None:
            continue
        line = f"{name}: {scalar(field.value)}"
        if field.review:
            line += f"  # {REVIEW}：{field.review.replace(chr(10), ' ')}"
        lines.append(line)
    lines.append("---")
    return "\n".join(lines) + "\n"


def check(kind: Kind, text: str, shown: str,
          diagnostics: Diagnostics) -> workplan.Plan | regtext.Body | None:
    """Load ``text`` as the site would; return the parsed body (a ``Plan`` or ``Body``)."""
    split = frontmatter.split(text)
    try:
        data, lines = yamlsource.load(split.meta_text or "", split.meta_first_line)
    except yamlsource.YamlProblem as problem:
        diagnostics.error(shown, problem.line, problem.field or "front matter", problem.message)
        return None
    meta = validate(kind.model, data, lines, shown, diagnostics)
    if meta is None:
        return None
    if kind is WORKPLAN:
        return workplan.parse(split.body, split.body_first_line, meta.year, shown, diagnostics)
    return regtext.parse(split.body, split.body_first_line)


def write(path: Path, text: str, force: bool) -> None:
    """Write ``text`` to ``path`` atomically; FileExistsError unless ``force``."""
    if path.exists() and not force:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
