"""The floor: Python-Markdown alone converting every page of the staged tree in one process.

    python bench/pymarkdown.py PLAIN_MKDOCS_YML OUT_DIR

The tree and the extensions (with their settings) are those of the given ``mkdocs.yml``
(written by ``bench/staged.py``): the staged Markdown MkDocs actually converts, with
the project's extensions plus those MkDocs always enables. Front matter is stripped as
MkDocs strips it. No templates, no navigation, no links resolved: the least any engine
must do to turn this Markdown into HTML.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import markdown
from mkdocs.config import load_config
from mkdocs.utils import meta


def convert(config_file: Path, out: Path) -> dict:
    config = load_config(config_file=str(config_file))
    started = time.perf_counter()
    md = markdown.Markdown(extensions=config.markdown_extensions,
                           extension_configs=config.mdx_configs or {})
    docs = Path(config.docs_dir)
    pages = 0
    for path in sorted(docs.rglob("*.md")):
        text, _ = meta.get_data(path.read_text(encoding="utf-8-sig"))
        html = md.reset().convert(text)
        target = out / path.relative_to(docs).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        pages += 1
    return {"pages": pages, "seconds": time.perf_counter() - started}


if __name__ == "__main__":
    print(json.dumps(convert(Path(sys.argv[1]), Path(sys.argv[2]))))
