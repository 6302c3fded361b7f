"""Rendering in worker processes writes exactly the bytes a one-process render writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dangjian.app.build import build
from dangjian.engine import parallel
from dangjian.engine import render as engine
from dangjian.engine.shard import Shard
from dangjian.pipeline import variant as variants
from dangjian.pipeline.prepare import prepare

from .conftest import ROOT, write_project

pytestmark = pytest.mark.build

# Pages whose title only the converted Markdown gives (no front-matter title), linking to
# anchors that exist and to one that does not, across what become different workers.
AUTHORED = {
    f"docs/notes/note-{i}.md": (f"# 笔记{i}的标题\n\n## 第{i}节 {{#part-{i}}}\n\n"
                                f"见[下一篇](note-{(i + 1) % 6}.md#part-{(i + 1) % 6})，"
                                f"[缺失的锚点](note-{(i + 2) % 6}.md#nowhere-{i})。\n")
    for i in range(6)
}


def _render(project: Path, site: Path, jobs: int) -> list[str]:
    config, settings = engine.load(project / "mkdocs.yml")
    prepared = prepare(settings, None, None)
    prepared.raise_if_failed()
    variant = variants.for_prepared(prepared, False)
    staged = variants.stage_variant(prepared, variant, bool(config.use_directory_urls))
    return engine.render(config, staged, site, jobs=jobs)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "data", root / "data")
    root = write_project(root, AUTHORED)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "\nvalidation:\n  links:\n    anchors: warn\n", encoding="utf-8")
    return root


def test_workers_write_the_same_bytes_and_warnings_as_one_process(project: Path,
                                                                  tmp_path: Path):
    one = tmp_path / "one"
    warnings_one = _render(project, one, jobs=1)
    three = tmp_path / "three"
    warnings_three = _render(project, three, jobs=3)
    assert _tree(three) == _tree(one)
    assert len(_tree(one)) > 100
    assert "笔记1的标题" in (one / "notes" / "note-1" / "index.html").read_text("utf-8")
    # The missing anchors are reported once each, whichever worker rendered the target.
    missing = [w for w in warnings_one if "nowhere-" in w]
    assert len(missing) == 6
    assert not [w for w in warnings_one if "#part-" in w]
    assert sorted(warnings_three) == sorted(warnings_one)
    assert not list(tmp_path.glob(".three.worker*"))


def test_shards_cover_every_page_once():
    pages = [f"p{i}.md" for i in range(10)]
    shards = [Shard(i, 3) for i in range(3)]
    for shard in shards:
        shard.assign(pages)
    for page in pages:
        assert sum(shard.owns(page) for shard in shards) == 1


def test_how_many_workers(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(parallel.JOBS_ENV, raising=False)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 4)
    assert parallel.jobs_for(100) == 1  # too few pages to pay for a second worker
    assert parallel.jobs_for(2000) == 4
    assert parallel.jobs_for(100, requested=2) == 2
    monkeypatch.setenv(parallel.JOBS_ENV, "3")
    assert parallel.jobs_for(2000) == 3
    assert parallel.jobs_for(2) == 2


def test_a_failing_worker_fails_the_build_and_leaves_the_site(project: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次的站点", encoding="utf-8")
    (project / "docs" / "notes" / "note-3.md").write_text(
        "---\ntemplate: no-such-template.html\n---\n# 坏模板\n", encoding="utf-8")
    monkeypatch.setenv(parallel.JOBS_ENV, "2")
    with pytest.raises(Exception) as raised:
        build(project / "mkdocs.yml", site)
    assert "no-such-template" in str(raised.value)
    assert (site / "index.html").read_text(encoding="utf-8") == "上一次的站点"
    assert not list(project.glob(".site.*"))
