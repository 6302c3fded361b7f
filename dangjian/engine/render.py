"""Rendering the staged tree with MkDocs and Material. The only module that runs MkDocs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from dangjian.core import ui
from dangjian.engine import parallel
from dangjian.engine.plugin import DangjianPlugin, ProgressCallback
from dangjian.engine.shard import Shard
from dangjian.group import sites
from dangjian.load.audiences import Audiences
from dangjian.pages.navigation import NavEntry
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
    _refuse_template_plugins(_raw_plugins(config_file))
    try:
        if offline:
            overrides = {"use_directory_urls": False,
                         "plugins": _plugins_without_search(config_file)}
        overrides |= _theme_custom_dir(config_file)
        _require_docs_dir(config_file)
        config = _load_config(config_file, overrides)
    except MkDocsException as exc:
        raise EngineError(f"{config_file.name}: {exc}") from None
    _refuse_template_plugins(list(config.plugins.items()))
    _layer_package_theme(config)
    # Templates (dangjian/theme/main.html) leave Pagefind out of the file:// variant.
    config["extra"]["dangjian_offline"] = offline
    # The header's switches (overrides/main.html) speak the interface's words too.
    config["extra"]["dangjian_ui"] = ui.TABLE
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
    try:
        group = sites.parse(plugin.config.libraries, plugin.config.federation) if plugin \
            else sites.GroupConfig()
    except sites.GroupConfigError as exc:
        raise EngineError(f"mkdocs.yml: {exc}") from None
    return config, Settings(root, Path(config.docs_dir), root / data_dir, strict, audiences,
                            Path(custom_dir) if custom_dir else None, group,
                            str(config.site_name))


MACROS_REFUSED = ("mkdocs.yml 启用了 macros 插件：页面函数（doc_link、metadata_card、"
                  "work_items）由 dangjian 自己展开，内容不再经过任何模板引擎；"
                  "请从 mkdocs.yml 的 plugins 中删除 macros")


# --- The product's theme layer -------------------------------------------------------
# The templates the product needs (search box, indexed content, offline variant) live in
# the package, so that a site keeps nothing in step with it: the site's own custom_dir
# (overrides/) is searched first and only adds to them; Material comes last.

PACKAGE_THEME = Path(__file__).resolve().parent.parent / "theme"
SITE_OVERRIDES = "overrides"


def _layer_package_theme(config: MkDocsConfig) -> None:
    dirs = config.theme.dirs
    dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE_THEME))


def _theme_custom_dir(config_file: Path) -> dict:
    """A site's own templates are its ``overrides/`` folder, also when mkdocs.yml does not
    name it (so that plain ``mkdocs`` meets the plugin's refusal rather than a missing
    folder); a ``custom_dir`` that does not exist adds nothing and is dropped."""
    theme = _raw(config_file).get("theme")
    theme = {"name": theme} if isinstance(theme, str) else theme
    if not isinstance(theme, dict):
        return {}
    named = theme.get("custom_dir")
    if isinstance(named, str) and not (config_file.parent / named).is_dir():
        return {"theme": {key: value for key, value in theme.items() if key != "custom_dir"}}
    if named is None and (config_file.parent / SITE_OVERRIDES).is_dir():
        return {"theme": {**theme, "custom_dir": SITE_OVERRIDES}}
    return {}


def _require_docs_dir(config_file: Path) -> None:
    docs = _raw(config_file).get("docs_dir", "docs")
    if isinstance(docs, str) and not (config_file.parent / docs).is_dir():
        raise EngineError(f"{config_file.name}: docs_dir: 内容文件夹 {docs}/ 不存在。"
                          "请新建它并放入首页 index.md，或用 dangjian init 新建一个站点。")


def _load_config(config_file: Path, overrides: dict) -> MkDocsConfig:
    """MkDocs logs what is wrong with a configuration and raises only “Aborted”: the
    logged reasons go into the message."""
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        return load_config(config_file=str(config_file), **overrides)
    except MkDocsException:
        reasons = "；".join(collector.records) or "无法读取"
        raise EngineError(f"{config_file.name} 配置有误：{reasons}") from None
    finally:
        logger.removeHandler(collector)

# --------------------------------------------------------------------------------------


def _raw(config_file: Path) -> dict:
    try:
        with config_file.open("rb") as handle:
            raw = yaml_load(handle) or {}
    except (OSError, MkDocsException):
        return {}  # load_config reports it
    return raw if isinstance(raw, dict) else {}


def _raw_plugins(config_file: Path) -> list:
    raw = _raw(config_file)
    plugins = raw.get("plugins", [])
    return plugins if isinstance(plugins, list) else list(plugins or [])


def _plugin_name(entry) -> str:
    return str(next(iter(entry)) if isinstance(entry, dict) and entry else entry)


def _refuse_template_plugins(plugins: list) -> None:
    """Content is data: no plugin may run a template engine (Jinja) over pages.

    Checked on the written names (also when the plugin is not installed) and on the
    loaded plugins (whatever they are called).
    """
    for entry in plugins:
        if isinstance(entry, tuple):
            name, instance = entry
            module = type(instance).__module__
        else:
            name, module = _plugin_name(entry), ""
        if name.split("#")[0].split("/")[-1] == "macros" or module.startswith("mkdocs_macros"):
            raise EngineError(MACROS_REFUSED)


def _plugins_without_search(config_file: Path) -> list:
    return [entry for entry in _raw_plugins(config_file)
            if _plugin_name(entry) not in {"search", "material/search"}]


def render(config: MkDocsConfig, staged: Staged, site_dir: Path,
           progress: ProgressCallback | None = None, jobs: int | None = None) -> list[str]:
    """Build ``staged`` into ``site_dir``; return MkDocs' warnings. ``jobs``: how many
    processes render (default: ``DANGJIAN_JOBS``, else one per core; see parallel.py)."""
    plugin = _configure(config, staged, site_dir)
    if plugin is not None:
        plugin.progress = progress
        # The plugin refuses any build it does not see coming from here (fails closed).
        plugin.staged_by_pipeline = True
    workers = parallel.jobs_for(len(staged.pages), jobs)
    if plugin is None or workers == 1:
        return _build(config)
    try:
        return parallel.render(config, plugin, site_dir, workers, _build, progress)
    except parallel.WorkerError as exc:
        if exc.crashed:
            raise RuntimeError(str(exc)) from None
        raise EngineError(str(exc)) from None


def render_only(config: MkDocsConfig, staged: Staged, site_dir: Path,
                pages: set[str]) -> list[str]:
    """Write only ``pages`` (staged paths) of ``staged`` into ``site_dir``, with everything
    else the site needs around them (navigation, titles, assets); return the written
    pages' site paths. What a preview re-renders after an edit."""
    plugin = _configure(config, staged, site_dir)
    if plugin is None:
        raise EngineError("mkdocs.yml: plugins 中缺少 dangjian")
    plugin.staged_by_pipeline = True
    # What the navigation may show of a page beyond its title is in authored front
    # matter (Material's icon, status …): only those pages are read besides ``pages``.
    plugin.shard = Shard.only(pages, frozenset(staged.pages) - staged.authored)
    # 404.html and sitemap.xml list no page's content: the full build writes them.
    config.theme.static_templates = set()
    try:
        _build(config)
    finally:
        written = plugin.shard.result.written
        plugin.shard = None
    return written


def _configure(config: MkDocsConfig, staged: Staged, site_dir: Path) -> DangjianPlugin | None:
    config["docs_dir"] = str(staged.docs_dir)
    config["site_dir"] = str(site_dir)
    config["nav"] = [_html_titles(entry) for entry in staged.nav]
    config["extra_css"] = [*config["extra_css"], *staged.stylesheets]
    config["extra_javascript"] = [*config["extra_javascript"], *staged.scripts]
    return _plugin(config)


def _build(config: MkDocsConfig) -> list[str]:
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        mkdocs_build(config)
    except MkDocsException as exc:
        raise EngineError("\n".join([*collector.records, str(exc)])) from None
    finally:
        logger.removeHandler(collector)
    return collector.records


def _html_titles(entry: NavEntry) -> NavEntry:
    """Navigation titles are HTML text already (escaped by the core): marked so, Material's
    templates print them as they are where they escape (``| e``) as well as where not."""
    if isinstance(entry, str):
        return entry
    return {Markup(title): [_html_titles(child) for child in value]
            if isinstance(value, list) else value for title, value in entry.items()}


def _plugin(config: MkDocsConfig) -> DangjianPlugin | None:
    for plugin in config.plugins.values():
        if isinstance(plugin, DangjianPlugin):
            return plugin
    return None
