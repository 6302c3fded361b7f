"""A stacked horizontal bar chart as inline SVG, drawn at build time.

No script and nothing fetched: the chart is part of the page, prints with it and reads
without colour, since every segment carries its count and the hatched category stays
distinct in grey.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dangjian.pages import fragments

WIDTH = 720
LABEL_HEIGHT = 18
BAR_HEIGHT = 22
ROW_GAP = 14
LEGEND_HEIGHT = 30
TOTAL_SPACE = 56
"""Room on the right of the longest bar for its total."""
FONT_SIZE = 13


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    fill: str
    ink: str = "#ffffff"
    """Colour of the count written on a segment."""
    hatched: bool = False
    outlined: bool = False


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def stacked_bars(chart_id: str, title: str, rows: Sequence[Row],
                 categories: Sequence[Category]) -> str:
    """The chart as one line of SVG markup (a single raw HTML block in Markdown)."""
    most = max((row.total for row in rows), default=0) or 1
    unit = (WIDTH - TOTAL_SPACE) / most
    row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return str(fragments.render(
        "chart", chart_id=chart_id, title=title, width=WIDTH, font_size=FONT_SIZE,
        height=LEGEND_HEIGHT + row_height * len(rows), bar_height=BAR_HEIGHT,
        hatches=[{"id": f"{chart_id}-{c.key}-hatch", "fill": c.fill}
                 for c in categories if c.hatched],
        legend=_legend(chart_id, categories),
        rows=[_row(chart_id, row, categories, LEGEND_HEIGHT + index * row_height, unit)
              for index, row in enumerate(rows)]))


def _fill(chart_id: str, category: Category) -> str:
    return f"url(#{chart_id}-{category.key}-hatch)" if category.hatched else category.fill


def _legend(chart_id: str, categories: Sequence[Category]) -> list[dict[str, object]]:
    entries, x = [], 0
    for category in categories:
        entries.append({"x": x, "fill": _fill(chart_id, category),
                        "outlined": category.outlined, "label": category.label})
        x += 28 + FONT_SIZE * len(category.label)
    return entries


def _row(chart_id: str, row: Row, categories: Sequence[Category], top: float,
         unit: float) -> dict[str, object]:
    bar_top = top + LABEL_HEIGHT
    segments = []
    x = 0.0
    for category in categories:
        count = row.counts.get(category.key, 0)
        if count <= 0:
            continue
        width = count * unit
        segments.append({"x": f"{x:.1f}", "width": f"{width:.1f}",
                         "middle": f"{x + width / 2:.1f}", "fill": _fill(chart_id, category),
                         "outlined": category.outlined, "key": category.key,
                         "label": category.label, "count": count, "ink": category.ink})
        x += width
    return {"key": row.key, "label": row.label, "label_y": top + FONT_SIZE, "bar_y": bar_top,
            "text_y": bar_top + 16, "segments": segments, "total_x": f"{x + 8:.1f}",
            "total": row.total}
