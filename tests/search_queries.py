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
