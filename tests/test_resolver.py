"""The resolver: every citation of the seed lands on its entry; imprecise titles resolve,
different documents are never merged, short titles need a rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Document
from dangjian.core.kinds import PUBLICATION, REGULATION
from dangjian.core.model import PublicationMeta, RegulationMeta
from dangjian.core.project import Project
from dangjian.load import loader
from dangjian.refs import references
from dangjian.refs.resolver import Ambiguous, Missing, Resolved, Step, TitleIndex
from dangjian.text import citations
from dangjian.text.normalize import form_key, loose_key

from .conftest import ROOT, seed_path
from .test_content import SEED_CITATIONS


def regulation(doc_id: str, title: str, *aliases: str) -> Document:
    meta = RegulationMeta(id=doc_id, title=title, aliases=list(aliases), status="现行有效",
                          category="条例")
    return Document(REGULATION, meta, f"docs/regulations/{doc_id}.md", 1,
                    f"regulations/{doc_id}.md")


def publication(doc_id: str, title: str, volume: str | None = None) -> Document:
    meta = PublicationMeta(id=doc_id, title=title, volume=volume)
    return Document(PUBLICATION, meta, "data/publications.yml", 1,
                    f"publications/{doc_id}.md")


@pytest.fixture(scope="module")
def shipped():
    diagnostics = Diagnostics()
    content = loader.load(Project.at(ROOT), diagnostics)
    refs, resolved = references.resolve(content)
    return content, refs, diagnostics.items + resolved.items


def test_every_citation_of_the_seed_resolves_to_its_entry(shipped):
    content, refs, _ = shipped
    plan = content.inventory.by_id["x-2020"]
    text = seed_path().read_text(encoding="utf-8")
    found = citations.find(text)
    assert {c.title for c in found} == set(SEED_CITATIONS)
    for citation in found:
        outcome = refs.lookup(citation, text, plan.page)
        assert isinstance(outcome, Resolved), (citation.title, outcome)
        assert outcome.doc.id == SEED_CITATIONS[citation.title], citation.title


def test_the_shipped_plan_resolves_the_same(shipped):
    content, refs, _ = shipped
    plan = content.inventory.by_id["x-2020"]
    cited = {ref.context.cited: ref.target.id for ref in refs.items if ref.owner is plan}
    assert len(cited) == 15
    assert cited["《习近平谈治国理政》第三卷"] == "xi-tan-zhiguo-lizheng-3"
    assert cited["《决定》"] == "sizhong-quanhui-jueding"
    assert cited["《意见》"] == "sanji-jianshe-yijian"


def test_shipped_content_has_no_unresolved_citation(shipped):
    _, _, diagnostics = shipped
    assert [d.format() for d in diagnostics] == []


def test_the_corpus_citations_resolve(shipped):
    content, refs, _ = shipped
    by_source = {(ref.owner.id, ref.target.id) for ref in refs.items if ref.owner}
    assert ("zhibu-gongzuo-tiaoli", "dangzhang") in by_source
    assert ("dangyuan-jiaoyu-guanli-tiaoli", "dangzhang") in by_source
    # The 2016 guideline cites the 1980 one; the two are different documents.
    assert ("dangnei-zhengzhi-shenghuo-zhunze", "dangnei-zhengzhi-shenghuo-zhunze-1980") \
        in by_source


@pytest.mark.parametrize(("cited", "doc_id", "step"), [
    ("中国共产党支部工作条例（试行）", "zhibu", Step.EXACT),
    ("支部工作条例", "zhibu", Step.EXACT),
    ("中国共产党支部工作条例", "zhibu", Step.LOOSE),
    ("中国共产党支部工作条例(试行)", "zhibu", Step.FORM),
    (" 中国共产党支部工作条例（试行）\u3000", "zhibu", Step.EXACT),
    ("中国共产党\xa0支部工作条例（试行）", "zhibu", Step.FORM),
    ("关于新形势下党内政治生活若干准则", "zhunze-2016", Step.LOOSE),
    ("关于党内政治生活若干准则", "zhunze-1980", Step.LOOSE),
    ("「三重一大」决策实施办法", "sanzhong", Step.FORM),
    ('"三重一大"决策实施办法', "sanzhong", Step.FORM),
    ("2019-2023年全国党员教育培训工作规划", "guihua", Step.FORM),
    ("2019–2023年全国党员教育培训工作规划", "guihua", Step.FORM),
    ("２０１９—２０２３年全国党员教育培训工作规划", "guihua", Step.FORM),
])
def test_imprecise_titles(cited, doc_id, step):
    index = TitleIndex([
        regulation("zhibu", "中国共产党支部工作条例（试行）", "支部工作条例"),
        regulation("zhunze-2016", "关于新形势下党内政治生活的若干准则"),
        regulation("zhunze-1980", "关于党内政治生活的若干准则"),
        regulation("sanzhong", "“三重一大”决策实施办法"),
        regulation("guihua", "2019—2023年全国党员教育培训工作规划"),
    ])
    outcome = index.lookup(cited)
    assert isinstance(outcome, Resolved)
    assert (outcome.doc.id, outcome.step) == (doc_id, step)


def test_a_trial_version_and_the_final_one_are_not_merged():
    trial = regulation("trial", "中国共产党支部工作条例（试行）")
    final = regulation("final", "中国共产党支部工作条例")
    index = TitleIndex([trial, final])
    assert index.lookup("中国共产党支部工作条例（试行）").doc is trial
    assert index.lookup("中国共产党支部工作条例").doc is final
    # Without 的 both would fit: neither is chosen.
    clash = TitleIndex([regulation("a", "关于甲的决定"), regulation("b", "关于甲决定")])
    outcome = clash.lookup("关于甲的的决定")
    assert isinstance(outcome, Ambiguous) and not outcome.short
    assert {doc.id for doc in outcome.candidates} == {"a", "b"}


def test_short_titles_need_a_rule():
    jueding = regulation("jueding", "中共中央关于若干重大问题的决定", "四中全会决定")
    yijian = regulation("yijian", "关于加强基层党组织“三基建设”的意见")
    other = regulation("other", "中共中央关于加强党的政治建设的意见")
    index = TitleIndex([jueding, yijian, other])
    outcome = index.lookup("意见", before="关于加强基层党组织“三基建设”的")
    assert isinstance(outcome, Ambiguous) and outcome.short
    assert outcome.candidates[0] is yijian  # the context ranks it first, but only suggests
    assert isinstance(index.lookup("决定"), Ambiguous)
    rules = {form_key("决定"): jueding}
    assert index.lookup("决定", rules=rules) == Resolved(jueding, Step.RULE)
    assert isinstance(index.lookup("意见", rules=rules), Ambiguous)


def test_volumes():
    third = publication("third", "习近平谈治国理政", "第三卷")
    index = TitleIndex([third])
    assert index.lookup("习近平谈治国理政", "第三卷") == Resolved(third, Step.EXACT, volume=True)
    assert index.lookup("习近平谈治国理政") == Resolved(third, Step.EXACT)
    outcome = index.lookup("习近平谈治国理政", "第二卷")
    assert outcome == Missing((third,))


def test_unknown_titles_get_suggestions():
    index = TitleIndex([
        regulation("zhibu", "中国共产党支部工作条例（试行）"),
        regulation("guanli", "中国共产党党员教育管理工作条例"),
        regulation("dangzhang", "中国共产党章程", "党章"),
    ])
    assert index.lookup("中国共产党支部工作条列") == Missing(())
    assert index.suggest("中国共产党支部工作条列")[0].id == "zhibu"
    assert index.suggest("完全无关的标题") == ()


# Titles from a small alphabet with the characters that normalisation touches, so
# that collisions between different documents are frequent.
_PIECES = st.sampled_from(["甲", "乙", "的", "（试行）", "“", "”", "-", "—", " ", "２", "2"])
_TITLE = st.lists(_PIECES, min_size=1, max_size=6).map("".join).filter(str.strip)


@given(st.lists(_TITLE, min_size=1, max_size=6, unique=True), _TITLE)
def test_normalisation_never_merges_two_documents(titles, cited):
    docs = [regulation(f"d{i}", title.strip()) for i, title in enumerate(titles)]
    docs = list({doc.title: doc for doc in docs}.values())
    index = TitleIndex(docs)
    for doc in docs:
        assert index.lookup(doc.title) == Resolved(doc, Step.EXACT)
    outcome = index.lookup(cited)
    if isinstance(outcome, Resolved):
        key = {Step.EXACT: str.strip, Step.FORM: form_key, Step.LOOSE: loose_key}[outcome.step]
        sharing = {doc.id for doc in docs if key(doc.title) == key(cited)}
        assert sharing == {outcome.doc.id}
