"""Rendering the staged tree with MkDocs and Material. The only module that runs MkDocs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from .mkdocs_plugin import DangjianPlugin, ProgressCallback
from .stage import Staged


@dataclass(frozen=True)
class Settings:
    """What the core needs to know from mkdocs.yml."""

    root: Path
    docs_dir: Path
    data_dir: Path
    strict: bool


class EngineError(Exception):
    pass


@dataclass
class _Collector(logging.Handler):
    records: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())

    def __hash__(self) -> int:
        return id(self)


def load(config_file: Path) -> tuple[MkDocsConfig, Settings]:
    try:
        config = load_config(config_file=str(config_file))
    except MkDocsException as exc:
        raise EngineError(f"{config_file.name}: {exc}") from None
    plugin = _plugin(config)
    root = Path(config.config_file_path).parent
    data_dir = plugin.config.data_dir if plugin else "data"
    strict = plugin.config.strict if plugin else False
    return config, Settings(root, Path(config.docs_dir), root / data_dir, strict)


def render(config: MkDocsConfig, staged: Staged, site_dir: Path,
           progress: ProgressCallback | None = None) -> list[str]:
    """Build ``staged`` into ``site_dir``; return MkDocs' warnings."""
    config["docs_dir"] = str(staged.docs_dir)
    config["site_dir"] = str(site_dir)
    config["nav"] = staged.nav
    config["extra_css"] = [*config["extra_css"], *staged.stylesheets]
    config["extra_javascript"] = [*config["extra_javascript"], *staged.scripts]
    plugin = _plugin(config)
    if plugin is not None:
        plugin.progress = progress
    # jieba announces its dictionary load on its own DEBUG handler; keep the console quiet.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        mkdocs_build(config)
    except MkDocsException as exc:
        raise EngineError(str(exc)) from None
    finally:
        logger.removeHandler(collector)
    return collector.records


def _plugin(config: MkDocsConfig) -> DangjianPlugin | None:
    for plugin in config.plugins.values():
        if isinstance(plugin, DangjianPlugin):
            return plugin
    return None
