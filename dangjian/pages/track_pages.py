"""Generated pages of the tracks: one per track, the overview (tracks/index.md), and the
track data that ``tracks.js`` reads.

The data is a script (``_dangjian/tracks-data.js``) rather than a JSON file, because a
browser opening the site from ``file://`` may load scripts but not fetch files.
"""

from __future__ import annotations

import json

from dangjian.core import ui
from dangjian.core.urls import Links, page_url
from dangjian.load.tracks import TRACKS_DIR, Step, Track
from dangjian.pages import fragments
from dangjian.text import reading_time
from dangjian.text.escape import html_text, markdown_text

INDEX = f"{TRACKS_DIR}/index.md"
DATA_SCRIPT = "tracks-data.js"

SPEED_NOTE = ui.text("track.speed_note", chars=reading_time.CHARS_PER_MINUTE)
PROGRESS_NOTE = ui.text("track.progress_note")
OWN_NOTE = ui.text("track.own_note")


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
    # Material writes a page's title into <title>, the navigation and the header as
    # HTML, unescaped: the title is given as HTML text.
    return f"---\ntitle: {json.dumps(html_text(title), ensure_ascii=False)}\n---\n\n"


def _total(track: Track) -> str:
    missing = sum(1 for step in track.steps if not step.has_text)
    text = reading_time.shown(track.minutes)
    if missing:
        text += ui.text("track.missing", count=missing)
    return text


def overview(tracks: list[Track], links: Links) -> str:
    title = ui.text("kind.track")
    parts = [_front(title), f"# {title}\n", ui.text("track.intro") + "\n"]
    if not tracks:
        parts.append(ui.text("track.none") + "\n")
        return "\n".join(parts)
    cards = fragments.html("".join(_overview_card(track, links) for track in tracks))
    parts += [f'{fragments.render("track-list", cards=cards)}\n',
              f"{SPEED_NOTE}{PROGRESS_NOTE}\n"]
    return "\n".join(parts)


def _overview_card(track: Track, links: Links) -> str:
    return str(fragments.render("track-card", track=track, href=links.to(track.page),
                                total=_total(track)))


def track_page(track: Track, links: Links) -> str:
    card = fragments.render("track-card-meta", track=track, total=_total(track),
                            speed=reading_time.SPEED)
    parts = [_front(track.title), f"# {markdown_text(track.title)}\n", f"{card}\n"]
    if track.meta.description:
        description = fragments.render("track-description", description=track.meta.description)
        parts.append(f"{description}\n")
    parts.append(f'{fragments.render("track-controls", track=track)}\n')
    steps = fragments.render("track-steps", steps=[_step(step, track, links)
                                                   for step in track.steps])
    parts.append(f"{steps}\n")
    notes = fragments.render("track-notes", notes=f"{OWN_NOTE}{SPEED_NOTE}{PROGRESS_NOTE}")
    parts.append(f"{notes}\n")
    return "\n".join(parts)


def _step(step: Step, track: Track, links: Links) -> dict[str, object]:
    """What the step list shows of one step."""
    meta = step.meta
    parts = ui.text("common.list_separator").join(step.anchors)
    basis = None
    if step.plan_item is not None:
        plan, item = step.plan_item
        basis = {"href": links.to(plan.page, item.id),
                 "title": f"{plan.display_title}“{item.marker}{item.title}”"}
    return {"key": step.key, "month": meta.month or 0,
            "title": step.doc.display_title + (f" {parts}" if parts else ""),
            "href": step_href(step, track, links), "topic": meta.topic or "",
            "basis": basis, "note": meta.note or "", "time": _step_time(step)}


def _step_time(step: Step) -> str:
    if not step.has_text:
        return ui.text("track.no_text")
    coverage = getattr(step.doc.meta, "coverage", None)
    excerpt = (ui.text("track.excerpt")
               if coverage is not None and coverage.value == "节选" else "")
    return ui.text("track.step_time", time=reading_time.shown(step.minutes),
                   chars=step.chars) + excerpt


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
