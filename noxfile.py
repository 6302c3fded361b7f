"""Developer sessions: nox -s build | serve | tests | lint | schema | bench."""

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
    session.install("ruff")
    session.run("ruff", "check", "dangjian", "macros", "tests", "bench", "noxfile.py")


@nox.session
def schema(session: nox.Session) -> None:
    """Regenerate the JSON Schema files in schema/ from the models."""
    session.install("-e", ".")
    session.run("dangjian", "schema", "schema")


@nox.session
def bench(session: nox.Session) -> None:
    """Build time against plain Material and Python-Markdown: nox -s bench -- --sizes 500.

    Pagefind is installed so that the index step is measured even where the build has
    none of its own yet; results go to bench/RESULTS.md.
    """
    session.install("-e", ".", "pagefind[extended]")
    session.run("python", "bench/run.py", *session.posargs)
