"""The main text of a web page as clean Markdown, with its metadata (trafilatura).

trafilatura finds the article in a page (dropping navigation, adverts,
scripts, styles and comments), reads the title, author, date, site and
canonical URL from the page's metadata, and gives the text as a small XML
tree of paragraphs, headings, lists, quotes, tables and links. That tree is
turned into Markdown block by block with trafilatura's own serialiser, so
that quotes can be marked with ``>`` (the serialiser drops their marker).
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from trafilatura import bare_extraction
from trafilatura.settings import Document, set_date_params
from trafilatura.xml import xmltotxt

from reader.importing.plaintext import text_to_markdown
from reader.importing.report import ImportFailure

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What a page yields: its Markdown body and the metadata found in it (may be empty)."""

    body: str
    title: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    site: str = ""
    description: str = ""


def _same_text(left: str, right: str) -> bool:
    return " ".join(left.casefold().split()) == " ".join(right.casefold().split())


_BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|ul|ol|dl|blockquote|pre|table|section|article)\b", re.I)

INLINE_TAGS = frozenset({"hi", "ref", "del", "lb", "span", "a", "b", "i", "em", "strong"})
"""Tags of trafilatura's tree that sit inside a paragraph; every other tag is a block."""


def _block_markdown(element: Any) -> str:
    """One top-level block of trafilatura's tree as Markdown."""
    wrapper = element.makeelement("body", {})
    wrapper.append(copy.deepcopy(element))
    text: str = xmltotxt(wrapper, include_formatting=True).strip()
    if element.tag == "quote" and text:
        text = "\n".join(f"> {line}" if line.strip() else ">" for line in text.split("\n"))
    return text


def _blocks(body: Any) -> list[Any]:
    """The body's children, with loose text and inline elements gathered into paragraphs."""
    blocks: list[Any] = []
    loose: Any = None

    def paragraph() -> Any:
        nonlocal loose
        if loose is None:
            loose = body.makeelement("p", {})
            blocks.append(loose)
        return loose

    if body.text and body.text.strip():
        paragraph().text = body.text
    for child in body:
        if child.tag in INLINE_TAGS:
            paragraph().append(copy.deepcopy(child))
            continue
        loose = None
        block = copy.deepcopy(child)
        tail, block.tail = block.tail, None
        blocks.append(block)
        if tail and tail.strip():
            paragraph().text = tail
    return blocks


def body_markdown(body: Any, title: str = "") -> str:
    """trafilatura's body tree as Markdown; a first heading repeating the title is dropped."""
    parts: list[str] = []
    for index, block in enumerate(_blocks(body)):
        if (
            index == 0
            and block.tag == "head"
            and title
            and _same_text("".join(block.itertext()), title)
        ):
            continue
        text = _block_markdown(block)
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def _extract(html: str, url: str | None, *, recall: bool) -> Document | None:
    result = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_links=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        favor_recall=recall,
        date_extraction_params=set_date_params(False),
        output_format="python",
    )
    return result if isinstance(result, Document) else None


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """The article in a whole page; raises :class:`ImportFailure` when there is none."""
    if not html.strip():
        raise ImportFailure("empty page")
    try:
        document = _extract(html, url, recall=False) or _extract(html, url, recall=True)
    except (ValueError, TypeError, AttributeError, LookupError) as error:
        raise ImportFailure(f"the page could not be read ({type(error).__name__})") from None
    if document is None or document.body is None:
        raise ImportFailure("no article text found in the page")
    title = _text(document.title)
    body = body_markdown(document.body, title)
    if not body.strip():
        raise ImportFailure("no article text found in the page")
    return ExtractedPage(
        body=body,
        title=title,
        author=_text(document.author),
        date=_text(document.date),
        url=_text(document.url),
        site=_text(document.sitename),
        description=_text(document.description),
    )


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment (script and style content left out)."""

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The plain text of an HTML fragment (paragraph breaks kept as blank lines)."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = (" ".join(chunk.split()) for chunk in "".join(collector.parts).split("\n\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def fragment_markdown(fragment: str, base_url: str | None = None) -> str:
    """An HTML fragment that is all article (a feed entry's content) as Markdown."""
    if "<" not in fragment:
        return text_to_markdown(html_text(fragment))
    if not _BLOCK_TAG.search(fragment):  # loose text: one paragraph (else it gets split up)
        fragment = f"<p>{fragment}</p>"
    page = f"<html><head></head><body><article>{fragment}</article></body></html>"
    try:
        document = _extract(page, base_url, recall=True)
    except (ValueError, TypeError, AttributeError, LookupError):
        document = None
    body = ""
    if document is not None and document.body is not None:
        body = body_markdown(document.body)
    return body if body.strip() else text_to_markdown(html_text(fragment))
