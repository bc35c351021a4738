"""Reading article files (.md, .txt) and saved web pages (.html) from disk."""

from __future__ import annotations

from pathlib import Path

from reader.importing.article_file import NewArticle
from reader.importing.encoding import decode_page
from reader.importing.extraction import extract_page
from reader.importing.network import is_web_url
from reader.importing.plaintext import text_to_markdown
from reader.importing.report import ImportFailure
from reader.library.parsing import ArticleError, load_article
from reader.util.files import FileReadError, read_limited


def read_bytes(path: Path, limit: int) -> bytes:
    """A file's bytes, or :class:`ImportFailure` (too large, missing, unreadable)."""
    try:
        return read_limited(path, limit)
    except FileReadError as error:
        raise ImportFailure(str(error)) from None


def read_article_file(path: Path, what: str) -> NewArticle:
    """A Markdown or plain-text article file, read the way the library reads its own."""
    try:
        article = load_article(path, path.name)
    except ArticleError as error:
        raise ImportFailure(str(error)) from None
    meta = article.meta
    body = text_to_markdown(article.body) if article.kind == "text" else article.body
    if not body.strip():
        raise ImportFailure("no text besides the title")
    return NewArticle(
        what=what,
        title=meta.title,
        body=body,
        date=meta.date,
        source=meta.source,
        author=meta.author,
        license=meta.license,
        attribution=meta.attribution,
        tags=meta.tags,
        given_id=meta.id if meta.id_origin == "front" else "",
    )


def read_page_file(path: Path, what: str, limit: int) -> NewArticle:
    """A saved web page: its main text and metadata; the source is its canonical URL if any."""
    html = decode_page(read_bytes(path, limit))
    page = extract_page(html)
    return NewArticle(
        what=what,
        title=page.title or path.stem,
        body=page.body,
        date=page.date,
        source=page.url if is_web_url(page.url) else "",
        author=page.author,
        site=page.site,
    )
