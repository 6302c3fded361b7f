"""新旧条文对照: two editions of a regulation, article by article.

Articles are aligned by their text, not by their numbers, so that an article keeps its
counterpart when articles before it were added or removed (renumbered), when it moved,
when one article was split into several or several merged into one. Each aligned row is
classified (新增 / 删除 / 修改 / 未改（仅调整序号） / 未改) and a changed row carries a
character-level diff: Chinese needs no word segmentation for a reader to see what was
inserted and what was deleted.

Pure: it reads text only. ``units`` cuts a regulation's body into its preamble paragraphs
and its articles by the line numbers the article parser found.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

SIMILAR = 0.55
"""Least similarity for two articles to count as one article revised."""
CONTAINED = 0.8
"""Share of a piece's character pairs found in the whole, for a split or merge."""
WHOLE = 0.8
"""Least similarity of the pieces joined to the whole, for a split or merge."""

_LABEL = re.compile(r"^\s*(?:#{1,6}\s*)?第[零〇一二两三四五六七八九十百千0-9]+条[\u3000 \t]*")
_ATTRS = re.compile(r"[ \t]*\{[^{}]*\}[ \t]*$")
_HEADING = re.compile(r"^\s*#{1,6}\s*")


class Change(StrEnum):
    ADDED = "新增"
    DELETED = "删除"
    MODIFIED = "修改"
    RENUMBERED = "未改（仅调整序号）"
    UNCHANGED = "未改"


@dataclass(frozen=True)
class Unit:
    """One article (or one preamble paragraph) of one edition."""

    number: int
    """Article number, or the paragraph's place in the preamble (1-based)."""
    label: str
    """第十条, or 总纲第3段."""
    text: str
    chapter: str = ""
    """The chapter holding the article: 第二章　党的组织制度."""


@dataclass(frozen=True)
class Piece:
    kind: str
    """equal, insert or delete."""
    text: str


@dataclass
class Row:
    change: Change
    old: list[Unit] = field(default_factory=list)
    new: list[Unit] = field(default_factory=list)
    diff: list[Piece] = field(default_factory=list)
    moved: bool = False
    """Its place among the other articles changed, beyond renumbering."""

    @property
    def split(self) -> bool:
        return len(self.old) == 1 and len(self.new) > 1

    @property
    def merged(self) -> bool:
        return len(self.old) > 1 and len(self.new) == 1


@dataclass
class Comparison:
    preamble: list[Row]
    articles: list[Row]

    def count(self, change: Change) -> int:
        return sum(1 for row in self.articles if row.change is change)


# --- cutting a body into units ----------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """Where a division starts in the body: its file line, unit (章/节/条), number and
    label (from the article parser)."""

    line: int
    unit: str
    number: int
    label: str
    rest: str = ""


def units(body: str, first_line: int, marks: Sequence[Mark]) -> tuple[list[Unit], list[Unit]]:
    """(preamble paragraphs, articles) of a body whose divisions start at ``marks``."""
    lines = body.split("\n")
    ordered = sorted(marks, key=lambda m: m.line)
    starts = [m.line - first_line for m in ordered]
    head = lines[:starts[0]] if starts else lines
    preamble = [Unit(n, f"总纲第{n}段", text)
                for n, text in enumerate(_paragraphs(head, skip_headings=True), 1)]
    articles: list[Unit] = []
    chapter = ""
    for index, mark in enumerate(ordered):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        if mark.unit == "章":
            chapter = f"{mark.label}\u3000{_ATTRS.sub('', mark.rest)}".strip()
            continue
        if mark.unit != "条":
            continue
        chunk = lines[starts[index]:end]
        if chunk:
            chunk[0] = _LABEL.sub("", chunk[0], count=1)
        text = "\n".join(_paragraphs(chunk, skip_headings=False))
        articles.append(Unit(mark.number, mark.label, text, chapter))
    return preamble, articles


def _distance(j: int, i: int) -> int:
    return abs(i - j)


def _paragraphs(lines: Sequence[str], skip_headings: bool) -> list[str]:
    found: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        stripped = _ATTRS.sub("", line.strip()) if line.strip().startswith("#") else line.strip()
        if not stripped:
            if current:
                found.append("".join(current))
                current = []
            continue
        if _HEADING.match(line):
            if skip_headings:
                continue
            stripped = _HEADING.sub("", stripped)
        current.append(stripped)
    # A lone short line before the first article is a heading such as 总纲.
    return [p for p in found if not (skip_headings and len(p) <= 6 and not p.endswith("。"))]


# --- similarity --------------------------------------------------------------------------

def _pairs(text: str) -> frozenset[str]:
    squeezed = re.sub(r"\s+", "", text)
    return frozenset(squeezed[i:i + 2] for i in range(len(squeezed) - 1)) or frozenset(squeezed)


def _contained(piece: frozenset[str], whole: frozenset[str]) -> float:
    return len(piece & whole) / len(piece) if piece else 0.0


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def similarity(a: str, b: str) -> float:
    """Character similarity of two texts, 0 to 1."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def inline_diff(old: str, new: str) -> list[Piece]:
    """What was deleted from ``old`` and inserted into ``new``, character by character."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            pieces.append(Piece("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            pieces.append(Piece("insert", new[j1:j2]))
    return _readable(pieces)


def _readable(pieces: list[Piece]) -> list[Piece]:
    """Tiny equal runs between changes (a shared 的 or 。) are folded into the change:
    two whole phrases read better than a comb of single characters."""
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        between = 0 < index < len(pieces) - 1
        if piece.kind == "equal" and between and len(piece.text) == 1 \
                and pieces[index - 1].kind != "equal" and pieces[index + 1].kind != "equal":
            out += [Piece("delete", piece.text), Piece("insert", piece.text)]
        else:
            out.append(piece)
    merged: list[Piece] = []
    deletes, inserts = "", ""
    for piece in out:
        if piece.kind == "delete":
            deletes += piece.text
        elif piece.kind == "insert":
            inserts += piece.text
        else:
            merged += [p for p in (Piece("delete", deletes), Piece("insert", inserts)) if p.text]
            deletes, inserts = "", ""
            merged.append(piece)
    merged += [p for p in (Piece("delete", deletes), Piece("insert", inserts)) if p.text]
    return merged


# --- alignment ---------------------------------------------------------------------------

def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def align(old: Sequence[Unit], new: Sequence[Unit], numbered: bool = True) -> list[Row]:
    """Rows in the order of the new edition, each deleted unit after the row it followed.

    ``numbered``: the units carry numbers a reader cites (articles), so a new number is a
    change of its own; paragraphs of a preamble have none.
    """
    state = _Alignment(old, new)
    state.identical()
    state.splits_and_merges()
    state.revised()
    rows = _rows(state.groups + [([], [j]) for j in sorted(state.free_new)]
                 + [([i], []) for i in sorted(state.free_old)], old, new)
    if not numbered:
        for row in rows:
            if row.change is Change.RENUMBERED and not row.moved:
                row.change = Change.UNCHANGED
    return rows


class _Alignment:
    """Units not yet matched, and the groups matched so far."""

    def __init__(self, old: Sequence[Unit], new: Sequence[Unit]):
        self.old, self.new = old, new
        self.groups: list[tuple[list[int], list[int]]] = []
        self.free_old, self.free_new = set(range(len(old))), set(range(len(new)))
        self.pairs_old: dict[int, frozenset[str]] = {}
        self.pairs_new: dict[int, frozenset[str]] = {}

    def _take(self, old_ids: list[int], new_ids: list[int]) -> None:
        self.groups.append((old_ids, new_ids))
        self.free_old.difference_update(old_ids)
        self.free_new.difference_update(new_ids)

    def identical(self) -> None:
        """Identical texts, one to one, nearest first."""
        by_text: dict[str, list[int]] = {}
        for i in range(len(self.old)):
            by_text.setdefault(_key(self.old[i].text), []).append(i)
        for j in range(len(self.new)):
            holders = by_text.get(_key(self.new[j].text))
            if holders:
                i = min(holders, key=functools.partial(_distance, j))
                holders.remove(i)
                self._take([i], [j])
        self.pairs_old = {i: _pairs(self.old[i].text) for i in self.free_old}
        self.pairs_new = {j: _pairs(self.new[j].text) for j in self.free_new}

    def splits_and_merges(self) -> None:
        """Consecutive pieces of one edition that together make up a whole of the other."""
        for w in sorted(self.free_old):
            inside = sorted(j for j in self.free_new
                            if _contained(self.pairs_new[j], self.pairs_old[w]) >= CONTAINED)
            run = _best_run(inside, self.old[w].text, self.new)
            if run is not None:
                self._take([w], run)
        for w in sorted(self.free_new):
            inside = sorted(i for i in self.free_old
                            if _contained(self.pairs_old[i], self.pairs_new[w]) >= CONTAINED)
            run = _best_run(inside, self.new[w].text, self.old)
            if run is not None:
                self._take(run, [w])

    def revised(self) -> None:
        """The most similar pairs first, nearer places breaking ties."""
        candidates = []
        for i in self.free_old:
            for j in self.free_new:
                # The cheap measure first: most pairs are plainly different.
                if _dice(self.pairs_old[i], self.pairs_new[j]) < SIMILAR * 0.8:
                    continue
                score = similarity(self.old[i].text, self.new[j].text)
                if score >= SIMILAR:
                    candidates.append((-score, abs(i - j), i, j))
        for _, _, i, j in sorted(candidates):
            if i in self.free_old and j in self.free_new:
                self._take([i], [j])


def _best_run(inside: list[int], whole: str, pieces: Sequence[Unit]) -> list[int] | None:
    """The longest run of consecutive pieces (two or more) that joined resemble the whole."""
    best: list[int] | None = None
    start = 0
    while start < len(inside):
        end = start
        while end + 1 < len(inside) and inside[end + 1] == inside[end] + 1:
            end += 1
        run = inside[start:end + 1]
        for length in range(len(run), 1, -1):
            if best is not None and length <= len(best):
                break
            for offset in range(len(run) - length + 1):
                part = run[offset:offset + length]
                joined = "".join(pieces[p].text for p in part)
                if similarity(joined, whole) >= WHOLE:
                    best = part
                    break
        start = end + 1
    return best


def _rows(groups: list[tuple[list[int], list[int]]], old: Sequence[Unit],
          new: Sequence[Unit]) -> list[Row]:
    matched = [(g[0][0], g[1][0]) for g in groups if g[0] and g[1]]
    in_order = _longest_increasing(sorted(matched, key=lambda p: p[1]))
    rows_by_new: dict[int, Row] = {}
    deleted: list[tuple[int, Row]] = []
    for old_ids, new_ids in groups:
        row = _row([old[i] for i in sorted(old_ids)], [new[j] for j in sorted(new_ids)])
        if old_ids and new_ids:
            row.moved = (old_ids[0], new_ids[0]) not in in_order
        if new_ids:
            rows_by_new[min(new_ids)] = row
        else:
            deleted.append((old_ids[0], row))
    ordered = [rows_by_new[j] for j in sorted(rows_by_new)]
    # A deleted unit goes after the row of the unit that preceded it in the old edition.
    for i, row in sorted(deleted, key=lambda d: d[0]):
        place = 0
        for index, shown in enumerate(ordered):
            if shown.old and max(u.number for u in shown.old) < old[i].number \
                    and not shown.moved:
                place = index + 1
        ordered.insert(place, row)
    return ordered


def _row(old: list[Unit], new: list[Unit]) -> Row:
    if not old:
        return Row(Change.ADDED, [], new, [Piece("insert", new[0].text)])
    if not new:
        return Row(Change.DELETED, old, [], [Piece("delete", old[0].text)])
    old_text = "\n".join(u.text for u in old)
    new_text = "\n".join(u.text for u in new)
    if len(old) == len(new) == 1 and _key(old_text) == _key(new_text):
        same_place = old[0].number == new[0].number
        return Row(Change.UNCHANGED if same_place else Change.RENUMBERED, old, new,
                   [Piece("equal", new_text)])
    return Row(Change.MODIFIED, old, new, inline_diff(old_text, new_text))


def _longest_increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of pairs whose old places rise with their new places: the ones
    that kept their order; the rest moved."""
    if not pairs:
        return set()
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (i, _) in enumerate(pairs):
        at = bisect.bisect_left(tails, i)
        if at == len(tails):
            tails.append(i)
            tail_index.append(index)
        else:
            tails[at] = i
            tail_index[at] = index
        previous[index] = tail_index[at - 1] if at else -1
    kept = set()
    index = tail_index[-1]
    while index >= 0:
        kept.add(pairs[index])
        index = previous[index]
    return kept


def compare(old: tuple[list[Unit], list[Unit]], new: tuple[list[Unit], list[Unit]]
            ) -> Comparison:
    """The 对照 of two editions given as (preamble, articles) each."""
    return Comparison(align(old[0], new[0], numbered=False), align(old[1], new[1]))


def counterpart(comparison: Comparison, old_number: int) -> Row | None:
    """The row holding article ``old_number`` of the older edition."""
    return next((row for row in comparison.articles
                 if any(u.number == old_number for u in row.old)), None)
