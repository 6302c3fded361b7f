"""What the pipeline needs to know of a project's configuration (read from mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dangjian.core.project import Project
from dangjian.group.sites import GroupConfig
from dangjian.load.audiences import Audiences


@dataclass(frozen=True)
class Settings:
    root: Path
    """The folder of mkdocs.yml."""
    docs_dir: Path
    data_dir: Path
    strict: bool
    """The project's own strictness (the plugin's ``strict``); ``--strict`` overrides it."""
    audiences: Audiences = field(default_factory=Audiences)
    custom_dir: Path | None = None
    """The theme's ``custom_dir`` (overrides/), where a site overrides templates."""
    group: GroupConfig = field(default_factory=GroupConfig)
    """The libraries it cites into and the sites its search also searches."""
    site_name: str = ""
    """How the site names itself (mkdocs.yml ``site_name``); its name in a group."""

    @property
    def project(self) -> Project:
        return Project(self.root, self.docs_dir, self.data_dir)
