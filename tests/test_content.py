"""The shipped content: the 2020 work plan is the seed word for word, and every
document it cites has an entry."""

from __future__ import annotations

import re

import pytest

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.kinds import REGULATION
from dangjian.core.project import Project
from dangjian.load import loader

from .conftest import ROOT, seed_path

# Each distinct 《…》 of the seed → the id of the entry that stands for it.
SEED_CITATIONS = {
    "中共中央关于加强党的政治建设的意见": "zhengzhi-jianshe-yijian",
    "中国共产党重大事项请示报告条例": "qingshi-baogao-tiaoli",
    "“三重一大”决策实施办法": "sanzhong-yida-banfa",
    "关于新形势下党内政治生活若干准则": "dangnei-zhengzhi-shenghuo-zhunze",
    "理论学习中心组学习计划": "zhongxinzu-xuexi-jihua",
    "习近平谈治国理政": "xi-tan-zhiguo-lizheng-3",
    "习近平新时代中国特色社会主义思想学习问答": "xuexi-wenda",
    "决定": "sizhong-quanhui-jueding",
    "国有企业基层组织工作条例": "guoqi-jiceng-zuzhi-tiaoli",
    "意见": "sanji-jianshe-yijian",
    "中国共产党党员教育管理工作条例": "dangyuan-jiaoyu-guanli-tiaoli",
    "2019-2023年全国党员教育培训工作规划": "dangyuan-jiaoyu-peixun-guihua",
    "中国共产党支部工作条例": "zhibu-gongzuo-tiaoli",
    "关于统筹规范督查检查考核工作的通知": "ducha-jiancha-kaohe-tongzhi",
    "关于解决形式主义突出问题为基层减负的通知": "jiceng-jianfu-tongzhi",
}


@pytest.fixture(scope="module")
def content():
    diagnostics = Diagnostics()
    loaded = loader.load(Project.at(ROOT), diagnostics)
    assert diagnostics.items == [], [d.format() for d in diagnostics.items]
    return loaded


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return seed_path().read_text(encoding="utf-8").split("\n")


def test_seed_cites_exactly_these_documents(seed_lines):
    cited = set(re.findall(r"《([^》]*)》", "\n".join(seed_lines)))
    assert cited == set(SEED_CITATIONS)
    assert len(cited) == 15


@pytest.mark.parametrize(("cited", "doc_id"), SEED_CITATIONS.items())
def test_every_citation_has_an_entry(content, cited, doc_id):
    doc = content.inventory.by_id[doc_id]
    assert doc.kind.name in {"regulation", "publication"}


def test_plan_is_the_seed_word_for_word(content, seed_lines):
    plan = content.inventory.by_id["x-2020"]
    structure = plan.structure
    assert plan.title == seed_lines[0]
    assert len(structure.sections) == 6
    assert len(structure.items) == 16
    rebuilt = [structure.preamble.strip()]
    for section in structure.sections:
        rebuilt.append(f"{section.marker}、{section.title}")
        rebuilt += [item.marker + item.heading + item.text.strip() for item in section.items]
    # The seed minus its stray NBSP lines and the advertisement at the end.
    kept = [line for line in seed_lines[1:] if line.strip("\xa0 ") and "请认准" not in line]
    assert rebuilt == kept


def test_plan_keeps_the_source_typo(content):
    text = "".join(item.text for item in content.inventory.by_id["x-2020"].structure.items)
    assert "杜会主义思想学习和研究成果" in text


def test_item_titles_and_stable_anchors(content):
    items = content.inventory.by_id["x-2020"].structure.items
    assert items[0].title == "坚持把党的政治建设摆在首位"
    assert items[0].id == "2020-1-1"
    assert items[-1].title == "深化政治巡视"
    assert items[-1].id == "2020-6-3"
    assert len({item.id for item in items}) == 16


def test_full_texts_keep_their_structure(content):
    body = content.inventory.by_id["dangyuan-jiaoyu-guanli-tiaoli"].structure
    assert (len(body.chapters), len(body.articles)) == (10, 46)
    assert body.articles[9].anchor == "第十条"


@pytest.mark.parametrize(("doc_id", "articles"), [
    ("zhibu-gongzuo-tiaoli", ["第一条", "第二条", "第七条", "第八条", "第九条"]),
    ("qingshi-baogao-tiaoli", [f"第{n}条" for n in
                               ["六", "七", "八", "九", "十", "十一",
                                "十八", "十九", "二十", "二十一", "二十二", "二十三"]]),
    ("guoqi-jiceng-zuzhi-tiaoli", ["第一条", "第二条", "第三条", "第四条"]),
])
def test_excerpts_keep_their_article_numbers(content, doc_id, articles):
    doc = content.inventory.by_id[doc_id]
    assert doc.meta.coverage.value == "节选"
    assert [a.anchor for a in doc.structure.articles] == articles


def test_no_invented_text_metadata_only_entries_say_so(content):
    for doc in content.inventory.of_kind(REGULATION):
        if doc.meta.coverage.value == "未收录":
            assert "未收录" in doc.body or "全文未收录" in doc.body
            assert not doc.structure.articles
