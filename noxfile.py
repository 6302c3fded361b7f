"""Developer sessions: nox -s build | serve | tests | lint | schema | bench | bench_search |
bench_offline | bench_serve."""

from __future__ import annotations

import nox

nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "tests"]


@nox.session
def build(session: nox.Session) -> None:
    """Build the shipped content into site/."""
    session.install("-e", ".")
    session.run("dangjian", "build", *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Build the shipped content and serve it on http://127.0.0.1:8000."""
    session.install("-e", ".")
    session.run("dangjian", "serve", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite (browser tests need Debian's chromium at /usr/bin/chromium)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (style, complexity, the engine-only MkDocs imports) and mypy."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", "dangjian", "tests", "bench", "benchmarks", "noxfile.py")
    session.run("mypy")


@nox.session
def schema(session: nox.Session) -> None:
    """Regenerate the JSON Schema files in schema/ from the models."""
    session.install("-e", ".")
    session.run("dangjian", "schema", "schema")


@nox.session
def bench(session: nox.Session) -> None:
    """Build time against plain Material and Python-Markdown: nox -s bench -- --sizes 500.

    The build's own Pagefind step is measured as part of ours; results go to
    bench/RESULTS.md.
    """
    session.install("-e", ".")
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def bench_search(session: nox.Session) -> None:
    """Search quality (top-three recall and precision, Pagefind 1.6.0 against 1.5.2) and
    cost (index size, bytes per query, time to results) on the shipped content and a
    synthetic corpus; ``-- --pages N`` sets the corpus size (default 2000)."""
    session.install("-e", ".[test]")
    session.run("python", "bench/search_quality.py")
    # The corpus query set (tests/search_queries.py), online and offline.
    session.run("python", "bench/corpus_search.py")
    session.run("python", "bench/search_speed.py", *session.posargs)


@nox.session
def bench_offline(session: nox.Session) -> None:
    """The offline bundle's file:// search: hit rate on the online query set, and zip size,
    index size and time to first results on a synthetic corpus (``-- --pages N``)."""
    session.install("-e", ".[test]")
    session.run("python", "bench/offline_search.py", *session.posargs)


@nox.session
def install_test(session: nox.Session) -> None:
    """Offline installation end to end: a wheelhouse made here installs into a fresh venv
    with pip --no-index and builds with Pagefind 1.6.0, npm and PyPI unreachable."""
    session.install("-e", ".[test]")
    session.run("pytest", "tests/test_wheelhouse.py", env={"DANGJIAN_INSTALL_TEST": "1"})


@nox.session
def bench_serve(session: nox.Session) -> None:
    """``dangjian serve``: seconds from editing one regulation to its page ready for the
    reload, median of ten edits (``-- --pages N``, default 2000; ``-- --pause 5``: each
    edit lands while the rest of the site settles after the one before)."""
    session.install("-e", ".")
    session.run("python", "bench/serve_edit.py", *session.posargs)
