"""A site published by Debian's nginx under a sub-path, as an intranet server would: pages,
search and the site's own 404 page, in Chromium. nginx runs as this user on 127.0.0.1
with a temporary configuration."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dangjian.app.build import build
from dangjian.app.init import init
from tests import search_ui

NGINX = Path("/usr/sbin/nginx")

pytestmark = [pytest.mark.build, pytest.mark.browser]

CONFIG = """
{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
daemon off;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {root}/tmp;
    proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp;
    scgi_temp_path {root}/tmp;
    server {{
        listen 127.0.0.1:{port};
        location /dangjian/ {{
            alias {site}/;
            error_page 404 /dangjian/404.html;
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):
    if not NGINX.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{NGINX} is missing: install Debian's nginx package")
        pytest.skip(f"{NGINX} is missing")
    root = tmp_path_factory.mktemp("nginx")
    init(root / "project")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/dangjian/"
    build(root / "project" / "mkdocs.yml", root / "site", site_url=base)
    (root / "tmp").mkdir()
    # Started by root (a CI container), nginx's workers would run as nobody, who may not
    # read the temporary directory.
    user = "user root;" if os.geteuid() == 0 else ""
    (root / "nginx.conf").write_text(
        CONFIG.format(user=user, root=root, port=port, site=root / "site"), encoding="utf-8")
    server = subprocess.Popen([str(NGINX), "-c", str(root / "nginx.conf"), "-p", str(root)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except urllib.error.HTTPError:
                raise
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None:
                    pytest.fail("nginx did not start: " + server.stderr.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(root / "tmp", ignore_errors=True)


def test_pages_and_search_work_under_a_sub_path(published, page):
    page.goto(published + "help/")
    assert page.title().startswith("使用帮助")
    stylesheet = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert stylesheet  # Material's stylesheet loaded from /dangjian/assets/
    search_ui.ready(page)
    hits = search_ui.search(page, "离线安装")
    assert any(hit.path == "dangjian/help/guanli/" for hit in hits), hits
    hits = search_ui.search(page, "会议制度")
    assert any(hit.path.startswith("dangjian/regulations/") for hit in hits), hits


def test_a_missing_page_gets_the_sites_styled_404(published, page):
    response = page.goto(published + "no/such/page/")
    assert response is not None and response.status == 404
    assert page.locator(".md-header").count() == 1
    failed = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter((entry) => entry.responseStatus >= 400).map((entry) => entry.name)""")
    assert failed == []
    sheets = page.evaluate("() => [...document.styleSheets].map((s) => s.href)")
    assert any(href and "/dangjian/assets/stylesheets/" in href for href in sheets)


def test_the_sitemap_lists_the_published_pages(published):
    with urllib.request.urlopen(published + "sitemap.xml", timeout=10) as response:
        sitemap = response.read().decode("utf-8")
    assert f"<loc>{published}help/guanli/</loc>" in sitemap
