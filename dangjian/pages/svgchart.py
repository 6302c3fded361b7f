"""A stacked horizontal bar chart as inline SVG, drawn at build time.

No script and nothing fetched: the chart is part of the page, prints with it and reads
without colour, since every segment carries its count and the hatched category stays
distinct in grey.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

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
    height = LEGEND_HEIGHT + row_height * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dj-chart__svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title" font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        _hatch(chart_id, categories),
        _legend(chart_id, categories),
    ]
    for index, row in enumerate(rows):
        parts.append(_row(chart_id, row, categories, LEGEND_HEIGHT + index * row_height, unit))
    parts.append("</svg>")
    return "".join(parts)


def _fill(chart_id: str, category: Category) -> str:
    return f"url(#{chart_id}-{category.key}-hatch)" if category.hatched else category.fill


def _stroke(category: Category) -> str:
    return ' stroke="#78909c" stroke-dasharray="3 2"' if category.outlined else ""


def _hatch(chart_id: str, categories: Sequence[Category]) -> str:
    patterns = "".join(
        f'<pattern id="{chart_id}-{c.key}-hatch" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{c.fill}"/>'
        f'<rect width="2" height="6" fill="#ffffff" fill-opacity="0.45"/></pattern>'
        for c in categories if c.hatched
    )
    return f"<defs>{patterns}</defs>" if patterns else ""


def _legend(chart_id: str, categories: Sequence[Category]) -> str:
    parts, x = [], 0
    for category in categories:
        parts.append(f'<rect x="{x}" y="4" width="14" height="14" '
                     f'fill="{_fill(chart_id, category)}"{_stroke(category)}/>'
                     f'<text x="{x + 20}" y="16" fill="currentColor">'
                     f"{escape(category.label)}</text>")
        x += 28 + FONT_SIZE * len(category.label)
    return f'<g class="dj-chart__legend">{"".join(parts)}</g>'


def _row(chart_id: str, row: Row, categories: Sequence[Category], top: float,
         unit: float) -> str:
    bar_top = top + LABEL_HEIGHT
    parts = [f'<g class="dj-chart__row" data-row="{escape(row.key)}">',
             f'<text x="0" y="{top + FONT_SIZE}" fill="currentColor">{escape(row.label)}</text>']
    x = 0.0
    for category in categories:
        count = row.counts.get(category.key, 0)
        if count <= 0:
            continue
        width = count * unit
        parts.append(
            f'<rect x="{x:.1f}" y="{bar_top}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{_fill(chart_id, category)}"{_stroke(category)} '
            f'data-category="{escape(category.key)}" data-count="{count}">'
            f"<title>{escape(row.label)}：{escape(category.label)} {count}</title></rect>"
            f'<text x="{x + width / 2:.1f}" y="{bar_top + 16}" text-anchor="middle" '
            f'fill="{category.ink}" font-weight="bold">{count}</text>')
        x += width
    parts.append(f'<text x="{x + 8:.1f}" y="{bar_top + 16}" fill="currentColor">'
                 f"共 {row.total}</text></g>")
    return "".join(parts)
