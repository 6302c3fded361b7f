"""The hostile corpus (tests/hostile_corpus.py) through the real build: each input is
refused with a Chinese ``file:line: 错误:`` and exit 1, leaving the last good site
byte-identical, or builds a site in which the output firewall finds nothing and whose pages
open in Chromium with no dialog and no navigation. No input runs a command."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from dangjian.app import cli
from dangjian.safety.firewall import check_site

from .conftest import write_project
from .hostile_corpus import BASE, BUILT, CASES, REFUSED, Case

LAST_GOOD = {"index.html": b"<!doctype html><title>last good</title>", "a/b.txt": b"kept"}
# A refusal names the file and, when there is one, the line: "docs/x.md:12: 错误: field: …"
REFUSAL_LINE = re.compile(r"^\S+?(:\d+)?: 错误: \S")


@dataclass
class Outcome:
    code: int
    output: str
    site: Path
    ran_command: bool
    site_untouched: bool


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def run_case(case: Case, root: Path) -> Outcome:
    flag = root.parent / f"{root.name}.ran"
    files = {name: data.replace("{flag}", str(flag)) if isinstance(data, str) else data
             for name, data in {**BASE, **case.files}.items()}
    for name in case.remove:
        files.pop(name, None)
    write_project(root, files)
    site = root / "site"
    for name, data in LAST_GOOD.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["-f", str(root / "mkdocs.yml"), "build"])
    return Outcome(code, out.getvalue(), site, flag.exists(), snapshot(site) == LAST_GOOD)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    base = tmp_path_factory.mktemp("hostile")
    return {case.id: run_case(case, base / case.id) for case in CASES}


def test_the_corpus_is_large_and_names_are_unique():
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_is_refused_or_built_clean(outcomes, case):
    outcome = outcomes[case.id]
    assert not outcome.ran_command, "a template in content ran a command"
    assert "Traceback" not in outcome.output and "内部错误" not in outcome.output, outcome.output
    if case.expect == REFUSED:
        assert outcome.code == 1, outcome.output
    elif case.expect == BUILT:
        assert outcome.code == 0, outcome.output
    if outcome.code == 0:
        assert check_site(outcome.site) == []
    else:
        assert outcome.code == 1, outcome.output
        refusals = [line for line in outcome.output.splitlines() if REFUSAL_LINE.match(line)]
        assert refusals, outcome.output
        assert outcome.site_untouched


PAGES_A_SITE = 8
"""A hostile value lands on the pages it changes; a title changes every page's navigation,
so a few of them show it as well as all would."""


def pages_to_open(site: Path, baseline: dict[str, bytes]) -> list[Path]:
    """The pages of ``site`` that differ from the same project without the hostile input."""
    changed = [page for page in sorted(site.rglob("*.html")) if "pagefind" not in page.parts
               and baseline.get(page.relative_to(site).as_posix()) != page.read_bytes()]
    return changed[:PAGES_A_SITE]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    outcome = run_case(Case("baseline", {}), tmp_path_factory.mktemp("base") / "baseline")
    assert outcome.code == 0, outcome.output
    return {path: data for path, data in snapshot(outcome.site).items()
            if path.endswith(".html")}


@pytest.mark.browser
def test_accepted_pages_open_without_dialog_or_navigation(outcomes, baseline, browser):
    accepted = {name: outcome.site for name, outcome in outcomes.items() if outcome.code == 0}
    assert accepted
    root = next(iter(accepted.values())).parent.parent
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    dialogs: list[str] = []
    outside: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    context.route("**/*", lambda route: (
        route.continue_() if route.request.url.startswith(base)
        else (outside.append(route.request.url), route.abort())))
    tab = context.new_page()
    try:
        for name, site in accepted.items():
            for page in pages_to_open(site, baseline):
                url = f"{base}/{page.relative_to(root).as_posix()}"
                tab.goto(url, wait_until="load")
                tab.wait_for_timeout(30)
                assert tab.url == url, f"{name}: navigated to {tab.url}"
        assert dialogs == [] and outside == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass
