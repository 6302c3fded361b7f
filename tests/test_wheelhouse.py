"""Offline installation: a wheelhouse made here installs into a fresh virtual environment
with ``pip --no-index`` (its install.sh), and a site then builds with Pagefind 1.6.0
although the npm registry and PyPI are unreachable and HOME holds no cache.

The install takes about a minute on two cores: it runs in CI (``CI=true``) and when
``DANGJIAN_INSTALL_TEST=1`` (``nox -s install_test``); what goes into the wheelhouse is
checked on every run."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

CLOSED = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dangjian.app.wheelhouse import wheelhouse

    out = tmp_path_factory.mktemp("wheelhouse")
    major, minor = sys.version_info[:2]
    made = wheelhouse(out, f"{major}.{minor}", [])
    assert made.pagefind == "1.6.0"
    return out


def test_the_wheelhouse_holds_every_wheel_the_binary_and_the_scripts(wheels):
    names = {path.name.split("-")[0].lower() for path in wheels.glob("*.whl")}
    assert {"dangjian", "mkdocs", "mkdocs_material", "pydantic", "pydantic_core",
            "pagefind_bin_extended", "cryptography"} <= names
    assert (wheels / "pagefind" / "pagefind_extended").is_file()
    script = (wheels / "install.sh").read_text(encoding="utf-8")
    assert "--no-index" in script and "share/dangjian/pagefind-1.6.0" in script
    assert (wheels / "install.cmd").is_file()


@pytest.mark.skipif(os.environ.get("DANGJIAN_INSTALL_TEST") != "1"
                    and os.environ.get("CI", "").lower() != "true",
                    reason="about a minute: CI=true or DANGJIAN_INSTALL_TEST=1 runs it")
def test_an_offline_machine_installs_and_builds_with_full_search(wheels, tmp_path):
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    offline = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8",
               "HTTPS_PROXY": CLOSED, "HTTP_PROXY": CLOSED, "https_proxy": CLOSED,
               "http_proxy": CLOSED, "PIP_NO_CACHE_DIR": "1", "PYTHON": str(python)}
    (tmp_path / "home").mkdir()
    subprocess.run(["sh", str(wheels / "install.sh")], env=offline, check=True,
                   capture_output=True, timeout=600)
    dangjian = environment / "bin" / "dangjian"
    subprocess.run([str(dangjian), "init", "site"], env=offline, cwd=tmp_path, check=True,
                   capture_output=True, timeout=60)
    run = subprocess.run([str(dangjian), "build"], env=offline, cwd=tmp_path / "site",
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Pagefind 1.6.0" in run.stdout
    assert "  警告    0" in run.stdout
    assert not (tmp_path / "home" / ".cache").exists()  # nothing was fetched
