"""``dangjian check``: every problem of the content, without building."""

from __future__ import annotations

from pathlib import Path

from . import engine, loader, wording
from .diagnostics import Diagnostic, Diagnostics
from .project import Project


def check(config_file: Path) -> list[Diagnostic]:
    _, settings = engine.load(config_file)
    diagnostics = Diagnostics()
    project = Project(settings.root, settings.docs_dir, settings.data_dir)
    content = loader.load(project, diagnostics)
    wording.check(project, content.glossary, diagnostics)
    return diagnostics.errors + diagnostics.warnings
