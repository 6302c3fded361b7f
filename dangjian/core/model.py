"""The content model: what authors write in front matter and data files.

Field names are English so that they are easy to type; every field carries a Chinese
title and description, which the published JSON Schema hands to authors' editors.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Text = Annotated[str, Field(min_length=1)]
"""A string that may not be empty (an alias, an option, an article, a wrong form)."""


def _iso_date(value: Any) -> Any:
    # YAML dates reach us as text (see yamlsource); refuse numbers, which pydantic
    # would otherwise read as Unix timestamps.
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("iso_date")
    return value.strip()


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Status(StrEnum):
    """效力状态."""

    IN_FORCE = "现行有效"
    AMENDED = "已修改"
    REVISED = "已被修订"
    """An older edition: a later edition of the same work is in force."""
    PENDING = "尚未施行"
    ABOLISHED = "已废止"
    UNVERIFIED = "待核实"


class Category(StrEnum):
    """类别: party regulations by rank, then other kinds of documents."""

    CHARTER = "党章"
    GUIDELINE = "准则"
    REGULATION = "条例"
    PROVISION = "规定"
    MEASURE = "办法"
    RULE = "规则"
    DETAIL = "细则"
    LAW = "法律"
    ADMIN = "行政法规"
    UPPER = "上级文件"
    ENTERPRISE = "企业制度"


CATEGORY_RANK = {category: rank for rank, category in enumerate(Category)}


class TextCoverage(StrEnum):
    """How much of a document's text the site holds."""

    FULL = "全文"
    EXCERPT = "节选"
    NONE = "未收录"


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              use_enum_values=False)

    id: str | None = Field(None, pattern=ID_PATTERN, title="标识",
                           description="稳定的英文标识（小写字母、数字、连字符）；缺省取文件名")
    title: str = Field(..., min_length=1, title="标题", description="正式全称，不含书名号")
    aliases: list[Text] = Field(
        default_factory=list, title="简称", description="简称、别称，引用时可用")
    tags: list[str] = Field(default_factory=list, title="标签")
    visibility: str = Field("全体党员", min_length=1, title="可见范围")
    classification: Literal["公开", "内部"] | None = Field(
        None, title="密级",
        description="只能是 公开 或 内部；秘密、机密、绝密材料不得上网，构建会拒绝")
    summary: str | None = Field(None, title="摘要")
    references: dict[Text,
                     Annotated[str, Field(pattern=ID_PATTERN)]] = Field(
        default_factory=dict, title="简称所指",
        description="本文件正文中的简称所指的文件，如 决定: sizhong-quanhui-jueding；"
                    "只在本文件内有效")

    @field_validator("title", "aliases", mode="after")
    @classmethod
    def _no_book_marks(cls, value: Any) -> Any:
        for text in value if isinstance(value, list) else [value]:
            if "《" in text or "》" in text:
                raise ValueError("book_marks")
        return value


class RegulationMeta(Meta):
    """法规制度: a regulation, rule or upper-level document."""

    issuer: str | None = Field(None, title="制定机关")
    number: str | None = Field(None, title="发文字号")
    adopted: IsoDate | None = Field(None, title="通过日期", description="YYYY-MM-DD")
    issued: IsoDate | None = Field(None, title="公布日期", description="YYYY-MM-DD")
    effective: IsoDate | None = Field(None, title="施行日期", description="YYYY-MM-DD")
    abolished: IsoDate | None = Field(None, title="废止日期",
                                      description="YYYY-MM-DD；写明后效力状态自动推算为已废止")
    status: Status | None = Field(None, title="效力状态",
                                  description="能由日期推算时可不写；日期不全时必填")
    category: Category | None = Field(..., title="类别",
                                      description="不明时写 null 并在 note 中说明")
    supersedes: list[str] = Field(default_factory=list, title="取代",
                                  description="所取代文件的标识")
    superseded_by: str | None = Field(None, title="被取代", description="取代本文件的文件标识")
    coverage: TextCoverage = Field(TextCoverage.FULL, title="收录范围",
                                   description="全文、节选或未收录（仅有目录信息）")
    source: str | None = Field(None, title="文本来源")
    note: str | None = Field(None, title="说明", description="关于元数据或文本的说明")

    @property
    def trial(self) -> bool:
        return "（试行）" in self.title or "(试行)" in self.title


class EditionMeta(BaseModel):
    """一个版本: docs/regulations/<work>/<year>.md, one edition of a regulation.

    What the edition does not say (aliases, category, tags, visibility …) is the work's,
    from docs/regulations/<work>.md.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              use_enum_values=False)

    title: str | None = Field(None, min_length=1, title="标题",
                              description="这一版本的标题，与作品标题不同时才写，如 …（试行）")
    edition: str | None = Field(None, min_length=1, title="版本",
                                description="版本名称，如 2018年修订；缺省为“年份年版”")
    adopted: IsoDate | None = Field(None, title="通过日期", description="YYYY-MM-DD")
    issued: IsoDate | None = Field(None, title="公布日期", description="YYYY-MM-DD")
    effective: IsoDate | None = Field(None, title="施行日期", description="YYYY-MM-DD")
    issuer: str | None = Field(None, title="制定机关")
    number: str | None = Field(None, title="发文字号")
    status: Status | None = Field(None, title="效力状态",
                                  description="只在日期不全、无法推算时填写")
    coverage: TextCoverage = Field(TextCoverage.FULL, title="收录范围")
    source: str | None = Field(None, title="文本来源")
    note: str | None = Field(None, title="说明")
    summary: str | None = Field(None, title="摘要")

    @field_validator("title", mode="after")
    @classmethod
    def _no_book_marks(cls, value: Any) -> Any:
        if value is not None and ("《" in value or "》" in value):
            raise ValueError("book_marks")
        return value


class PublicationMeta(Meta):
    """书目: a book or document cited here without its full text."""

    volume: str | None = Field(None, title="卷次", description="如 第三卷")
    author: str | None = Field(None, title="作者或编者")
    publisher: str | None = Field(None, title="出版者")
    year: int | None = Field(None, ge=1900, le=2100, title="出版年份")
    note: str | None = Field(None, title="说明")


class Question(BaseModel):
    """自测题: one single or multiple choice question of a study material."""

    # Numbers are fine as options (“1次”, 2): read them as the text the author wrote.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              coerce_numbers_to_str=True)

    question: str = Field(..., min_length=1, title="题目")
    options: list[Text] = Field(
        ..., min_length=2, max_length=8, title="选项", description="二至八个选项")
    answer: str | list[str] = Field(
        ..., title="答案", description="单选题写正确选项的原文；多选题写正确选项原文的列表")
    explanation: str | None = Field(None, title="解析")

    @field_validator("options", mode="after")
    @classmethod
    def _distinct_options(cls, value: list[str]) -> list[str]:
        repeated = sorted({option for option in value if value.count(option) > 1})
        if repeated:
            raise PydanticCustomError("dangjian", "选项重复：{repeated}",
                                      {"repeated": "、".join(repeated)})
        return value

    @field_validator("answer", mode="before")
    @classmethod
    def _answer_shape(cls, value: Any) -> Any:
        # One clear message instead of pydantic's one per member of the union.
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, list) and value:
            return [str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                    for v in value]
        if isinstance(value, str) or (isinstance(value, list) and value
                                      and all(isinstance(v, str) for v in value)):
            return value
        raise PydanticCustomError("dangjian",
                                  "答案应为一个选项的原文（单选）或选项原文的列表（多选）")

    @field_validator("answer", mode="after")
    @classmethod
    def _answer_is_an_option(cls, value: str | list[str], info: ValidationInfo) -> Any:
        options = info.data.get("options")
        if options is None:  # the options are wrong already, and reported
            return value
        answers = [value] if isinstance(value, str) else value
        missing = [answer for answer in answers if answer not in options]
        if missing:
            raise PydanticCustomError(
                "dangjian", "答案 {missing} 不在选项中（选项：{options}）",
                {"missing": "、".join(f"“{a}”" for a in missing),
                 "options": "、".join(f"“{o}”" for o in options)})
        if len(set(answers)) != len(answers):
            raise PydanticCustomError("dangjian", "答案重复")
        return value

    @property
    def multiple(self) -> bool:
        return isinstance(self.answer, list)

    @property
    def answer_indexes(self) -> list[int]:
        answers = self.answer if isinstance(self.answer, list) else [self.answer]
        return sorted(self.options.index(answer) for answer in answers)


class StudyMeta(Meta):
    """学习资料."""

    source: str | None = Field(None, title="来源")
    date: IsoDate | None = Field(None, title="日期", description="YYYY-MM-DD")
    related: list[str] = Field(default_factory=list, title="相关法规",
                               description="相关文件的标识")
    note: str | None = Field(None, title="说明")
    questions: list[Question] = Field(default_factory=list, title="自测题",
                                      description="单选题或多选题，附答案和解析")


class WorkPlanMeta(Meta):
    """工作要点: one organisation's plan for one year."""

    year: int = Field(..., ge=1949, le=2100, title="年度")
    organization: str = Field(..., min_length=1, title="单位")
    source: str | None = Field(None, title="来源")


class PageMeta(BaseModel):
    """Any other authored page; Material's own keys pass through."""

    model_config = ConfigDict(extra="allow")

    title: str | None = None


class PublicationList(BaseModel):
    """data/publications.yml."""

    model_config = ConfigDict(extra="forbid")

    publications: list[PublicationMeta] = Field(default_factory=list, title="书目")


# --- 学习路径 (data/tracks/*.yml) ----------------------------------------------------

class StepMeta(BaseModel):
    """One step of a track."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    target: str = Field(..., min_length=1, title="学习内容",
                        description="学习资料或法规制度的标识")
    chapters: list[Text] = Field(default_factory=list, title="章",
                                   description="只学其中几章，如 [第三章]（仅限法规制度）")
    articles: list[Text] = Field(default_factory=list, title="条",
                                   description="只学其中几条，如 [第六条, 第七条]（仅限法规制度）")
    topic: str | None = Field(None, title="主题")
    plan_item: str | None = Field(None, title="工作要点事项",
                                  description="这一步对应的工作要点事项的标识，如 2020-2-1")
    month: int | None = Field(None, ge=1, le=12, title="月份")
    note: str | None = Field(None, title="本站摘要",
                             description="本站为这一步写的导读；页面上标为本站摘要")


class TrackMeta(BaseModel):
    """学习路径: data/tracks/<id>.yml."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str | None = Field(None, pattern=ID_PATTERN, title="标识", description="缺省取文件名")
    title: str = Field(..., min_length=1, title="标题")
    audience: str = Field(..., min_length=1, title="对象", description="如 新党员、支部书记")
    description: str | None = Field(None, title="说明", description="本站对这条路径的说明")
    steps: list[StepMeta] = Field(..., min_length=1, title="步骤", description="按学习顺序排列")


# --- 术语与规范表述 (data/glossary.yml) ----------------------------------------------

class TermMeta(BaseModel):
    """术语: a term the documents use."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    term: str = Field(..., min_length=1, title="术语",
                      description="文件中的写法，不带外围引号，如 四个意识")
    aliases: list[Text] = Field(default_factory=list, title="其他写法",
                                description="文件中出现的其他写法，如 “三基”建设")
    explanation: str | None = Field(None, title="本站释义", description="本站自己的解释")
    quote: str | None = Field(None, title="原文",
                              description="出处文件中的原话，须与 source 所指文件逐字相同")
    source: str | None = Field(None, title="出处", description="使用或解释该术语的文件的标识")
    at: str | None = Field(None, title="位置",
                           description="出处中的条、章或工作要点事项，如 第十六条、2020-4-3")
    wrong: list[Text] = Field(default_factory=list, title="错误写法")


class FormulationMeta(BaseModel):
    """规范表述: the right form and its common wrong forms."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    right: str = Field(..., min_length=1, title="规范写法")
    wrong: list[Text] = Field(..., min_length=1, title="错误写法")
    note: str | None = Field(None, title="说明")


class GlossaryFile(BaseModel):
    """data/glossary.yml."""

    model_config = ConfigDict(extra="forbid")

    terms: list[TermMeta] = Field(default_factory=list, title="术语")
    wording: list[FormulationMeta] = Field(default_factory=list, title="规范表述")
