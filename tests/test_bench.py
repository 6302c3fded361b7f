"""The benchmark's corpus and the build facts it reads; no timing is asserted here."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from dangjian.app.build import BuildReport
from dangjian.app.summary import summary
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.kinds import REGULATION
from dangjian.core.project import Project
from dangjian.load import loader
from dangjian.pages import navigation

from .conftest import ROOT, seed_path

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402
import run as bench_run  # noqa: E402


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed_path()
    return corpus.generate(tmp_path_factory.mktemp("corpus") / "p300", 300)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def test_corpus_is_the_same_bytes_for_the_same_size(project: Path, tmp_path: Path):
    again = corpus.generate(tmp_path / "again", 300)
    assert _files(again) == _files(project)
    other = corpus.generate(tmp_path / "other", 301)
    assert _files(other) != _files(project)


def test_corpus_loads_without_a_problem_and_cites_itself(project: Path):
    diagnostics = Diagnostics()
    content = loader.load(Project.at(project), diagnostics)
    assert diagnostics.items == []
    kinds = Counter(doc.kind.name for doc in content.inventory.documents)
    # 239 regulations, 11 of them revised once: a work and its two editions each.
    assert kinds == {"regulation": 239 + 2 * 11, "study": 54, "workplan": 6, "publication": 3}
    assert sum(1 for doc in content.inventory.documents if doc.editions) == 11
    pages, mean = corpus.body_chars(project)
    assert pages == 300 + 2 * 11 and 1000 < mean < 1600
    names = content.inventory.by_name
    cited = articles = 0
    for doc in content.inventory.documents:
        for match in re.finditer(r"《([^《》]+)》(第[一二三四五六七八九十百]+条)?", doc.body):
            target = names[match.group(1)]
            cited += 1
            if match.group(2):
                articles += 1
                assert match.group(2) in {a.label for a in target.structure.articles}
    assert cited > 300 and articles > 100
    plan = next(d for d in content.inventory.documents if d.kind.name == "workplan")
    assert plan.structure.items and all(re.fullmatch(r"\d{4}-\d-\d", item.id)
                                        for item in plan.structure.items)


def test_large_navigation_sections_are_grouped_by_year(project: Path):
    content = loader.load(Project.at(project), Diagnostics())
    nav = navigation.build(content.inventory, has_home=True)
    regulations = next(entry["法规制度"] for entry in nav
                       if isinstance(entry, dict) and "法规制度" in entry)
    listed, grouped = [], 0
    for category in regulations[1:-1]:
        ((_, entries),) = category.items()
        if all(isinstance(page, str) for entry in entries for page in entry.values()):
            assert len(entries) <= navigation.SECTION_LIMIT
            listed += [page for entry in entries for page in entry.values()]
            continue
        grouped += 1
        for group in entries:
            ((year, pages),) = group.items()
            assert re.fullmatch(r"\d{4}年|日期未注明", year), year
            assert len(pages) <= navigation.SECTION_LIMIT
            listed += [page for entry in pages for page in entry.values()]
    assert grouped
    wanted = sorted(d.page for d in content.inventory.of_kind(REGULATION))
    assert sorted(listed) == wanted


def test_small_navigation_sections_list_their_documents():
    content = loader.load(Project.at(ROOT), Diagnostics())
    nav = navigation.build(content.inventory, has_home=True)
    regulations = next(e["法规制度"] for e in nav if isinstance(e, dict) and "法规制度" in e)
    for category in regulations[1:-1]:
        ((_, pages),) = category.items()
        assert all(str(next(iter(entry.values()))).endswith(".md") for entry in pages)


def test_summary_shows_phases_the_bench_reads(tmp_path: Path):
    report = BuildReport(seconds=3.5)
    report.phases = {"读取校验": 0.4, "生成页面": 0.1, "渲染": 2.9, "搜索索引": 0.1}
    log = tmp_path / "ours.log"
    log.write_text(summary(report), encoding="utf-8")
    assert bench_run.phases_of(log) == report.phases


def test_bench_renders_a_table_and_targets():
    tool = {"runs": 3, "seconds": 10.0, "cpu": 9.0, "peak_mib": 300.0, "output_bytes": 2**20,
            "output_files": 10, "index_seconds": None, "index_bytes": None, "phases": {},
            "peaks_mib": {"python": 280.0, "pagefind": 900.0, "ld": 5.0}}
    row = {"pages": 2000, "mean_body_chars": 1300, "staged_pages": 2030,
           "mean_staged_chars": 4800,
           "tools": {"ours": {**tool, "cpu": 18.0}, "ours-parallel": {**tool, "seconds": 6.0},
                     "plain": {**tool, "cpu": 25.0}, "plain+pagefind": {**tool, "cpu": 36.0},
                     "markdown": {**tool, "cpu": 2.0}},
           "environment": {"date": "2026-01-01", "cpu": "x", "cores": 2, "python": "3.11",
                           "versions": {}}}
    text = bench_run.render({"2000": row})
    assert ("| 2000 | dangjian build, 1 process | 3 | 10.0 | 18.0 | 9.0 "
            "| pagefind 900, python 280 |") in text
    assert "| 2000 | 2000 | 2030 | 4800 | 0.50, 1.00 | 0.72, 1.00 | 9.0 | 0.60 |" in text
    assert "plain Material + Pagefind ≤ 0.6 CPU: 0.50 — met" in text
    assert "wall with 4 cores: 0.60 on 2 cores (fewer than 4 cores here: not judged)" in text


def test_plain_configuration_keeps_everything_but_what_the_staging_decides():
    sys.path.insert(0, str(ROOT / "bench"))
    import staged

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    kept = staged._without_keys(text, staged.REPLACED)
    assert "plugins:" not in kept and "docs_dir:" not in kept and "- dangjian" not in kept
    for key in ("theme:", "navigation.prune", "markdown_extensions:", "md_in_html",
                "pymdownx.slugs.slugify", "extra:"):
        assert key in kept


def test_peaks_are_kept_per_program(tmp_path: Path):
    child = "import subprocess,sys; subprocess.run([sys.executable,'-c'," \
            "'import time; b=bytearray(120*2**20); time.sleep(0.5)'])"
    usage = bench_run.run([sys.executable, "-c", child], tmp_path, tmp_path / "log")
    peaks = [kib for name, kib in usage.peaks.items() if name.startswith("python")]
    assert max(peaks) > 120 * 1024
    assert usage.cpu >= 0 and usage.seconds >= 0.5


def test_the_alignment_bench_compares_a_long_regulation_with_its_revision(capsys):
    import alignment

    assert alignment.main(["--articles", "150", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("150 → 150 articles")
    assert "删除 5" in out and "新增 5" in out
