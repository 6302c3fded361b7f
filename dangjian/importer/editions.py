"""Importing a revised text as an edition of a regulation the project already has.

Before anything is written, an imported title is compared with the titles and aliases of
the project's documents: a second file with the same title would make the project
unbuildable, so the import stops and proposes ``--edition-of ID`` instead. With that
option the text becomes ``docs/regulations/<ID>/<year>.md``; a work file that still holds
one edition's dates and text of its own hands them to an edition file of their year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dangjian.core.editions import default_label, split_suffix
from dangjian.core.kinds import BY_FOLDER, REGULATION
from dangjian.load import frontmatter, textfile, yamlsource
from dangjian.load.editions import WORK_ONLY_FIELDS
from dangjian.text import regtext
from dangjian.text.normalize import loose_key

EDITION_FIELDS = ("edition", "title", "adopted", "issued", "effective", "issuer", "number",
                  "status", "coverage", "source", "note", "summary")
"""Fields of an edition file (``model.EditionMeta``), in the order they are written."""
MOVED_FIELDS = (*WORK_ONLY_FIELDS, "source", "coverage")
"""What a work file hands over to the edition file of its own text."""
_KEY = re.compile(r"^([a-z_]+):")


class EditionError(Exception):
    """A problem the author must solve; the message says how, in Chinese."""


@dataclass(frozen=True)
class Holder:
    id: str
    path: Path
    title: str
    is_regulation: bool


def holder_of(title: str, docs_dir: Path) -> Holder | None:
    """The project document whose title or alias is ``title`` (loosely, and without an
    edition suffix such as （2018年修订）), or None."""
    wanted = {loose_key(title)}
    pinned = split_suffix(title)
    if pinned is not None:
        wanted.add(loose_key(pinned.base))
    for folder, kind in sorted(BY_FOLDER.items()):
        for path in sorted((docs_dir / folder).glob("*.md")):
            meta = _meta(path)
            if not isinstance(meta, dict):
                continue
            names = [meta.get("title"), *(meta.get("aliases") or [])]
            names = [name for name in names if isinstance(name, str)]
            keys = {loose_key(name) for name in names}
            keys |= {loose_key(s.base) for s in map(split_suffix, names) if s is not None}
            if wanted & keys:
                given = meta.get("id")
                doc_id = given if isinstance(given, str) else path.stem
                return Holder(doc_id, path, str(meta.get("title")), kind is REGULATION)
    return None


def _meta(path: Path) -> object:
    if not path.is_file():
        return None
    try:
        split = frontmatter.split(textfile.read(path, path.as_posix()))
        data, _ = yamlsource.load(split.meta_text or "")
    except (textfile.ContentDecodeError, frontmatter.UnclosedFrontMatter,
            yamlsource.YamlProblem):
        return None
    return data


def collision_message(title: str, holder: Holder, source: str, same: bool = False) -> str:
    """Why nothing was written, and what to run instead; ``same``: the output file is the
    holder itself (imported again)."""
    shown = holder.path.as_posix()
    proposal = f"dangjian import --edition-of {holder.id} {source}"
    if same:
        return f"{shown} 已存在，未覆盖（要覆盖请加 --force）" + (
            f"；如这是它的新版本，请运行：{proposal}" if holder.is_regulation else "")
    if holder.is_regulation:
        return (f"“{title}”与已有的 {shown}（“{holder.title}”）是同一部法规，未写出新文件"
                f"（同一标题不能指向两个文件）。如这是它的新版本，请运行：{proposal}")
    return (f"“{title}”已是 {shown} 的标题，未写出新文件（同一标题不能指向两个文件）；"
            "如是另一份文件，请先改正标题")


@dataclass(frozen=True)
class EditionFile:
    path: Path
    text: str
    key: str


def as_edition(markdown: str, work_id: str, docs_dir: Path) -> EditionFile:
    """The imported regulation ``markdown`` rewritten as an edition file of ``work_id``."""
    work_path = docs_dir / REGULATION.folder / f"{work_id}.md"
    work_meta = _meta(work_path)
    if not isinstance(work_meta, dict):
        raise EditionError(f"找不到法规 {work_path.as_posix()}：--edition-of 须是已有法规的标识"
                           "（docs/regulations/ 下的文件名）")
    split = frontmatter.split(markdown)
    data, _ = yamlsource.load(split.meta_text or "")
    assert isinstance(data, dict)
    title = str(data.get("title") or "")
    pinned = split_suffix(title)
    year = _year(data) or (pinned.year if pinned else None)
    if year is None:
        raise EditionError("无法确定这一版本的年份：原文中没有公布或施行日期，标题中也没有"
                           "（XXXX年修订）；请在原文开头补上日期后再导入")
    key = _free_key(docs_dir / REGULATION.folder / work_id, year)
    base = pinned.base if pinned else title
    lines = [f"edition: {pinned.label if pinned else default_label(key)}"]
    if loose_key(base) != loose_key(str(work_meta.get("title") or "")):
        lines.append(f"title: {_quoted(base)}")
    lines += _kept_lines(split.meta_text or "", dated=year is not None)
    text = "---\n" + "\n".join(lines) + "\n---\n\n" + split.body.lstrip("\n")
    _check(text, work_id)
    return EditionFile(docs_dir / REGULATION.folder / work_id / f"{key}.md", text, key)


def _check(text: str, work_id: str) -> None:
    """The edition file must load as the site will read it."""
    from dangjian.core.diagnostics import Diagnostics
    from dangjian.core.model import EditionMeta
    from dangjian.load.validation import validate

    split = frontmatter.split(text)
    data, lines = yamlsource.load(split.meta_text or "", split.meta_first_line)
    diagnostics = Diagnostics()
    if validate(EditionMeta, data, lines, work_id, diagnostics) is None:
        raise EditionError("生成的版本文件未通过检查：" + "；".join(
            f"{d.field}: {d.message}" for d in diagnostics.errors))


def _year(data: dict) -> int | None:
    for name in ("adopted", "issued", "effective"):
        value = data.get(name)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return int(value[:4])
    return None


def _free_key(folder: Path, year: int) -> str:
    key, second = str(year), 2
    while (folder / f"{key}.md").exists():
        key, second = f"{year}-{second}", second + 1
    return key


def _quoted(text: str) -> str:
    from dangjian.importer.writer import scalar

    return scalar(text)


def _kept_lines(meta_text: str, dated: bool) -> list[str]:
    """The importer's front-matter lines an edition keeps, with their review comments."""
    kept = []
    for line in meta_text.split("\n"):
        match = _KEY.match(line)
        if match is None or match.group(1) not in EDITION_FIELDS or match.group(1) == "title":
            continue
        if match.group(1) == "status" and dated:
            continue  # the dates decide it
        kept.append(line)
    return kept


def split_work(work_path: Path) -> tuple[str, EditionFile] | None:
    """A work file that still holds an edition of its own (dates, or articles): the work
    file without them, and the edition file they move to. None when there is nothing
    to move."""
    text = textfile.read(work_path, work_path.as_posix())
    split = frontmatter.split(text)
    data, _ = yamlsource.load(split.meta_text or "")
    if not isinstance(data, dict):
        return None
    has_text = bool(regtext.parse(split.body, split.body_first_line).articles)
    if not has_text and not any(data.get(name) for name in WORK_ONLY_FIELDS):
        return None
    year = _year(data)
    if year is None:
        raise EditionError(f"{work_path.as_posix()} 中收录了条文，但没有日期，"
                           "无法确定它是哪一版本；请先写明它的 issued 或 effective 日期，"
                           "或把条文移到 "
                           f"{work_path.with_suffix('').as_posix()}/年份.md")
    meta_lines = (split.meta_text or "").split("\n")
    moved = [line for line in meta_lines if (m := _KEY.match(line)) and m.group(1) in MOVED_FIELDS]
    if any(line.rstrip().endswith(("|", ">", ":")) for line in moved):
        raise EditionError(f"{work_path.as_posix()} 的日期或来源写成了多行，无法自动移动；"
                           "请手工把它们移到版本文件中")
    kept = [line for line in meta_lines if line not in moved]
    key = _free_key(work_path.with_suffix(""), year)
    edition = "---\n" + "\n".join([f"edition: {default_label(key)}", *moved]) + "\n---\n" + \
        (split.body if has_text else "")
    work = "---\n" + "\n".join(kept) + "\n---\n" + ("" if has_text else split.body)
    return work, EditionFile(work_path.with_suffix("") / f"{key}.md", edition, key)
