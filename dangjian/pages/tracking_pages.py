"""Generated progress pages under 工作要点: an overview with a status chart per plan, a
listing of departments, and one page per department with the items it leads and
supports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from dangjian.core.documents import Document
from dangjian.core.urls import Links
from dangjian.load.departments import PAGE_FOLDER, Department
from dangjian.load.tracking import Assignment, ItemStatus, Tracking
from dangjian.pages import svgchart
from dangjian.pages.plan_pages import (
    SAMPLE_TAG,
    UNREPORTED,
    department_link,
    due_text,
    item_link,
    sample_notice,
    status_badge,
    status_of,
    text,
)
from dangjian.text import headings

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
        OVERVIEW_PAGE: lambda links: overview(tracking, links),
        DEPARTMENTS_PAGE: lambda links: department_index(tracking, links),
    }
    for department in tracking.departments:
        made[department.page] = (
            lambda links, department=department: department_page(tracking, department, links))
    return made


def nav(tracking: Tracking) -> list[dict[str, Any]]:
    """Navigation entries for the 工作要点 tab."""
    if not tracking.active:
        return []
    departments: list[Any] = [DEPARTMENTS_PAGE]
    departments += [{d.name: d.page} for d in tracking.departments]
    return [{"工作进展": OVERVIEW_PAGE}, {"部门分工": departments}]


def _page(title: str, body: list[str]) -> str:
    return "\n\n".join([f"# {title}", *body]).rstrip() + "\n"


def _plan_heading(plan: Document, anchor: str) -> str:
    # Each plan starts a new printed page (dj-print-break), except the first.
    return headings.render(2, f"{plan.meta.year}年 · {plan.title}", anchor, "dj-print-break")


def _table(headers: list[str], rows: list[list[str]], css: str) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="dj-table-wrap"><table class="dj-index dj-tracking {css}">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


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
        body.append(sample_notice("标有“示例数据”的工作要点，其分工、状态和进展"))
    body.append("各年度工作要点的事项按部分统计状态。点击事项可查看原文、牵头部门和进展；"
                f'各部门的事项见<a href="{text(links.to(DEPARTMENTS_PAGE))}">部门分工</a>。')
    for plan in tracking.plans:
        body += _plan_overview(tracking, plan, links)
    return _page("工作进展", body)


def _plan_overview(tracking: Tracking, plan: Document, links: Links) -> list[str]:
    rows = section_counts(tracking, plan)
    totals: Counter[str] = Counter()
    for row in rows:
        totals.update(row.counts)
    summary = "、".join(f"{c.label} {totals[c.key]} 项" for c in CATEGORIES if totals[c.key])
    tag = f" {SAMPLE_TAG}" if tracking.is_sample(plan) else ""
    chart = svgchart.stacked_bars(f"chart-{plan.id}", f"{plan.title}：各部分事项状态",
                                  rows, CATEGORIES)
    figure = (f'<figure class="dj-chart" data-plan="{text(plan.id)}">{chart}'
              f"<figcaption>{text(plan.title)}：各部分事项状态（共 {sum(totals.values())} 项）"
              "</figcaption></figure>")
    table_rows = [
        [f'<a href="{text(links.to(plan.page, row.key))}">{text(row.label)}</a>',
         *(str(row.counts.get(c.key, 0)) for c in CATEGORIES), str(row.total)]
        for row in rows
    ]
    table = _table(["部分", *(c.label for c in CATEGORIES), "合计"], table_rows,
                   "dj-index--progress")
    out = [_plan_heading(plan, plan.id),
           f'<p class="dj-plan-summary"><a href="{text(links.to(plan.page))}">'
           f"{text(plan.display_title)}</a>：{summary or '暂无事项'}。{tag}</p>",
           figure, table]
    delayed = [a for a in tracking.assignments.values()
               if a.ref.plan is plan and a.status is ItemStatus.DELAYED]
    if delayed:
        items = "".join(f"<li>{item_link(a.ref, links)}（牵头：{text(a.lead.name)}）："
                        f"{text(a.reason or '')}</li>" for a in delayed)
        out.append(f'<div class="dj-delayed"><p><strong>延期事项</strong></p>'
                   f"<ul>{items}</ul></div>")
    return out


def department_index(tracking: Tracking, links: Links) -> str:
    body = []
    if tracking.departments.sample:
        body.append(sample_notice("本页的部门及其分工"))
    statuses = [c.key for c in CATEGORIES if c.key != UNREPORTED]
    rows = []
    for department in tracking.departments:
        led = tracking.led_by(department)
        counts = Counter(a.status.value for a in led)
        rows.append([department_link(department, links), str(len(led)),
                     str(len(tracking.supported_by(department))),
                     *(str(counts[s]) for s in statuses)])
    body.append("各部门牵头和配合的工作要点事项（各年度合计）。")
    body.append(_table(["部门", "牵头", "配合", *(f"牵头{s}" for s in statuses)], rows,
                       "dj-index--departments"))
    return _page("部门分工", body)


def department_page(tracking: Tracking, department: Department, links: Links) -> str:
    led, supported = tracking.led_by(department), tracking.supported_by(department)
    body = []
    if tracking.departments.sample or any(a.sample for a in led + supported):
        body.append(sample_notice("本页的部门、分工、状态和进展"))
    if department.note:
        body.append(f"<p>{text(department.note)}</p>")
    body.append(f'<p class="dj-dept-summary">牵头 {len(led)} 项，配合 {len(supported)} 项。</p>')
    for plan in tracking.plans:
        mine = [a for a in led if a.ref.plan is plan]
        helping = [a for a in supported if a.ref.plan is plan]
        if mine or helping:
            body += [_plan_heading(plan, plan.id), *_department_plan(mine, helping, links)]
    return _page(department.name, body)


def _department_plan(led: list[Assignment], supported: list[Assignment],
                     links: Links) -> list[str]:
    out = ["### 牵头事项", "<p>无。</p>"]
    if led:
        out[1] = _table(["事项", "状态", "完成时限", "配合部门", "最新进展"], [
            [item_link(a.ref, links), status_badge(a.status), due_text(a),
             "、".join(department_link(d, links) for d in a.support) or "—", _latest(a)]
            for a in led], "dj-index--led")
    out += ["### 配合事项", "<p>无。</p>"]
    if supported:
        out[3] = _table(["事项", "牵头部门", "状态", "完成时限"], [
            [item_link(a.ref, links), department_link(a.lead, links), status_badge(a.status),
             due_text(a)]
            for a in supported], "dj-index--supported")
    return out


def _latest(assignment: Assignment) -> str:
    if assignment.status is ItemStatus.DELAYED and assignment.reason:
        reason = f"延期原因：{text(assignment.reason)}"
    else:
        reason = ""
    if not assignment.progress:
        return reason or "—"
    note = assignment.progress[-1]
    latest = f"{note.date.isoformat()} {text(note.note)}"
    return f"{latest}<br>{reason}" if reason else latest
