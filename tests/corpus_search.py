"""The offline search run in Node on the corpus texts, without building a site.

Every corpus text and the seed are imported (``dangjian import``'s own conversion), staged
as the site stages them (``regtext`` / ``workplan``), and cut into the records the offline
index holds: the page's head and one record per heading with an anchor (编, 章, 条, work
item). ``run`` answers queries with ``dangjian/assets/offline-search.js`` itself, loaded
into Node with the table of ``fold.js`` and ``search-rank.js``, so the measured ranking is
the shipped one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from dangjian.core import ui
from dangjian.core.diagnostics import Diagnostics
from dangjian.importer import Source, convert, import_files
from dangjian.load import frontmatter
from dangjian.offline import offline_search
from dangjian.text import headings, regtext, script, workplan

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests/fixtures/shared/corpus"
SEED = ROOT / "tests/fixtures/shared/seed/workpoints-2020.txt"
ASSETS = ROOT / "dangjian/assets"
NODE = shutil.which("node")
NO_NODE = NODE is None and os.environ.get("CI", "").lower() != "true"
"""Skip the Node tests where Node is missing, except under CI=true, where they fail."""

_DRIVER = r"""
const fs = require("fs");
const [index, queries, assets, fold, ui] = process.argv.slice(2);
globalThis.window = globalThis;
const stub = { appendChild(node) { if (node.onload) node.onload(); },
  addEventListener() {}, querySelector() { return null; } };
globalThis.document = { getElementById() { return null; }, addEventListener() {},
  querySelector() { return null; }, head: stub, body: stub,
  createElement() { return {}; } };
require(ui);
window.DJ_SEARCH = JSON.parse(fs.readFileSync(index, "utf8"));
require(fold);
if (fs.existsSync(assets + "/search-rank.js")) require(assets + "/search-rank.js");
require(assets + "/offline-search.js");
(async () => {
  const out = [];
  for (const q of JSON.parse(fs.readFileSync(queries, "utf8"))) {
    const hits = await window.djSearch.search(q);
    out.push(hits.slice(0, 3).map((h) => [window.DJ_SEARCH.pages[h.page][0],
      h.subs.map((s) => window.DJ_SEARCH.records[s.record][1])]));
  }
  process.stdout.write(JSON.stringify(out));
})();
"""


SECOND_EXCERPTS = ("reg-zhibu-gongzuo-tiaoli-part-b", "reg-qingshi-baogao-tiaoli-part-ch4")


def _import(paths: list[Path], project: Path) -> None:
    cwd = Path.cwd()
    os.chdir(project)
    try:
        for report in import_files(paths, strip_glosses=True):
            assert report.written, report.format()
    finally:
        os.chdir(cwd)


def make_project(root: Path, extra: tuple[tuple[str, str], ...] = ()) -> Path:
    """A project at ``root`` holding every corpus text and the seed, and ``extra`` (file
    name, text), imported."""
    from .conftest import write_project

    write_project(root, {f"incoming/{name}": text for name, text in extra})
    paths = [*sorted(CORPUS.glob("*.txt")), SEED,
             *(root / "incoming" / name for name, _ in extra)]
    # Two excerpts of one regulation share its title, which a site refuses (and the
    # importer would offer to add as an edition): the second of each is imported on its
    # own and told apart as such.
    aside = root.with_name(root.name + "-second")
    (aside / "docs").mkdir(parents=True, exist_ok=True)
    _import([p for p in paths if p.stem not in SECOND_EXCERPTS], root)
    _import([p for p in paths if p.stem in SECOND_EXCERPTS], aside)
    for name in SECOND_EXCERPTS:
        text = (aside / "docs/regulations" / f"{name}.md").read_text("utf-8")
        title = re.search(r"^title: (.*?)(  #.*)?$", text, re.M)
        assert title is not None
        (root / "docs/regulations" / f"{name}.md").write_text(
            text.replace(title.group(0), f"title: {title.group(1)}（另一节选）", 1), "utf-8")
    return root


def _records(page: int, title: str, staged: str) -> list[list]:
    records = [[page, "", title, []]]
    for line in staged.split("\n"):
        heading = headings.parse(line)
        if heading is not None and heading.anchor:
            records.append([page, heading.anchor, heading.text, []])
        elif line.strip() and not line.startswith("#"):
            records[-1][3].append(line.strip())
    return [offline_search.record(p, a, h, " ".join(text)) for p, a, h, text in records]


@cache
def index(extra: tuple[tuple[str, str], ...] = ()) -> dict:
    """The offline index of the corpus and the seed, and of ``extra`` (name, text)."""
    pages: list[list] = []
    records: list[list] = []
    texts = [(path.name, path.read_text("utf-8"))
             for path in [*sorted(CORPUS.glob("*.txt")), SEED]]
    for name, text in [*texts, *extra]:
        path = Path(name)
        conversion = convert(Source.from_text(path.name, text, "UTF-8"), "auto", path.name,
                             strip_glosses=True)
        assert conversion.text is not None, conversion.report.format()
        split = frontmatter.split(conversion.text)
        if "year:" in (split.meta_text or ""):
            plan = workplan.parse(split.body, 1, 2020, path.name, Diagnostics())
            staged = plan.staged()
        else:
            staged = regtext.parse(split.body).staged
        page = len(pages)
        kind = conversion.report.kind
        pages.append([path.stem, conversion.title, kind.search_type if kind else "", "", "", 0])
        records += _records(page, conversion.title, staged)
    return {"pages": pages, "records": records}


def run(queries: list[str], assets: Path = ASSETS,
        extra: tuple[tuple[str, str], ...] = (),
        built: dict | None = None) -> list[list[tuple[str, list[str]]]]:
    """The first three pages (file stem, sub-result anchors) for every query; ``assets``:
    the folder of the scripts to measure (another version's, to compare); ``built``: an
    index read from a built site instead (``offline_search.build_index``)."""
    assert NODE is not None
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        data = built if built is not None else index(extra)
        (folder / "index.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        (folder / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
        (folder / "fold.js").write_text(script.fold_script(), "utf-8")
        (folder / "driver.js").write_text(_DRIVER, "utf-8")
        (folder / "ui.js").write_text(ui.script(), "utf-8")
        done = subprocess.run([NODE, str(folder / "driver.js"), str(folder / "index.json"),
                               str(folder / "queries.json"), str(assets),
                               str(folder / "fold.js"), str(folder / "ui.js")],
                              capture_output=True, text=True, check=True, timeout=120)
    return [[(path, anchors) for path, anchors in hits] for hits in json.loads(done.stdout)]
