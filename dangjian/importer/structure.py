"""What each line of an official document is: its title, a heading (一、 （一） 1. （1）),
a work item (一是…), a chapter, section or article (第X章 / 第X节 / 第X条), an
attachment heading (附件, 附则), a table, or plain text.

Articles are recognised by ``regtext``, the same rules the site uses when it builds
(sequence-based, so that “第十条规定……” stays text). Numbered lines become headings
only where numbers of their kind are mostly short and unpunctuated; a numbered line
that is a sentence (“一、党支部应按期召开……。”) stays a numbered paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dangjian.importer.source import Line
from dangjian.text import numerals, regtext, workplan

_CN = "一二三四五六七八九十百零〇两"
MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^([{_CN}]+)(、)(.*)$"),
    re.compile(rf"^([（(])([{_CN}]+)([）)])(.*)$"),
    re.compile(r"^(\d{1,3})([.．、])(?!\d)(.*)$"),
    re.compile(r"^([（(])(\d{1,3})([）)])(.*)$"),
)
RANK_NAMES = ("一、", "（一）", "1.", "（1）")
ITEM = workplan.ITEM_MARK
_UNIT_START = re.compile(rf"^第([{numerals.NUMERAL_CHARS}]+|[0-9]+)(编|章|节|条)")
_ATTACHMENT = re.compile(r"^附\s*件\s*([0-9０-９一二三四五六七八九十]*)\s*[：:]?$")
_SUPPLEMENT = re.compile(r"^附\s*则$")
NUMBER = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,15}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]"
                    r"\s*第?\s*\d{1,4}\s*号")
DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                  r"|([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                  r"([一二三四五六七八九十]{1,3})日")
_CITING = regtext.CITING
_SENTENCE = re.compile(r"[。；;！？!?]")
HEADING_MAX = 50
TITLE_MAX = 60


@dataclass(frozen=True)
class Block:
    kind: str
    """title, heading, item, division, paragraph or table."""
    line: int
    text: str
    level: int = 0
    """Markdown level of a heading (2–6)."""
    marker: str = ""
    """一、 （一） 1. 一是 第一条 附件 …, as written."""
    rest: str = ""
    """The text after the marker."""
    table: str | None = None
    counted: str = ""
    """The count of the import summary this block went into (列项, （一）, …), so that
    a block that a later step reads as something else can be taken out of it."""


@dataclass(frozen=True)
class Doubt:
    line: int
    field: str
    message: str


ENDS = tuple("。！？；：:;!?”’」』）)】…—") + ("——",)
"""What a complete paragraph ends with."""


@dataclass
class Structure:
    title: Block | None
    blocks: list[Block] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    doubts: list[Doubt] = field(default_factory=list)
    cut_off: Block | None = None
    """The last line, where the text stops mid-sentence (a page that was cut off)."""


@dataclass(frozen=True)
class _Numbered:
    index: int
    rank: int
    value: int | None
    marker: str
    rest: str


def numbered(text: str) -> tuple[int, int | None, str, str] | None:
    """(rank, number, marker, rest) of a line that opens with 一、 （一） 1. or （1）."""
    for rank, pattern in enumerate(MARKERS):
        match = pattern.match(text)
        if match:
            groups = match.groups()
            marker = "".join(groups[:-1])
            digits = groups[1] if rank in (1, 3) else groups[0]
            return rank, numerals.to_int(digits), marker, groups[-1]
    return None


def heading_like(rest: str) -> bool:
    rest = rest.strip()
    return (0 < len(rest) <= HEADING_MAX and not _SENTENCE.search(rest)
            and not rest.endswith(("：", ":", "，", ",", "、")))


_NOTE_END = re.compile(r"(?:通过|批准|发布|印发|公布|修订|修正)[。．.]?$")


def is_dateline(text: str) -> bool:
    """题注 such as “（2019年5月6日中共中央发布）” or “…2022年10月22日通过”, or a line
    that is only a date (a 落款)."""
    if not DATE.search(text) or _SENTENCE.search(text.rstrip("。")) or len(text) > 120:
        return False
    wrapped = text[:1] in "（(" and text[-1:] in "）)"
    if wrapped or DATE.sub("", text).strip(" 　") == "":
        return True
    last = list(DATE.finditer(text))[-1]
    return bool(_NOTE_END.search(text)) and len(text) - last.end() <= 12


def is_number_line(text: str) -> bool:
    match = NUMBER.search(text)
    return match is not None and len(text) - len(match.group(0)) <= 4


def title_like(text: str) -> bool:
    return (0 < len(text) <= TITLE_MAX and not _SENTENCE.search(text)
            and not text.endswith(("：", ":", "，", ",")) and numbered(text) is None
            and not _UNIT_START.match(text) and not ITEM.match(text)
            and not is_dateline(text) and not is_number_line(text))


def parse(lines: list[Line], known_title: str | None = None) -> Structure:
    """Classify ``lines`` (cleaned: no blank lines, no edge spaces)."""
    title, lines = _take_title(lines, known_title)
    structure = Structure(title)
    if title is not None:
        structure.counts["标题"] += 1
    divisions = _divisions(lines, structure)
    has_articles = any(d.unit == "条" for d in divisions.values())
    numbered_lines = _numbered_lines(lines, divisions)
    heading_ranks = set() if has_articles else _heading_ranks(numbered_lines)
    levels = {rank: 2 + i for i, rank in enumerate(sorted(heading_ranks))}
    by_index = {n.index: n for n in numbered_lines}
    for index, line in enumerate(lines):
        block = _classify(line, divisions.get(index), by_index.get(index), levels, structure)
        structure.blocks.append(block)
    structure.cut_off = _cut_off(structure.blocks)
    if structure.cut_off is not None:
        # Not a heading: a sentence that stops (“3.簡(ji”).
        last = structure.cut_off
        if last.kind == "heading":
            last = Block("paragraph", last.line, last.text, marker=last.marker, rest=last.rest,
                         counted=last.counted)
        structure.blocks[-1] = structure.cut_off = last
        structure.doubts.append(Doubt(last.line, "text", "文本在此中断：最后一行没有结束标点，"
                                      "像是网页或复制时被截断；已按节选（coverage: 节选）导入"))
        numbered_lines = [n for n in numbered_lines if lines[n.index].number != last.line]
    _check_sequences(structure, numbered_lines, heading_ranks, lines, has_articles)
    return structure


def _cut_off(blocks: list[Block]) -> Block | None:
    """The last block when it stops mid-sentence. A 落款 (an organisation's name, a date)
    and a heading have no closing stop either, but they carry no comma and no number."""
    if not blocks or blocks[-1].kind == "table":
        return None
    last = blocks[-1]
    text = last.text
    if text.endswith(ENDS) or is_dateline(text) or (last.kind == "division" and
                                                    not last.marker.endswith("条")):
        return None
    opened = last.marker and last.kind != "division" or last.marker.endswith("条")
    return last if opened or len(text) >= 20 or "，" in text or "," in text else None


def _take_title(lines: list[Line], known: str | None) -> tuple[Block | None, list[Line]]:
    for index, line in enumerate(lines[:5]):
        if line.heading == 0 and line.table is None:
            return Block("title", line.number, line.text), lines[:index] + lines[index + 1:]
    if not lines or lines[0].table is not None:
        return None, lines
    first = lines[0]
    if known is not None:
        if _same(first.text, known):
            return Block("title", first.number, first.text), lines[1:]
        return None, lines
    if title_like(first.text) and first.heading in (None, 1):
        return Block("title", first.number, first.text), lines[1:]
    return None, lines


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s", "", a) == re.sub(r"\s", "", b)


def _divisions(lines: list[Line], structure: Structure) -> dict[int, regtext.Division]:
    text = "\n".join("" if line.table is not None else line.text for line in lines)
    body = regtext.parse(text, first_line=0)
    for warning in body.warnings:
        earlier = None if warning.earlier is None else lines[warning.earlier].number
        structure.doubts.append(Doubt(lines[warning.line].number, "article",
                                      warning.message(earlier)))
    found = [*body.parts, *body.chapters, *body.sections, *body.articles]
    return {division.line: division for division in found}


def _numbered_lines(lines: list[Line], divisions: dict[int, regtext.Division]) -> list[_Numbered]:
    found = []
    for index, line in enumerate(lines):
        if line.table is not None or index in divisions:
            continue
        parsed = numbered(line.text)
        if parsed is not None:
            found.append(_Numbered(index, *parsed))
    return found


def _heading_ranks(found: list[_Numbered]) -> set[int]:
    """Kinds of numbers that mark headings here: most of their lines look like headings."""
    seen: Counter[int] = Counter(n.rank for n in found)
    short: Counter[int] = Counter(n.rank for n in found if heading_like(n.rest))
    return {rank for rank in seen if short[rank] * 2 >= seen[rank] and short[rank]}


def _classify(line: Line, division: regtext.Division | None, number: _Numbered | None,
              levels: dict[int, int], structure: Structure) -> Block:
    counts, text = structure.counts, line.text
    if line.table is not None:
        counts["表格"] += 1
        return Block("table", line.number, text, table=line.table)
    if division is not None:
        return _division_block(line, division, structure)
    item = ITEM.match(text)
    if item:
        counts["事项"] += 1
        return Block("item", line.number, text, marker=item.group(1), rest=item.group(2))
    if line.heading:
        counts["标题（Word 样式）"] += 1
        return Block("heading", line.number, text, level=min(line.heading + 1, 6),
                     counted="标题（Word 样式）")
    if number is not None and number.rank in levels:
        counts[RANK_NAMES[number.rank]] += 1
        return Block("heading", line.number, text, levels[number.rank], number.marker,
                     number.rest, counted=RANK_NAMES[number.rank])
    if number is not None:
        counts["列项"] += 1
        return Block("paragraph", line.number, text, marker=number.marker, rest=number.rest,
                     counted="列项")
    if _ATTACHMENT.match(text) or _SUPPLEMENT.match(text):
        counts["附件" if "件" in text else "附则"] += 1
        return Block("heading", line.number, text, level=2, marker=text)
    unit = _UNIT_START.match(text)
    if unit and any(d.line == line.number and d.field == "article" for d in structure.doubts):
        pass  # regtext said why this number is not a new division
    elif unit:
        label = unit.group(0)
        structure.doubts.append(Doubt(line.number, "article",
                                      f"以“{label}”开头，但编号不接上文，按正文处理"
                                      f"（若是{unit.group(2)}，请核对前后编号）"))
    elif is_number_line(text):
        counts["发文字号"] += 1
    elif is_dateline(text):
        counts["日期"] += 1
    return Block("paragraph", line.number, text)


def _division_block(line: Line, division: regtext.Division, structure: Structure) -> Block:
    text = line.text
    if not division.unit:
        # 总纲, 序言, 附则, 附件: a heading in any kind of document.
        structure.counts["附件" if division.label.startswith("附件") else division.label] += 1
        return Block("heading", line.number, text, level=2, marker=division.label)
    structure.counts[division.unit] += 1
    after = text[len(division.label):]
    if division.unit == "条" and _CITING.match(after):
        structure.doubts.append(Doubt(line.number, "article",
                                      f"按{division.label}处理，但“{division.label}{after[:2]}”"
                                      "也可能是在引用条文，请核对"))
    return Block("division", line.number, text, marker=division.label, rest=division.rest)


def _check_sequences(structure: Structure, found: list[_Numbered], heading_ranks: set[int],
                     lines: list[Line], has_articles: bool) -> None:
    # Numbers restart under each higher heading, or run on through the whole document
    # (（一）…（二十） across 一、…六、): both are in sequence.
    last: dict[int, int] = {}
    last_anywhere: dict[int, int] = {}
    for n in found:
        line = lines[n.index].number
        is_heading = n.rank in heading_ranks
        if is_heading != heading_like(n.rest) and not has_articles:
            what = "标题" if is_heading else "编号段落"
            structure.doubts.append(Doubt(line, "structure",
                                          f"“{n.marker}”开头的行按{what}处理，"
                                          f"但它{'像一句正文' if is_heading else '像一个标题'}"))
        expected = last.get(n.rank, 0) + 1
        if n.value is not None and n.value not in (1, expected, last_anywhere.get(n.rank, 0) + 1):
            structure.doubts.append(Doubt(line, "structure",
                                          f"编号不连续：“{n.marker}”前面应是第 {expected} 个，"
                                          f"这里是第 {n.value} 个"))
        last[n.rank] = last_anywhere[n.rank] = n.value or expected
        for deeper in range(n.rank + 1, len(MARKERS)):
            last.pop(deeper, None)
    _check_items(structure)


def _check_items(structure: Structure) -> None:
    expected = 1
    for block in structure.blocks:
        if block.kind == "heading":
            expected = 1
        elif block.kind == "item":
            value = numerals.to_int(block.marker.removesuffix("是"))
            if value not in (1, expected):
                structure.doubts.append(Doubt(block.line, "item",
                                              f"事项编号不连续：应是“{numerals.from_int(expected)}是”，"
                                              f"这里是“{block.marker}”"))
            expected = (value or expected) + 1
