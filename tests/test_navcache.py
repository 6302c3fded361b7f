"""A sidebar reused from another page of its section is the sidebar Material renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.engine import navcache
from dangjian.engine import render as engine
from dangjian.engine.plugin import MATERIAL_TEMPLATES

from .test_parallel_render import _render, _tree, project  # noqa: F401 — fixture

pytestmark = pytest.mark.build


def test_reused_sidebars_are_the_bytes_material_writes(project: Path,  # noqa: F811
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch):
    reused: list[int] = []
    install = navcache.NavCache.__init__

    def counting(self, *args, **kwargs):
        install(self, *args, **kwargs)
        reused.append(self)

    monkeypatch.setattr(navcache.NavCache, "__init__", counting)
    cached = tmp_path / "cached"
    _render(project, cached, jobs=1)
    assert reused and reused[0].usable and reused[0].reused > 20
    monkeypatch.setattr(navcache, "ENABLED", False)
    full = tmp_path / "full"
    _render(project, full, jobs=1)
    assert len(reused) == 1
    assert _tree(cached) == _tree(full)


def test_a_site_that_replaces_the_sidebar_is_rendered_in_full(project: Path,  # noqa: F811
                                                              tmp_path: Path):
    nav = project / "overrides" / "partials" / "nav.html"
    nav.parent.mkdir(parents=True)
    nav.write_text('<nav class="md-nav">{{ page.title }}</nav>\n', encoding="utf-8")
    config, _ = engine.load(project / "mkdocs.yml")
    env = config.theme.get_env()
    assert not navcache.NavCache(env, MATERIAL_TEMPLATES).usable
