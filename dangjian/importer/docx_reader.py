"""Word (.docx) files as lines: paragraphs with their heading levels and the numbers
Word draws in front of them, and tables written as Markdown tables."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dangjian.core.diagnostics import Diagnostic
from dangjian.importer.source import Line, Source
from dangjian.text import numerals

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(raw: bytes, shown: str) -> Source:
    from dangjian.importer.detect import ReadError

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover — python-docx is a declared dependency
        raise ReadError(Diagnostic(shown, 0, "file", "缺少 python-docx，无法读取 .docx")) from None
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ReadError(Diagnostic(shown, 0, "file",
                                   "不是有效的 .docx 文件（可能已损坏，或是改了扩展名的旧版 .doc）")
                        ) from None
    numbering = _Numbering(document)
    lines: list[Line] = []
    for number, block in enumerate(document.iter_inner_content(), 1):
        if hasattr(block, "rows"):
            table = _table(block)
            if table is not None:
                lines.append(Line(number, table[0], table=table[1]))
            continue
        level = _heading_level(block)
        label = numbering.label(block)
        for part in (label + block.text).split("\n"):
            lines.append(Line(number, part, heading=level))
    source = Source(shown, lines, "docx", unit="段")
    if _has_page_furniture(document):
        source.notes.append("页眉、页脚中的文字未导入")
    return source


def _heading_level(paragraph: Any) -> int | None:
    style = paragraph.style
    name = (style.name or "").strip() if style is not None else ""
    if name.lower() in _TITLE_STYLES:
        return 0
    match = _HEADING_STYLE.match(name)
    return int(match.group(1)) if match else None


def _table(table: Any) -> tuple[str, str] | None:
    """(the cells' text in reading order, the table as Markdown), or None when empty."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
        rows.append(cells)
    if not any(any(cells) for cells in rows):
        return None
    width = max(len(cells) for cells in rows)
    rows = [cells + [""] * (width - len(cells)) for cells in rows]
    text = "\n".join(cell for cells in rows for cell in cells if cell)
    out = [_row(rows[0]), "| " + " | ".join(["---"] * width) + " |"]
    out += [_row(cells) for cells in rows[1:]]
    return text, "\n".join(out)


def _row(cells: list[str]) -> str:
    shown = [cell.replace("|", "\\|").replace("\n", "<br>") for cell in cells]
    return "| " + " | ".join(shown) + " |"


def _has_page_furniture(document: Any) -> bool:
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous and any(p.text.strip() for p in part.paragraphs):
                return True
    return False


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class _Numbering:
    """Word's automatic paragraph numbers (一、 （一） 1. 第一条 …), which python-docx
    does not put into a paragraph's text, counted the way Word counts them."""

    document: Any
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            root = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = _Level(
                    int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "")
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            abstract_id = _val(num, "abstractNumId")
            if abstract_id in abstract:
                self.levels[num.get(f"{_W}numId")] = abstract[abstract_id]

    def label(self, paragraph: Any) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels or num_id is None:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        level = levels[ilvl]
        if level.fmt in {"bullet", "none"}:
            return ""

        def place(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, level)
            value = shown.start - 1 + max(counters[index], 1)
            return _format(value, shown.fmt)

        return re.sub(r"%([1-9])", place, level.text)

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str | None, int]:
        for holder in _with_styles(paragraph):
            ppr = holder.find(f"{_W}pPr")
            num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if num_pr is not None:
                num_id = _val(num_pr, "numId")
                return num_id, int(_val(num_pr, "ilvl") or 0)
        return None, 0


def _with_styles(paragraph: Any) -> Iterator[Any]:
    yield paragraph._p
    style = paragraph.style
    while style is not None:
        yield style.element
        style = style.base_style


def _val(node: Any, child: str) -> str | None:
    found = node.find(f"{_W}{child}")
    return found.get(f"{_W}val") if found is not None else None


_CHINESE = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
            "japaneseCounting", "ideographDigital", "taiwaneseCounting",
            "taiwaneseCountingThousand"}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _format(value: int, fmt: str) -> str:
    if value <= 0:
        return str(value)
    if fmt in _CHINESE:
        return numerals.from_int(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if value <= len(_CIRCLED) else str(value)
    if fmt in {"lowerLetter", "upperLetter"}:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                            (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)
