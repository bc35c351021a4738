"""RSS and Atom feeds (feedparser) and OPML lists of feeds.

feedparser copes with every RSS and Atom version, malformed XML (it falls
back to a lenient parser), wrong or missing charsets, relative links, and
it sanitises entry HTML (no scripts, styles or event handlers). An entry is
kept as :class:`FeedEntry`: plain fields, its content as HTML or text.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from typing import Any

import feedparser

from reader.importing.extraction import html_text
from reader.importing.report import ImportFailure


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed.

    ``content`` is the entry's full text when the feed carries it, else its
    summary (``is_summary``); ``content_is_html`` says how to read it.
    """

    title: str
    link: str
    date: str
    author: str
    content: str
    content_is_html: bool
    is_summary: bool
    feed_title: str


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title and entries, in the feed's order.

    ``ttl`` is the feed's own hint (RSS ``<ttl>``) of how many minutes its
    readers may wait before asking again (None when it gives none).
    """

    title: str
    entries: list[FeedEntry]
    ttl: int | None = None


def _ttl(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _iso(parsed: Any) -> str:
    """A feedparser time tuple (UTC) as ISO 8601, or empty."""
    if not isinstance(parsed, time.struct_time):
        return ""
    try:
        return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
    except (ValueError, OverflowError):
        return ""


def _plain(detail: Any, value: Any) -> str:
    """A title-like field as one line of plain text (markup removed when it is HTML)."""
    text = str(value or "")
    kind = str(getattr(detail, "get", lambda *_: "")("type", "") or "")
    if "html" in kind or "<" in text:
        text = html_text(text)
    return " ".join(text.split())


def _content(entry: Any) -> tuple[str, bool, bool]:
    """The entry's fullest text: (text, is_html, is_summary)."""
    best: tuple[str, bool] | None = None
    for part in entry.get("content", []) or []:
        value = str(part.get("value", "") or "")
        if value.strip() and (best is None or len(value) > len(best[0])):
            best = (value, "html" in str(part.get("type", "")))
    if best is not None:
        return best[0], best[1], False
    summary = str(entry.get("summary", "") or "")
    detail = entry.get("summary_detail") or {}
    return summary, "html" in str(detail.get("type", "text/html")), True


def parse_feed(
    data: bytes, url: str = "", media_type: str = "", charset: str | None = None
) -> Feed:
    """Parse feed bytes; raises :class:`ImportFailure` when they hold no feed at all."""
    headers: dict[str, str] = {}
    if url:
        headers["content-location"] = url
    if media_type:
        headers["content-type"] = media_type + (f"; charset={charset}" if charset else "")
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as error:  # feedparser's lenient parser can raise almost anything
        raise ImportFailure(f"not a readable feed ({type(error).__name__})") from None
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(problem).split())[:80]})" if problem else ""
        raise ImportFailure(f"not an RSS or Atom feed{detail}")
    feed_title = _plain(parsed.feed.get("title_detail"), parsed.feed.get("title"))
    entries = []
    for entry in parsed.entries:
        content, is_html, is_summary = _content(entry)
        entries.append(
            FeedEntry(
                title=_plain(entry.get("title_detail"), entry.get("title")),
                link=str(entry.get("link", "") or "").strip(),
                date=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                author=" ".join(str(entry.get("author", "") or "").split()),
                content=content,
                content_is_html=is_html,
                is_summary=is_summary,
                feed_title=feed_title,
            )
        )
    return Feed(title=feed_title, entries=entries, ttl=_ttl(parsed.feed.get("ttl")))


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed an OPML file lists."""

    title: str
    url: str


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds listed in an OPML file (``outline`` elements with an ``xmlUrl``), in order."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise ImportFailure(f"not a valid OPML file ({error})") from None
    if root.tag.lower() != "opml":
        raise ImportFailure("not an OPML file")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in seen:
            seen.add(url)
            title = outline.get("title") or outline.get("text") or url
            feeds.append(OpmlFeed(title=" ".join(title.split()), url=url))
    if not feeds:
        raise ImportFailure("the OPML file lists no feeds")
    return feeds
