"""Reading a YAML data file under data/, with every problem reported as a diagnostic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.load import textfile, yamlsource


@dataclass(frozen=True)
class DataFile:
    source: str
    """Path as users see it, relative to the project."""
    data: Any
    lines: yamlsource.LineMap


def read(project: Project, path: Path, diagnostics: Diagnostics,
         what: str | None = None) -> DataFile | None:
    """The file's data and lines, or None after reporting why it cannot be read.

    ``what`` names the field of a syntax error that no key can be blamed for (by default
    the file's stem).
    """
    shown = project.shown(path)
    try:
        text = textfile.read(path, shown)
        data, lines = yamlsource.load(text)
    except textfile.ContentDecodeError as exc:
        diagnostics.items.append(exc.diagnostic)
        return None
    except yamlsource.YamlProblem as problem:
        field_name = problem.field or yamlsource.key_on_line(text, problem.line) \
            or what or path.stem
        diagnostics.error(shown, problem.line, field_name, problem.message)
        return None
    return DataFile(shown, data, lines)
