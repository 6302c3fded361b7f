"""The HTML pieces of generated pages, from Jinja templates a site may override.

``fragments/<name>.html`` is looked up first in the site's theme ``custom_dir``
(``overrides/``), then among the templates shipped in this package, so a site restyles or
re-words a plan item, a card or a listing the way it overrides Material's partials.

Every value is escaped (autoescape), and a name a template does not get is an error
(StrictUndefined). Line breaks and indentation in a template are dropped (see
``_one_line``): a fragment is one line of HTML, which Markdown keeps as a single raw
HTML block. Braces in the output become character references, so the page's later
Jinja pass (mkdocs-macros) reads no value as a macro.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
)
from markupsafe import Markup

from dangjian.core import ui

FOLDER = "fragments"

_override_dir: Path | None = None


def use_overrides(directory: Path | None) -> None:
    """Where a site's own ``fragments/*.html`` live (the theme's ``custom_dir``), or None."""
    global _override_dir
    _override_dir = directory
    # A fragment added to the site since the last build (serve) must win over the
    # package's, which the template cache would otherwise keep.
    _environment.cache_clear()


class _OneLine(BaseLoader):
    """Reads templates through ``inner`` and joins their lines, indentation dropped.

    A break between markup (after ``>`` or a Jinja tag, or before ``<`` or one) goes
    away; a break anywhere else, such as between two attributes, becomes one space.
    """

    def __init__(self, inner: BaseLoader):
        self.inner = inner

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        return _one_line(source), filename, uptodate


def _one_line(source: str) -> str:
    joined = ""
    for line in (line.strip() for line in source.splitlines()):
        if not line:
            continue
        if joined and not joined.endswith((">", "}")) and not line.startswith(("<", "{")):
            joined += " "
        joined += line
    return joined


@functools.cache
def _environment(override_dir: Path | None) -> Environment:
    loaders: list[BaseLoader] = []
    if override_dir is not None:
        loaders.append(FileSystemLoader(str(override_dir)))
    loaders.append(PackageLoader("dangjian.pages", "templates"))
    environment = Environment(loader=_OneLine(ChoiceLoader(loaders)), autoescape=True,
                              undefined=StrictUndefined, keep_trailing_newline=False)
    environment.globals["ui"] = ui.for_templates()
    environment.globals["render"] = _render_in(environment)
    return environment


def _render_in(environment: Environment) -> Callable[..., Markup]:
    def render_fragment(fragment: str, /, **context: object) -> Markup:
        return _render(environment, fragment, context)
    return render_fragment


def _render(environment: Environment, fragment: str, context: dict[str, object]) -> Markup:
    html = environment.get_template(f"{FOLDER}/{fragment}.html").render(context)
    return Markup(html.replace("{", "&#123;").replace("}", "&#125;"))


def render(fragment: str, /, **context: object) -> Markup:
    """``fragment`` filled with ``context``; safe to pass into another fragment."""
    return _render(_environment(_override_dir), fragment, context)


def html(markup: str) -> Markup:
    """HTML made here from escaped parts, to pass into a fragment unescaped."""
    return Markup(markup)
