"""The front matter of an imported document: what the text states, and what is guessed.

A value read from the collector's header is taken as given. Every value inferred from
the text (a year from the title, an issuer from a 题注, a category from the title's last
word) carries the reason it was inferred, which the writer turns into a “# 待核对”
comment so that a person checks it before publishing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dangjian.core import ui
from dangjian.core.kinds import REGULATION, STUDY, WORKPLAN, Kind
from dangjian.core.model import Category, Status, TextCoverage
from dangjian.importer.header import Header
from dangjian.importer.structure import DATE, NUMBER, Block, Structure, is_dateline, title_like
from dangjian.text import numerals

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_BY_TITLE: tuple[tuple[str, Category], ...] = (
    ("中国共产党章程", Category.CHARTER), ("党章", Category.CHARTER),
    ("准则", Category.GUIDELINE), ("实施细则", Category.DETAIL), ("细则", Category.DETAIL),
    ("条例", Category.REGULATION), ("规定", Category.PROVISION), ("办法", Category.MEASURE),
    ("规则", Category.RULE), ("意见", Category.UPPER), ("通知", Category.UPPER),
    ("决定", Category.UPPER), ("决议", Category.UPPER), ("规划", Category.UPPER),
    ("纲要", Category.UPPER), ("制度", Category.ENTERPRISE),
)
_PUBLISHED = re.compile(r"发布|印发|公布|发出")
_ADOPTED = re.compile(r"通过|批准")
_VERB_TAIL = re.compile(r"(?:审议)?(?:通过|批准|发布|印发|公布|发出)[^\u4e00-\u9fff]*$")
_EFFECTIVE = re.compile(r"自\s*(.{6,16}?日|(?:发布|印发|公布)之日)\s*起施行")


@dataclass(frozen=True)
class Value:
    value: str | int | None
    review: str | None = None
    """Why a person should check it; None when the value is given, not guessed."""


def category_of(title: str) -> tuple[str, Category] | None:
    """The word the title ends with (before any “（试行）”) and the category it names."""
    stem = _TRAILING_NOTE.sub("", title.strip())
    if stem.startswith("中华人民共和国") and stem.endswith("法"):
        return "法", Category.LAW
    for word, category in _BY_TITLE:
        if stem.endswith(word):
            return word, category
    return None


def choose_kind(structure: Structure, title: str | None) -> tuple[Kind, str]:
    """The kind of document, and why, for ``--kind auto``."""
    counts = structure.counts
    if title and "工作要点" in title:
        return WORKPLAN, "标题含“工作要点”"
    if counts["事项"] and counts["一、"] and not counts["条"]:
        return WORKPLAN, "有“一、”部分和“一是”事项"
    if counts["条"]:
        return REGULATION, f"有 {counts['条']} 条条文"
    found = category_of(title or "")
    if found is not None and found[1] is not Category.ENTERPRISE:
        return REGULATION, f"标题以“{found[0]}”结尾"
    return STUDY, "没有条文，标题也不像法规或工作要点"


def iso(match: re.Match[str]) -> str | None:
    """YYYY-MM-DD of a DATE match (Arabic or Chinese numerals), None if not a real date."""
    import datetime as dt

    if match.group(1):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        digits = "〇一二三四五六七八九"
        year = int("".join(str(digits.index("〇" if c == "零" else c)) for c in match.group(4)))
        month = numerals.to_int(match.group(5)) or 0
        day = numerals.to_int(match.group(6)) or 0
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def given_date(text: str) -> Value:
    """A date from the header: as given when it is YYYY-MM-DD, else read and marked."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Value(text)
    loose = re.fullmatch(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})", text)
    match = DATE.search(text) or (loose and DATE.search(f"{loose[1]}年{loose[2]}月{loose[3]}日"))
    date = iso(match) if match else None
    if date:
        return Value(date, f"文件头写作“{text}”")
    return Value(None, f"文件头的日期“{text}”无法识别")


@dataclass(frozen=True)
class _Event:
    block: Block
    date: str
    what: str
    """The words between this date and the next: who did what."""


@dataclass
class Guesser:
    kind: Kind
    structure: Structure
    header: Header | None
    file_name: str
    unit: str = "行"
    """What a line number counts in messages: 行 or 段."""

    @property
    def given(self) -> dict[str, str]:
        return self.header.values if self.header else {}

    def fields(self) -> dict[str, Value]:
        title = self.title()
        if self.kind is WORKPLAN:
            return {"title": title, "year": self.year(title),
                    "organization": self.organization(title), "source": self.source()}
        if self.kind is STUDY:
            return {"title": title, "source": self.source(), "date": self.issued()}
        return {"title": title, "issuer": self.issuer(title), "number": self.number(),
                "issued": self.issued(), "effective": self.effective(),
                "status": Value(Status.UNVERIFIED.value, "效力状态未核实"),
                "category": self.category(title), "coverage": self.coverage(),
                "source": self.source()}

    def title(self) -> Value:
        if "title" in self.given:
            text, review = self.given["title"], None
        elif self.structure.title is not None:
            line = self.structure.title
            text, review = line.text, f"取自第 {line.line} {self.unit}"
        else:
            return Value(Path(self.file_name).stem, "未找到标题行，暂用文件名")
        if "《" in text or "》" in text:
            text = text.replace("《", "〈").replace("》", "〉")
            review = "标题中的书名号已改为〈〉（原标题行保留在正文开头）"
        return Value(text, review)

    def year(self, title: Value) -> Value:
        match = _YEAR.search(str(title.value))
        if match:
            return Value(int(match.group(1)), "从标题推断")
        date = self.issued().value
        if isinstance(date, str):
            return Value(int(date[:4]), "从文中日期推断")
        return Value(None, "未能推断年度")

    def organization(self, title: Value) -> Value:
        match = re.match(r"^(.+?)\s*(?:19|20)\d{2}\s*年", str(title.value))
        if match:
            return Value(match.group(1), "从标题推断")
        if "issuer" in self.given:
            return Value(self.given["issuer"])
        signer = self._signer()
        if signer:
            return Value(signer, "从文末落款推断")
        return Value(ui.UNKNOWN, "未能从文本推断单位，请填写")

    def issuer(self, title: Value) -> Value:
        if "issuer" in self.given:
            return Value(self.given["issuer"])
        event = self._event()
        if event is not None:
            name = _VERB_TAIL.sub("", event.what).strip("（）() \u3000")
            if name:
                return Value(name, f"从第 {event.block.line} {self.unit}的题注推断")
        signer = self._signer()
        if signer:
            return Value(signer, "从文末落款推断")
        match = re.match(r"^(.{2,20}?)关于", str(title.value))
        if match:
            return Value(match.group(1), "从标题推断")
        return Value(None)

    def number(self) -> Value:
        if "doc_number" in self.given:
            return Value(self.given["doc_number"])
        for block in self.structure.blocks[:8]:
            match = NUMBER.search(block.text)
            if match and block.kind == "paragraph":
                return Value(match.group(0), f"取自第 {block.line} {self.unit}")
        return Value(None)

    def issued(self) -> Value:
        if "issued" in self.given:
            return given_date(self.given["issued"])
        event = self._event()
        if event is not None:
            return Value(event.date, f"从第 {event.block.line} {self.unit}的题注推断")
        signed = self._notice_date()
        if signed is not None:
            return signed
        last = self._closing_date()
        return last if last is not None else Value(None)

    def _notice_date(self) -> Value | None:
        """The date of a 印发通知's 落款: the first line that is only a date, after the
        发文字号 and before the document it issues (its first chapter or article)."""
        blocks = self.structure.blocks
        numbered = [i for i, block in enumerate(blocks[:8])
                    if block.kind == "paragraph" and NUMBER.search(block.text)]
        if not numbered:
            return None
        for block in blocks[numbered[0] + 1:]:
            if block.kind == "division":
                return None
            match = DATE.search(block.text) if block.kind == "paragraph" else None
            if match and iso(match) and DATE.sub("", block.text).strip(" 　") == "":
                return Value(iso(match), f"取自第 {block.line} {self.unit}印发通知的落款日期")
        return None

    def effective(self) -> Value:
        if "effective" in self.given:
            return given_date(self.given["effective"])
        for block in self.structure.blocks:
            match = _EFFECTIVE.search(block.text)
            if not match:
                continue
            date = DATE.search(match.group(1))
            if date and iso(date):
                return Value(iso(date), f"从第 {block.line} {self.unit}“{match.group(0)}”推断")
            issued = self.issued().value
            if issued:
                return Value(issued, f"第 {block.line} {self.unit}：自{match.group(1)}起施行")
        return Value(None)

    def category(self, title: Value) -> Value:
        found = category_of(str(title.value))
        if found is None:
            return Value(None, "未能从标题判断类别")
        return Value(found[1].value, f"从标题末尾的“{found[0]}”推断")

    def coverage(self) -> Value:
        if self.header is not None and self.header.partial:
            return Value(TextCoverage.EXCERPT.value)
        cut = self.structure.cut_off
        if cut is not None and (self.header is None or self.header.partial is None):
            return Value(TextCoverage.EXCERPT.value, f"第 {cut.line} {self.unit}文本中断")
        return Value(TextCoverage.FULL.value)

    def source(self) -> Value:
        if "source" in self.given:
            return Value(self.given["source"])
        return Value(f"导入自 {self.file_name}")

    def _event(self) -> _Event | None:
        """The 题注's date of publication (发布, 印发 …), or else of adoption (通过 …)."""
        events = []
        for block in self.structure.blocks[:6]:
            if block.kind != "paragraph" or not is_dateline(block.text):
                continue
            matches = list(DATE.finditer(block.text))
            for index, match in enumerate(matches):
                end = matches[index + 1].start() if index + 1 < len(matches) else None
                date = iso(match)
                if date:
                    events.append(_Event(block, date, block.text[match.end():end]))
        for verbs in (_PUBLISHED, _ADOPTED):
            for event in events:
                if verbs.search(event.what):
                    return event
        return None

    def _closing_date(self) -> Value | None:
        blocks = self.structure.blocks
        if blocks and blocks[-1].kind == "paragraph" and is_dateline(blocks[-1].text):
            match = DATE.search(blocks[-1].text)
            if match and iso(match):
                return Value(iso(match), f"取自文末第 {blocks[-1].line} {self.unit}的日期")
        return None

    def _signer(self) -> str | None:
        """The organisation signing at the end: a short line just above the closing date."""
        blocks = self.structure.blocks
        if len(blocks) >= 2 and self._closing_date() is not None:
            above = blocks[-2]
            if above.kind == "paragraph" and title_like(above.text) and len(above.text) <= 30:
                return above.text
        return None
