"""The metadata card shown under a document's title, and its status badge."""

from __future__ import annotations

import datetime as dt
from html import escape

from dangjian.core.documents import Document
from dangjian.core.model import Status, TextCoverage
from dangjian.text import passages, reading_time

STATUS_CLASS = {
    Status.IN_FORCE: "in-force",
    Status.AMENDED: "amended",
    Status.ABOLISHED: "abolished",
    Status.UNVERIFIED: "unverified",
}

UNKNOWN = "未注明"


def status_badge(status: Status) -> str:
    return f'<span class="dj-status dj-status--{STATUS_CLASS[status]}">{status.value}</span>'


def _value(value: object) -> str:
    if value is None or value == "":
        return f'<span class="dj-unknown">{UNKNOWN}</span>'
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape(str(getattr(value, "value", value)))


def fields_of(doc: Document) -> list[tuple[str, str]]:
    """(label, HTML) pairs of what a reader needs to know about a document."""
    meta = doc.meta
    name = doc.kind.name
    if name == "regulation":
        kind = _value(meta.category) + ("（试行）" if meta.trial else "")
        return [
            ("类别", kind),
            ("制定机关", _value(meta.issuer)),
            ("发文字号", _value(meta.number)),
            ("公布日期", _value(meta.issued)),
            ("施行日期", _value(meta.effective)),
            ("效力状态", status_badge(meta.status)),
            ("收录范围", _value(meta.coverage)),
        ]
    if name == "publication":
        return [
            ("卷次", _value(meta.volume)),
            ("作者或编者", _value(meta.author)),
            ("出版者", _value(meta.publisher)),
            ("出版年份", _value(meta.year)),
            ("收录范围", _value(TextCoverage.NONE)),
        ]
    if name == "study":
        chars = reading_time.characters(passages.text_of(doc))
        return [("来源", _value(meta.source)), ("日期", _value(meta.date)),
                ("阅读时间", escape(reading_time.shown(reading_time.minutes(chars))))]
    if name == "workplan":
        return [("单位", _value(meta.organization)), ("年度", _value(meta.year))]
    return []


def card(doc: Document) -> str:
    rows = "".join(
        f'<div class="dj-card__row"><dt>{label}</dt><dd>{html}</dd></div>'
        for label, html in fields_of(doc)
    )
    aliases = doc.meta.aliases
    if aliases:
        shown = "、".join(f"《{escape(a)}》" for a in aliases)
        rows += f'<div class="dj-card__row dj-card__row--wide"><dt>简称</dt><dd>{shown}</dd></div>'
    note = getattr(doc.meta, "note", None)
    if note:
        rows += (f'<div class="dj-card__row dj-card__row--wide"><dt>说明</dt>'
                 f"<dd>{escape(note)}</dd></div>")
    source = getattr(doc.meta, "source", None)
    if source and doc.kind.name != "study":
        rows += (f'<div class="dj-card__row dj-card__row--wide"><dt>文本来源</dt>'
                 f"<dd>{escape(source)}</dd></div>")
    return f'<dl class="dj-card" data-kind="{doc.kind.name}">{rows}</dl>'
