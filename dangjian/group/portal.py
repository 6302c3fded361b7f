"""A group portal: the search box searches the site and every site under ``federation``
at once (Pagefind's merged indexes), each result labelled with its site and the search
page filterable by site (站点).

The build writes the list of sites as a small script, ``_dangjian/federation.js``
(``window.dangjianSites``), loaded before search.js; a site without ``federation`` has no
such file and searches alone. Only sites the browser can reach are listed: a site on
another host must allow this portal's origin (CORS) for its index to load.
"""

from __future__ import annotations

import json

from dangjian.pages.stage import ASSET_DIR, Staged
from dangjian.pipeline.settings import Settings

SCRIPT = f"{ASSET_DIR}/federation.js"


def sites(settings: Settings, site_name: str) -> dict | None:
    """What search.js needs: this site's name and each other site's Pagefind bundle."""
    others = [site for site in settings.group.federation if site.url]
    if not others:
        return None
    return {"self": site_name,
            "sites": [{"name": site.name,
                       "bundle": (site.url or "").rstrip("/") + "/pagefind/"}
                      for site in others]}


def script(data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Names are data from mkdocs.yml: "</" could end a script element that inlined this.
    payload = payload.replace("</", "<\\/")
    return f"window.dangjianSites = {payload};\n"


def stage(staged: Staged, settings: Settings, site_name: str, offline: bool) -> None:
    """Add the federation script to an online variant's staged tree, if it has sites."""
    data = None if offline else sites(settings, site_name)
    if data is None:
        return
    staged.put(SCRIPT, script(data))
    # Before search.js, which is a module and runs after every classic script.
    staged.scripts = [*staged.scripts, SCRIPT]
