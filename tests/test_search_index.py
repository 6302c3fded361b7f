"""The search index in the built site: what is indexed, with which filters and metadata,
and how the build behaves when indexing fails."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian.app.build import build
from dangjian.pages import search_fields
from dangjian.search.search_index import SearchIndexError

from .conftest import ROOT

pytestmark = pytest.mark.build


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's stored record of every indexed page, by URL."""
    records = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data.removeprefix(b"pagefind_dcd"))
        records[record["url"]] = record
    return records


def searchable_pages() -> set[str]:
    """Every document, every track, the glossary and the 使用帮助 pages, as site URLs: what
    search finds."""
    from dangjian.core import urls
    from dangjian.core.diagnostics import Diagnostics
    from dangjian.core.project import Project
    from dangjian.load import loader

    content = loader.load(Project.at(ROOT), Diagnostics())
    pages = [doc.page for doc in content.inventory.documents]
    pages += [track.page for track in content.tracks] + ["glossary/index.md"]
    pages += [page.page for page in content.pages if page.page.startswith("help/")]
    return {"/" + urls.page_url(page, True) for page in pages}


def text_of(record: dict) -> str:
    # Pagefind keeps the words of Chinese text apart with zero-width spaces.
    return record["content"].replace("\u200b", "")


def test_index_holds_every_document_and_nothing_else(built_site):
    records = fragments(built_site)
    assert set(records) == searchable_pages()
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["zh"]


def test_page_chrome_and_card_are_not_indexed(built_site):
    text = text_of(fragments(built_site)["/regulations/zhibu-gongzuo-tiaoli/"])
    assert "临时党支部书记、副书记和委员由批准其成立的党组织指定" in text
    for chrome in ("回到页面顶部", "本节链接", "上一页", "下一页", "¶", "法规制度", "文本来源",
                   "搜索法规"):
        assert chrome not in text, chrome


def test_articles_chapters_and_items_are_sections(built_site):
    records = fragments(built_site)
    anchors = {a["id"] for a in records["/regulations/zhibu-gongzuo-tiaoli/"]["anchors"]}
    assert {"第一章", "第一条", "第八条"} <= anchors
    plan = {a["id"] for a in records["/workplans/2020/"]["anchors"]}
    assert {"2020-1", "2020-1-1", "2020-4-1", "2020-6-3"} <= plan


def test_filters_and_metadata_of_a_regulation(built_site):
    record = fragments(built_site)["/regulations/baxiang-guiding/"]
    assert record["filters"] == {"类型": ["法规制度"], "类别": ["规定"], "效力状态": ["待核实"],
                                 "制定机关": ["中共中央政治局"], "年份": ["2012"]}
    assert record["meta"]["title"] == "十八届中央政治局关于改进工作作风、密切联系群众的八项规定"
    assert (record["meta"]["type"], record["meta"]["status"], record["meta"]["date"]) == \
        ("法规制度", "待核实", "2012-12-04")
    # Short titles are words of the page, at the highest weight.
    assert "八项规定" in text_of(record) and "中央八项规定" in text_of(record)


def test_names_and_listings_are_result_metadata(built_site):
    # What the browser ranks Pagefind's first results by, besides their text.
    records = fragments(built_site)
    names = records["/regulations/baxiang-guiding/"]["meta"]["names"]
    assert {"八项规定", "中央八项规定"} <= set(names.split(search_fields.NAMES_JOIN))
    listed = {url for url, record in records.items()
              if record["meta"].get(search_fields.LISTING_META) == "1"}
    assert "/glossary/" in listed and any(url.startswith("/tracks/") for url in listed)
    assert not [url for url in listed if url.startswith(("/regulations/", "/workplans/"))]


def test_every_kind_has_its_type_filter(built_site):
    types = {record["url"].split("/")[1]: record["filters"]["类型"]
             for record in fragments(built_site).values()}
    assert types == {"regulations": ["法规制度"], "study": ["学习资料"],
                     "workplans": ["工作要点"], "publications": ["书目"],
                     "tracks": ["学习路径"], "glossary": ["术语"], "help": ["使用帮助"]}


def test_filter_names_are_the_search_pages_chips(built_site):
    html = (built_site / "search" / "index.html").read_text(encoding="utf-8")
    for name in search_fields.FILTERS:
        assert f'filter="{name}"' in html
    assert "data-pagefind-body" not in html


def test_sort_key_is_the_date(built_site):
    html = (built_site / "study" / "sanhui-yike-zhidu" / "index.html").read_text(
        encoding="utf-8")
    assert 'data-pagefind-sort="date:2014-11-21"' in html
    plan = (built_site / "workplans" / "2020" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-sort="date:2020-01-01"' in plan
    assert 'data-pagefind-meta="date:2020年"' in plan


def test_nothing_of_pagefind_is_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert [name for name in tracked.stdout.splitlines() if "pagefind" in name.lower()
            and not name.endswith(".py")] == []


STUDY = "---\ntitle: 学习材料\n---\n\n正文。\n"


def _failing_binary(tmp_path: Path) -> Path:
    script = tmp_path / "pagefind_extended"
    script.write_text("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'pagefind 1.6.0'; "
                      "exit 0; fi\necho 'Error: cannot index' >&2\nexit 3\n")
    script.chmod(0o755)
    return script


def test_a_site_without_documents_gets_no_index(make_project, tmp_path):
    root = make_project({"docs/index.md": "# 首页\n\n只有首页。\n"})
    report = build(root / "mkdocs.yml", tmp_path / "site")
    assert report.search is None
    assert not (tmp_path / "site" / "pagefind").exists()


def test_failed_index_leaves_the_last_good_site(make_project, tmp_path, monkeypatch):
    root = make_project({"docs/index.md": "# 首页\n", "docs/study/a.md": STUDY})
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("last good", encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_failing_binary(tmp_path)))
    with pytest.raises(SearchIndexError, match="Pagefind 建索引失败.*cannot index"):
        build(root / "mkdocs.yml", site)
    assert (site / "index.html").read_text(encoding="utf-8") == "last good"
    assert not any(p.name.startswith(".site.") for p in root.iterdir())


def test_failed_index_is_a_message_not_a_traceback(make_project, tmp_path):
    root = make_project({"docs/index.md": "# 首页\n", "docs/study/a.md": STUDY})
    env = {"PAGEFIND_BINARY_PATH": str(_failing_binary(tmp_path)), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "dangjian", "-f", str(root / "mkdocs.yml"),
                          "build"], capture_output=True, text=True, env=env, cwd=root)
    assert run.returncode == 1
    assert "构建失败：Pagefind 建索引失败" in run.stderr
    assert "Traceback" not in run.stderr
