"""``dangjian new regulation|study|workplan|track NAME``: a document from a template that
names every required field and, beside each field with fixed values, the values allowed.

The allowed values come from the models themselves, so a template never lists a value
the loader would refuse.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from dangjian.core.model import ID_PATTERN, Category, Status, TextCoverage
from dangjian.importer.writer import scalar

KINDS = ("regulation", "study", "workplan", "track")


class NewError(Exception):
    """The document could not be written; the message says why, in Chinese."""


@dataclass(frozen=True)
class Site:
    root: Path
    docs_dir: Path
    data_dir: Path
    audiences: tuple[str, ...]


def _values(enum: type[Enum]) -> str:
    return "、".join(str(member.value) for member in enum)


def new(site: Site, kind: str, name: str, title: str | None = None) -> Path:
    if not re.fullmatch(ID_PATTERN, name):
        raise NewError(f"标识“{name}”不可用：只能用小写英文字母、数字和连字符（-），"
                       "如 zhibu-gongzuo-tiaoli 或 2026")
    path, text = _TEMPLATES[kind](site, name, title)
    if path.exists():
        raise NewError(f"{path} 已存在，没有改动它")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _common(site: Site) -> str:
    return (f"# 可见范围：{'、'.join(site.audiences)}（默认 全体党员）\n"
            "visibility: 全体党员\n"
            "# 密级：公开、内部（秘密、机密、绝密的材料不得上网，构建会拒绝）\n"
            "classification: 内部\n")


def _regulation(site: Site, name: str, title: str | None) -> tuple[Path, str]:
    text = (
        "---\n"
        "# 标题（必填）：正式全称，不带书名号\n"
        f"title: {title or f'（请填写文件全称：{name}）'}\n"
        "# 简称：引用时可用，如 [支部工作条例]\n"
        "aliases: []\n"
        "# 制定机关、发文字号\n"
        "issuer: null\n"
        "number: null\n"
        "# 公布日期、施行日期：YYYY-MM-DD，不明时写 null\n"
        "issued: null\n"
        "effective: null\n"
        f"# 类别（必填）：{_values(Category)}；不明时写 null 并在 note 中说明\n"
        "category: null\n"
        f"# 效力状态（必填）：{_values(Status)}\n"
        f"status: {Status.UNVERIFIED.value}\n"
        f"# 收录范围：{_values(TextCoverage)}\n"
        f"coverage: {TextCoverage.FULL.value}\n"
        + _common(site) +
        "source: null\n"
        "note: null\n"
        "---\n\n"
        "第一章 总则\n\n"
        "第一条 （请粘贴正文。行首的“第X章”“第X条”自动成为标题和链接目标。）\n"
    )
    return site.docs_dir / "regulations" / f"{name}.md", text


def _study(site: Site, name: str, title: str | None) -> tuple[Path, str]:
    text = (
        "---\n"
        "# 标题（必填）\n"
        f"title: {title or f'（请填写标题：{name}）'}\n"
        "summary: null\n"
        "# 日期：YYYY-MM-DD\n"
        f"date: {dt.date.today().isoformat()}\n"
        "source: null\n"
        "# 相关法规：文档标识的列表，如 [zhibu-gongzuo-tiaoli]\n"
        "related: []\n"
        + _common(site) +
        "# 自测题（可选）：answer 写选项原文，多选题写列表\n"
        "# questions:\n"
        "#   - question: 题目\n"
        "#     options: [选项一, 选项二]\n"
        "#     answer: 选项一\n"
        "#     explanation: 解析\n"
        "---\n\n"
        "（请填写正文。）\n"
    )
    return site.docs_dir / "study" / f"{name}.md", text


def _plans(site: Site) -> list[dict]:
    """Front matter of the project's work plans, newest first."""
    from dangjian.load import frontmatter, yamlsource

    found = []
    for path in sorted((site.docs_dir / "workplans").glob("*.md")):
        try:
            split = frontmatter.split(path.read_text(encoding="utf-8"))
            data, _ = yamlsource.load(split.meta_text or "")
        except (OSError, UnicodeDecodeError, frontmatter.UnclosedFrontMatter,
                yamlsource.YamlProblem):
            continue
        if isinstance(data, dict) and str(data.get("year", "")).isdigit():
            found.append(data)
    return sorted(found, key=lambda data: -int(data["year"]))


def _workplan(site: Site, name: str, title: str | None) -> tuple[Path, str]:
    year = name if re.fullmatch(r"\d{4}", name) else str(dt.date.today().year)
    plans = _plans(site)
    # A new year's plan is usually the same organisation's: take it from the newest plan.
    organization = next((str(p["organization"]) for p in plans if p.get("organization")),
                        "（请填写单位）")
    titles = {str(p.get("title")) for p in plans}
    if title is None:
        # Last year's title with this year in it (X企业2020年… → X企业2021年…).
        last = plans[0] if plans else {}
        last_title, last_year = str(last.get("title", "")), str(last.get("year", ""))
        title = (last_title.replace(last_year, year) if last_year and last_year in last_title
                 else f"{organization}{year}年党建工作要点")
        if title in titles or not plans:
            title = f"（单位）{year}年党建工作要点（{name}）"
    text = (
        "---\n"
        "# 标题（必填）\n"
        f"title: {scalar(title)}\n"
        "# 年度（必填）：1949 至 2100 的整数\n"
        f"year: {year}\n"
        "# 单位（必填）\n"
        f"organization: {scalar(organization)}\n"
        + _common(site) +
        "source: null\n"
        "---\n\n"
        "（总体要求）\n\n"
        f"## 一、（第一部分的标题） {{#{year}-1}}\n\n"
        f"### 一是（第一项工作）。 {{#{year}-1-1}}\n\n"
        "（事项内容。花括号中的标识要保持稳定：分工与进展和学习路径靠它找到事项。"
        "首页用 work_items(\"latest\") 列出最新一年的工作要点，不必改动。）\n"
    )
    return site.docs_dir / "workplans" / f"{name}.md", text


def _track(site: Site, name: str, title: str | None) -> tuple[Path, str]:
    targets = sorted(path.stem for folder in ("regulations", "study")
                     for path in (site.docs_dir / folder).glob("*.md"))
    if not targets:
        raise NewError("学习路径的每一步都要指向一份文档，但 docs/regulations/ 和 docs/study/ "
                       "中还没有文档。请先用 dangjian new regulation 或 dangjian new study 添加")
    text = (
        "# 学习路径：按学习顺序排列的步骤。\n"
        f"id: {name}\n"
        "# 标题（必填）\n"
        f"title: {title or f'（请填写标题：{name}）'}\n"
        "# 对象（必填）：如 新党员、支部书记\n"
        "audience: 新党员\n"
        "description: （这条路径学什么）\n"
        "# 步骤（必填）：target 是文档标识；可用 chapters: [第一章] 或\n"
        "# articles: [第三条] 限定范围；note 是本站摘要\n"
        "steps:\n"
        f"  - target: {targets[0]}\n"
        "    note: （这一步读什么、为什么读）\n"
    )
    return site.data_dir / "tracks" / f"{name}.yml", text


_TEMPLATES = {"regulation": _regulation, "study": _study, "workplan": _workplan,
              "track": _track}
