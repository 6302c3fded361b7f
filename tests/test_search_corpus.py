"""The online search (Pagefind in Chromium) on a site built from the corpus texts: a fast
subset of the corpus query set (the whole set: ``nox -s bench_search``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from . import corpus_search, search_ui
from .conftest import served
from .search_queries import CORPUS_QUERIES, XIZE
from .test_traditional import TO_TRADITIONAL

pytestmark = pytest.mark.browser

SUBSET = ("党内政治生活若干准则", "厉行节约条例", "纪律处分有五种", "党徽党旗",
          "全国代表大会每五年举行一次", "入党介绍人的主要任务", "粮食节约", "办公用房",
          "公务用车", "流动党员", "党员档案", "建强基本组织", "两个维护", "入党申请书",
          # Pagefind's own order puts long regulations that mention the words first.
          "群团工作", "民主管理", "工会", "党的干部")


@pytest.fixture(scope="module")
def corpus_tab(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from dangjian.app.build import build

    root = tmp_path_factory.mktemp("corpus")
    project = corpus_search.make_project(root / "project", (("baxiang-fanti.txt", FANTI),
                                                            ("zhibu-fanti.txt", ZHIBU_FANTI)))
    site = root / "site"
    build(project / "mkdocs.yml", site)
    with served(site) as url, search_ui.box_at(browser, f"{url}regulations/") as tab:
        yield tab


FANTI = TO_TRADITIONAL.convert("中央八项规定精神学习材料（网页转载）\n"
                               "一、要轻车简从、减少陪同、简化接待。\n"
                               "二、要改进中心组理论学习方案，提高学习质量。\n")
"""A traditional-script page, as web mirrors copy them."""

ZHIBU_FANTI = TO_TRADITIONAL.convert(
    (corpus_search.CORPUS / "reg-zhibu-gongzuo-tiaoli-part-b.txt").read_text("utf-8")
).replace("title: ", "title: 網頁轉載 ", 1)
"""An excerpt of a regulation with chapters and articles (第八條), in traditional script."""


def stem(path: str) -> str:
    return Path(path.rstrip("/")).name


@pytest.mark.parametrize("query", [q for q in CORPUS_QUERIES if q.text in SUBSET],
                         ids=lambda q: q.text)
def test_corpus_query_lands_on_its_document_and_article(corpus_tab, query):
    hits = search_ui.search(corpus_tab, query.text)
    stems = {stem(hit.path): hit.anchors for hit in hits}
    assert any(doc in stems for doc in query.docs), (query.text, list(stems))
    if query.first:
        assert stem(hits[0].path) == query.docs[0], (query.text, list(stems))
    if query.anchor:
        assert stems[query.docs[0]][:1] == (query.anchor,), (query.text, stems)


@pytest.mark.parametrize(("query", "expected"), [
    ("减少陪同", "baxiang-fanti"), ("中心组理论学习方案", "baxiang-fanti"),
    ("減少陪同", "reg-baxiang-guiding"), ("預備黨員必須由黨委審批", XIZE),
])
def test_simplified_and_traditional_find_each_other(corpus_tab, query, expected):
    hits = search_ui.search(corpus_tab, query)
    assert expected in [stem(hit.path) for hit in hits], (query, [h.path for h in hits])


@pytest.mark.parametrize(("query", "anchor"), [("临时党支部", "第八条"), ("组织关系", "第八条"),
                                               ("临时组建", "第八条")])
def test_simplified_query_lands_on_the_article_of_a_traditional_document(corpus_tab, query,
                                                                        anchor):
    hits = search_ui.search(corpus_tab, query, top=10)
    anchors = {stem(hit.path): hit.anchors for hit in hits}
    assert anchors.get("zhibu-fanti", ())[:1] == (anchor,), (query, anchors)


@pytest.mark.parametrize("term", ["党徽", "公务卡", "述职"])
def test_two_character_term_opens_on_an_article_that_holds_it(corpus_tab, term):
    hits = search_ui.search(corpus_tab, term)
    first = hits[0]
    index = corpus_search.index()
    page = [p[0] for p in index["pages"]].index(stem(first.path))
    [record] = [r for r in index["records"] if r[0] == page and r[1] == first.anchors[0]]
    assert term in record[2] + record[3], (term, first.path, first.anchors)
