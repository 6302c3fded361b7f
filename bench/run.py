"""Benchmark: our build against plain Material for MkDocs and against Python-Markdown alone.

    nox -s bench                      # N = 500, 2,000, 5,000; 3 runs each
    nox -s bench -- --sizes 500       # a subset
    python bench/run.py --sizes 500 --runs 3

For each N a synthetic project is generated (``bench/corpus.py``), then the three
builds run in turn, in a rotating order within each round, so that whatever else the
machine is doing slows all three alike:

- ours: ``python -m dangjian build`` on the generated project (its ``mkdocs.yml`` is
  the repo's); its summary line gives seconds per phase. A phase whose name holds 索引
  is the search index step; when the build has none (and wrote no ``pagefind/``) and
  Pagefind is installed, ``python -m pagefind`` runs on its output right after, and
  counts as part of ours;
- plain: ``mkdocs build`` with Material (``navigation.prune``, its default search
  plugin) on the same ``docs/``, from a minimal ``mkdocs.yml`` written here;
- markdown: Python-Markdown alone converting the same files in one process.

Each is a fresh process: wall seconds from start to exit, peak memory from the
kernel's accounting of that process and its children (``wait4``). Results are merged
into ``bench/results.json`` by N and build and rendered as ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import corpus

HERE = Path(__file__).resolve().parent
RESULTS_JSON = HERE / "results.json"
RESULTS_MD = HERE / "RESULTS.md"
TOOLS = ("ours", "plain", "markdown")
INDEX_MARK = "索引"

PLAIN_CONFIG = """\
site_name: 基准测试
docs_dir: {docs}
site_dir: site
theme:
  name: material
  language: zh
  features:
    - navigation.prune
plugins:
  - search
markdown_extensions:
  - attr_list
"""


@dataclass
class Usage:
    seconds: float
    """Wall seconds from start to exit."""
    cpu: float
    """User and system CPU seconds of the process and its children."""
    peak_kib: int
    """Peak resident memory of the process or any of its children."""

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.seconds + other.seconds, self.cpu + other.cpu,
                     max(self.peak_kib, other.peak_kib))


@dataclass
class Sample:
    seconds: float
    cpu: float
    peak_kib: int
    output_bytes: int
    output_files: int
    index_seconds: float | None = None
    index_bytes: int | None = None
    phases: dict[str, float] = field(default_factory=dict)
    index_separate: bool = False
    """Pagefind ran after the build because the build has no index step of its own."""
    index_peak_kib: int | None = None
    """Peak memory of that separate Pagefind run."""


class BenchError(Exception):
    pass


def run(command: list[str], cwd: Path, log: Path) -> Usage:
    """Run ``command`` and return what it took."""
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        # wait4 reports the peak of this child and of every descendant it waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchError(f"{' '.join(command)} failed ({proc.returncode}):\n{tail}")
    return Usage(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def tree_size(root: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            total += os.stat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


_PHASES = re.compile(r"用时\s+[\d.]+ 秒（(.*)）")


def phases_of(log: Path) -> dict[str, float]:
    match = _PHASES.search(log.read_text(encoding="utf-8", errors="replace"))
    if not match:
        return {}
    pairs = (part.rsplit(" ", 1) for part in match.group(1).split(" · "))
    return {name: float(seconds) for name, seconds in pairs}


def has_pagefind() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def measure_ours(project: Path, work: Path) -> Sample:
    site = work / "site-ours"
    log = work / "ours.log"
    usage = run([sys.executable, "-m", "dangjian", "build", "-d", str(site)], project, log)
    phases = phases_of(log)
    index = [s for name, s in phases.items() if INDEX_MARK in name]
    index_seconds = sum(index) if index else None
    pagefind = site / "pagefind"
    # A build that writes its own index but does not time it is not indexed twice.
    separate = index_seconds is None and not pagefind.is_dir() and has_pagefind()
    index_peak = None
    if separate:
        index_usage = run([sys.executable, "-m", "pagefind", "--site", str(site)], project,
                          work / "pagefind.log")
        index_seconds = index_usage.seconds
        index_peak = index_usage.peak_kib
        usage += index_usage
    index_bytes = tree_size(pagefind)[0] if pagefind.is_dir() else None
    size, files = tree_size(site)
    shutil.rmtree(site)
    return Sample(usage.seconds, usage.cpu, usage.peak_kib, size, files, index_seconds,
                  index_bytes, phases, separate, index_peak)


def measure_plain(project: Path, work: Path) -> Sample:
    config = work / "plain" / "mkdocs.yml"
    config.parent.mkdir(exist_ok=True)
    config.write_text(PLAIN_CONFIG.format(docs=project / "docs"), encoding="utf-8")
    site = config.parent / "site"
    usage = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                config.parent, work / "plain.log")
    lunr = site / "search" / "search_index.json"
    size, files = tree_size(site)
    sample = Sample(usage.seconds, usage.cpu, usage.peak_kib, size, files,
                    index_bytes=lunr.stat().st_size if lunr.is_file() else None)
    shutil.rmtree(site)
    return sample


def measure_markdown(project: Path, work: Path) -> Sample:
    out = work / "site-markdown"
    usage = run([sys.executable, str(HERE / "pymarkdown.py"), str(project / "docs"), str(out)],
                project, work / "markdown.log")
    size, files = tree_size(out)
    shutil.rmtree(out)
    return Sample(usage.seconds, usage.cpu, usage.peak_kib, size, files)


MEASURE = {"ours": measure_ours, "plain": measure_plain, "markdown": measure_markdown}


def bench_size(n: int, runs: int, tools: list[str], workdir: Path, say) -> dict:
    work = workdir / f"n{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    project = corpus.generate(work / "project", n)
    pages, mean_chars = corpus.body_chars(project)
    samples: dict[str, list[Sample]] = {tool: [] for tool in tools}
    for round_ in range(runs):
        shift = round_ % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            sample = MEASURE[tool](project, work)
            samples[tool].append(sample)
            say(f"  N={n} round {round_ + 1}/{runs} {tool}: {sample.seconds:.1f} s wall, "
                f"{sample.cpu:.1f} s CPU, {sample.peak_kib / 1024:.0f} MiB")
    shutil.rmtree(work, ignore_errors=True)
    return {
        "pages": pages,
        "mean_body_chars": round(mean_chars),
        "tools": {tool: _summarise(s) for tool, s in samples.items()},
        "environment": environment(),
    }


def _summarise(samples: list[Sample]) -> dict:
    def median(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    phases: dict[str, float] = {}
    for name in samples[0].phases:
        phases[name] = round(median([s.phases.get(name) for s in samples]), 2)
    return {
        "runs": len(samples),
        "seconds": round(median([s.seconds for s in samples]), 2),
        "all_seconds": [round(s.seconds, 2) for s in samples],
        "cpu": round(median([s.cpu for s in samples]), 2),
        "peak_mib": round(max(s.peak_kib for s in samples) / 1024, 1),
        "output_bytes": samples[0].output_bytes,
        "output_files": samples[0].output_files,
        "index_seconds": _round(median([s.index_seconds for s in samples])),
        "index_bytes": samples[0].index_bytes,
        "index_separate": samples[0].index_separate,
        "index_peak_mib": _round(max((s.index_peak_kib or 0) / 1024 for s in samples) or None),
        "phases": phases,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def environment() -> dict:
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "Markdown", "jieba", "pagefind"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": dt.date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "versions": versions,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="dangjian benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS),
                        help="builds to run; the others keep their earlier results")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "dangjian-bench")
    parser.add_argument("--results", type=Path, default=RESULTS_JSON,
                        help="JSON file the results are merged into (RESULTS.md beside it)")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results = json.loads(args.results.read_text()) if args.results.is_file() else {}
    session = dt.datetime.now().isoformat(timespec="seconds")
    for n in sorted(args.sizes):
        say(f"N = {n}")
        try:
            tools = [tool for tool in TOOLS if tool in args.tools]
            row = bench_size(n, args.runs, tools, args.workdir, say)
        except BenchError as exc:
            say(str(exc))
            return 1
        for tool in row["tools"].values():
            tool["session"] = session
        earlier = results.get(str(n), {}).get("tools", {})
        row["tools"] = {tool: row["tools"].get(tool) or earlier[tool]
                        for tool in TOOLS if tool in row["tools"] or tool in earlier}
        results[str(n)] = row
        args.results.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")
        markdown = render(results)
        args.results.with_name("RESULTS.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


# Rendering ------------------------------------------------------------------------------

LABELS = {
    "ours": "dangjian build",
    "plain": "plain Material",
    "markdown": "Python-Markdown",
}


def _mib(value: int | None) -> str:
    return "—" if value is None else f"{value / 2**20:.1f}"


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def render(results: dict) -> str:
    sizes = sorted(results, key=int)
    lines = [
        "# Benchmark results",
        "",
        "Generated by `nox -s bench` (`bench/run.py`, whose docstring gives the method) on "
        "synthetic pages (`bench/corpus.py`). Wall and CPU seconds are medians of the runs "
        "(CPU: user + system, of the process and its children, which machine load "
        "disturbs less than wall time); peak memory is the largest of the runs. Where "
        "the time goes: [PROFILE.md](PROFILE.md).",
        "",
        "| N | build | runs | wall s | CPU s | ms/page | peak MiB | output MiB | files "
        "| index s | index MiB | index peak MiB | phases (s) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| --- |",
    ]
    separate = False
    for size in sizes:
        row = results[size]
        for tool in TOOLS:
            t = row["tools"].get(tool)
            if t is None:
                continue
            phases = ", ".join(f"{k} {v:.1f}" for k, v in t["phases"].items())
            label = LABELS[tool]
            if t.get("index_separate"):
                label += " + Pagefind¹"
                separate = True
            lines.append(
                f"| {size} | {label} | {t['runs']} | {t['seconds']:.1f} | {t['cpu']:.1f} "
                f"| {1000 * t['seconds'] / row['pages']:.1f} | {t['peak_mib']:.0f} "
                f"| {_mib(t['output_bytes'])} | {t['output_files']} "
                f"| {_s(t['index_seconds'])} | {_mib(t['index_bytes'])} "
                f"| {_s(t.get('index_peak_mib'))} | {phases} |")
    if separate:
        lines += ["", "¹ The build has no search index step of its own yet, so Pagefind ran on "
                  "its output right after it (default settings: whole pages); its time counts "
                  "as part of ours, and its own peak memory is also shown apart."]
    for size in sizes:
        sessions: dict[str, list[str]] = {}
        for tool, t in results[size]["tools"].items():
            sessions.setdefault(t.get("session", ""), []).append(LABELS[tool])
        if len(sessions) > 1:
            groups = "; ".join(", ".join(names) for names in sessions.values())
            lines += ["", f"N = {size}: not all in one session, so not interleaved across "
                      f"these groups: {groups}."]
    lines += ["", "Index: Pagefind's output (`pagefind/`) for ours, Material's lunr index "
              "(`search/search_index.json`) for plain Material, which builds it inside its "
              "build.", "",
              "| N | pages | mean body chars | ours / plain (wall, CPU) "
              "| ours / Python-Markdown (wall, CPU) |",
              "| ---: | ---: | ---: | ---: | ---: |"]
    for size in sizes:
        row = results[size]
        if any(tool not in row["tools"] for tool in TOOLS):
            continue
        ours, plain, floor = (row["tools"][tool] for tool in TOOLS)
        lines.append(
            f"| {size} | {row['pages']} | {row['mean_body_chars']} "
            f"| {ours['seconds'] / plain['seconds']:.2f}, {ours['cpu'] / plain['cpu']:.2f} "
            f"| {ours['seconds'] / floor['seconds']:.1f}, {ours['cpu'] / floor['cpu']:.1f} |")
    lines += ["", "## Targets", "", *targets(results), "", "## Machine", ""]
    for size in sizes:
        env = results[size]["environment"]
        versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items())
        lines.append(f"- N = {size}: {env['date']}, {env['cpu']}, {env['cores']} cores, "
                     f"Python {env['python']}; {versions}")
    return "\n".join(lines) + "\n"


def targets(results: dict) -> list[str]:
    out = []

    def tools(n: int) -> dict | None:
        row = results.get(str(n))
        return row["tools"] if row and all(t in row["tools"] for t in TOOLS) else None

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    if (t := tools(2000)) is not None:
        plain = t["ours"]["seconds"] / t["plain"]["seconds"]
        floor = t["ours"]["seconds"] / t["markdown"]["seconds"]
        out.append(f"- 2,000 pages, ours / plain Material ≤ 1.0: {plain:.2f} — "
                   f"{verdict(plain <= 1.0)}")
        out.append(f"- 2,000 pages, ours / Python-Markdown ≤ 12: {floor:.1f} — "
                   f"{verdict(floor <= 12)}")
    small, large = results.get("500"), results.get("5000")
    if small and large and "ours" in small["tools"] and "ours" in large["tools"]:
        per = [r["tools"]["ours"]["seconds"] / r["pages"] for r in (small, large)]
        out.append(f"- time per page at 5,000 within 1.3× of that at 500: "
                   f"{1000 * per[1]:.1f} ms against {1000 * per[0]:.1f} ms, "
                   f"{per[1] / per[0]:.2f}× — {verdict(per[1] / per[0] <= 1.3)}")
    if large and "ours" in large["tools"]:
        peak = large["tools"]["ours"]["peak_mib"]
        out.append(f"- peak memory at 5,000 pages under 2 GiB: {peak:.0f} MiB — "
                   f"{verdict(peak < 2048)}")
    if not out:
        out.append("- no size measured yet that a target is stated for")
    if any(results[n]["tools"].get("ours", {}).get("index_seconds", 0) is None
           for n in results):
        out.append("- the search index step was neither reported by the build nor run "
                   "separately (Pagefind not installed) for some sizes")
    return out


if __name__ == "__main__":
    sys.exit(main())
