"""Rendering in worker processes, with exactly the bytes a one-process build writes.

Each worker is a fork of the build that runs MkDocs' whole build (so every page knows the
same navigation and every title), but converts and renders only its own share of the
pages (engine/shard.py) and writes into a folder of its own. The first worker's folder
also gets everything that is not a page (theme assets, 404, sitemap), which every worker
writes alike; the other workers' pages are moved into it. Links to anchors in pages of
another worker are checked once all have finished.

Workers are forked: where ``fork`` does not exist (Windows), the build renders in one
process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from dangjian.engine.plugin import DangjianPlugin, ProgressCallback
from dangjian.engine.shard import Shard, ShardResult

JOBS_ENV = "DANGJIAN_JOBS"
MAX_JOBS = 8
PAGES_PER_WORKER = 150
"""Below this many pages a worker costs more (it reads and lays out the whole site) than
it saves."""

Build = Callable[[MkDocsConfig], list[str]]
"""Runs MkDocs on a configuration; returns its warnings, raises EngineError."""


class WorkerError(Exception):
    """A worker failed; the message is MkDocs' (or the traceback of a crash)."""

    def __init__(self, message: str, crashed: bool):
        super().__init__(message)
        self.crashed = crashed


def jobs_for(pages: int, requested: int | None = None) -> int:
    """How many processes render ``pages`` pages: ``requested``, else ``DANGJIAN_JOBS``,
    else one per core (up to MAX_JOBS) but no more than the pages justify."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    asked = requested or _env_jobs()
    if asked:
        return max(1, min(asked, pages))
    cores = min(os.cpu_count() or 1, MAX_JOBS)
    return max(1, min(cores, pages // PAGES_PER_WORKER))


def _env_jobs() -> int | None:
    value = os.environ.get(JOBS_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def render(config: MkDocsConfig, plugin: DangjianPlugin, site_dir: Path, jobs: int,
           build: Build, progress: ProgressCallback | None = None) -> list[str]:
    """Render the site configured in ``config`` into ``site_dir`` with ``jobs`` workers."""
    context = multiprocessing.get_context("fork")
    counter, total = context.Value("i", 0), context.Value("i", 0)
    folders = [site_dir] + [site_dir.with_name(f".{site_dir.name}.worker{i}")
                            for i in range(1, jobs)]
    workers = []
    try:
        for index, folder in enumerate(folders):
            shutil.rmtree(folder, ignore_errors=True)
            receive, send = context.Pipe(duplex=False)
            shard = Shard(index, jobs, counter, total)
            process = context.Process(target=_work, args=(config, plugin, shard, folder,
                                                          build, send), daemon=True)
            process.start()
            send.close()
            workers.append((process, receive))
        results = _collect(workers, counter, total, progress)
        _merge(results, folders)
    finally:
        for process, _ in workers:
            if process.is_alive():
                process.kill()
            process.join()
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)
    return _warnings(results, config)


def _work(config: MkDocsConfig, plugin: DangjianPlugin, shard: Shard, folder: Path,
          build: Build, send) -> None:
    plugin.shard = shard
    plugin.progress = None
    config["site_dir"] = str(folder)
    try:
        shard.result.warnings = build(config)
        send.send(("ok", shard.result))
    except MkDocsException as exc:
        send.send(("error", str(exc)))
    except Exception as exc:  # noqa: BLE001 — an EngineError, or a crash to report
        from dangjian.engine.render import EngineError

        if isinstance(exc, EngineError):
            send.send(("error", str(exc)))
        else:
            send.send(("crash", traceback.format_exc()))
    finally:
        send.close()


def _collect(workers, counter, total, progress: ProgressCallback | None) -> list[ShardResult]:
    stop = threading.Event()

    def report() -> None:
        while not stop.wait(1.0):
            if progress and total.value:
                progress(counter.value, total.value)

    reporter = threading.Thread(target=report, daemon=True)
    reporter.start()
    results: list[ShardResult] = []
    failure: WorkerError | None = None
    try:
        for process, receive in workers:
            try:
                status, payload = receive.recv()
            except EOFError:
                status, payload = "crash", f"渲染进程意外退出（退出码 {process.exitcode}）"
            process.join()
            if status == "ok":
                results.append(payload)
            elif failure is None:
                failure = WorkerError(payload, status == "crash")
    finally:
        stop.set()
        reporter.join()
    if failure:
        raise failure
    if progress and total.value:
        progress(counter.value, total.value)
    return results


def _merge(results: list[ShardResult], folders: list[Path]) -> None:
    target = folders[0]
    for result, folder in zip(results[1:], folders[1:], strict=True):
        for relative in result.written:
            source = folder / relative
            if source.is_file():
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, destination)


def _warnings(results: list[ShardResult], config: MkDocsConfig) -> list[str]:
    """Every worker's warnings, each once (all workers report those about the whole site),
    and the links to anchors that no worker could check alone."""
    seen: dict[str, None] = {}
    for result in results:
        for warning in result.warnings:
            seen.setdefault(warning, None)
    anchors: dict[str, set[str]] = {}
    for result in results:
        anchors.update(result.anchors)
    level = config.validation.links.anchors
    for result in results:
        for link in result.cross_links:
            if link.anchor in anchors.get(link.target, {link.anchor}):
                continue
            if level >= logging.WARNING:
                # MkDocs' own wording (Page.validate_anchor_links).
                seen.setdefault(f"Doc file '{link.source}' contains a link '{link.original}', "
                                f"but the doc '{link.target}' does not contain an anchor "
                                f"'#{link.anchor}'.", None)
    return list(seen)
