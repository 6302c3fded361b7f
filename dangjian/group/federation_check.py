"""``dangjian check --federation``: consistency across the sites of a group.

For a site that cites into libraries: a document of its own that has a library
document's title (a local copy of a shared regulation, which wins over the library and
goes stale), and citations of a library edition that a later one has superseded. For a
library: its documents that no registered site cites (from the inventories of the sites
named under ``federation``, copied by ``dangjian libraries refresh``).
"""

from __future__ import annotations

from dangjian.core.diagnostics import Diagnostics
from dangjian.pipeline.prepare import Prepared

FIELD = "federation"


def check(prepared: Prepared) -> Diagnostics:
    diagnostics = Diagnostics()
    _collisions(prepared, diagnostics)
    _superseded(prepared, diagnostics)
    _uncited(prepared, diagnostics)
    return diagnostics


def _collisions(prepared: Prepared, diagnostics: Diagnostics) -> None:
    libraries = prepared.refs.libraries
    if libraries is None:
        return
    for doc in prepared.content.inventory.documents:
        if doc.is_edition:
            continue
        for index, name in enumerate((doc.title, *getattr(doc.meta, "aliases", ()))):
            found = libraries.lookup(name)
            if not found:
                continue
            path = ("title",) if index == 0 else ("aliases", index - 1)
            names = "、".join(f"“{d.library}”的《{d.entry.title}》" for d in found)
            diagnostics.warning(doc.source, doc.lines.line_of(path), path[0],
                                f"《{name}》与法规库中的文件同名（{names}）：本站的文件优先，"
                                "引用不会指向法规库；若是共用法规的本地副本，请删除它，"
                                "改为引用法规库")
            break


def _superseded(prepared: Prepared, diagnostics: Diagnostics) -> None:
    today = prepared.refs.today
    for cite in prepared.refs.library_items:
        doc = cite.doc
        status = doc.entry.status
        if status == "已废止":
            diagnostics.warning(cite.source, cite.line, FIELD,
                                f"{cite.written}：法规库“{doc.library}”中的"
                                f"《{doc.entry.title}》已废止")
            continue
        current = doc.current(today)
        if cite.edition is None or current is None or current.key == cite.edition:
            continue
        cited = doc.edition(cite.edition)
        label = cited.label if cited else cite.edition
        diagnostics.warning(cite.source, cite.line, FIELD,
                            f"{cite.written}：引用的是法规库“{doc.library}”中"
                            f"《{doc.entry.title}》的{label}版本，已被{current.label}版本取代")


def _uncited(prepared: Prepared, diagnostics: Diagnostics) -> None:
    settings = prepared.settings
    elsewhere = prepared.refs.cited_elsewhere
    for index, path, why in elsewhere.unreadable:
        site = settings.group.federation[index]
        diagnostics.error(settings.project.shown(path), 0, f"federation.{index}",
                          f"站点“{site.name}”的目录无法使用：{why}；"
                          "请运行 dangjian libraries refresh")
    registered = elsewhere.registered
    if not registered:
        return
    cited = set(elsewhere.by_id)
    cited |= {ref.target.id for ref in prepared.refs.items}
    cited |= {ref.target.work.id for ref in prepared.refs.items if ref.target.work}
    for doc in prepared.content.inventory.documents:
        if doc.is_edition or not doc.kind.cite_as_book or doc.id in cited:
            continue
        diagnostics.warning(doc.source, doc.lines.line_of(("title",)), FIELD,
                            f"《{doc.title}》：登记的 {registered} 个站点都没有引用它")
