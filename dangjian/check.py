"""``dangjian check``: every problem of the content, without building."""

from __future__ import annotations

from pathlib import Path

from . import engine, loader
from .diagnostics import Diagnostic, Diagnostics
from .project import Project


def check(config_file: Path) -> list[Diagnostic]:
    _, settings = engine.load(config_file)
    diagnostics = Diagnostics()
    loader.load(Project(settings.root, settings.docs_dir, settings.data_dir), diagnostics)
    return diagnostics.errors + diagnostics.warnings
