"""Rendering the staged tree with MkDocs and Material. The only module that runs MkDocs."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from dangjian.core.diagnostics import ContentError, Diagnostic
from dangjian.engine.plugin import DangjianPlugin, ProgressCallback
from dangjian.load.audiences import Audiences
from dangjian.pages.stage import Staged
from dangjian.pipeline.settings import Settings


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


def load(config_file: Path, offline: bool = False) -> tuple[MkDocsConfig, Settings]:
    """Load mkdocs.yml; ``offline`` makes the variant that works from ``file://``:
    file URLs, and no Material search (the product's offline search replaces it)."""
    overrides: dict = {}
    try:
        if offline:
            overrides = {"use_directory_urls": False,
                         "plugins": _plugins_without_search(config_file)}
        config = load_config(config_file=str(config_file), **overrides)
    except MkDocsException as exc:
        raise EngineError(f"{config_file.name}: {exc}") from None
    # Templates (overrides/main.html) leave Pagefind out of the file:// variant.
    config["extra"]["dangjian_offline"] = offline
    plugin = _plugin(config)
    root = Path(config.config_file_path).parent
    data_dir = plugin.config.data_dir if plugin else "data"
    strict = plugin.config.strict if plugin else False
    audiences = Audiences()
    if plugin:
        declared = {str(name): tuple(map(str, also or ()))
                    for name, also in plugin.config.audiences.items()}
        if plugin.config.audience not in declared:
            raise EngineError(f"mkdocs.yml: audience “{plugin.config.audience}” 不在 audiences 中")
        audiences = Audiences(declared, plugin.config.audience)
    custom_dir = config.theme.custom_dir
    return config, Settings(root, Path(config.docs_dir), root / data_dir, strict, audiences,
                            Path(custom_dir) if custom_dir else None)


def _plugins_without_search(config_file: Path) -> list:
    with config_file.open("rb") as handle:
        raw = yaml_load(handle) or {}

    def name(entry) -> str:
        return next(iter(entry)) if isinstance(entry, dict) else str(entry)

    return [entry for entry in raw.get("plugins", [])
            if name(entry) not in {"search", "material/search"}]


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
        # The plugin refuses any build it does not see coming from here (fails closed).
        plugin.staged_by_pipeline = True
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        mkdocs_build(config)
    except MkDocsException as exc:
        raise EngineError("\n".join([*collector.records, str(exc)])) from None
    except SystemExit:
        # mkdocs-macros exits on a template error after logging which page and why.
        raise ContentError(_template_errors(collector.records, staged)) from None
    finally:
        logger.removeHandler(collector)
    return collector.records


_MACRO_FILE = re.compile(r"_File_: `([^`]+)`")
_MACRO_LINE = re.compile(r"_Line (\d+) in Markdown file:_ \*\*(.+?)\*\*")
_MACRO_ERROR = re.compile(r"^_(\w*(?:Error|Exception))_: (.+)$", re.M)
_TEMPLATE_LINE = re.compile(r'File "<template>", line (\d+)')


def _template_errors(records: list[str], staged: Staged) -> list[Diagnostic]:
    """mkdocs-macros' Markdown-formatted report (with a traceback) → file:line diagnostics."""
    found = []
    for record in records:
        page = _MACRO_FILE.search(record)
        if not page:
            continue
        source, shift = staged.origins.get(page.group(1), (page.group(1), 0))
        where = _MACRO_LINE.search(record)
        if where:
            line, message = int(where.group(1)), where.group(2)
        else:
            error = _MACRO_ERROR.search(record.split("```")[0])
            template_line = _TEMPLATE_LINE.findall(record)
            line = int(template_line[-1]) if template_line else 1
            message = f"{error.group(1)}: {error.group(2)}" if error else "模板出错"
        found.append(Diagnostic(source, max(1, line + shift), "macros", f"模板出错：{message}"))
    return found or [Diagnostic("mkdocs.yml", 0, "macros", "页面模板出错")]


def _plugin(config: MkDocsConfig) -> DangjianPlugin | None:
    for plugin in config.plugins.values():
        if isinstance(plugin, DangjianPlugin):
            return plugin
    return None
