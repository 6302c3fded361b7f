"""Benchmark: our build against plain Material on the same staged tree, and against
Python-Markdown alone converting that tree.

    nox -s bench                      # N = 500, 2,000, 5,000; 3 runs each
    nox -s bench -- --sizes 500       # a subset
    python bench/run.py --sizes 500 --runs 3

For each N a synthetic project is generated (``bench/corpus.py``) and staged once the way
``dangjian build`` stages it (``bench/staged.py``). Then each build runs in turn, in a
rotating order within each round, so that whatever else the machine is doing slows all
of them alike:

- ours: ``python -m dangjian build`` in one process (``DANGJIAN_JOBS=1``), Pagefind
  1.6.0 included (its summary line gives seconds per phase);
- ours-parallel: the same with one render worker per core (``DANGJIAN_JOBS`` unset);
- plain: ``mkdocs build`` with Material and its own search plugin on the *staged* tree,
  with the staged navigation, the project's Markdown extensions and theme features;
- plain+pagefind: the same without Material's search, then Pagefind 1.6.0 with the flags
  the build passes it (``--exclude-selectors`` …);
- markdown: Python-Markdown alone converting the staged tree with the same extensions,
  in one process (the floor).

Each is a fresh process: wall seconds from start to exit; CPU seconds are user + system
of the process and all its children (``wait4``). Peak memory is recorded per process:
the build's process tree is sampled every 50 ms (``VmHWM`` in ``/proc``, the kernel's own
high-water mark) and the largest peak of each program is kept (python, pagefind…).
Results are merged into ``bench/results.json`` by N and build and rendered as
``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS_JSON = HERE / "results.json"
RESULTS_MD = HERE / "RESULTS.md"
TOOLS = ("ours", "ours-parallel", "plain", "plain+pagefind", "markdown")
INDEX_MARK = "索引"
SAMPLE_SECONDS = 0.05


@dataclass
class Usage:
    seconds: float
    """Wall seconds from start to exit."""
    cpu: float
    """User and system CPU seconds of the process and its children."""
    peak_kib: int
    """Peak resident memory of the process or any of its children."""
    peaks: dict[str, int] = field(default_factory=dict)
    """Peak resident memory (KiB) of each program seen in the process tree."""

    def __add__(self, other: Usage) -> Usage:
        peaks = dict(self.peaks)
        for name, kib in other.peaks.items():
            peaks[name] = max(peaks.get(name, 0), kib)
        return Usage(self.seconds + other.seconds, self.cpu + other.cpu,
                     max(self.peak_kib, other.peak_kib), peaks)


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
    peaks: dict[str, int] = field(default_factory=dict)


class BenchError(Exception):
    pass


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _status(pid: int) -> tuple[str, int] | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    name = re.search(r"^Name:\s*(\S+)", text, re.MULTILINE)
    peak = re.search(r"^VmHWM:\s*(\d+) kB", text, re.MULTILINE)
    if not name or not peak:
        return None
    return name.group(1), int(peak.group(1))


class PeakSampler(threading.Thread):
    """Largest VmHWM of each program in a process tree, sampled until stopped."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peaks: dict[str, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pending = [self.pid]
            while pending:
                pid = pending.pop()
                found = _status(pid)
                if found:
                    name, kib = found
                    # Worker processes are python too; pagefind_extended is pagefind.
                    name = "pagefind" if name.startswith("pagefind") else name
                    self.peaks[name] = max(self.peaks.get(name, 0), kib)
                pending += _children(pid)
            self.done.wait(SAMPLE_SECONDS)


def run(command: list[str], cwd: Path, log: Path, env: dict | None = None) -> Usage:
    """Run ``command`` and return what it took."""
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})})
        sampler = PeakSampler(proc.pid)
        sampler.start()
        # wait4 reports the CPU of this child and of every descendant it waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchError(f"{' '.join(command)} failed ({proc.returncode}):\n{tail}")
    peaks = dict(sampler.peaks)
    return Usage(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, peaks)


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


def _python_env() -> dict:
    # The checkout first, whatever dangjian the venv has installed.
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": str(REPO) + (os.pathsep + path if path else "")}


def measure_ours(project: Path, work: Path, jobs: str | None) -> Sample:
    site = work / "site-ours"
    log = work / "ours.log"
    env = _python_env()
    if jobs:
        env["DANGJIAN_JOBS"] = jobs
    command = [sys.executable, "-m", "dangjian", "build", "-d", str(site)]
    usage = run(command, project, log, env)
    phases = phases_of(log)
    index = [s for name, s in phases.items() if INDEX_MARK in name]
    pagefind = site / "pagefind"
    index_bytes = tree_size(pagefind)[0] if pagefind.is_dir() else None
    size, files = tree_size(site)
    shutil.rmtree(site)
    return Sample(usage.seconds, usage.cpu, usage.peak_kib, size, files,
                  sum(index) if index else None, index_bytes, phases, usage.peaks)


def measure_plain(_project: Path, work: Path, pagefind: bool) -> Sample:
    plain = work / "plain"
    config = plain / ("plain-nosearch.yml" if pagefind else "plain.yml")
    site = plain / "site"
    usage = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                plain, work / "plain.log", {"NO_MKDOCS_2_WARNING": "1"})
    index_seconds = index_bytes = None
    if pagefind:
        command = json.loads((plain / "pagefind.json").read_text())["command"]
        index = run([*command, "--site", str(site)], plain, work / "pagefind.log")
        index_seconds = index.seconds
        index_bytes = tree_size(site / "pagefind")[0]
        usage += index
    else:
        lunr = site / "search" / "search_index.json"
        index_bytes = lunr.stat().st_size if lunr.is_file() else None
    size, files = tree_size(site)
    shutil.rmtree(site)
    return Sample(usage.seconds, usage.cpu, usage.peak_kib, size, files, index_seconds,
                  index_bytes, peaks=usage.peaks)


def measure_markdown(project: Path, work: Path) -> Sample:
    out = work / "site-markdown"
    usage = run([sys.executable, str(HERE / "pymarkdown.py"), str(work / "plain" / "plain.yml"),
                 str(out)], project, work / "markdown.log", {"NO_MKDOCS_2_WARNING": "1"})
    size, files = tree_size(out)
    shutil.rmtree(out)
    return Sample(usage.seconds, usage.cpu, usage.peak_kib, size, files, peaks=usage.peaks)


MEASURE = {
    "ours": lambda project, work: measure_ours(project, work, "1"),
    "ours-parallel": lambda project, work: measure_ours(project, work, None),
    "plain": lambda project, work: measure_plain(project, work, False),
    "plain+pagefind": lambda project, work: measure_plain(project, work, True),
    "markdown": measure_markdown,
}


def stage(project: Path, work: Path) -> None:
    """The staged tree and the plain configurations (bench/staged.py)."""
    run([sys.executable, str(HERE / "staged.py"), str(project), str(work / "plain")],
        project, work / "staged.log", _python_env())


def bench_size(n: int, runs: int, tools: list[str], workdir: Path, say) -> dict:
    work = workdir / f"n{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    project = corpus.generate(work / "project", n)
    pages, mean_chars = corpus.body_chars(project)
    stage(project, work)
    staged_pages, staged_chars = staged_body_chars(project)
    samples: dict[str, list[Sample]] = {tool: [] for tool in tools}
    for round_ in range(runs):
        shift = round_ % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            sample = MEASURE[tool](project, work)
            samples[tool].append(sample)
            peaks = ", ".join(f"{k} {v / 1024:.0f}" for k, v in sample.peaks.items())
            say(f"  N={n} round {round_ + 1}/{runs} {tool}: {sample.seconds:.1f} s wall, "
                f"{sample.cpu:.1f} s CPU, peak MiB {peaks}")
    shutil.rmtree(work, ignore_errors=True)
    return {
        "pages": pages,
        "mean_body_chars": round(mean_chars),
        "staged_pages": staged_pages,
        "mean_staged_chars": round(staged_chars),
        "tools": {tool: _summarise(s) for tool, s in samples.items()},
        "environment": environment(),
    }


def staged_body_chars(project: Path) -> tuple[int, float]:
    """Pages of the staged tree and their mean length without front matter."""
    sizes = []
    for path in (project / ".dangjian" / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            text = text[end + 5:] if end >= 0 else text
        sizes.append(len(text))
    return len(sizes), (sum(sizes) / len(sizes) if sizes else 0.0)


def _summarise(samples: list[Sample]) -> dict:
    def median(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    phases: dict[str, float] = {}
    for name in samples[0].phases:
        phases[name] = round(median([s.phases.get(name) for s in samples]), 2)
    programs = sorted({name for s in samples for name in s.peaks})
    return {
        "runs": len(samples),
        "seconds": round(median([s.seconds for s in samples]), 2),
        "all_seconds": [round(s.seconds, 2) for s in samples],
        "cpu": round(median([s.cpu for s in samples]), 2),
        "all_cpu": [round(s.cpu, 2) for s in samples],
        "peak_mib": round(max(s.peak_kib for s in samples) / 1024, 1),
        "peaks_mib": {name: round(max(s.peaks.get(name, 0) for s in samples) / 1024, 1)
                      for name in programs},
        "output_bytes": samples[0].output_bytes,
        "output_files": samples[0].output_files,
        "index_seconds": _round(median([s.index_seconds for s in samples])),
        "index_bytes": samples[0].index_bytes,
        "phases": phases,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def environment() -> dict:
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "jieba"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    with contextlib.suppress(Exception):
        sys.path.insert(0, str(REPO))
        from dangjian.search import pagefind_binary
        versions["pagefind"] = pagefind_binary.locate().version
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
    "ours": "dangjian build, 1 process",
    "ours-parallel": "dangjian build, 1 worker per core",
    "plain": "plain Material + its search",
    "plain+pagefind": "plain Material + Pagefind",
    "markdown": "Python-Markdown (floor)",
}


def _mib(value: int | None) -> str:
    return "—" if value is None else f"{value / 2**20:.1f}"


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


SMALL_MIB = 16
"""Programs that never reach this are left out of the table (a linker ctypes runs…)."""


def _peaks(t: dict) -> str:
    return ", ".join(f"{name} {mib:.0f}" for name, mib in
                     sorted(t.get("peaks_mib", {}).items(), key=lambda item: -item[1])
                     if mib >= SMALL_MIB)


def render(results: dict) -> str:
    sizes = sorted(results, key=int)
    lines = [
        "# Benchmark results",
        "",
        "Generated by `nox -s bench` (`bench/run.py`, whose docstring gives the method) on "
        "synthetic projects (`bench/corpus.py`). Every build converts the same staged "
        "Markdown (what `dangjian build` hands MkDocs) with the same navigation, Markdown "
        "extensions and theme features. Wall and CPU seconds are medians of interleaved "
        "runs (CPU: user + system of the process and all its children, which the machine's "
        "load disturbs less than wall time); peak memory is the largest of the runs, for "
        "each program (python: the build and its render workers; pagefind: the indexer). "
        "Where the time goes: [PROFILE.md](PROFILE.md).",
        "",
        "| N | build | runs | wall s | CPU s | CPU ms/page | peak MiB by program "
        "| output MiB | files | index s | index MiB | phases (s) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for size in sizes:
        row = results[size]
        for tool in TOOLS:
            t = row["tools"].get(tool)
            if t is None:
                continue
            phases = ", ".join(f"{k} {v:.1f}" for k, v in t["phases"].items())
            lines.append(
                f"| {size} | {LABELS[tool]} | {t['runs']} | {t['seconds']:.1f} "
                f"| {t['cpu']:.1f} | {1000 * t['cpu'] / row['pages']:.1f} | {_peaks(t)} "
                f"| {_mib(t['output_bytes'])} | {t['output_files']} "
                f"| {_s(t['index_seconds'])} | {_mib(t['index_bytes'])} | {phases} |")
    for size in sizes:
        sessions: dict[str, list[str]] = {}
        for tool, t in results[size]["tools"].items():
            sessions.setdefault(t.get("session", ""), []).append(LABELS[tool])
        if len(sessions) > 1:
            groups = "; ".join(", ".join(names) for names in sessions.values())
            lines += ["", f"N = {size}: not all in one session, so not interleaved across "
                      f"these groups: {groups}."]
    lines += ["", "Index: Pagefind's output (`pagefind/`), or Material's lunr index "
              "(`search/search_index.json`) for plain Material with its own search.", "",
              "| N | pages | staged pages | mean staged chars "
              "| ours / plain+Pagefind (CPU, wall) | ours / plain (CPU, wall) "
              "| ours / floor (CPU) | parallel / plain+Pagefind (wall) |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for size in sizes:
        row = results[size]
        t = row["tools"]
        if any(tool not in t for tool in TOOLS):
            continue
        ours, par, plain, pf, floor = (t[tool] for tool in TOOLS)
        lines.append(
            f"| {size} | {row['pages']} | {row.get('staged_pages', '—')} "
            f"| {row.get('mean_staged_chars', '—')} "
            f"| {ours['cpu'] / pf['cpu']:.2f}, {ours['seconds'] / pf['seconds']:.2f} "
            f"| {ours['cpu'] / plain['cpu']:.2f}, {ours['seconds'] / plain['seconds']:.2f} "
            f"| {ours['cpu'] / floor['cpu']:.1f} "
            f"| {par['seconds'] / pf['seconds']:.2f} |")
    lines += ["", "## Targets", "", *targets(results), "", "## Machine", ""]
    for size in sizes:
        env = results[size]["environment"]
        versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items())
        lines.append(f"- N = {size}: {env['date']}, {env['cpu']}, {env['cores']} cores, "
                     f"Python {env['python']}; {versions}")
    return "\n".join(lines) + "\n"


def targets(results: dict) -> list[str]:
    out = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    mid = results.get("2000", {}).get("tools", {})
    if "ours" in mid and "plain+pagefind" in mid:
        ratio = mid["ours"]["cpu"] / mid["plain+pagefind"]["cpu"]
        out.append(f"- 2,000 pages, ours (one process) / plain Material + Pagefind ≤ 0.6 "
                   f"CPU: {ratio:.2f} — {verdict(ratio <= 0.6)}")
    if "ours-parallel" in mid and "plain+pagefind" in mid:
        ratio = mid["ours-parallel"]["seconds"] / mid["plain+pagefind"]["seconds"]
        cores = results["2000"]["environment"]["cores"]
        out.append(f"- 2,000 pages, ours with workers / plain Material + Pagefind ≤ 0.35 "
                   f"wall with 4 cores: {ratio:.2f} on {cores} cores"
                   + ("" if cores >= 4 else " (fewer than 4 cores here: not judged)"))
    small, large = results.get("500"), results.get("5000")
    if small and large and "ours" in small["tools"] and "ours" in large["tools"]:
        per = [r["tools"]["ours"]["cpu"] / r["pages"] for r in (small, large)]
        out.append(f"- CPU time per page at 5,000 within 1.2× of that at 500: "
                   f"{1000 * per[1]:.1f} ms against {1000 * per[0]:.1f} ms, "
                   f"{per[1] / per[0]:.2f}× — {verdict(per[1] / per[0] <= 1.2)}")
    if large and "ours" in large["tools"]:
        peak = max(large["tools"]["ours"].get("peaks_mib", {}).values(), default=0)
        out.append(f"- peak memory of any process at 5,000 pages under 1.5 GiB: "
                   f"{peak:.0f} MiB — {verdict(peak < 1536)}")
    if not out:
        out.append("- no size measured yet that a target is stated for")
    return out


if __name__ == "__main__":
    sys.exit(main())
