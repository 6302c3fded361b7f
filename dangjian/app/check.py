"""``dangjian check``: every problem of the content, without building.

It runs the very preparation every build starts with, so it reports exactly what a build
of the same audience would fail or warn on.
"""

from __future__ import annotations

from pathlib import Path

from dangjian.engine import render as engine
from dangjian.group import federation_check
from dangjian.pipeline.prepare import Prepared, prepare


def check(config_file: Path, strict: bool | None = None, audience: str | None = None,
          federation: bool = False) -> Prepared:
    """``federation`` adds the checks across the sites of a group."""
    _, settings = engine.load(config_file)
    prepared = prepare(settings, audience, strict)
    if federation:
        prepared.diagnostics.extend(federation_check.check(prepared))
    return prepared
