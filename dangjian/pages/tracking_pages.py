"""Generated progress pages under 工作要点: an overview with a status chart per plan, a
listing of departments, and one page per department with the items it leads and
supports."""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.urls import Links
from dangjian.load.departments import PAGE_FOLDER, Department
from dangjian.load.tracking import Assignment, ItemStatus, Tracking
from dangjian.pages import fragments, svgchart
from dangjian.pages.plan_pages import (
    UNREPORTED,
    department_link,
    due_text,
    item_link,
    sample_notice,
    status_badge,
    status_of,
)
from dangjian.text import headings
from dangjian.text.escape import html_text, markdown_text

OVERVIEW_PAGE = "workplans/overview.md"
DEPARTMENTS_PAGE = f"{PAGE_FOLDER}/index.md"

CATEGORIES = (
    svgchart.Category(ItemStatus.DONE.value, ItemStatus.DONE.value, "#2e7d32"),
    svgchart.Category(ItemStatus.IN_PROGRESS.value, ItemStatus.IN_PROGRESS.value, "#1565c0"),
    svgchart.Category(ItemStatus.NOT_STARTED.value, ItemStatus.NOT_STARTED.value, "#b0bec5",
                      ink="#263238"),
    svgchart.Category(ItemStatus.DELAYED.value, ItemStatus.DELAYED.value, "#e65100",
                      hatched=True),
    svgchart.Category(UNREPORTED, UNREPORTED, "#ffffff", ink="#263238", outlined=True),
)
"""Chart and table columns, finished work first."""

PageMaker = Callable[[Links], str]


def pages(tracking: Tracking) -> dict[str, PageMaker]:
    """Every generated progress page by its staged path; none without tracking data."""
    if not tracking.active:
        return {}
    made: dict[str, PageMaker] = {
        OVERVIEW_PAGE: functools.partial(overview, tracking),
        DEPARTMENTS_PAGE: functools.partial(department_index, tracking),
    }
    for department in tracking.departments:
        made[department.page] = functools.partial(department_page, tracking, department)
    return made


def nav(tracking: Tracking) -> list[dict[str, Any]]:
    """Navigation entries for the 工作要点 tab."""
    if not tracking.active:
        return []
    departments: list[Any] = [DEPARTMENTS_PAGE]
    # Plain text: navigation.build escapes every title once.
    departments += [{d.name: d.page} for d in tracking.departments]
    return [{ui.text("tracking.overview_title"): OVERVIEW_PAGE},
            {ui.text("tracking.departments_title"): departments}]


def _page(title: str, body: list[str], data_title: str | None = None) -> str:
    """``title`` is Markdown; ``body`` blocks are HTML. A title from data is given as
    ``data_title`` and escaped for each place it lands."""
    if data_title is not None:
        # MkDocs would take the page title from the heading, unescaped, and Material
        # writes it into <title> as HTML: the front matter gives it escaped.
        front = f"---\ntitle: {json.dumps(html_text(data_title), ensure_ascii=False)}\n---\n\n"
        return front + _page(markdown_text(data_title), body)
    return "\n\n".join([f"# {title}", *body]).rstrip() + "\n"


def _plan_heading(plan: Document, anchor: str) -> str:
    # Each plan starts a new printed page (dj-print-break), except the first.
    title = f"{plan.meta.year}{ui.text('plan.year_suffix')} · {markdown_text(plan.title)}"
    return headings.render(2, title, anchor, "dj-print-break")


def _table(headers: list[str], rows: list[list[Markup | str]], css: str) -> str:
    return str(fragments.render("listing-table", headers=headers, rows=rows,
                                css=f"dj-tracking {css}"))


def _status_key(assignment: Assignment | None) -> str:
    status = status_of(assignment)
    return status.value if status is not None else UNREPORTED


def section_counts(tracking: Tracking, plan: Document) -> list[svgchart.Row]:
    """Items of each section of ``plan`` by status (what the chart and its table show)."""
    rows = []
    for section in plan.structure.sections:
        counts = Counter(_status_key(tracking.assignments.get((plan.id, item.id)))
                         for item in section.items)
        rows.append(svgchart.Row(section.id, f"{section.marker}、{section.title}", dict(counts)))
    return rows


def overview(tracking: Tracking, links: Links) -> str:
    body = []
    if tracking.sample_plans:
        body.append(str(sample_notice(ui.text("tracking.sample_plans"))))
    body.append(ui.text("tracking.overview_intro") + str(fragments.render(
        "link", href=links.to(DEPARTMENTS_PAGE),
        title=ui.text("tracking.departments_title"))) + "。")
    for plan in tracking.plans:
        body += _plan_overview(tracking, plan, links)
    return _page(ui.text("tracking.overview_title"), body)


def _plan_overview(tracking: Tracking, plan: Document, links: Links) -> list[str]:
    rows = section_counts(tracking, plan)
    totals: Counter[str] = Counter()
    for row in rows:
        totals.update(row.counts)
    chart = svgchart.stacked_bars(f"chart-{plan.id}",
                                  f"{plan.title}{ui.text('tracking.chart_title')}",
                                  rows, CATEGORIES)
    figure = fragments.render("plan-chart", plan_id=plan.id, chart=fragments.html(chart),
                              title=plan.title, total=sum(totals.values()))
    table_rows = [
        [fragments.render("link", href=links.to(plan.page, row.key), title=row.label),
         *(str(row.counts.get(c.key, 0)) for c in CATEGORIES), str(row.total)]
        for row in rows
    ]
    table = _table([ui.text("tracking.section"), *(c.label for c in CATEGORIES),
                    ui.text("tracking.total")], table_rows, "dj-index--progress")
    summary = fragments.render(
        "plan-summary", href=links.to(plan.page), title=plan.display_title,
        counts=[(c.label, totals[c.key]) for c in CATEGORIES if totals[c.key]],
        sample=tracking.is_sample(plan))
    out = [_plan_heading(plan, plan.id), str(summary), str(figure), table]
    delayed = [a for a in tracking.assignments.values()
               if a.ref.plan is plan and a.status is ItemStatus.DELAYED]
    if delayed:
        out.append(str(fragments.render(
            "delayed-items",
            items=[(item_link(a.ref, links), a.lead.name, a.reason or "") for a in delayed])))
    return out


def department_index(tracking: Tracking, links: Links) -> str:
    body = []
    if tracking.departments.sample:
        body.append(str(sample_notice(ui.text("tracking.sample_departments"))))
    statuses = [c.key for c in CATEGORIES if c.key != UNREPORTED]
    rows = []
    for department in tracking.departments:
        led = tracking.led_by(department)
        counts = Counter(a.status.value for a in led)
        rows.append([department_link(department, links), str(len(led)),
                     str(len(tracking.supported_by(department))),
                     *(str(counts[s]) for s in statuses)])
    body.append(ui.text("tracking.departments_intro"))
    lead, support = ui.text("tracking.lead_short"), ui.text("tracking.support_short")
    body.append(_table([ui.text("tracking.department"), lead, support,
                        *(f"{lead}{s}" for s in statuses)], rows, "dj-index--departments"))
    return _page(ui.text("tracking.departments_title"), body)


def department_page(tracking: Tracking, department: Department, links: Links) -> str:
    led, supported = tracking.led_by(department), tracking.supported_by(department)
    body = []
    if tracking.departments.sample or any(a.sample for a in led + supported):
        body.append(str(sample_notice(ui.text("tracking.sample_department"))))
    if department.note:
        body.append(str(fragments.render("paragraph", text=department.note, css="")))
    body.append(str(fragments.render(
        "paragraph", css="dj-dept-summary",
        text=ui.text("tracking.department_summary", led=len(led), supported=len(supported)))))
    for plan in tracking.plans:
        mine = [a for a in led if a.ref.plan is plan]
        helping = [a for a in supported if a.ref.plan is plan]
        if mine or helping:
            body += [_plan_heading(plan, plan.id), *_department_plan(mine, helping, links)]
    return _page("", body, data_title=department.name)


def _department_plan(led: list[Assignment], supported: list[Assignment],
                     links: Links) -> list[str]:
    none = str(fragments.render("paragraph", text=ui.text("common.none"), css=""))
    item, status = ui.text("listing.items_column"), ui.text("plan.status")
    due, dash = ui.text("plan.due"), ui.text("common.dash")
    out = ["### " + ui.text("tracking.led_items"), none]
    if led:
        out[1] = _table([item, status, due, ui.text("plan.support"),
                         ui.text("tracking.latest")], [
            [item_link(a.ref, links), status_badge(a.status), due_text(a),
             Markup(ui.text("common.list_separator")).join(
                 department_link(d, links) for d in a.support) or dash,
             _latest(a)]
            for a in led], "dj-index--led")
    out += ["### " + ui.text("tracking.supported_items"), none]
    if supported:
        out[3] = _table([item, ui.text("plan.lead"), status, due], [
            [item_link(a.ref, links), department_link(a.lead, links), status_badge(a.status),
             due_text(a)]
            for a in supported], "dj-index--supported")
    return out


def _latest(assignment: Assignment) -> Markup:
    reason = (assignment.reason or "") if assignment.status is ItemStatus.DELAYED else ""
    note = assignment.progress[-1] if assignment.progress else None
    return fragments.render("latest-progress", note=note, reason=reason)
