"""Stage a project the way ``dangjian build`` does and write what plain Material needs to
build the very same tree: ``mkdocs.yml`` files with the staged navigation, the project's
Markdown extensions and theme features, and the Pagefind command line the build uses.

    python bench/staged.py PROJECT OUT_DIR

Writes into OUT_DIR:

- ``plain.yml``: Material with its own search plugin (lunr);
- ``plain-nosearch.yml``: Material without a search plugin, for Pagefind to index after;
- ``pagefind.json``: the Pagefind 1.6.0 command (binary and our flags) without ``--site``;
- ``docs`` is the staged tree itself (``PROJECT/.dangjian/docs``), named in the configs.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

from dangjian.engine import render as engine
from dangjian.pipeline import variant as variants
from dangjian.pipeline.prepare import prepare
from dangjian.search import pagefind_binary, search_index

_TOP_LEVEL = re.compile(r"^(?P<key>[a-z_]+):", re.MULTILINE)
REPLACED = ("plugins", "docs_dir", "site_dir", "nav", "extra_css", "extra_javascript")


def _without_keys(text: str, keys: tuple[str, ...]) -> str:
    """The project's mkdocs.yml text without the given top-level keys (their whole
    blocks); kept as text because its toc slugify is a Python tag no safe loader reads."""
    starts = [(m.start(), m.group("key")) for m in _TOP_LEVEL.finditer(text)]
    out, cursor = [], 0
    for i, (start, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        if key in keys:
            out.append(text[cursor:start])
            cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _plain_nav(entry):
    if isinstance(entry, str):
        return entry
    return {str(title): [_plain_nav(child) for child in value] if isinstance(value, list)
            else value for title, value in entry.items()}


def main(project: Path, out: Path) -> None:
    config_file = project / "mkdocs.yml"
    config, settings = engine.load(config_file)
    prepared = prepare(settings, None, None)
    prepared.raise_if_failed()
    variant = variants.for_prepared(prepared, False)
    staged = variants.stage_variant(prepared, variant, bool(config.use_directory_urls))
    out.mkdir(parents=True, exist_ok=True)
    base = _without_keys(config_file.read_text(encoding="utf-8"), REPLACED)
    shared = {
        "docs_dir": str(staged.docs_dir),
        "site_dir": "site",
        "nav": [_plain_nav(entry) for entry in staged.nav],
        "extra_css": list(staged.stylesheets),
        "extra_javascript": list(staged.scripts),
    }
    for name, plugins in (("plain.yml", ["search"]), ("plain-nosearch.yml", [])):
        extra = yaml.safe_dump({**shared, "plugins": plugins}, allow_unicode=True,
                               sort_keys=False)
        (out / name).write_text(base.rstrip() + "\n\n" + extra, encoding="utf-8")
    binary = pagefind_binary.locate()
    command = [str(binary.path), "--output-subdir", search_index.OUTPUT_SUBDIR]
    for selector in search_index.EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    (out / "pagefind.json").write_text(json.dumps({"version": binary.version,
                                                   "command": command}), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
