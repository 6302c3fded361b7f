"""The one-screen summary printed at the end of every build."""

from __future__ import annotations

from dangjian.app.build import BuildReport
from dangjian.core import ui
from dangjian.pages import change_list


def summary(report: BuildReport) -> str:
    kinds = "，".join(f"{label} {count}" for label, count in report.documents.items()) or "无"
    lines = [
        "",
        "构建完成",
        f"  文档    {kinds}",
        f"  页面    {report.pages_written} 个 HTML 文件 → {report.site_dir}",
        f"  警告    {warning_count(report)}",
        *_search(report),
        *_release(report),
        f"  用时    {report.seconds:.1f} 秒{_phases(report)}",
    ]
    for message in report.engine_warnings[:10]:
        lines.append(f"  MkDocs: {message}")
    return "\n".join(lines)


def warning_count(report: BuildReport) -> int:
    """Content, engine and search warnings (a search that fell back is one)."""
    fell_back = bool(report.search and report.search.binary.warning)
    return len(report.warnings) + len(report.engine_warnings) + fell_back


def _search(report: BuildReport) -> list[str]:
    search = report.search
    if search is None:
        return ["  搜索    没有可索引的文档，未建索引"]
    lines = [f"  搜索    Pagefind {search.binary.version}：{search.pages} 个页面，"
             f"{search.words} 个词，{search.bytes / 1024:.0f} KB"]
    if search.binary.warning:
        lines.append(f"  警告    {search.binary.warning}")
    return lines


def _release(report: BuildReport) -> list[str]:
    release = report.release
    if release is None:
        return []
    lines = []
    if release.record is not None:
        lines.append(f"  发布    版本号 {release.record.version}，已记入 data/releases.yml")
    if release.changes is not None:
        groups = change_list.groups(release.changes)
        since = f"（{release.compared_with}）" if release.compared_with else ""
        lines.append(f"  变化    与上次构建{since}相比：" + "，".join(g.label for g in groups)
                     if groups else f"  变化    {ui.text('changes.unchanged')}")
    return lines


def _phases(report: BuildReport) -> str:
    if not report.phases:
        return ""
    parts = (f"{name} {seconds:.1f}" for name, seconds in report.phases.items())
    return "（" + " · ".join(parts) + "）"
