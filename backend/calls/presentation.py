"""How a call reads to people: Markdown rendered safely and the deadline in the call's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code",
    "pre", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip


def render_markdown(source: str) -> str:
    """HTML from untrusted Markdown: raw HTML off, then sanitised (no scripts, safe links)."""
    html = _markdown.render(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def in_zone(instant: datetime, zone: str) -> datetime:
    """The instant as the call's local wall time, with its offset (e.g. +02:00 in summer)."""
    return instant.astimezone(ZoneInfo(zone))
