"""Feeds and pages written on the fly for the subscription tests and benchmarks."""

from __future__ import annotations

from html import escape

WORDS = [
    "harbour",
    "council",
    "bridge",
    "ferry",
    "island",
    "market",
    "storm",
    "tide",
    "library",
    "school",
    "budget",
    "minister",
    "fishing",
    "quota",
    "winter",
    "spring",
    "survey",
    "mayor",
    "residents",
    "engineers",
    "weather",
    "report",
    "vote",
    "museum",
]


def paragraph(seed: int, words: int = 60) -> str:
    """Some deterministic prose (different for each seed)."""
    chosen = [WORDS[(seed * 7 + i * (seed % 5 + 3)) % len(WORDS)] for i in range(words)]
    chosen.append(f"n{seed}")
    return " ".join(chosen).capitalize() + "."


def rss(
    title: str,
    entries: list[tuple[str, str, str]],
    *,
    ttl: int | None = None,
    link: str = "https://example.org/",
) -> str:
    """An RSS 2.0 feed: ``entries`` are (title, link, text); text "" means summary-only."""
    items = []
    for number, (entry_title, entry_link, text) in enumerate(entries):
        body = (
            f"<content:encoded><![CDATA[<p>{escape(text)}</p>]]></content:encoded>"
            if text
            else f"<description>Summary {number} of {escape(entry_title)}.</description>"
        )
        items.append(
            f"<item><title>{escape(entry_title)}</title><link>{escape(entry_link)}</link>"
            f"<guid>{escape(entry_link)}</guid>"
            f"<pubDate>Tue, 01 Oct 2024 08:{number % 60:02d}:00 +0000</pubDate>{body}</item>"
        )
    ttl_element = f"<ttl>{ttl}</ttl>" if ttl is not None else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<description>A feed for tests</description>{ttl_element}{''.join(items)}"
        "</channel></rss>"
    )


def page(title: str, seed: int) -> str:
    """A web page with an article body (what an entry's link leads to)."""
    paragraphs = "".join(f"<p>{paragraph(seed * 10 + i)}</p>" for i in range(4))
    return (
        f"<html><head><title>{escape(title)}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Copyright the tests</footer></body></html>"
    )
