"""Built HTML: citations are links, articles have anchors and copy-links, every document
lists where it is cited, and the regulation index can be filtered and sorted."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dangjian.app.build import build
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.model import CATEGORY_RANK, Category
from dangjian.core.project import Project
from dangjian.load import loader
from dangjian.text.ordering import pinyin_key

from .conftest import ROOT
from .test_build import ids_in
from .test_check_citations import ABOLISHED, DECISION, REGULATION, run
from .test_content import SEED_CITATIONS

pytestmark = pytest.mark.build


class _Anchors(HTMLParser):
    """Every <a> with its attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict[str, str], str]] = []
        self._open: dict[str, str] | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open, self._text = {k: v or "" for k, v in attrs}, ""

    def handle_data(self, data):
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append((self._open, self._text))
            self._open = None


def links_in(path: Path, css: str) -> list[tuple[str, str]]:
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return [(attrs["href"], text) for attrs, text in parser.links
            if css in attrs.get("class", "").split()]


def folder_of(doc_id: str) -> str:
    return "publications" if doc_id in {"xi-tan-zhiguo-lizheng-3", "xuexi-wenda"} \
        else "regulations"


def test_every_seed_citation_is_a_link_to_its_entry(built_site):
    links = links_in(built_site / "workplans" / "2020" / "index.html", "dj-cite")
    assert len(links) == 15
    by_text = {text.split("》")[0].removeprefix("《"): href for href, text in links}
    assert set(by_text) == set(SEED_CITATIONS)
    for title, doc_id in SEED_CITATIONS.items():
        assert by_text[title] == f"../../{folder_of(doc_id)}/{doc_id}/", title
    assert ("../../publications/xi-tan-zhiguo-lizheng-3/", "《习近平谈治国理政》第三卷") in links


def test_documents_list_where_they_are_cited(built_site):
    html = (built_site / "regulations" / "zhengzhi-jianshe-yijian" / "index.html").read_text(
        encoding="utf-8")
    section = html[html.index('id="cited-by"'):]
    assert '<a href="../../workplans/2020/#2020-1-1">X企业2020年党建工作要点 · ' \
           "一是坚持把党的政治建设摆在首位</a>" in section
    assert "深入贯彻<mark>《中共中央关于加强党的政治建设的意见》</mark>，引导全体党员" in section

    charter = (built_site / "regulations" / "dangzhang" / "index.html").read_text("utf-8")
    assert 'href="../dangyuan-jiaoyu-guanli-tiaoli/#第一条"' in charter
    assert 'href="../zhibu-gongzuo-tiaoli/#第一条"' in charter
    assert "根据<mark>《中国共产党章程》</mark>和有关党内法规" in charter

    book = (built_site / "publications" / "xi-tan-zhiguo-lizheng-3" / "index.html").read_text(
        "utf-8")
    assert 'href="../../workplans/2020/#2020-2-1"' in book


def test_citations_in_regulations_link_the_cited_regulation(built_site):
    page = built_site / "regulations" / "dangnei-zhengzhi-shenghuo-zhunze" / "index.html"
    assert ("../dangnei-zhengzhi-shenghuo-zhunze-1980/", "《关于党内政治生活的若干准则》") \
        in links_in(page, "dj-cite")


def test_articles_and_chapters_have_visible_copy_links(built_site):
    html = (built_site / "regulations" / "dangyuan-jiaoyu-guanli-tiaoli" / "index.html"
            ).read_text(encoding="utf-8")
    assert re.search(r'<h3 class="dj-article" id="第十条">第十条<a class="headerlink" '
                     r'href="#第十条" title="[^"]+">', html)
    assert re.search(r'<h2 class="dj-chapter" id="第一章">[^<]*<a class="headerlink" '
                     r'href="#第一章"', html)
    assert '<script src="../../_dangjian/copylink.js"></script>' in html
    script = (built_site / "_dangjian" / "copylink.js").read_text(encoding="utf-8")
    assert "window.dangjianUI.copylink" in script and "clipboard" in script
    words = (built_site / "_dangjian" / "ui.js").read_text(encoding="utf-8")
    assert '"article":"复制本条链接"' in words
    css = (built_site / "_dangjian" / "dangjian.css").read_text(encoding="utf-8")
    assert ".dj-article > .headerlink" in css


def test_regulation_index_order_filters_and_dates(built_site):
    html = (built_site / "regulations" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-order="(\d+)" data-category="([^"]*)" data-status="([^"]*)" '
                      r'data-issuer="([^"]*)" data-issued="([^"]*)" data-effective="([^"]*)"[^>]*>'
                      r'<td[^>]*><a href="[^"]*">《([^》]*)》', html)
    content = loader.load(Project.at(ROOT), Diagnostics())
    listed = [doc for doc in content.inventory.documents
              if doc.kind.name in {"regulation", "publication"}]
    assert len(rows) == len(listed)
    assert [int(row[0]) for row in rows] == list(range(len(listed)))
    assert rows[0][6] == "中国共产党章程"
    ranks = {category.value: rank for category, rank in CATEGORY_RANK.items()}
    ranks.update({"未注明": len(ranks), "书目": len(ranks) + 1})
    keys = [(ranks[row[1]], pinyin_key(row[6])) for row in rows]
    assert keys == sorted(keys)
    guidelines = [row[6] for row in rows if row[1] == Category.GUIDELINE.value]
    assert guidelines == ["关于党内政治生活的若干准则", "关于新形势下党内政治生活的若干准则",
                          "中国共产党廉洁自律准则"]
    assert ("2019-05-06", "2019-05-06") in {(row[4], row[5]) for row in rows}
    start = html.index('<form class="dj-filters"')
    form = html[start:html.index("</form>", start)]
    for name in ("category", "status", "issuer"):
        assert f'<select name="{name}">' in form
    assert '<option value="条例">条例</option>' in form
    assert '<option value="待核实">待核实</option>' in form
    assert '<option value="中共中央">中共中央</option>' in form
    assert 'th data-sort="issued">公布日期</th>' in html
    assert '<script src="../_dangjian/regindex.js"></script>' in html


STUDY = """---
title: 学习资料
date: 2021-01-01
---

学习《甲条例》第二条和第一章，见 [[甲条例#第一章|总则]] 与 [[jia]]；
又见《乙办法》，以及《不存在的办法》。
"""


def test_fixture_build_links_articles_banner_and_strictness(make_project, tmp_path):
    root = make_project({
        "docs/index.md": "# 首页\n",
        "docs/regulations/jia.md": REGULATION,
        "docs/regulations/yi.md": ABOLISHED,
        "docs/regulations/jueding.md": DECISION,
        "docs/study/s.md": STUDY,
    })
    site = tmp_path / "site"
    report = build(root / "mkdocs.yml", site)
    assert [d.format() for d in report.warnings] == [
        "docs/study/s.md:7: 警告: citation: 《不存在的办法》 未找到对应的文件",
        "docs/study/s.md:7: 警告: citation: 《乙办法》 已废止，已被 《甲条例（试行）》 取代",
    ]
    page = site / "study" / "s" / "index.html"
    assert links_in(page, "dj-cite") == [
        ("../../regulations/jia/", "《甲条例》"), ("../../regulations/jia/#第二条", "第二条"),
        ("../../regulations/jia/#第一章", "第一章"), ("../../regulations/yi/", "《乙办法》")]
    assert links_in(page, "dj-link") == [
        ("../../regulations/jia/#第一章", "总则"), ("../../regulations/jia/", "《甲条例（试行）》")]
    assert "以及《不存在的办法》。" in page.read_text(encoding="utf-8")
    target = site / "regulations" / "jia" / "index.html"
    assert {"第一章", "第一条", "第二条", "cited-by"} <= ids_in(target)
    assert '<a href="../../study/s/">学习资料</a>' in target.read_text(encoding="utf-8")
    old = (site / "regulations" / "yi" / "index.html").read_text(encoding="utf-8")
    assert ('<div class="dj-banner dj-banner--abolished" role="note"><strong>本文件已废止'
            '</strong>，现行文件见 <a href="../jia/">《甲条例（试行）》</a>。</div>') in old

    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    code, lines, _ = run(root, "build", "-d", str(site), "--strict")
    assert code == 1
    assert lines[-1] == "构建失败：严格模式下有 2 个警告。site/ 保持不变。"
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
