"""Fetching Pagefind 1.6.0 by package name, verifying it, caching it, and falling back to
PyPI's build with a clear warning. The registry is a fake one on 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import http.server
import io
import json
import socket
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dangjian.search import pagefind_binary
from dangjian.search.pagefind_binary import VERSION, FetchError

FAKE_BINARY = b"#!/bin/sh\necho 'pagefind 1.6.0'\n"


def tarball(binary: bytes = FAKE_BINARY) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in [("package/package.json", b"{}"),
                           ("package/bin/pagefind_extended", binary)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o755
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


class _Registry(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 — the standard library's name
        body = self.files.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@pytest.fixture
def registry() -> Iterator[tuple[str, dict[str, bytes]]]:
    """A registry on 127.0.0.1 serving the platform's package; tests edit ``files``."""
    files: dict[str, bytes] = {}
    handler = type("Handler", (_Registry,), {"files": files})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    package = pagefind_binary.package_name()
    data = tarball()
    files["/" + package.replace("/", "%2F")] = json.dumps({"versions": {VERSION: {"dist": {
        "tarball": f"{base}-/pagefind-{VERSION}.tgz", "integrity": integrity(data)}}}}).encode()
    files[f"/-/pagefind-{VERSION}.tgz"] = data
    yield base, files
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_override(monkeypatch):
    monkeypatch.delenv(pagefind_binary.OVERRIDE_ENV, raising=False)


def test_fetches_verifies_and_caches_the_binary(registry, tmp_path):
    base, files = registry
    binary = pagefind_binary.locate(tmp_path, base)
    assert binary.version == VERSION and binary.warning is None
    assert binary.path == tmp_path / f"pagefind-{VERSION}" / "pagefind_extended"
    assert binary.path.read_bytes() == FAKE_BINARY
    assert [p.name for p in binary.path.parent.iterdir()] == ["pagefind_extended"]
    files.clear()  # the cache answers from now on, with no registry at all
    again = pagefind_binary.locate(tmp_path, base)
    assert again.path == binary.path and again.warning is None


def test_a_tampered_package_is_refused(registry, tmp_path):
    base, files = registry
    files[f"/-/pagefind-{VERSION}.tgz"] = tarball(b"#!/bin/sh\necho evil\n")
    with pytest.raises(FetchError, match="完整性校验失败"):
        pagefind_binary.fetch(tmp_path / "pagefind_extended", base)
    assert not (tmp_path / "pagefind_extended").exists()


def test_a_package_without_the_version_is_refused(registry, tmp_path):
    base, files = registry
    key = next(k for k in files if not k.endswith(".tgz"))
    files[key] = json.dumps({"versions": {"1.5.0": {}}}).encode()
    with pytest.raises(FetchError, match=f"没有 .* {VERSION}"):
        pagefind_binary.fetch(tmp_path / "pagefind_extended", base)


def test_unreachable_registry_falls_back_to_pypi_with_a_warning(tmp_path):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    binary = pagefind_binary.locate(tmp_path, closed)
    assert binary.version == "1.5.2"
    assert "无法连接 npm 仓库" in binary.warning
    assert "两个维护" in binary.warning and "PAGEFIND_BINARY_PATH" in binary.warning
    assert binary.path.is_file()


def test_override_names_the_binary(tmp_path, monkeypatch):
    script = tmp_path / "pagefind"
    script.write_text("#!/bin/sh\necho 'pagefind 1.6.0'\n")
    script.chmod(0o755)
    monkeypatch.setenv(pagefind_binary.OVERRIDE_ENV, str(script))
    binary = pagefind_binary.locate(tmp_path / "cache", "http://127.0.0.1:9/")
    assert binary.path == script and binary.warning is None
    monkeypatch.setenv(pagefind_binary.OVERRIDE_ENV, str(tmp_path / "missing"))
    with pytest.raises(pagefind_binary.BinaryError, match="PAGEFIND_BINARY_PATH"):
        pagefind_binary.locate(tmp_path / "cache")


def test_integrity_check():
    data = b"some bytes"
    pagefind_binary.verify(data, integrity(data))
    with pytest.raises(FetchError):
        pagefind_binary.verify(data + b"!", integrity(data))
    with pytest.raises(FetchError):
        pagefind_binary.verify(data, "sha1-AAAA")


def test_fallback_is_reported_in_the_build_summary():
    from dangjian.app.build import BuildReport
    from dangjian.app.summary import summary
    from dangjian.search.search_index import IndexReport

    binary = pagefind_binary.Binary(Path("/x"), "1.5.2", "PyPI", warning="无法取得 …")
    report = BuildReport(search=IndexReport(binary, 21, 2251, 5, 0.2, 700_000))
    text = summary(report)
    assert "Pagefind 1.5.2：21 个页面" in text and "警告    无法取得 …" in text


def test_cache_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path / "c"))
    assert pagefind_binary.cache_dir() == tmp_path / "c" / f"pagefind-{VERSION}"
    monkeypatch.delenv("DANGJIAN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert pagefind_binary.cache_dir() == tmp_path / "x" / "dangjian" / f"pagefind-{VERSION}"


def test_fetched_binary_is_written_whole(registry, tmp_path):
    base, _ = registry
    target = tmp_path / "bin" / "pagefind_extended"
    pagefind_binary.fetch(target, base)
    assert target.stat().st_mode & 0o111
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]
