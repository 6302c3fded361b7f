"""Load → validate: read every source file of a project into an ``Inventory``.

Every problem is collected, not raised, so that one run reports all of them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.core import editions as edition_dates
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import BY_FOLDER, PUBLICATION, REGULATION, STUDY, WORKPLAN
from dangjian.core.model import EditionMeta, PageMeta, PublicationList
from dangjian.core.project import Project
from dangjian.core.stop import Stop, check, never
from dangjian.load import (
    assets,
    editions,
    frontmatter,
    glossary,
    textfile,
    tracking,
    tracks,
    yamlsource,
)
from dangjian.load.assets import Asset
from dangjian.load.glossary import Glossary
from dangjian.load.tracking import Tracking
from dangjian.load.tracks import Track
from dangjian.load.validation import validate
from dangjian.safety import classification, htmlpolicy, markings
from dangjian.text import author_calls, regtext, workplan

PUBLICATIONS_FILE = "publications.yml"
TEMPLATE_FIELD = "模板"


@dataclass
class Page:
    """An authored page that is not a document of a kind (home page, about page …)."""

    source: str
    page: str
    meta: PageMeta
    body: str
    body_line: int


@dataclass
class Content:
    inventory: Inventory = field(default_factory=Inventory)
    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    """Allowed non-Markdown files under docs/ (only those some page uses are published)."""
    hidden: Inventory = field(default_factory=Inventory)
    """Documents this build's audience may not read: known, never shown or linked."""
    tracking: Tracking = field(default_factory=Tracking)
    """Departments, and who does what in each work plan (data/, read after the plans)."""
    glossary: Glossary = field(default_factory=Glossary)
    tracks: list[Track] = field(default_factory=list)
    today: dt.date = field(default_factory=edition_dates.today)
    """The day statuses and the editions in force are computed for."""
    edition_files: list[editions.EditionFile] = field(default_factory=list)
    """Edition files as read, until they join their works."""


def load(project: Project, diagnostics: Diagnostics, stop: Stop = never) -> Content:
    content = Content()
    if not project.docs_dir.is_dir():
        diagnostics.error(project.shown(project.docs_dir), 0, "docs_dir", "内容目录不存在")
        return content
    for path in _walk(project, project.docs_dir, diagnostics):
        check(stop)
        _load_file(project, path, content, diagnostics)
    editions.attach(content.inventory, content.edition_files, content.today, diagnostics,
                    lambda doc: _parse_body(doc, diagnostics))
    content.edition_files = []
    publications = project.data_dir / PUBLICATIONS_FILE
    if publications.is_file():
        _load_publications(project, publications, content.inventory, diagnostics)
    # These refer to documents, so they come once the inventory is complete.
    _check_calls(content, diagnostics)
    _check_related(content, diagnostics)
    content.glossary = glossary.load(project, content.inventory, diagnostics)
    content.tracks = tracks.load(project, content.inventory, diagnostics)
    content.tracking = tracking.load(project, content.inventory, diagnostics)
    _warn_unused_assets(project, content, diagnostics)
    return content


def load_file(project: Project, path: Path, today: dt.date,
              diagnostics: Diagnostics) -> Content:
    """One file of docs/, read and checked as ``load`` reads it, alone: what a preview
    reads again after an edit. Checks that need the whole inventory are the caller's."""
    content = Content(today=today)
    _load_file(project, path, content, diagnostics)
    return content


def _load_file(project: Project, path: Path, content: Content,
               diagnostics: Diagnostics) -> None:
    relative = path.relative_to(project.docs_dir).as_posix()
    marked = markings.find_marking(relative.replace("/", "\n"))
    if marked is not None:
        diagnostics.error(project.shown(path), 0, "path",
                          f"文件名含有密级标志“{marked.snippet}”：涉密材料不得构建到任何输出"
                          "（涉密不上网）")
    elif assets.is_markdown(path):
        _load_markdown(project, path, assets.page_path(relative), content, diagnostics)
    else:
        _load_asset(project, path, relative, content, diagnostics)


def bodies(content: Content) -> list[tuple[str, str]]:
    """(staged page, authored body) of every document and page: where assets are used."""
    return ([(doc.page, doc.body) for doc in content.inventory.documents]
            + [(page.page, page.body) for page in content.pages])


def _warn_unused_assets(project: Project, content: Content, diagnostics: Diagnostics) -> None:
    used = {asset.relative for asset in assets.published(content.assets, bodies(content))}
    for asset in content.assets:
        if asset.relative not in used:
            diagnostics.warning(project.shown(asset.path), 0, "path",
                                "没有页面引用这个文件，它不会发布")


def _walk(project: Project, top: Path, diagnostics: Diagnostics) -> list[Path]:
    """Files under ``top``, refusing symbolic links that lead out of it.

    A link out of docs/ could pull any file of the machine into a published site.
    """
    inside = top.resolve()
    found: list[Path] = []
    for folder, dirs, files in os.walk(top):
        base = Path(folder)
        for name in sorted(dirs):
            path = base / name
            if path.is_symlink():
                dirs.remove(name)
                if not path.resolve().is_relative_to(inside):
                    diagnostics.error(project.shown(path), 0, "path",
                                      f"符号链接指向内容目录之外（{path.resolve()}），已拒绝")
        for name in files:
            path = base / name
            if path.is_symlink() and not path.resolve().is_relative_to(inside):
                diagnostics.error(project.shown(path), 0, "path",
                                  f"符号链接指向内容目录之外（{path.resolve()}），已拒绝")
            elif path.is_file():
                found.append(path)
    return sorted(found)


def _load_markdown(project: Project, path: Path, relative: str, content: Content,
                   diagnostics: Diagnostics) -> None:
    shown = project.shown(path)
    parts = relative.split("/")
    kind = BY_FOLDER.get(parts[0]) if len(parts) > 1 and parts[-1] != "index.md" else None
    try:
        text = textfile.read(path, shown)
        split = frontmatter.split(text)
    except textfile.ContentDecodeError as exc:
        diagnostics.items.append(exc.diagnostic)
        return
    except frontmatter.UnclosedFrontMatter as exc:
        diagnostics.error(shown, exc.line, "front matter",
                          "front matter 以 “---” 开始但没有结束的 “---”")
        return
    if _refuse_body(shown, split.body, split.body_first_line, diagnostics):
        return
    if kind is not None and split.meta_text is None:
        what = "文件为空" if not text.strip() else "缺少 front matter（文件须以 “---” 开头）"
        diagnostics.error(shown, 1, "front matter", f"{what}；{kind.label}至少需要 title 等字段")
        return
    try:
        data, lines = yamlsource.load(split.meta_text or "", split.meta_first_line)
    except yamlsource.YamlProblem as problem:
        field_name = problem.field or yamlsource.key_on_line(text, problem.line) or "front matter"
        diagnostics.error(shown, problem.line, field_name, problem.message)
        return
    edition = editions.edition_of(relative)
    if edition is not None:
        edition_meta = validate(EditionMeta, data, lines, shown, diagnostics)
        if edition_meta is not None:
            content.edition_files.append(editions.EditionFile(
                edition[0], edition[1], edition_meta, shown, relative, split.body,
                split.body_first_line, lines))
        return
    if kind is None:
        meta = validate(PageMeta, data, lines, shown, diagnostics)
        if meta is not None:
            content.pages.append(Page(shown, relative, meta, split.body, split.body_first_line))
        return
    meta = validate(kind.model, data, lines, shown, diagnostics)
    if meta is None:
        return
    if meta.id is None:
        meta.id = _default_id(path)
    doc = Document(kind, meta, shown, split.meta_first_line - 1, relative, split.body,
                   split.body_first_line, lines)
    _parse_body(doc, diagnostics)
    content.inventory.add(doc, diagnostics)


def _refuse_body(shown: str, body: str, first_line: int, diagnostics: Diagnostics) -> bool:
    """Classified text and unsafe raw HTML; True when the file must not be built."""
    refusal = classification.scan_body(body, first_line)
    if refusal is not None:
        diagnostics.error(shown, refusal.line, refusal.field, refusal.message)
        return True
    violations = htmlpolicy.scan(body, first_line)
    for violation in violations:
        diagnostics.error(shown, violation.line, "body", violation.message)
    return bool(violations)


def _load_asset(project: Project, path: Path, relative: str, content: Content,
                diagnostics: Diagnostics) -> None:
    shown = project.shown(path)
    why = assets.refusal(path)
    if why is not None:
        diagnostics.error(shown, 0, "path", why)
        return
    refusal = scan_asset(path, shown)
    if refusal is not None:
        diagnostics.error(shown, refusal.line, refusal.field, refusal.message)
        return
    content.assets.append(assets.Asset(path, relative))


def scan_asset(path: Path, shown: str) -> classification.Refusal | None:
    """Markings in the text of a text-like attachment (.txt, .csv, .docx)."""
    suffix = path.suffix.lower()
    if suffix not in assets.SCANNED_SUFFIXES:
        return None
    if suffix == ".docx":
        text = docx_text(path)
        if text is None:
            return classification.Refusal(0, "path",
                                          "无法读取该 .docx 文件，不能确认其中没有密级标注")
    else:
        try:
            text = textfile.read(path, shown)
        except textfile.ContentDecodeError as exc:
            return classification.Refusal(exc.diagnostic.line, exc.diagnostic.field,
                                          exc.diagnostic.message)
    return classification.scan_body(text, 1)


def docx_text(path: Path) -> str | None:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError):
        return None
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        paragraphs += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        paragraphs += [p.text for p in section.header.paragraphs]
    return "\n".join(paragraphs)


def _check_related(content: Content, diagnostics: Diagnostics) -> None:
    """``related`` names documents of the site, by id."""
    for doc in content.inventory.of_kind(STUDY):
        for index, ref in enumerate(doc.meta.related):
            if ref not in content.inventory.by_id:
                close = difflib.get_close_matches(ref, list(content.inventory.by_id), n=3)
                hint = f"；是否指：{'、'.join(close)}" if close else ""
                diagnostics.error(doc.source, doc.lines.line_of(("related", index)), "related",
                                  f"未知的文件标识“{ref}”{hint}")


def _check_calls(content: Content, diagnostics: Diagnostics) -> None:
    bodies = [(page.source, page.body, page.body_line) for page in content.pages]
    bodies += [(doc.source, doc.body, doc.body_line) for doc in content.inventory.documents
               if doc.body]
    check_calls(bodies, content.inventory, diagnostics)


def check_calls(bodies: list[tuple[str, str, int]], inventory: Inventory,
                diagnostics: Diagnostics) -> None:
    """Page-function calls in ``bodies`` (source, text, first line) name a document of
    ``inventory``; nothing else in prose is a template."""
    for source, body, first_line in bodies:
        if "{" not in body:
            continue
        found = author_calls.find(body, first_line)
        for problem in found.problems:
            diagnostics.error(source, problem.line, TEMPLATE_FIELD, problem.message)
        for call in found.calls:
            doc = inventory.call_target(call.doc_id)
            if doc is None:
                diagnostics.error(source, call.line, TEMPLATE_FIELD,
                                  f"{call.function}：未知的文件标识“{call.doc_id}”")
            elif call.function == "work_items" and doc.kind is not WORKPLAN:
                diagnostics.error(source, call.line, TEMPLATE_FIELD,
                                  f"work_items 须指向工作要点，“{call.doc_id}”是{doc.kind.label}")


def _default_id(path: Path) -> str:
    return path.stem.lower().replace("_", "-").replace(" ", "-")


def _parse_body(doc: Document, diagnostics: Diagnostics) -> None:
    if doc.kind is WORKPLAN:
        doc.structure = workplan.parse(doc.body, doc.body_line, doc.meta.year, doc.source,
                                       diagnostics)
    elif doc.kind is REGULATION:
        doc.structure = regtext.parse(doc.body, doc.body_line)
        for warning in doc.structure.warnings:
            diagnostics.warning(doc.source, warning.line, "article", warning.message())


def _load_publications(project: Project, path: Path, inventory: Inventory,
                       diagnostics: Diagnostics) -> None:
    shown = project.shown(path)
    try:
        data, lines = yamlsource.load(textfile.read(path, shown))
    except textfile.ContentDecodeError as exc:
        diagnostics.items.append(exc.diagnostic)
        return
    except yamlsource.YamlProblem as problem:
        diagnostics.error(shown, problem.line, problem.field or "publications", problem.message)
        return
    listing = validate(PublicationList, data, lines, shown, diagnostics)
    if listing is None:
        return
    for index, meta in enumerate(listing.publications):
        entry_lines = yamlsource.LineMap(
            lines.line_of(("publications", index)),
            {key[2:]: line for key, line in lines.lines.items()
             if key[:2] == ("publications", index)},
        )
        if meta.id is None:
            diagnostics.error(shown, entry_lines.first_line, f"publications.{index}.id",
                              "书目条目须有 id")
            continue
        inventory.add(
            Document(PUBLICATION, meta, shown, entry_lines.first_line,
                     f"{PUBLICATION.folder}/{meta.id}.md", lines=entry_lines),
            diagnostics,
        )


