"""Shared fixtures: temporary projects, a real build of the shipped content, a server
on 127.0.0.1 and real Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / "tests" / "fixtures" / "shared"
"""Copies of the seed and corpus texts (see SOURCES.md there)."""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def seed_path() -> Path:
    return SHARED / "seed" / "workpoints-2020.txt"


@pytest.fixture
def make_project(tmp_path: Path):
    """Write files into a fresh project (with the shipped mkdocs.yml) and return its root."""
    return functools.partial(write_project, tmp_path / "project")


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """``files`` in a project at ``root`` with the shipped mkdocs.yml."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content, built once per test session with the real pipeline."""
    from dangjian.app.build import build

    site = tmp_path_factory.mktemp("built") / "site"
    build(ROOT / "mkdocs.yml", site)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def served(directory: Path,
           handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler,
           ) -> Iterator[str]:
    """``directory`` served on 127.0.0.1 (a free port) while the block runs; its URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Under CI=true a missing browser fails."""
    in_ci = os.environ.get("CI", "").lower() == "true"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if in_ci:
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    if not CHROMIUM.exists():
        if in_ci:
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@contextlib.contextmanager
def desktop_tab(browser) -> Iterator:
    """A tab of its own context at a desktop width, in Chinese, while the block runs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with desktop_tab(browser) as tab:
        yield tab


AXE_CACHE = Path(os.environ.get("DANGJIAN_AXE_DIR", Path.home() / ".cache" / "dangjian-axe"))
"""Where the test setup installs axe-core from npm (never committed to the repository)."""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from npm on first use. Under CI=true a missing axe
    fails the run instead of skipping the accessibility tests."""
    import subprocess

    in_ci = os.environ.get("CI", "").lower() == "true"
    script = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists() and shutil.which("npm"):
        AXE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund",
                        "--prefix", str(AXE_CACHE), "axe-core@4"],
                       capture_output=True, timeout=300, check=False)
    if not script.exists():
        if in_ci:
            pytest.fail("axe-core is missing: npm install axe-core@4 failed or npm is absent")
        pytest.skip("axe-core is not available (needs npm)")
    return script.read_text(encoding="utf-8")
