"""Telling what a document is (web page, feed, OPML list) from its name, type or first bytes."""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

PAGE = "page"
FEED = "feed"
OPML = "opml"
ARTICLE = "article"
"""A Markdown or plain-text article file."""

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf", ".feed"})
OPML_SUFFIXES = frozenset({".opml"})

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
        "text/rss+xml",
        "text/x-opml",
        "text/x-opml+xml",
        "application/x-opml",
        "application/opml+xml",
    }
)

_PROLOGUE = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!(?!doctype\s+html)[^>]*>)*", re.S)
_ROOT = re.compile(r"<(!doctype\s+html|[a-z][\w:.-]*)")


def kind_from_suffix(path: PurePath) -> str | None:
    """The kind of a file from its name, or None when the name does not tell."""
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return ARTICLE
    if suffix in PAGE_SUFFIXES:
        return PAGE
    if suffix in FEED_SUFFIXES:
        return FEED
    if suffix in OPML_SUFFIXES:
        return OPML
    return None


def _head_text(data: bytes) -> str:
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore").lower()
    return head.decode("latin-1").lower()


def sniff(data: bytes) -> str | None:
    """The kind of a document from its first element: ``page``, ``feed``, ``opml`` or None."""
    text = _head_text(data)
    prologue = _PROLOGUE.match(text)
    start = prologue.end() if prologue else 0
    root = _ROOT.match(text, start)
    if root is None:
        return None
    name = root.group(1)
    if name.startswith("!doctype") or name in ("html", "head", "body"):
        return PAGE
    if name in ("rss", "feed", "rdf:rdf", "rdf"):
        return FEED
    if name == "opml":
        return OPML
    return None


def kind_from_media_type(media_type: str) -> str | None:
    """``page`` for HTML, ``feed`` for XML types (the body then says feed or OPML), else None."""
    if media_type in PAGE_TYPES:
        return PAGE
    if media_type in FEED_TYPES or media_type.endswith("+xml"):
        return FEED
    return None


def refuse_unknown_type(media_type: str) -> str | None:
    """For :meth:`Fetcher.fetch`: a reason to stop before the body when it is not a page or feed."""
    if not media_type or kind_from_media_type(media_type) is not None:
        return None
    return f"not a web page or feed (the server sent {media_type})"


def refuse_non_html(media_type: str) -> str | None:
    """For :meth:`Fetcher.fetch`: a reason to stop when a page was expected and this is not HTML."""
    if not media_type or media_type in PAGE_TYPES:
        return None
    return f"not a web page (the server sent {media_type})"
