"""The search query set: Chinese queries a member types, and the pages that must come
back in the top three. The browser tests check every query; ``bench/search_quality.py``
measures recall and precision of the top three with it for each Pagefind version."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    text: str
    expect: tuple[str, ...]
    """Site paths that must be among the first three results (empty: no result at all)."""
    first: bool = False
    """The first of ``expect`` must be the first result (titles, short titles, aliases)."""
    anchor: str = ""
    """A sub-result of the first expected page must link to this anchor."""
    kind: str = ""


ZHIBU = "regulations/zhibu-gongzuo-tiaoli/"
QINGSHI = "regulations/qingshi-baogao-tiaoli/"
ZHUNZE = "regulations/dangnei-zhengzhi-shenghuo-zhunze/"
DANGZHANG = "regulations/dangzhang/"
BAXIANG = "regulations/baxiang-guiding/"
SANZHONG = "regulations/sanzhong-yida-banfa/"
SIZHONG = "regulations/sizhong-quanhui-jueding/"
GUOQI = "regulations/guoqi-jiceng-zuzhi-tiaoli/"
JIANFU = "regulations/jiceng-jianfu-tongzhi/"
JIHUA = "regulations/zhongxinzu-xuexi-jihua/"
JIAOYU = "regulations/dangyuan-jiaoyu-guanli-tiaoli/"
ZHENGZHI = "regulations/zhengzhi-jianshe-yijian/"
PLAN = "workplans/2020/"
SANHUI = "study/sanhui-yike-zhidu/"
SANHUI_LIFE = "study/sanhui-yike-zuzhi-shenghuo/"
XI = "publications/xi-tan-zhiguo-lizheng-3/"
WENDA = "publications/xuexi-wenda/"

QUERIES: tuple[Query, ...] = (
    # Full titles
    Query("中国共产党支部工作条例（试行）", (ZHIBU,), first=True, kind="标题"),
    Query("中国共产党重大事项请示报告条例", (QINGSHI,), first=True, kind="标题"),
    Query("关于新形势下党内政治生活的若干准则", (ZHUNZE,), first=True, kind="标题"),
    Query("中国共产党章程", (DANGZHANG,), first=True, kind="标题"),
    Query("习近平谈治国理政", (XI,), first=True, kind="标题"),
    # Short titles and aliases (简称)
    Query("支部工作条例", (ZHIBU,), first=True, kind="简称"),
    Query("八项规定", (BAXIANG,), first=True, kind="简称"),
    Query("三重一大", (SANZHONG,), first=True, kind="简称"),
    Query("党章", (DANGZHANG,), first=True, kind="简称"),
    Query("请示报告条例", (QINGSHI,), first=True, kind="简称"),
    Query("四中全会决定", (SIZHONG,), first=True, kind="简称"),
    Query("国企基层组织工作条例", (GUOQI,), first=True, kind="简称"),
    Query("基层减负通知", (JIANFU,), first=True, kind="简称"),
    Query("中心组学习计划", (JIHUA,), first=True, kind="简称"),
    Query("学习问答", (WENDA,), first=True, kind="简称"),
    Query("党内政治生活若干准则", (ZHUNZE,), first=True, kind="简称"),
    # Terms (规范表述)
    Query("三会一课", (SANHUI, SANHUI_LIFE), kind="术语"),
    Query("四风", (PLAN, ZHENGZHI), kind="术语"),
    Query("两个维护", (PLAN, ZHENGZHI), kind="术语"),
    Query("党风廉政建设", (PLAN,), anchor="2020-6", kind="术语"),
    Query("四个意识", (PLAN, ZHENGZHI), kind="术语"),
    Query("疫情", (PLAN,), anchor="2020-5-2", kind="术语"),
    # Phrases of the work plan: the item is a sub-result
    Query("建强基本组织", (PLAN,), anchor="2020-4-1", kind="工作要点"),
    Query("深化政治巡视", (PLAN,), anchor="2020-6-3", kind="工作要点"),
    Query("群团工作", (PLAN,), anchor="2020-5-3", kind="工作要点"),
    Query("党管人才", (PLAN,), anchor="2020-3-1", kind="工作要点"),
    # What an article is about: the article is a sub-result
    Query("临时党支部", (ZHIBU,), anchor="第八条", kind="条文"),
    Query("跨区域", (QINGSHI,), anchor="第十条", kind="条文"),
    Query("预备党员", (JIAOYU,), anchor="第二十四条", kind="条文"),
    # Nothing on the site is about this
    Query("火星探测器", (), kind="无结果"),
)


# --- The corpus set: queries written from the real texts in tests/fixtures/shared/corpus
# and the seed, with the document (any of ``docs``) expected among the first three and,
# for a third of them, the article (or chapter, or work item) expected as the first
# sub-result of the first document listed. Run offline in Node by tests/corpus_search.py
# (tests/test_search_quality.py) and online in Chromium by bench/search_quality.py.


@dataclass(frozen=True)
class CorpusQuery:
    text: str
    docs: tuple[str, ...]
    """Corpus file stems, any of which answers the query."""
    anchor: str = ""
    """The first sub-result under ``docs[0]``."""
    kind: str = ""
    first: bool = False
    """``docs[0]`` must be the first page: what the query is about before the long texts
    that only mention its words."""


DANGZHANG_2017 = "reg-dangzhang-2017"
XIZE = "reg-fazhan-dangyuan-xize-2026"
JIGUAN = "reg-jiguan-jiceng-zuzhi-tiaoli-2019"
JIEYUE = "reg-lixing-jieyue-tiaoli-2025"
JIAOYU_FULL = "reg-dangyuan-jiaoyu-guanli-tiaoli"
YIJIAN = "doc-dang-de-zhengzhi-jianshe-yijian"
ZHUNZE_PART = "doc-dangnei-zhengzhi-shenghuo-zhunze"
GUOQI_PART = "reg-guoqi-jiceng-zuzhi-tiaoli"
QINGSHI_PARTS = ("reg-qingshi-baogao-tiaoli-part-ch2", "reg-qingshi-baogao-tiaoli-part-ch4")
ZHIBU_PARTS = ("reg-zhibu-gongzuo-tiaoli-part-a", "reg-zhibu-gongzuo-tiaoli-part-b")
BAXIANG_PART = "reg-baxiang-guiding"
ZZUIT = "zhidu-sanhui-yike-zzuit"
SEU = "zhidu-sanhui-yike-zuzhi-shenghuo-seu"
ZZNU = "zhidu-zhongxinzu-xuexi-zznu-lgbc"
SEED = "workpoints-2020"

CORPUS_QUERIES: tuple[CorpusQuery, ...] = (
    # Full titles
    CorpusQuery("中国共产党章程", (DANGZHANG_2017,), kind="标题"),
    CorpusQuery("中国共产党发展党员工作细则", (XIZE,), kind="标题"),
    CorpusQuery("中国共产党党和国家机关基层组织工作条例", (JIGUAN,), kind="标题"),
    CorpusQuery("党政机关厉行节约反对浪费条例", (JIEYUE,), kind="标题"),
    CorpusQuery("中国共产党党员教育管理工作条例", (JIAOYU_FULL,), kind="标题"),
    CorpusQuery("中共中央关于加强党的政治建设的意见", (YIJIAN,), kind="标题"),
    CorpusQuery("关于新形势下党内政治生活的若干准则", (ZHUNZE_PART,), kind="标题"),
    CorpusQuery("中国共产党国有企业基层组织工作条例", (GUOQI_PART,), kind="标题"),
    CorpusQuery("中国共产党重大事项请示报告条例", QINGSHI_PARTS, kind="标题"),
    CorpusQuery("中国共产党支部工作条例", ZHIBU_PARTS, kind="标题"),
    CorpusQuery("老干部工作处党委理论学习中心组学习制度", (ZZNU,), kind="标题"),
    CorpusQuery("三会一课制度", (ZZUIT,), kind="标题"),
    CorpusQuery("八项规定", (BAXIANG_PART,), kind="标题"),
    # A title's content words in order, its function words and modifiers left out
    CorpusQuery("党内政治生活若干准则", (ZHUNZE_PART,), kind="标题缺字"),
    CorpusQuery("新形势下党内政治生活准则", (ZHUNZE_PART,), kind="标题缺字"),
    CorpusQuery("加强党的政治建设意见", (YIJIAN,), kind="标题缺字"),
    CorpusQuery("厉行节约条例", (JIEYUE,), kind="标题缺字"),
    CorpusQuery("发展党员细则", (XIZE,), kind="标题缺字"),
    CorpusQuery("机关基层组织工作条例", (JIGUAN,), kind="标题缺字"),
    CorpusQuery("党员教育管理条例", (JIAOYU_FULL,), kind="标题缺字"),
    CorpusQuery("国企基层组织条例", (GUOQI_PART,), kind="标题缺字"),
    CorpusQuery("请示报告条例", QINGSHI_PARTS, kind="标题缺字"),
    CorpusQuery("中心组学习制度", (ZZNU,), kind="标题缺字"),
    CorpusQuery("改进工作作风密切联系群众", (BAXIANG_PART,), kind="标题缺字"),
    CorpusQuery("党内政治生活准则", (ZHUNZE_PART,), kind="标题缺字"),
    CorpusQuery("支部工作条例", ZHIBU_PARTS, kind="标题缺字"),
    # One article, chapter or work item
    CorpusQuery("纪律处分有五种", (DANGZHANG_2017,), "第四十一条", "条文"),
    CorpusQuery("党员有退党的自由", (DANGZHANG_2017,), "第九条", "条文"),
    CorpusQuery("党徽党旗", (DANGZHANG_2017,), "第十一章", "条文"),
    CorpusQuery("全国代表大会每五年举行一次", (DANGZHANG_2017,), "第十九条", "条文"),
    CorpusQuery("共产主义青年团", (DANGZHANG_2017,), "第十章", "条文"),
    CorpusQuery("入党介绍人的主要任务", (XIZE,), "第十五条", "条文"),
    CorpusQuery("预备党员必须由党委审批", (XIZE,), "第二十二条", "条文"),
    CorpusQuery("入党申请书", (XIZE,), "第七条", "条文"),
    CorpusQuery("机关党员100人以上", (JIGUAN,), "第五条", "条文"),
    CorpusQuery("纪律检查委员会的职责", (JIGUAN,), "第十一条", "条文"),
    CorpusQuery("党员先锋岗", (JIGUAN,), "第二十一条", "条文"),
    CorpusQuery("述职评议", (JIGUAN,), "第三十九条", "条文"),
    CorpusQuery("公务卡", (JIEYUE,), "第十二条", "条文"),
    CorpusQuery("粮食节约", (JIEYUE,), "第四十七条", "条文"),
    CorpusQuery("所称浪费", (JIEYUE,), "第三条", "条文"),
    CorpusQuery("节庆展会论坛", (JIEYUE,), "第三十六条", "条文"),
    CorpusQuery("评比达标表彰", (JIEYUE,), "第三十七条", "条文"),
    CorpusQuery("办公用房", (JIEYUE,), "第七章", "条文"),
    CorpusQuery("公务用车", (JIEYUE,), "第五章", "条文"),
    CorpusQuery("公务接待", (JIEYUE,), "第四章", "条文"),
    CorpusQuery("流动党员", (JIAOYU_FULL,), "第七章", "条文"),
    CorpusQuery("党员档案", (JIAOYU_FULL,), "第二十六条", "条文"),
    CorpusQuery("跨区域", (QINGSHI_PARTS[0],), "第十条", "条文"),
    CorpusQuery("临时党支部", (ZHIBU_PARTS[1],), "第八条", "条文"),
    CorpusQuery("建强基本组织", (SEED,), "2020-4-1", "工作要点"),
    CorpusQuery("深化政治巡视", (SEED,), "2020-6-3", "工作要点"),
    CorpusQuery("党管人才", (SEED,), "2020-3-1", "工作要点"),
    CorpusQuery("群团工作", (SEED,), "2020-5-3", "工作要点", first=True),
    CorpusQuery("民主管理", (SEED,), "2020-5-3", "工作要点", first=True),
    CorpusQuery("宣传舆论工作", (SEED,), "2020-5-2", "工作要点", first=True),
    CorpusQuery("建强基本队伍", (SEED,), "2020-4-2", "工作要点", first=True),
    CorpusQuery("工会", (SEED,), "2020-5-3", "工作要点", first=True),
    # A chapter's heading before the articles that mention its words
    CorpusQuery("党的干部", (DANGZHANG_2017,), "第六章", "条文", first=True),
    # Terms: a document that is about them
    CorpusQuery("三会一课", (ZZUIT, SEU), kind="术语"),
    CorpusQuery("四风", (SEED, YIJIAN), kind="术语"),
    CorpusQuery("两个维护", (SEED, YIJIAN, JIGUAN, XIZE), kind="术语"),
    CorpusQuery("预备期", (XIZE, DANGZHANG_2017), kind="术语"),
    CorpusQuery("发展对象", (XIZE,), kind="术语"),
    CorpusQuery("中心组", (ZZNU, SEED), kind="术语"),
    CorpusQuery("政治审查", (XIZE,), kind="术语"),
    CorpusQuery("一岗双责", (JIGUAN, YIJIAN), kind="术语"),
    CorpusQuery("差旅", (JIEYUE,), kind="术语"),
    CorpusQuery("组织关系", (JIAOYU_FULL, JIGUAN, ZHIBU_PARTS[1]), kind="术语"),
    CorpusQuery("双重领导", (JIGUAN, DANGZHANG_2017, QINGSHI_PARTS[0]), kind="术语"),
    CorpusQuery("少数服从多数", (DANGZHANG_2017, JIGUAN), kind="术语"),
)
