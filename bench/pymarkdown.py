"""The floor: Python-Markdown alone converting every page of a docs tree in one process.

    python bench/pymarkdown.py DOCS_DIR OUT_DIR

Front matter is stripped as MkDocs strips it; the extensions are those MkDocs always
enables plus ``attr_list``, the same set the plain Material build gets.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import markdown

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list"]


def convert(docs: Path, out: Path) -> dict:
    started = time.perf_counter()
    md = markdown.Markdown(extensions=EXTENSIONS)
    pages = 0
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            text = text[end + 5:] if end >= 0 else text
        html = md.reset().convert(text)
        target = out / path.relative_to(docs).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        pages += 1
    return {"pages": pages, "seconds": time.perf_counter() - started}


if __name__ == "__main__":
    print(json.dumps(convert(Path(sys.argv[1]), Path(sys.argv[2]))))
