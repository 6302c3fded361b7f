"""A generated group of sites: one library of regulations and many subsidiary sites that
cite into it, all searched at once from one portal.

    python bench/group.py [--library 500] [--sites 30] [--pages 300]

Reports, with the real pipeline on this machine:

- one subsidiary's build time with and without the library (the same project; without
  it, its citations of the library are reported as unresolved instead of linked),
- the size of the library's inventory (_dangjian/inventory.json),
- for a portal whose search merges all sites (the subsidiary itself, the library and the
  other subsidiaries, via Pagefind's mergeIndex): bytes fetched for one query and the
  time from the keypress to the first result in Chromium, cold and warm (measured as in
  bench/search_speed.py, median of three fresh visits).

Every site is built independently (one after the other here; any CI may build them in
parallel on several machines) and served from one host under /lib/, /s01/, /s02/ ….
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from corpus import generate
from search_site import ROOT, chromium, served
from search_speed import one_visit

from dangjian.app import cli
from dangjian.app.build import build

LIBRARY_NAME = "集团法规库"
QUERIES = ["临时党支部", "三会一课", "两个维护", "党费", "请示报告工作规定"]
CITES_PER_PAGE = 2


def library_project(root: Path, regulations: int) -> tuple[Path, list[str]]:
    """A library of exactly ``regulations`` regulations (the generator's other pages are
    dropped); returns its mkdocs.yml and the regulations' titles."""
    pages = regulations * 100 // 80 + 10
    config = generate(root, pages, seed=7) / "mkdocs.yml"
    for folder in ("study", "workplans"):
        for path in (root / "docs" / folder).glob("*.md"):
            path.unlink()
    (root / "data" / "publications.yml").unlink()
    regs = sorted((root / "docs" / "regulations").glob("*.md"))
    for path in regs[regulations:]:
        path.unlink()
        shutil.rmtree(path.with_suffix(""), ignore_errors=True)  # a work's editions
    titles = [_title(path) for path in regs[:regulations]]
    _name(config, LIBRARY_NAME)
    return config, titles


def subsidiary_project(root: Path, number: int, pages: int,
                       library_titles: list[str]) -> Path:
    """A subsidiary of ``pages`` pages whose documents also cite the library."""
    config = generate(root, pages, seed=1000 + number) / "mkdocs.yml"
    own = {_title(path) for path in (root / "docs" / "regulations").glob("*.md")}
    shared = [title for title in library_titles if title not in own]
    rng = random.Random(number)
    for path in sorted((root / "docs").rglob("*.md")):
        if path.name == "index.md":
            continue
        cites = "、".join(f"《{rng.choice(shared)}》第{rng.choice('一二三')}条"
                         for _ in range(CITES_PER_PAGE))
        path.write_text(path.read_text(encoding="utf-8") + f"\n依据集团{cites}执行。\n",
                        encoding="utf-8")
    _name(config, f"第{number}分公司党委")
    return config


def with_library(config: Path, library_site: Path,
                 federation: list[tuple[str, str]] | None = None) -> None:
    extra = (f"      libraries:\n        - name: {LIBRARY_NAME}\n          url: /lib/\n"
             f"          path: {library_site}\n")
    if federation:
        extra += "      federation:\n" + "".join(
            f"        - name: {name}\n          url: /{folder}/\n"
            for name, folder in federation)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      data_dir: data\n", "      data_dir: data\n" + extra, 1),
                      encoding="utf-8")
    assert cli.main(["-f", str(config), "libraries", "refresh"]) == 0


def _name(config: Path, name: str) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: 党建知识站", f"site_name: {name}", 1),
                      encoding="utf-8")


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("title: "):
            return line.removeprefix("title: ").strip().strip('"')
    raise ValueError(path)


def _timed(config: Path, site: Path) -> float:
    started = time.monotonic()
    build(config, site)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=int, default=500, help="regulations in the library")
    parser.add_argument("--sites", type=int, default=30, help="subsidiary sites")
    parser.add_argument("--pages", type=int, default=300, help="pages per subsidiary")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    parser.add_argument("--runs", type=int, default=2,
                        help="builds of the subsidiary with and without the library (median)")
    parser.add_argument("--builds-only", action="store_true",
                        help="only the library and one subsidiary's builds, no search")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dangjian-group-") as temp:
        work = args.keep or Path(temp)
        www = work / "www"
        say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
        library, titles = library_project(work / "lib", args.library)
        library_seconds = _timed(library, www / "lib")
        inventory = (www / "lib" / "_dangjian" / "inventory.json").read_bytes()
        say(f"library: {len(titles)} regulations built in {library_seconds:.1f} s")

        # One subsidiary, built the same way with and without the library (median).
        first = subsidiary_project(work / "s01", 1, args.pages, titles)
        without = statistics.median(_timed(first, work / "s01-alone") for _ in range(args.runs))
        sites = [(f"第{n}分公司党委", f"s{n:02d}") for n in range(2, args.sites + 1)]
        with_library(first, www / "lib", [(LIBRARY_NAME, "lib"), *sites])
        with_lib = statistics.median(_timed(first, www / "s01") for _ in range(args.runs))
        say(f"s01: {without:.1f} s alone, {with_lib:.1f} s with the library")

        if args.builds_only:
            print(f"| one subsidiary ({args.pages} pages), without / with the library of "
                  f"{len(titles)} | {without:.1f} s / {with_lib:.1f} s |")
            print(f"| library inventory | {len(inventory) / 1024:.0f} KB |")
            return 0
        others = []
        for number in range(2, args.sites + 1):
            config = subsidiary_project(work / f"s{number:02d}", number, args.pages, titles)
            with_library(config, www / "lib")
            others.append(_timed(config, www / f"s{number:02d}"))
            say(f"s{number:02d}: {others[-1]:.1f} s")

        with served(www) as url, chromium() as browser:
            visits = [one_visit(browser, url + "s01/", QUERIES) for _ in range(3)]
        best = {key: statistics.median(v[key] for v in visits) for key in visits[0]}

    print(f"| group | library of {len(titles)} regulations + {args.sites} sites × "
          f"{args.pages} pages |")
    print("| --- | --- |")
    print(f"| one subsidiary's build, without the library | {without:.1f} s |")
    print(f"| the same build, with the library (and a portal of {args.sites + 1} sites) | "
          f"{with_lib:.1f} s |")
    if others:
        print(f"| other subsidiaries' builds (median) | {statistics.median(others):.1f} s |")
    print(f"| library build | {library_seconds:.1f} s |")
    print(f"| library inventory | {len(inventory) / 1024:.0f} KB "
          f"({len(gzip.compress(inventory)) / 1024:.0f} KB gzipped) |")
    print(f"| search UI scripts per page | {best['ui_bytes'] / 1024:.0f} KB |")
    print(f"| fetched for one query over {args.sites + 1} sites | "
          f"{best['query_bytes'] / 1024:.0f} KB |")
    print(f"| first result, cold / warm | {best['cold_ms']:.0f} ms / {best['warm_ms']:.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
