"""``dangjian serve``: build, serve on 127.0.0.1 and rebuild when content changes.

It serves exactly what ``dangjian build`` writes (the same pipeline, search index
included), rather than MkDocs' own development server, so that what an author previews
is what members get. A failed rebuild prints its errors and keeps serving the last good
site.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from dangjian.app.build import STAGING_DIR, Say, build
from dangjian.core.diagnostics import ContentError

WATCHED = ("docs", "data", "overrides", "mkdocs.yml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 — quiet by design
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A missing page gets the site's own 404 page, as the published site does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(config_file: Path, site_dir: Path | None, host: str, port: int, *, watch: bool,
          say: Say) -> int:
    from dangjian.app.summary import summary

    # Served at the root here, whatever path the site is published at.
    site_url = f"http://{host}:{port}/"
    report = build(config_file, site_dir, say=say, site_url=site_url)
    say(summary(report))
    assert report.site_dir is not None
    root = report.site_dir
    handler = functools.partial(_Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    say(f"\n预览地址：http://{host}:{port}/   （Ctrl+C 停止）")
    if watch:
        thread = threading.Thread(target=_watch, args=(config_file, site_dir, site_url, say),
                                  daemon=True)
        thread.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _snapshot(root: Path) -> dict[str, float]:
    stamps: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            stamps[str(path)] = path.stat().st_mtime
        elif path.is_dir():
            for child in path.rglob("*"):
                if STAGING_DIR not in child.parts and child.is_file():
                    stamps[str(child)] = child.stat().st_mtime
    return stamps


def _watch(config_file: Path, site_dir: Path | None, site_url: str, say: Say) -> None:
    root = config_file.resolve().parent
    seen = _snapshot(root)
    while True:
        time.sleep(1.0)
        now = _snapshot(root)
        if now == seen:
            continue
        seen = now
        say("\n内容有改动，重新构建…")
        try:
            report = build(config_file, site_dir, say=say, site_url=site_url)
            say(f"已重建：{report.pages_written} 个页面，{report.seconds:.1f} 秒")
        except ContentError as exc:
            for diagnostic in exc.diagnostics:
                say(diagnostic.format())
            say("重建失败，继续提供上一次成功的站点。")
        except Exception as exc:  # noqa: BLE001 — keep serving whatever went wrong
            say(f"重建失败：{exc}")
