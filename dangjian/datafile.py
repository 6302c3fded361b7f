"""Reading a YAML data file under data/, with every problem reported as a diagnostic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import textfile, yamlsource
from .diagnostics import Diagnostics
from .project import Project

_KEY = re.compile(r"^\s*-?\s*([A-Za-z_][\w-]*)\s*:")


@dataclass(frozen=True)
class DataFile:
    source: str
    """Path as users see it, relative to the project."""
    data: Any
    lines: yamlsource.LineMap


def read(project: Project, path: Path, diagnostics: Diagnostics) -> DataFile | None:
    """The file's data and lines, or None after reporting why it cannot be read."""
    shown = project.shown(path)
    try:
        text = textfile.read(path, shown)
        data, lines = yamlsource.load(text)
    except textfile.ContentDecodeError as exc:
        diagnostics.items.append(exc.diagnostic)
        return None
    except yamlsource.YamlProblem as problem:
        field_name = problem.field or _key_on_line(text, problem.line) or path.stem
        diagnostics.error(shown, problem.line, field_name, problem.message)
        return None
    return DataFile(shown, data, lines)


def _key_on_line(text: str, line: int) -> str | None:
    """The key written on ``line``, to name the field of a syntax error."""
    lines = text.split("\n")
    if 0 < line <= len(lines):
        match = _KEY.match(lines[line - 1])
        if match:
            return match.group(1)
    return None
