"""Reading one YAML file under data/, with every problem reported as a diagnostic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import textfile, yamlsource
from .diagnostics import Diagnostics
from .project import Project


def read(project: Project, path: Path, what: str,
         diagnostics: Diagnostics) -> tuple[Any, yamlsource.LineMap] | None:
    """The data and line map of ``path``, or None after reporting why it cannot be read.

    ``what`` names the field of a syntax error that no key can be blamed for.
    """
    shown = project.shown(path)
    try:
        text = textfile.read(path, shown)
        return yamlsource.load(text)
    except textfile.ContentDecodeError as exc:
        diagnostics.items.append(exc.diagnostic)
    except yamlsource.YamlProblem as problem:
        field_name = problem.field or yamlsource.key_on_line(text, problem.line) or what
        diagnostics.error(shown, problem.line, field_name, problem.message)
    return None
