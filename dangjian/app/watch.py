"""What ``dangjian serve`` watches, and which of its files an edit changed.

The system tells of changes as they happen (inotify, through watchdog), so a quiet
project costs nothing and an edit is seen at once, also while the preview is busy with
the rest of the site: walking two thousand files every fraction of a second would cost
CPU all the time and, beside a busy thread, take seconds. Which files changed is still
decided by comparing modification stamps, of the paths the events name only: an
editor's temporary file that came and went between two looks is no change, and a
folder moved in is read whole. Where the system cannot watch (too many folders, no
inotify), the folders are walked every ``POLL_SECONDS`` instead.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

WATCHED = ("docs", "data", "overrides", "mkdocs.yml")
"""What the site is made from, relative to mkdocs.yml."""

SETTLE_SECONDS = 0.1
"""An editor's save is several events (temporary file, rename): they are taken as one."""

POLL_SECONDS = 0.5

Stamps = dict[str, tuple[int, int]]


class Watcher:
    """Collects the changed files of a project (paths relative to its root)."""

    def __init__(self, root: Path, skip: str, noticed: Callable[[], None] = lambda: None):
        """``skip``: a folder name never looked into (the staged trees); ``noticed`` is
        called the moment anything is seen to move, before the changes are known."""
        self.root = root
        self.skip = skip
        self.noticed = noticed
        self.stamps = self._walk(list(WATCHED))
        self._named: set[str] = set()
        self._lock = threading.Lock()
        self._event = threading.Event()
        self._observer: BaseObserver | None = None
        self._folders: set[Path] = set()

    def start(self) -> bool:
        """Watch through the system; False when it cannot (then ``wait`` polls)."""
        observer = Observer()
        try:
            observer.schedule(_Handler(self), str(self.root), recursive=False)
            self._observer = observer
            self._watch_new_folders()
            observer.start()
        except OSError:
            self._observer = None
            return False
        return True

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()

    def wait(self) -> list[str]:
        """Block until files of the project changed; the changed ones, sorted."""
        while True:
            if self._observer is None:
                time.sleep(POLL_SECONDS)
                changed = self._compare(self._walk(list(WATCHED)), list(WATCHED))
            else:
                self._event.wait()
                while True:  # until the events stop coming
                    self._event.clear()
                    time.sleep(SETTLE_SECONDS)
                    if not self._event.is_set():
                        break
                with self._lock:
                    named, self._named = self._named, set()
                changed = self._compare(self._walk(sorted(named)), sorted(named))
                if any(path in WATCHED and (self.root / path).is_dir() for path in named):
                    self._watch_new_folders()
            if changed:
                return changed

    def name(self, path: str) -> None:
        """An event's path (absolute): kept if the project is made from it."""
        try:
            relative = Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return
        parts = relative.split("/")
        if parts[0] not in WATCHED or self.skip in parts:
            return
        with self._lock:
            self._named.add(relative)
        self.noticed()
        self._event.set()

    def _watch_new_folders(self) -> None:
        """Each watched folder, also one made after the start (overrides/)."""
        assert self._observer is not None
        for name in WATCHED:
            folder = self.root / name
            if folder.is_dir() and folder not in self._folders:
                self._observer.schedule(_Handler(self), str(folder), recursive=True)
                self._folders.add(folder)

    def _compare(self, now: Stamps, under: list[str]) -> list[str]:
        """Changed paths among ``under`` (files or folders); ``now`` their stamps."""
        before = {path: stamp for path, stamp in self.stamps.items()
                  if any(_within(path, top) for top in under)}
        changed = sorted(path for path in before.keys() | now.keys()
                         if before.get(path) != now.get(path))
        for path in before.keys() - now.keys():
            del self.stamps[path]
        self.stamps.update(now)
        return changed

    def _walk(self, tops: list[str]) -> Stamps:
        stamps: Stamps = {}
        for top in tops:
            for path in _files(self.root / top, self.skip):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                stamps[path.relative_to(self.root).as_posix()] = (stat.st_mtime_ns,
                                                                  stat.st_size)
        return stamps


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher):
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading is no change (the build reads every file)
        if event.is_directory and event.event_type == "modified":
            return  # what changed in it has events of its own
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self.watcher.name(os.fsdecode(path))


def _within(path: str, top: str) -> bool:
    return path == top or path.startswith(top + "/")


def _files(path: Path, skip: str) -> Iterator[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        for folder, dirs, files in os.walk(path):
            dirs[:] = [name for name in dirs if name != skip]
            for name in files:
                yield Path(folder) / name
