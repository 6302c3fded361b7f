"""What a build without PDFs does not pay for."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_a_build_without_pdfs_never_loads_weasyprint():
    """Importing WeasyPrint runs the C compiler's library search for Pango (seconds)."""
    code = ("import sys, dangjian.app.build, dangjian.app.cli, dangjian.pipeline.variant; "
            "print('weasyprint' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert run.stdout.strip() == "False"
