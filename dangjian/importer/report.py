"""What an import found, dropped and doubted, for the person who runs it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.kinds import Kind
from dangjian.importer.noise import Dropped

SHOWN_COUNTS = ("总纲", "序言", "款", "项", "一、", "（一）", "1.", "（1）", "标题（Word 样式）",
                "列项", "附件", "附则", "表格", "发文字号", "日期")


@dataclass
class Report:
    source: str
    unit: str = "行"
    encoding: str | None = None
    kind: Kind | None = None
    kind_reason: str = ""
    output: str | None = None
    written: bool = False
    lines: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    """What was recognised: 部分, 事项, 章, 节, 条 (as the site's loader reads the result)
    and the kinds of numbered lines."""
    header_lines: list[int] = field(default_factory=list)
    blank_lines: list[int] = field(default_factory=list)
    nbsp_lines: list[int] = field(default_factory=list)
    nbsp_inside: int = 0
    dropped: list[Dropped] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    """Front matter fields that were guessed and carry a “# 待核对” comment."""
    doubtful_lines: list[int] = field(default_factory=list)
    glosses: dict[int, list[str]] = field(default_factory=dict)
    """Pinyin glosses a web mirror added (改進(jìn)), by line."""
    glosses_stripped: bool = False
    notes: list[str] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    @property
    def removed_lines(self) -> set[int]:
        """Lines none of whose text is in the output: header, blank lines and debris."""
        return {*self.header_lines, *self.blank_lines, *(d.line for d in self.dropped)}

    def format(self) -> str:
        out = [f"导入 {self.source}" + (f" → {self.output}" if self.output else "")]
        if self.encoding:
            out.append(f"  读取：{self.encoding}，{self.lines} {self.unit}")
        if self.kind is not None:
            out.append(f"  类型：{self.kind.label}（{self.kind_reason}）")
            out.append(f"  识别：{self._structure()}")
            out.append(f"  删除：{self._removed()}")
            if self.glosses:
                count = sum(len(marks) for marks in self.glosses.values())
                done = "已删除" if self.glosses_stripped else \
                    "仍在正文中，可加 --strip-glosses 删除"
                out.append(f"  拼音注音：{count} 处，第 {ranges(list(self.glosses))} "
                           f"{self.unit}（网页加注，不是原文；{done}）")
            review = "、".join(self.review) if self.review else "无"
            out.append(f"  待核对的字段（已在 front matter 中注明“# 待核对”）：{review}")
            doubtful = (f"{len(self.doubtful_lines)} 处，第 {ranges(self.doubtful_lines)} "
                        f"{self.unit}（见上面的警告）") if self.doubtful_lines else "无"
            out.append(f"  存疑：{doubtful}")
        out += [f"  说明：{note}" for note in self.notes]
        if self.output and not self.written:
            out.append("  未写出文件。")
        return "\n".join(out)

    def _structure(self) -> str:
        counts = self.counts
        parts = [f"部分 {counts['部分']}，事项 {counts['事项']}"] if self.kind and \
            self.kind.name == "workplan" else [f"事项 {counts['事项']}"]
        parts.append(("" if not counts["编"] else f"编 {counts['编']}，")
                     + f"章 {counts['章']}，节 {counts['节']}，条 {counts['条']}")
        extra = [f"{name} {counts[name]}" for name in SHOWN_COUNTS if counts[name]]
        if extra:
            parts.append("其他：" + "，".join(extra))
        return "；".join(parts)

    def _removed(self) -> str:
        parts = []
        if self.header_lines:
            parts.append(f"文件头 {len(self.header_lines)} 行（第 {ranges(self.header_lines)} "
                         f"{self.unit}，已读作元数据）")
        if self.blank_lines:
            nbsp = f"，其中 {len(self.nbsp_lines)} 行只有不换行空格" if self.nbsp_lines else ""
            parts.append(f"空白行 {len(self.blank_lines)} 行（第 {ranges(self.blank_lines)} "
                         f"{self.unit}{nbsp}）")
        if self.dropped:
            reasons = Counter(d.reason for d in self.dropped)
            what = "、".join(f"{reason} {n} 行" for reason, n in reasons.items())
            lines = ranges([d.line for d in self.dropped])
            parts.append(f"网页杂质 {len(self.dropped)} 行（{what}：第 {lines} {self.unit}，"
                         "原文见上面的警告）")
        if self.nbsp_inside:
            parts.append(f"行内不换行空格 {self.nbsp_inside} 个已换成普通空格")
        parts.append("各行首尾空白")
        return "；".join(parts)


def ranges(numbers: list[int]) -> str:
    """2、27–30 for [2, 27, 28, 29, 30]."""
    spans: list[list[int]] = []
    for number in sorted(set(numbers)):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
