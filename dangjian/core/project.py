"""Where a project's content lives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    data_dir: Path

    @classmethod
    def at(cls, root: Path, docs_dir: str = "docs", data_dir: str = "data") -> Project:
        root = root.resolve()
        return cls(root, root / docs_dir, root / data_dir)

    def shown(self, path: Path) -> str:
        """The path as users should see it in messages: relative to the project."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
