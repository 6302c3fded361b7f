"""From an incoming file to a Markdown document of the site, with its report.

read (``detect``, ``docx_reader``) → header → clean (``noise``) → classify
(``structure``) → kind and front matter (``guess``) → Markdown (``markdown``) → load it
back with the site's loader (``writer.check``) → write, never over an existing file
unless forced.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.kinds import BY_NAME, REGULATION, WORKPLAN, Kind
from dangjian.core.model import ID_PATTERN
from dangjian.importer import detect, editions, glosses, header, noise, structure, writer
from dangjian.importer.guess import Guesser, Value, choose_kind
from dangjian.importer.markdown import render_body, render_plan
from dangjian.importer.report import Report
from dangjian.importer.source import Source
from dangjian.text import regtext, workplan

KIND_CHOICES = ("auto", "workplan", "regulation", "study")
_ENDS = structure.ENDS
_OPEN_LINE_MIN = 20
PROJECT_DOCS = Path("docs")
"""The project's documents, whose titles an import must not repeat (run in the project)."""


@dataclass
class Conversion:
    report: Report
    text: str | None = None
    """The Markdown file, or None when none could be made."""
    title: str = ""


def convert(source: Source, kind_name: str = "auto", file_name: str = "",
            strip_glosses: bool = False) -> Conversion:
    report = Report(source.path, source.unit, source.encoding, lines=_count(source))
    report.notes += source.notes
    # Word files may open with the same header block, one paragraph per field.
    head, lines = header.split(source.lines)
    found = glosses.find(lines, strip_glosses)
    report.glosses, report.glosses_stripped = found.found, strip_glosses
    lines = found.lines
    if head is not None:
        report.header_lines = [line.number for line in head.lines]
    cleaned = noise.clean(lines)
    _record_cleaning(report, cleaned)
    if not cleaned.lines:
        report.diagnostics.error(source.path, 0, "text",
                                 "没有可导入的正文（只有空白行、文件头或网页杂质）")
        return Conversion(report)
    known_title = head.values.get("title") if head else None
    parsed = structure.parse(cleaned.lines, known_title)
    if kind_name == "auto":
        title = known_title or (parsed.title.text if parsed.title else None)
        report.kind, report.kind_reason = choose_kind(parsed, title)
        report.kind_reason = f"自动判断：{report.kind_reason}；可用 --kind 指定"
    else:
        report.kind, report.kind_reason = BY_NAME[kind_name], "由 --kind 指定"
    name = file_name or Path(source.path).name
    fields = Guesser(report.kind, parsed, head, name, source.unit).fields()
    report.review = [name for name, value in fields.items() if value.review]
    text = _markdown(report, parsed, fields)
    _doubt_open_lines(parsed)
    title = str(fields["title"].value)
    for doubt in parsed.doubts:
        report.diagnostics.warning(source.path, doubt.line, doubt.field, doubt.message)
    done = "已删除" if strip_glosses else "已保留，可加 --strip-glosses 删除"
    for line, marks in found.found.items():
        report.diagnostics.warning(source.path, line, "gloss",
                                   f"网页加注的拼音（{done}）：{'、'.join(marks)}")
    report.doubtful_lines = sorted({d.line for d in report.diagnostics.warnings
                                    if d.field != "gloss" and
                                    (d.field != "noise" or "已保留" in d.message)})
    return Conversion(report, text, title)


def _count(source: Source) -> int:
    return len({line.number for line in source.lines})


def _record_cleaning(report: Report, cleaned: noise.Cleaned) -> None:
    report.blank_lines, report.nbsp_lines = cleaned.blank, cleaned.nbsp_lines
    report.nbsp_inside = cleaned.nbsp_inside
    report.dropped = cleaned.dropped
    for dropped in cleaned.dropped:
        report.diagnostics.warning(report.source, dropped.line, "noise",
                                   f"已删除（{dropped.reason}）：“{dropped.text}”")
    for line, reason in cleaned.doubtful:
        report.diagnostics.warning(report.source, line.number, "noise",
                                   f"像网页杂质（{reason}），但在正文中间，已保留：“{line.text}”")


def _markdown(report: Report, parsed: structure.Structure,
              fields: dict[str, Value]) -> str | None:
    kind = report.kind
    assert kind is not None
    title_line = parsed.title
    if title_line is not None and fields["title"].value == title_line.text:
        title_line = None  # it went into the front matter as it is
    if kind is WORKPLAN:
        year = fields["year"].value
        if not isinstance(year, int):
            report.diagnostics.error(report.source, parsed.title.line if parsed.title else 1,
                                     "year", "无法推断年度：标题和正文中都没有“XXXX年”。"
                                     "工作要点须有年度；如不是工作要点，请用 --kind study")
            return None
        rendered = render_plan(parsed.blocks, title_line, year)
        if not rendered.sections:
            report.diagnostics.error(report.source, 0, "sections",
                                     "没有找到“一、…”形式的部分标题（须单独成行、不是句子），"
                                     "无法按工作要点导入；如不是工作要点，请用 --kind study")
            return None
    else:
        rendered = render_body(parsed.blocks, title_line)
    parsed.doubts.extend(rendered.doubts)
    text = writer.front_matter(fields) + "\n" + rendered.body
    diags = Diagnostics()
    loaded = writer.check(kind, text, report.source, diags)
    for diagnostic in diags.errors:
        report.diagnostics.error(report.source, 0, diagnostic.field,
                                 f"生成的文件未通过检查（第 {diagnostic.line} 行）："
                                 f"{diagnostic.message}")
    if loaded is None or diags.errors:
        return None
    _record_counts(report, parsed, loaded)
    report.counts.subtract(rendered.recounted)
    return text


def _record_counts(report: Report, parsed: structure.Structure,
                   loaded: workplan.Plan | regtext.Body) -> None:
    """Counts as the site's loader reads the written file, which is what will be built."""
    report.counts.update(parsed.counts)
    if isinstance(loaded, workplan.Plan):
        report.counts["部分"] = len(loaded.sections)
        report.counts["事项"] = len(loaded.items)
        return
    report.counts["编"] = sum(1 for part in loaded.parts if part.unit == "编")
    report.counts["章"] = len(loaded.chapters)
    report.counts["节"] = len(loaded.sections)
    report.counts["条"] = len(loaded.articles)
    clauses = [clause.unit for article in loaded.articles for clause in article.clauses]
    report.counts["款"], report.counts["项"] = clauses.count("款"), clauses.count("项")


def _doubt_open_lines(parsed: structure.Structure) -> None:
    """Text lines that stop without punctuation: cut off, or one paragraph broken in two."""
    for block in parsed.blocks:
        if block.kind == "division" and block.marker.endswith(("章", "节")) or \
                block is parsed.cut_off:
            continue
        if block.kind in {"paragraph", "item", "division"} and \
                len(block.text) >= _OPEN_LINE_MIN and not block.text.endswith(_ENDS):
            parsed.doubts.append(structure.Doubt(
                block.line, "text", "行末没有标点：文本可能在此中断，或一段被断成了几行"))


def output_name(path: Path, kind: Kind, title: str) -> tuple[str, bool]:
    """The file name (and so the default id) of the output; False when it was made up."""
    stem = re.sub(r"[\s_]+", "-", path.stem.strip().lower())
    if re.fullmatch(ID_PATTERN, stem):
        return stem, True
    digest = hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]
    return f"{kind.name}-{digest}", False


def import_file(path: Path, kind_name: str, out_dir: Path | None, force: bool,
                claimed: set[Path], edition_of: str | None = None,
                strip_glosses: bool = False) -> Report:
    shown = _shown(path)
    try:
        source = detect.read(path, shown)
    except detect.ReadError as exc:
        report = Report(shown)
        report.diagnostics.items.append(exc.diagnostic)
        return report
    if edition_of is not None and kind_name == "auto":
        kind_name = REGULATION.name  # an edition is one of a regulation
    conversion = convert(source, kind_name, path.name, strip_glosses)
    report = conversion.report
    if conversion.text is None or report.kind is None:
        return report
    if edition_of is not None:
        _import_edition(report, conversion.text, edition_of, path, force, claimed)
        return report
    name, natural = output_name(path, report.kind, conversion.title)
    target = (out_dir or Path("docs") / report.kind.folder) / f"{name}.md"
    report.output = _shown(target)
    # Only a file written among the project's documents can clash with one of them; the
    # file itself, imported again, is refused or replaced below like any existing file.
    holder = (editions.holder_of(conversion.title, PROJECT_DOCS)
              if target.resolve().is_relative_to(PROJECT_DOCS.resolve()) else None)
    if holder is not None and not (force and holder.path.resolve() == target.resolve()):
        same = holder.path.resolve() == target.resolve()
        report.diagnostics.error(shown, 0, "out" if same else "title",
                                 editions.collision_message(conversion.title, holder, shown,
                                                            same))
        return report
    if not natural:
        report.diagnostics.warning(shown, 0, "id", f"文件名不能用作标识（只能用小写字母、数字和"
                                   f"连字符），输出文件暂名 {name}.md，建议改为有意义的英文名")
    _write(report, target, conversion.text, path, force, claimed)
    return report


def _import_edition(report: Report, text: str, work_id: str, source: Path, force: bool,
                    claimed: set[Path]) -> None:
    """``--edition-of``: the text becomes an edition file of the work ``work_id``."""
    if report.kind is not REGULATION:
        report.diagnostics.error(report.source, 0, "edition-of", "--edition-of 只用于法规制度")
        return
    work_path = PROJECT_DOCS / REGULATION.folder / f"{work_id}.md"
    try:
        moved = editions.split_work(work_path) if work_path.is_file() else None
        edition = editions.as_edition(text, work_id, PROJECT_DOCS)
        if moved is not None and moved[1].path == edition.path:
            raise editions.EditionError(
                f"{_shown(work_path)} 中已收录 {edition.key} 年的版本；请确认年份，"
                "或先把它移到版本文件中")
    except editions.EditionError as exc:
        report.diagnostics.error(report.source, 0, "edition-of", str(exc))
        return
    if moved is not None:
        work_text, own = moved
        if own.path.exists():
            report.diagnostics.error(report.source, 0, "edition-of",
                                     f"{_shown(own.path)} 已存在，未移动 {_shown(work_path)}")
            return
        writer.write(own.path, own.text, force=False)
        writer.write(work_path, work_text, force=True)
        report.notes.append(f"{_shown(work_path)} 原有的日期和条文已移到 {_shown(own.path)}")
    report.output = _shown(edition.path)
    _write(report, edition.path, edition.text, source, force, claimed)


def _write(report: Report, target: Path, text: str, source: Path, force: bool,
           claimed: set[Path]) -> None:
    resolved = target.resolve()
    if resolved == source.resolve():
        report.diagnostics.error(report.source, 0, "out", "输出文件就是输入文件，不会覆盖输入")
    elif resolved in claimed:
        report.diagnostics.error(report.source, 0, "out",
                                 f"{report.output} 已由本次导入的另一个文件写出，未覆盖")
    else:
        try:
            writer.write(target, text, force)
        except FileExistsError:
            report.diagnostics.error(report.source, 0, "out",
                                     f"{report.output} 已存在，未覆盖（要覆盖请加 --force）")
        except OSError as exc:
            report.diagnostics.error(report.source, 0, "out",
                                     f"无法写入 {report.output}：{exc.strerror}")
        else:
            report.written = True
            claimed.add(resolved)


def import_files(paths: list[Path], kind_name: str = "auto", out_dir: Path | None = None,
                 force: bool = False, edition_of: str | None = None,
                 strip_glosses: bool = False) -> list[Report]:
    claimed: set[Path] = set()
    reports = []
    for path in _expand(paths):
        reports.append(import_file(path, kind_name, out_dir, force, claimed, edition_of,
                                   strip_glosses))
    return reports


def _expand(paths: list[Path]) -> list[Path]:
    """Folders stand for the .txt and .docx files directly inside them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir()
                            if p.is_file() and p.suffix.lower() in detect.SUFFIXES)
        else:
            found.append(path)
    return found


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
