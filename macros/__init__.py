"""Jinja functions that authors call from their pages (mkdocs-macros).

    {{ metadata_card("zhibu-gongzuo-tiaoli") }}
    {{ work_items("x-2020") }}
    {{ doc_link("zhibu-gongzuo-tiaoli") }}

They read the same inventory as the build, so what they show can never disagree
with the generated pages.
"""

from __future__ import annotations

from dangjian.pages.macro_functions import functions


def define_env(env) -> None:
    for name, function in functions(env).items():
        env.macro(function, name)
