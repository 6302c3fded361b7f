"""The words of the site's own interface, in one table.

Generated pages read them from here (templates get the table as ``ui``: ``ui.card.issuer``),
the browser scripts from ``_dangjian/ui.js`` (``window.dangjianUI``), which is this table
as JSON. A string that appears in more than one place is written once.

Status labels are not in the table: the values of the status enums are the words authors
write in front matter and data, so the table shows them as they are (``ui.status``).
"""

from __future__ import annotations

import json
from typing import Any

from dangjian.core.model import Status

UNKNOWN = "未注明"

TABLE: dict[str, dict[str, Any]] = {
    "common": {
        "unknown": UNKNOWN,
        "none": "无。",
        "all": "全部",
        "dash": "—",
        "list_separator": "、",
        "sample": "示例数据",
        "sample_title": "演示用的示例数据",
        "sample_notice": "是演示用的示例数据，不是实际的工作分工和进展。",
        "search": "搜索",
        "plan_outline": "工作要点目录",
    },
    "kind": {
        "workplan": "工作要点",
        "regulation": "法规制度",
        "publication": "书目",
        "study": "学习资料",
        "track": "学习路径",
        "glossary": "术语",
        "page": "页面",
    },
    "card": {
        "category": "类别",
        "trial": "（试行）",
        "issuer": "制定机关",
        "number": "发文字号",
        "issued": "公布日期",
        "effective": "施行日期",
        "status": "效力状态",
        "coverage": "收录范围",
        "volume": "卷次",
        "author": "作者或编者",
        "publisher": "出版者",
        "year": "出版年份",
        "source": "来源",
        "date": "日期",
        "reading_time": "阅读时间",
        "organization": "单位",
        "plan_year": "年度",
        "aliases": "简称",
        "tags": "标签",
        "related": "相关文件",
        "note": "说明",
        "text_source": "文本来源",
        "adopted": "通过日期",
        "abolished": "废止日期",
        "edition": "版本",
        "validity": "时效性",
    },
    "editions": {
        "history": "修订沿革",
        "history_intro": "本法规共有 {count} 个版本；本页显示 {date} 有效的版本：{edition}。",
        "history_abolished": "本法规共有 {count} 个版本，已于 {date} 废止；"
                             "本页显示最后的版本：{edition}。",
        "history_pending": "本法规共有 {count} 个版本，尚无版本施行；本页显示{edition}。",
        "current": "现行",
        "compare_with": "与{edition}对照",
        "since": "自 {date} 起施行",
        "in_force": "，现行有效",
        "replaced": "；{date} 起由新版本（{edition}）取代",
        "abolished": "；{date} 废止",
        "pending": "将于 {date} 起施行",
        "undated": "施行日期未注明，效力状态为人工标注",
        "replaced_banner": "本页是{edition}，{date} 起已由{successor}取代。",
        "pending_banner": "本页是{edition}，将于 {date} 起施行，尚未生效。",
        "abolished_banner": "本法规已于 {date} 废止；本页是其最后的版本{edition}。",
        "read_current": "现行文本见",
        "work_page": "全部版本见",
        "compare_title": "{title}新旧条文对照（{old} → {new}）",
        "compare_intro": "左栏为{old}，右栏为{new}。条文按内容对应，不按序号："
                         "删去的文字标为删除线，新增的文字标为下划线。",
        "summary_added": "新增 {count} 条",
        "summary_deleted": "删除 {count} 条",
        "summary_modified": "修改 {count} 条",
        "summary_renumbered": "仅调整序号 {count} 条",
        "summary_rest": "其余未改",
        "summary_none": "条文未改",
        "summary_split": "拆分 {count} 处",
        "summary_merged": "合并 {count} 处",
        "preamble": "总纲（序言）",
        "preamble_summary": "总纲（序言）：{summary}",
        "articles": "条文",
        "old_column": "原条文",
        "new_column": "新条文",
        "change_column": "变化",
        "moved": "位置调整",
        "split": "拆分为 {count} 条",
        "merged": "由 {count} 条合并",
        "paragraph": "第{number}段",
        "revised": "现已修订",
        "revised_title": "所引为{edition}；现行文本：{current}",
    },
    "banner": {
        "abolished": "本文件已废止",
        "abolished_see": "现行文件见",
        "amended": "本文件已修改",
        "amended_see": "修改后的文本见",
        "no_successor": "；取代它的文件本站未注明。",
    },
    "plan": {
        "unreported": "未填报",
        "unassigned": "未明确",
        "no_due": "未定",
        "status": "状态",
        "lead": "牵头部门",
        "support": "配合部门",
        "due": "完成时限",
        "reason": "延期原因",
        "progress": "进展",
        "cited_documents": "引用文件",
        "continues": "延续",
        "continued_by": "年延续本项：",
        "year_suffix": "年",
        "sample_items": "本页各事项的牵头部门、配合部门、完成时限、状态和进展",
    },
    "tracking": {
        "overview_title": "工作进展",
        "departments_title": "部门分工",
        "sample_plans": "标有“示例数据”的工作要点，其分工、状态和进展",
        "overview_intro": "各年度工作要点的事项按部分统计状态。点击事项可查看原文、牵头部门和进展；"
                          "各部门的事项见",
        "chart_title": "：各部分事项状态",
        "total_items": "共 {count} 项",
        "item_count": "{label} {count} 项",
        "no_items": "暂无事项",
        "section": "部分",
        "total": "合计",
        "department": "部门",
        "delayed": "延期事项",
        "lead_short": "牵头",
        "support_short": "配合",
        "sample_departments": "本页的部门及其分工",
        "departments_intro": "各部门牵头和配合的工作要点事项（各年度合计）。",
        "sample_department": "本页的部门、分工、状态和进展",
        "department_summary": "牵头 {led} 项，配合 {supported} 项。",
        "led_items": "牵头事项",
        "supported_items": "配合事项",
        "latest": "最新进展",
    },
    "chart": {
        "total": "共 {count}",
    },
    "track": {
        "intro": "学习路径把学习资料和法规条文按顺序串起来，供新党员、支部书记和理论学习中心组"
                 "使用。"
                 "从路径进入某一步，页面上会出现“标记为已学”按钮和上一步、下一步。",
        "none": "暂无学习路径。",
        "speed_note": "阅读时间按每分钟 {chars} 字估算（只计汉字，一串字母或数字计一字），"
                      "不含思考和讨论的时间。",
        "progress_note": "学习进度只保存在本机浏览器中，换一台电脑或清除浏览器数据后需要重新标记。",
        "own_note": "学习路径由本站编排；各步的说明为本站摘要，不是文件原文。",
        "missing": "（另有 {count} 步本站未收录全文，不计在内）",
        "audience": "对象",
        "steps": "步数",
        "step_count": "{count} 步",
        "reading_time": "预计阅读时间",
        "expected": "预计阅读",
        "speed": "阅读速度",
        "reset": "重置进度",
        "reset_confirm": "确定要清除本学习路径的全部“已学”标记吗？此操作不能撤销。",
        "learned": "已学",
        "month": "{month}月",
        "progress": "已学 {done}/{total}（{percent}%）",
        "topic": "主题：",
        "basis": "依据：",
        "own": "本站摘要",
        "no_text": "本站未收录全文，请使用正式文本学习",
        "excerpt": "（本站仅收录节选）",
        "step_time": "阅读时间{time}（{chars} 字）",
        "step_of": " · 第 {number}/{total} 步：",
        "previous": "← 上一步",
        "next": "下一步 →",
        "mark": "标记为已学",
        "marked": "✓ 已学（点击取消）",
    },
    "glossary": {
        "title": "术语与规范表述",
        "intro": "文件中常见的术语和规范表述。“本站释义”是本站自己的解释，不是文件原文；"
                 "“原文”逐字引自所注文件。站内其他页面上，术语第一次出现时可悬停查看解释。",
        "none": "暂无术语。",
        "wording": "规范表述",
        "wording_intro": "下列错误写法由 `dangjian check` 在全部内容中查找，逐条报告文件和行号。",
        "right": "规范写法",
        "wrong_column": "常见错误写法",
        "also": "又作 ",
        "own": "本站释义",
        "quote": "原文",
        "seen_in": "见于",
        "wrong": "错误写法",
    },
    "selfcheck": {
        "heading": "自测题",
        "intro": "选好答案后点“确定”，即显示对错和解析；得分只保存在本机浏览器中。",
        "count": "共 {count} 题",
        "redo": "重做",
        "redo_confirm": "确定要清除本页全部自测题的答案和得分吗？",
        "confirm": "确定",
        "explanation": "解析",
        "multiple": "（多选）",
        "single": "（单选）",
        "answer": "正确答案：",
        "right": "回答正确",
        "wrong": "回答错误",
        "score": "得分 {right}/{total}（已答 {answered}/{total} 题）",
    },
    "backlinks": {
        "title": "被引用",
        "count": "本站共有 {count} 处引用了",
        "elsewhere": "集团其他站点中引用它的页面：",
    },
    "listing": {
        "publications_intro": "被引用的图书和文献，本站只收其目录信息，不含全文。",
        "book": "书名",
        "title": "标题",
        "summary": "摘要",
        "items_column": "事项",
        "regulations_intro": "本站收录 {regulations} 件法规制度和上级文件，另有 {books} 种"
                             "[书目]({href})只收目录信息。默认按类别、再按标题拼音排列；"
                             "可按类别、效力状态、制定机关和某一天是否有效筛选，"
                             "点击日期列的标题按日期排序。",
        "issuer_or_author": "制定机关或编者",
        "covered": "收录",
        "valid_on": "在",
        "valid_on_tail": "有效的",
        "shown": "显示 {shown} / {total} 件",
        "sort_by": "按{column}排序（再点一次倒序，第三次恢复默认顺序）",
    },
    "search": {
        "page_intro": "按标题、简称、条文或工作事项查找；可按类型、类别、效力状态、"
                      "制定机关和年份筛选。",
        "sort": "排序",
        "by_relevance": "按相关度",
        "newest": "日期从新到旧",
        "oldest": "日期从旧到新",
        "input": "输入关键词：标题、简称、条文内容、工作事项",
        "noscript": "搜索需要浏览器启用 JavaScript。",
        "kind": "类型",
        "year": "年份",
        "placeholder": "搜索法规、条文、工作要点",
        "zero_results": "没有找到与“[SEARCH_TERM]”相关的内容",
        "many_results": "找到 [COUNT] 条与“[SEARCH_TERM]”相关的结果",
        "one_result": "找到 1 条与“[SEARCH_TERM]”相关的结果",
        "total_zero_results": "没有结果",
        "total_one_result": "共 1 条",
        "total_many_results": "共 [COUNT] 条",
        "searching": "正在搜索“[SEARCH_TERM]”…",
        "clear_search": "清除",
        "load_more": "更多结果",
        "filters": "筛选",
        "site_search": "站内搜索",
        "close": "关闭",
        "by_kind": "按类型筛选",
        "index_missing": "搜索索引缺失",
        "loading": "正在载入索引…",
        "found": "找到 {count} 个页面",
        "nothing": "没有找到与“{query}”相关的内容",
        "filter_named": "按{label}筛选",
        "filter_option": "{label}，{count} 条",
        "result_at": "第 {number} 条，共 {total} 条：{title}",
        "results_label": "搜索结果",
        "site": "站点",
        "by_site": "按站点筛选",
    },
    "notfound": {
        "title": "找不到这个页面",
        "hint": "页面可能已经移动或删除。可以用上方的搜索框查找，或者",
        "home": "回到首页",
    },
    "readers": {
        "elder": "长辈模式",
        "elder_hint": "放大字号、加深对比、加大按钮；本机浏览器会记住这一选择",
        "skip": "跳到正文",
        "card": "文件信息",
    },
    "paper": {
        "print": "打印",
        "pdf": "下载 PDF",
        "pdf_title": "A4 版式的 PDF，可打印或存档",
        "date": "{year}年{month}月{day}日",
        "year": "{year}年",
        "line_separator": "　",
        "tracking_title": "工作分工与进展",
    },
    "changes": {
        "title": "本站更新",
        "intro": "每次发布的版本号和日期，以及与上一次发布相比新增、修订、废止的文件，"
                 "改动的条文和工作要点事项。",
        "none": "尚无发布记录。发布时运行 dangjian build --release 即记入这里。",
        "heading": "{version}（{date}）",
        "first": "首次记录，没有可比较的上一版，未列出变化。",
        "unchanged": "与上一版相比没有变化。",
        "added": "新增 {count} 件",
        "revised": "修订 {count} 件",
        "abolished": "废止 {count} 件",
        "removed": "不再收录 {count} 件",
        "statuses": "效力状态变化 {count} 件",
        "items": "工作要点事项变化 {count} 项",
        "articles_changed": "修改 {anchors}",
        "articles_added": "增加 {anchors}",
        "articles_deleted": "删去 {anchors}",
        "edition": "现行版本 {old} → {new}",
        "title_was": "原标题 {title}",
        "status": "{old} → {new}",
        "item_added": "新增事项",
        "item_removed": "删去事项",
        "item_revised": "内容有改动",
        "whole": "正文",
        "version": "版本号",
        "since": "本版变化（与 {version} 相比）",
        "since_unknown": "本版变化",
        "not_listed": "制作时没有指定上一版，未列出变化。",
        "all_releases": "历次更新",
    },
    "copylink": {
        "article": "复制本条链接",
        "section": "复制本节链接",
        "chapter": "复制本章链接",
        "copied": "已复制链接",
        "copy_by_hand": "请从地址栏复制链接",
    },
}
"""Section → key → text. ``{name}`` marks a value filled in where the text is used."""


def _statuses() -> dict[str, str]:
    return {status.name.lower(): status.value for status in Status}


class _Section:
    """A section as templates read it, ``ui.section.key``: a typo is an error, not a
    dict method or an empty string."""

    def __init__(self, name: str, entries: dict[str, str]):
        self._name = name
        self._entries = entries

    def __getattr__(self, key: str) -> str:
        try:
            return self._entries[key]
        except KeyError:
            raise AttributeError(f"ui.{self._name}.{key}") from None


def for_templates() -> dict[str, _Section]:
    """The whole table, status labels included, as the ``ui`` global of templates."""
    shown = {name: _Section(name, section) for name, section in TABLE.items()}
    shown["status"] = _Section("status", _statuses())
    return shown


def text(path: str, **values: object) -> str:
    """The string at ``section.key``, with its ``{name}`` placeholders filled in."""
    section, _, key = path.partition(".")
    found = TABLE[section][key]
    return found.format(**values) if values else found


def script() -> str:
    """``_dangjian/ui.js``: the table for the browser scripts, loaded before them."""
    payload = json.dumps({**TABLE, "status": _statuses()}, ensure_ascii=False,
                         sort_keys=True, separators=(",", ":"))
    # djFill fills a text's {name} placeholders, as text() does here.
    return (f"window.dangjianUI = {payload};\n"
            "window.djFill = function (text, values) {\n"
            "  return text.replace(/\\{(\\w+)\\}/g, function (m, name) { return values[name]; });\n"
            "};\n")
