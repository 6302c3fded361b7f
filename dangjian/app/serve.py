"""``dangjian serve``: build, serve on 127.0.0.1 and bring the site up to date on edits.

It serves exactly what ``dangjian build`` writes (the same pipeline, the same output
check), rather than MkDocs' own development server, so that what an author previews is
what members get. After an edit only the pages it changed are rendered again
(app/preview.py), and the open page reloads itself: every HTML page served here loads
a small script that asks the server for the site's version (nothing of it is written
into the site). A failed update prints its errors and keeps serving the last good site.
"""

from __future__ import annotations

import functools
import http.server
import threading
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from dangjian.app.build import STAGING_DIR, Say
from dangjian.app.preview import Preview
from dangjian.app.watch import POLL_SECONDS, Watcher
from dangjian.core.diagnostics import ContentError

VERSION_PATH = "/__dangjian/version"
RELOAD_PATH = "/__dangjian/live-reload.js"
RELOAD_TAG = f'<script src="{RELOAD_PATH}"></script>'.encode()


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview | None = None

    def log_message(self, format: str, *args) -> None:  # noqa: A002 — quiet by design
        pass

    def do_GET(self) -> None:  # noqa: N802 — the standard library's name
        path = urlsplit(self.path).path
        if self.preview is not None and path == VERSION_PATH:
            self._send(200, "text/plain; charset=utf-8", str(self.preview.version).encode())
        elif self.preview is not None and path == RELOAD_PATH:
            script = resources.files("dangjian.assets").joinpath("live-reload.js")
            self._send(200, "text/javascript; charset=utf-8", script.read_bytes())
        elif self.preview is not None and (page := self._page(path)) is not None:
            self._send(200, "text/html; charset=utf-8", _with_reload(page.read_bytes()))
        else:
            super().do_GET()

    def _page(self, path: str) -> Path | None:
        """The HTML file a GET of ``path`` serves, if it is one."""
        local = Path(self.translate_path(path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"
        return local if local.suffix == ".html" and local.is_file() else None

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A missing page gets the site's own 404 page, as the published site does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self._send(404, "text/html; charset=utf-8",
                   _with_reload(body) if self.preview is not None else body)


def _with_reload(html: bytes) -> bytes:
    at = html.rfind(b"</body>")
    return html if at < 0 else html[:at] + RELOAD_TAG + html[at:]


def serve(config_file: Path, site_dir: Path | None, host: str, port: int, *, watch: bool,
          say: Say) -> int:
    from dangjian.app.summary import summary

    # Served at the root here, whatever path the site is published at.
    site_url = f"http://{host}:{port}/"
    preview = Preview(config_file, site_dir, site_url, say)
    report = preview.full()
    say(summary(report))
    assert report.site_dir is not None
    handler = functools.partial(type("Handler", (_Handler,), {"preview": preview}),
                                directory=str(report.site_dir))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    say(f"\n预览地址：http://{host}:{port}/   （Ctrl+C 停止）")
    if watch:
        thread = threading.Thread(target=_watch, args=(config_file, preview, say),
                                  daemon=True)
        thread.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _watch(config_file: Path, preview: Preview, say: Say) -> None:
    watcher = Watcher(config_file.resolve().parent, STAGING_DIR, preview.interrupt)
    if not watcher.start():
        say(f"（系统无法通知文件改动，改为每 {POLL_SECONDS} 秒检查一次）")
    while True:
        changed = watcher.wait()
        say("\n内容有改动，正在更新…")
        try:
            update = preview.update(changed)
            if update.full:
                say(f"已重建：{update.pages} 个页面，{update.seconds:.1f} 秒")
            elif update.quick:
                say(f"已更新：{update.pages} 个页面，{update.seconds:.1f} 秒"
                    "（其余页面与搜索索引在停笔后更新）")
            else:
                say(f"已更新：{update.pages} 个页面，{update.seconds:.1f} 秒"
                    "（搜索索引稍后更新）")
        except ContentError as exc:
            for diagnostic in exc.diagnostics:
                say(diagnostic.format())
            say("更新失败，继续提供上一次成功的站点。")
        except Exception as exc:  # noqa: BLE001 — keep serving whatever went wrong
            say(f"更新失败：{exc}")
