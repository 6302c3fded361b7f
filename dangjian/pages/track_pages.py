"""Generated pages of the tracks: one per track, the overview (tracks/index.md), and the
track data that ``tracks.js`` reads.

The data is a script (``_dangjian/tracks-data.js``) rather than a JSON file, because a
browser opening the site from ``file://`` may load scripts but not fetch files.
"""

from __future__ import annotations

import json
from html import escape

from dangjian.core.urls import Links, page_url
from dangjian.load.tracks import TRACKS_DIR, Step, Track
from dangjian.text import reading_time

INDEX = f"{TRACKS_DIR}/index.md"
DATA_SCRIPT = "tracks-data.js"

SPEED_NOTE = (f"阅读时间按每分钟 {reading_time.CHARS_PER_MINUTE} 字估算（只计汉字，"
              "一串字母或数字计一字），不含思考和讨论的时间。")
PROGRESS_NOTE = "学习进度只保存在本机浏览器中，换一台电脑或清除浏览器数据后需要重新标记。"
OWN_NOTE = "学习路径由本站编排；各步的说明为本站摘要，不是文件原文。"


def pages(tracks: list[Track], directory_urls: bool) -> dict[str, str]:
    """Staged path → Markdown of every track page and of the overview."""
    result = {INDEX: overview(tracks, Links(INDEX, directory_urls))}
    for track in tracks:
        result[track.page] = track_page(track, Links(track.page, directory_urls))
    return result


def step_href(step: Step, track: Track, links: Links) -> str:
    """Link to a step's page that tells the page it was opened from the track."""
    href = links.to(step.doc.page, step.anchors[0] if step.anchors else "")
    path, _, anchor = href.partition("#")
    return f"{path}?track={track.id}&step={step.number}" + (f"#{anchor}" if anchor else "")


def _front(title: str) -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"


def _progress(track: Track) -> str:
    return (f'<span class="dj-progress" data-dj-progress="{escape(track.id)}" '
            f'data-steps="{len(track.steps)}">'
            f'<progress max="{len(track.steps)}" value="0"></progress> '
            f'<span class="dj-progress__text">已学 0/{len(track.steps)}（0%）</span></span>')


def _total(track: Track) -> str:
    missing = sum(1 for step in track.steps if not step.has_text)
    text = reading_time.shown(track.minutes)
    if missing:
        text += f"（另有 {missing} 步本站未收录全文，不计在内）"
    return text


def overview(tracks: list[Track], links: Links) -> str:
    parts = [_front("学习路径"), "# 学习路径\n",
             "学习路径把学习资料和法规条文按顺序串起来，供新党员、支部书记和"
             "理论学习中心组使用。从路径进入某一步，页面上会出现“标记为已学”按钮和上一步、下一步。\n"]
    if not tracks:
        parts.append("暂无学习路径。\n")
        return "\n".join(parts)
    cards = "".join(_overview_card(track, links) for track in tracks)
    parts += [f'<div class="dj-tracklist">{cards}</div>\n', f"{SPEED_NOTE}{PROGRESS_NOTE}\n"]
    return "\n".join(parts)


def _overview_card(track: Track, links: Links) -> str:
    meta = track.meta
    description = (f'<p class="dj-trackcard__description">{escape(meta.description)}</p>'
                   if meta.description else "")
    return (
        '<section class="dj-trackcard">'
        f'<p class="dj-trackcard__title"><a href="{escape(links.to(track.page))}">'
        f"{escape(track.title)}</a></p>"
        f'<p class="dj-trackcard__meta">对象：{escape(meta.audience)} · {len(track.steps)} 步 · '
        f"预计阅读{escape(_total(track))}</p>"
        f"{description}<p>{_progress(track)}</p></section>"
    )


def track_page(track: Track, links: Links) -> str:
    meta = track.meta
    card = (
        '<dl class="dj-card" data-kind="track">'
        f'<div class="dj-card__row"><dt>对象</dt><dd>{escape(meta.audience)}</dd></div>'
        f'<div class="dj-card__row"><dt>步数</dt><dd>{len(track.steps)}</dd></div>'
        f'<div class="dj-card__row"><dt>预计阅读时间</dt><dd>{escape(_total(track))}</dd></div>'
        f'<div class="dj-card__row dj-card__row--wide"><dt>阅读速度</dt>'
        f"<dd>{reading_time.SPEED}</dd></div>"
        "</dl>"
    )
    parts = [_front(track.title), f"# {track.title}\n", card + "\n"]
    if meta.description:
        parts.append(f'<p class="dj-track__description">{escape(meta.description)}</p>\n')
    parts.append(
        f'<div class="dj-track" data-dj-track="{escape(track.id)}">{_progress(track)} '
        '<button type="button" class="md-button dj-track__reset">重置进度</button></div>\n')
    steps = "".join(_step(step, track, links) for step in track.steps)
    parts.append(f'<ol class="dj-steps">{steps}</ol>\n')
    parts.append(f'<p class="dj-track-notes" data-pagefind-ignore>'
                 f"{OWN_NOTE}{SPEED_NOTE}{PROGRESS_NOTE}</p>\n")
    return "\n".join(parts)


def _step(step: Step, track: Track, links: Links) -> str:
    meta = step.meta
    month = f'<span class="dj-step__month">{meta.month}月</span> ' if meta.month else ""
    parts = "、".join(step.anchors)
    title = escape(step.doc.display_title) + (f" {escape(parts)}" if parts else "")
    head = (f'<p class="dj-step__title">{month}'
            f'<a href="{escape(step_href(step, track, links))}">{title}</a>'
            f'<span class="dj-step__done" hidden>已学</span></p>')
    lines = [head]
    if meta.topic:
        lines.append(f'<p class="dj-step__topic">主题：{escape(meta.topic)}</p>')
    if step.plan_item is not None:
        plan, item = step.plan_item
        lines.append(
            f'<p class="dj-step__basis">依据：<a href="{escape(links.to(plan.page, item.id))}">'
            f"{escape(plan.display_title)}“{escape(item.marker + item.title)}”</a></p>")
    if meta.note:
        lines.append(f'<p class="dj-step__note"><span class="dj-own">本站摘要</span>'
                     f"{escape(meta.note)}</p>")
    lines.append(f'<p class="dj-step__time">{escape(_step_time(step))}</p>')
    return f'<li class="dj-step" data-dj-step="{escape(step.key)}">{"".join(lines)}</li>'


def _step_time(step: Step) -> str:
    if not step.has_text:
        return "本站未收录全文，请使用正式文本学习"
    coverage = getattr(step.doc.meta, "coverage", None)
    excerpt = "（本站仅收录节选）" if coverage is not None and coverage.value == "节选" else ""
    return f"阅读时间{reading_time.shown(step.minutes)}（{step.chars} 字）{excerpt}"


def data_script(tracks: list[Track], directory_urls: bool) -> str:
    """``window.dangjianTracks``: what the pages of a track need to know about it.

    URLs are relative to the site root; the script finds the root from its own URL.
    """
    data = [
        {
            "id": track.id,
            "title": track.title,
            "url": page_url(track.page, directory_urls),
            "steps": [
                {
                    "key": step.key,
                    "title": step.doc.display_title
                    + (" " + "、".join(step.anchors) if step.anchors else ""),
                    "url": step_href(step, track, Links("index.md", directory_urls)),
                }
                for step in track.steps
            ],
        }
        for track in tracks
    ]
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.dangjianTracks = {payload};\n"
