"""``dangjian serve`` hears of edits: which files changed, at once, and nothing else."""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path

import pytest

from dangjian.app.build import STAGING_DIR
from dangjian.app.watch import Watcher

WAIT = 10.0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "regulations").mkdir(parents=True)
    (tmp_path / "docs" / "regulations" / "a.md").write_text("甲\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: 站\n", encoding="utf-8")
    (tmp_path / STAGING_DIR / "docs").mkdir(parents=True)
    (tmp_path / "site").mkdir()
    return tmp_path


class _Running:
    def __init__(self, watcher: Watcher):
        self.found: queue.Queue[list[str]] = queue.Queue()
        threading.Thread(target=self._loop, args=(watcher,), daemon=True).start()

    def _loop(self, watcher: Watcher) -> None:
        while True:
            self.found.put(watcher.wait())

    def next(self) -> list[str]:
        return self.found.get(timeout=WAIT)


@pytest.fixture(params=["system", "polling"])
def watched(request: pytest.FixtureRequest, project: Path):
    noticed: list[int] = []
    watcher = Watcher(project, STAGING_DIR, lambda: noticed.append(1))
    if request.param == "system":
        assert watcher.start()
    yield _Running(watcher), noticed, request.param
    watcher.stop()


def test_an_edit_is_the_one_change(watched, project: Path):
    running, noticed, how = watched
    with (project / "docs" / "regulations" / "a.md").open("a", encoding="utf-8") as handle:
        handle.write("乙\n")
    assert running.next() == ["docs/regulations/a.md"]
    assert noticed or how == "polling"


def test_a_save_through_a_temporary_file_is_the_saved_file(watched, project: Path):
    running, _, _ = watched
    temporary = project / "docs" / "regulations" / ".a.md.swp"
    temporary.write_text("甲乙\n", encoding="utf-8")
    os.replace(temporary, project / "docs" / "regulations" / "a.md")
    assert running.next() == ["docs/regulations/a.md"]


def test_what_the_build_writes_is_no_edit(watched, project: Path):
    running, _, _ = watched
    (project / STAGING_DIR / "docs" / "a.md").write_text("x", encoding="utf-8")
    (project / "site" / "index.html").write_text("x", encoding="utf-8")
    (project / "notes.txt").write_text("x", encoding="utf-8")
    (project / "data" / "glossary.yml").write_text("terms: []\n", encoding="utf-8")
    assert running.next() == ["data/glossary.yml"]


def test_a_folder_made_later_is_watched(watched, project: Path):
    running, _, _ = watched
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text("x", encoding="utf-8")
    assert running.next() == ["overrides/main.html"]
    (project / "overrides" / "main.html").write_text("xy", encoding="utf-8")
    assert running.next() == ["overrides/main.html"]
    (project / "docs" / "regulations" / "a.md").unlink()
    assert running.next() == ["docs/regulations/a.md"]
