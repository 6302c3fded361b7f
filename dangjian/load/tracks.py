"""学习路径: ordered steps through study materials and regulations (data/tracks/*.yml).

Loading checks every step against the inventory: a step's target must be a study
material or a regulation, and the chapters and articles it is narrowed to must be ones
whose text the site holds, so that every link of a track lands on real text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import REGULATION, WORKPLAN
from dangjian.core.model import StepMeta, TrackMeta
from dangjian.core.project import Project
from dangjian.load import datafile, yamlsource
from dangjian.load.validation import validate
from dangjian.text import passages, reading_time
from dangjian.text.workplan import Item

TRACKS_DIR = "tracks"
"""Folder under data/ that holds one YAML file per track; also the folder of their pages."""
STEP_KINDS = ("study", "regulation")

@dataclass
class Step:
    number: int
    """1-based position in the track."""
    key: str
    """Stable key of the step for saved progress: its target and anchors, not its position."""
    meta: StepMeta
    doc: Document
    anchors: list[str]
    """Chapters, then articles, as written."""
    plan_item: tuple[Document, Item] | None
    chars: int
    """字 of the step's text that the site holds."""

    @property
    def has_text(self) -> bool:
        return passages.has_text(self.doc)

    @property
    def minutes(self) -> int:
        return reading_time.minutes(self.chars)


@dataclass
class Track:
    meta: TrackMeta
    source: str
    id_line: int
    """Line of the id (or of the file's start, when the id is the file name)."""
    steps: list[Step] = field(default_factory=list)

    @property
    def id(self) -> str:
        assert self.meta.id is not None
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def page(self) -> str:
        return f"{TRACKS_DIR}/{self.id}.md"

    @property
    def minutes(self) -> int:
        """Sum of the steps' minutes as shown, so that the total matches the list."""
        return sum(step.minutes for step in self.steps)


def load(project: Project, inventory: Inventory, diagnostics: Diagnostics) -> list[Track]:
    folder = project.data_dir / TRACKS_DIR
    tracks: list[Track] = []
    seen: dict[str, str] = {}
    paths = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    for path in paths:
        track = _load_file(project, path, inventory, diagnostics)
        if track is None:
            continue
        if track.id in seen:
            diagnostics.error(track.source, track.id_line, "id",
                              f"学习路径标识 “{track.id}” 重复，已用于 {seen[track.id]}")
            continue
        seen[track.id] = track.source
        tracks.append(track)
    return tracks


def _load_file(project: Project, path: Path, inventory: Inventory,
               diagnostics: Diagnostics) -> Track | None:
    read = datafile.read(project, path, diagnostics)
    if read is None:
        return None
    shown, lines = read.source, read.lines
    meta = validate(TrackMeta, read.data, lines, shown, diagnostics)
    if meta is None:
        return None
    if meta.id is None:
        meta.id = path.stem
    track = Track(meta, shown, lines.line_of(("id",)))
    before = len(diagnostics.errors)
    keys: set[str] = set()
    for index, step_meta in enumerate(meta.steps):
        step = _resolve(step_meta, index, shown, lines, inventory, diagnostics)
        if step is not None:
            step.key = _unique(step.key, keys)
            track.steps.append(step)
    if len(diagnostics.errors) > before:
        return None
    return track


def _unique(key: str, taken: set[str]) -> str:
    candidate, n = key, 1
    while candidate in taken:
        n += 1
        candidate = f"{key}~{n}"
    taken.add(candidate)
    return candidate


def _resolve(meta: StepMeta, index: int, source: str, lines: yamlsource.LineMap,
             inventory: Inventory, diagnostics: Diagnostics) -> Step | None:
    where = ("steps", index)

    def error(field_path: tuple[str | int, ...], message: str) -> None:
        diagnostics.error(source, lines.line_of((*where, *field_path)),
                          ".".join(str(p) for p in (*where, *field_path)), message)

    doc = inventory.by_id.get(meta.target)
    if doc is None:
        error(("target",), f"未知的文件标识 “{meta.target}”{_suggest(meta.target, inventory)}")
        return None
    if doc.kind.name not in STEP_KINDS:
        error(("target",), f"{doc.display_title}是{doc.kind.label}，"
                           "学习路径的一步只能是学习资料或法规制度")
        return None
    ok = _check_anchors(doc, meta, error)
    plan_item = None
    if meta.plan_item is not None:
        plan_item = _plan_item(meta.plan_item, inventory)
        if plan_item is None:
            error(("plan_item",),
                  f"未知的工作要点事项 “{meta.plan_item}”（应为如 2020-2-1 的事项标识）")
            ok = False
    if not ok:
        return None
    anchors = [*meta.chapters, *meta.articles]
    key = meta.target + ("#" + ",".join(anchors) if anchors else "")
    return Step(index + 1, key, meta, doc, anchors, plan_item, step_characters(doc, anchors))


def step_characters(doc: Document, anchors: list[str]) -> int:
    """字 of what a step on ``doc`` (narrowed to ``anchors``) gives to read."""
    return reading_time.characters(passages.text_of(doc, anchors))


def _check_anchors(doc: Document, meta: StepMeta, error) -> bool:
    ok = True
    for field_name, unit in (("chapters", "章"), ("articles", "条")):
        wanted: list[str] = getattr(meta, field_name)
        if not wanted:
            continue
        if doc.kind is not REGULATION:
            error((field_name,),
                  f"{doc.display_title}是{doc.kind.label}，只有法规制度可以指定{unit}")
            ok = False
            continue
        if not passages.has_text(doc):
            error((field_name,), f"本站未收录{doc.display_title}的条文，不能指定{unit}")
            ok = False
            continue
        divisions = doc.structure.chapters if unit == "章" else doc.structure.articles
        held = [d.anchor for d in divisions]
        for position, anchor in enumerate(wanted):
            if anchor not in held:
                listing = "、".join(held) if held else "无"
                error((field_name, position),
                      f"{doc.display_title}中没有“{anchor}”（本站收录的{unit}：{listing}）")
                ok = False
    return ok


def _plan_item(item_id: str, inventory: Inventory) -> tuple[Document, Item] | None:
    for plan in inventory.of_kind(WORKPLAN):
        for item in plan.structure.items:
            if item.id == item_id:
                return plan, item
    return None


def _suggest(target: str, inventory: Inventory) -> str:
    close = difflib.get_close_matches(target, list(inventory.by_id), n=1, cutoff=0.6)
    return f"（是否指 “{close[0]}”？）" if close else ""
