"""An offline bundle of several sites of a group: the portal at the root of the zip, each
other site in ``sites/<folder>/``, and one search over all of them from ``file://``.

The offline search is a plain script of every site's sections (``offline_search``), so
merging is data work: the other sites' pages join the portal's index with their folder
in front of their URLs and the index of their site name, which the browser shows on each
result and offers as a filter. Each site is built by the ordinary offline build (every
check included); the bundle itself is assembled and signed as a single site's is.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dangjian.core.diagnostics import ContentError, Diagnostic
from dangjian.offline import bundle as single
from dangjian.offline import offline_search, signing
from dangjian.safety import firewall

SITES_DIR = "sites"
_PREFIX = "window.DJ_SEARCH="


@dataclass(frozen=True)
class Site:
    name: str
    folder: str
    """Where its files are in the bundle, relative to the portal ("" for the portal)."""
    files: dict[str, bytes]


def folder_for(config_file: Path, taken: set[str]) -> str:
    """A folder name for a site: its project folder's name, in safe ASCII, made unique."""
    stem = re.sub(r"[^a-z0-9-]+", "-", config_file.resolve().parent.name.lower()).strip("-")
    stem = stem or "site"
    name, number = stem, 2
    while name in taken:
        name, number = f"{stem}-{number}", number + 1
    taken.add(name)
    return name


def read_index(files: dict[str, bytes]) -> dict:
    text = files[offline_search.INDEX_FILE].decode("utf-8").strip()
    return json.loads(text.removeprefix(_PREFIX).removesuffix(";"))


def merge(sites: list[Site]) -> str:
    """One offline search index over ``sites`` (the portal first)."""
    pages: list[list] = []
    records: list[list] = []
    for number, site in enumerate(sites):
        index = read_index(site.files)
        offset = len(pages)
        prefix = f"{site.folder}/" if site.folder else ""
        pages += [[prefix + page[0], *page[1:6], number] for page in index["pages"]]
        records += [[record[0] + offset, *record[1:]] for record in index["records"]]
    payload = json.dumps({"pages": pages, "records": records,
                          "sites": [site.name for site in sites]},
                         ensure_ascii=False, separators=(",", ":"))
    return f"{_PREFIX}{payload};\n"


def bundle_group(config_file: Path, others: list[Path], out_dir: Path, name: str | None,
                 say, audience: str | None = None, sign: Path | None = None,
                 pdf: bool = False, version: str | None = None,
                 since: Path | None = None) -> single.BundleInfo:
    """The first site is the bundle's own: its 版本号, changes (``version``, ``since``,
    see bundle.bundle) and PDFs; the others come as they are built."""
    from dangjian.app.build import build
    from dangjian.engine import render as engine
    from dangjian.pipeline.release import Request

    key = signing.load_private(sign) if sign else None
    built = single.build_time()
    counts: Counter = Counter()
    sites: list[Site] = []
    taken: set[str] = set()
    edition = ""
    with tempfile.TemporaryDirectory(prefix="dangjian-bundle-") as temp:
        for number, project in enumerate([config_file, *others]):
            say(f"构建站点 {project}…")
            config, _ = engine.load(project, offline=True)
            own = number == 0
            report = build(project, Path(temp) / f"site-{number}", say=say, offline=True,
                           audience=audience, pdf=pdf and own,
                           release=Request(version=version, since=since, bundle=True)
                           if own else None)
            assert report.site_dir is not None and report.release is not None
            if own:
                edition = single.edition_text(report.release)
            counts += report.documents
            folder = "" if number == 0 else f"{SITES_DIR}/{folder_for(project, taken)}"
            sites.append(Site(str(config.site_name), folder, single.read_site(report.site_dir)))
    files: dict[str, bytes] = {}
    for site in sites:
        prefix = f"{site.folder}/" if site.folder else ""
        files |= {prefix + path: data for path, data in site.files.items()}
    files[offline_search.INDEX_FILE] = merge(sites).encode("utf-8")
    _check(files[offline_search.INDEX_FILE])
    root = config_file.resolve().parent
    files = single.assemble(files, counts, single.source_commit(root), built, key, edition)
    single.check_added(files)
    default = f"dangjian-group-{built:%Y%m%d}" + (f"-{audience}" if audience else "")
    stem = (name or default).removesuffix(".zip")
    target = (out_dir if out_dir.is_absolute() else root / out_dir) / f"{stem}.zip"
    single.write_zip(target, stem, files, built)
    return single.BundleInfo(target, len(files), target.stat().st_size)


def _check(index: bytes) -> None:
    """The merged index is new output: it goes through the firewall like every file."""
    found = firewall.check_file(offline_search.INDEX_FILE, index)
    if found:
        raise ContentError([Diagnostic(f.path, f.line or 0, "发布检查", f.message)
                            for f in found])
