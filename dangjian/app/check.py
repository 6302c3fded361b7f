"""``dangjian check``: every problem of the content, without building.

It runs the very preparation every build starts with, so it reports exactly what a build
of the same audience would fail or warn on.
"""

from __future__ import annotations

from pathlib import Path

from dangjian.engine import render as engine
from dangjian.pipeline.prepare import Prepared, prepare


def check(config_file: Path, strict: bool | None = None, audience: str | None = None) -> Prepared:
    _, settings = engine.load(config_file)
    return prepare(settings, audience, strict)
