"""The one-screen summary printed at the end of every build."""

from __future__ import annotations

from .build import BuildReport


def summary(report: BuildReport) -> str:
    kinds = "，".join(f"{label} {count}" for label, count in report.documents.items()) or "无"
    lines = [
        "",
        "构建完成",
        f"  文档    {kinds}",
        f"  页面    {report.pages_written} 个 HTML 文件 → {report.site_dir}",
        f"  警告    {len(report.warnings) + len(report.engine_warnings)}",
        f"  用时    {report.seconds:.1f} 秒{_phases(report)}",
    ]
    for message in report.engine_warnings[:10]:
        lines.append(f"  MkDocs: {message}")
    return "\n".join(lines)


def _phases(report: BuildReport) -> str:
    if not report.phases:
        return ""
    parts = (f"{name} {seconds:.1f}" for name, seconds in report.phases.items())
    return "（" + " · ".join(parts) + "）"
