"""The steps of an import: each turns one thing into an article or into more steps.

A path may be a folder (its files become steps), an article file, a saved
page, a feed or an OPML file; a URL may turn out to be a page, a feed or an
OPML file; a feed becomes one step per entry; an OPML file one step per
feed. Every step raises :class:`ImportFailure` with a one-line reason when
it cannot be done, and checks for duplicates before any download.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.importing.article_file import NewArticle
from reader.importing.encoding import decode_page
from reader.importing.extraction import ExtractedPage, extract_page, fragment_markdown
from reader.importing.feeds import FeedEntry, parse_feed, parse_opml
from reader.importing.local_files import read_article_file, read_bytes, read_page_file
from reader.importing.network import Download, Fetcher, is_web_url, looks_like_url
from reader.importing.options import ImportOptions
from reader.importing.plaintext import text_to_markdown
from reader.importing.report import ImportFailure, describe
from reader.importing.sniffing import (
    ARTICLE,
    FEED,
    OPML,
    PAGE,
    kind_from_media_type,
    kind_from_suffix,
    refuse_non_html,
    refuse_unknown_type,
    sniff,
)
from reader.importing.store import Duplicate, LibraryWriter


class Context:
    """What the steps share: the options, the library writer and a fetcher.

    The fetcher is made on first use unless one is given (a refresh shares one
    between the feeds it fetches at once); only one made here is closed here.
    """

    def __init__(
        self, writer: LibraryWriter, options: ImportOptions, fetcher: Fetcher | None = None
    ) -> None:
        self.writer = writer
        self.options = options
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None

    @property
    def fetcher(self) -> Fetcher:
        """The HTTP fetcher (created only when something is downloaded)."""
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options.limits)
        return self._fetcher

    def close(self) -> None:
        """Release network connections."""
        if self._fetcher is not None and self._own_fetcher:
            self._fetcher.close()


@dataclass(frozen=True, slots=True)
class Expanded:
    """A step that became more steps (a folder, a feed, an OPML file)."""

    steps: list[Step]


StepResult = NewArticle | Expanded | Duplicate


class Step(Protocol):
    """One unit of an import."""

    @property
    def what(self) -> str:
        """What this step is about, for the report (a path, a URL, an entry's title)."""
        ...

    def run(self, context: Context) -> StepResult:
        """Do the step; raise :class:`ImportFailure` when it cannot be done."""
        ...


def step_for_target(target: str) -> Step:
    """The first step for one command-line argument (or one line typed in the app)."""
    text = target.strip()
    if is_web_url(text):
        return UrlStep(text)
    if looks_like_url(text):
        return RejectedStep(text, "only http and https URLs can be imported")
    return PathStep(Path(text).expanduser(), describe(text))


@dataclass(frozen=True, slots=True)
class RejectedStep:
    """An argument that cannot be imported at all."""

    what: str
    why: str

    def run(self, context: Context) -> StepResult:
        """Fail with the reason."""
        raise ImportFailure(self.why)


def _folder_files(folder: Path) -> list[Path]:
    """Every importable file under ``folder`` (hidden entries and linked folders left out)."""
    found: list[Path] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif entry.is_file() and kind_from_suffix(Path(entry.name)) is not None:
                    found.append(Path(entry.path))
            except OSError:
                continue
        stack.extend(reversed(folders))
    return found


def _document_steps(
    kind: str | None, data: bytes, where: str, download: Download | None = None
) -> Expanded:
    """The steps of a feed or OPML document read from a file or a download."""
    if kind == OPML:
        feeds = parse_opml(data)
        return Expanded([UrlStep(feed.url, f"{feed.url} (listed in {where})") for feed in feeds])
    if download is not None:
        feed = parse_feed(data, download.url, download.media_type, download.charset)
    else:
        feed = parse_feed(data)
    if not feed.entries:
        raise ImportFailure("the feed has no entries")
    return Expanded(
        [EntryStep(entry, where, number) for number, entry in enumerate(feed.entries, start=1)]
    )


@dataclass(frozen=True, slots=True)
class PathStep:
    """A file or folder on disk."""

    path: Path
    what: str

    def run(self, context: Context) -> StepResult:
        """Read the file (by its kind) or list the folder."""
        path = self.path
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                raise ImportFailure("no .md, .txt, .html, feed or OPML files in this folder")
            shown = self.what.rstrip("/\\")
            return Expanded(
                [
                    PathStep(file, describe(f"{shown}/{file.relative_to(path).as_posix()}"))
                    for file in files
                ]
            )
        if not path.exists():
            raise ImportFailure("no such file or folder")
        kind = kind_from_suffix(path)
        limit = context.options.limits.max_bytes
        if kind == ARTICLE:
            return read_article_file(path, self.what)
        if kind == PAGE:
            return read_page_file(path, self.what, limit)
        data = read_bytes(path, limit)
        sniffed = sniff(data)
        if sniffed == PAGE and kind is None:
            return read_page_file(path, self.what, limit)
        if sniffed in (FEED, OPML):
            return _document_steps(sniffed, data, self.what)
        if kind in (FEED, OPML):
            return _document_steps(kind, data, self.what)
        raise ImportFailure(
            "not a file Broadsheet can import (.md, .txt, .html, an RSS or Atom feed, or OPML)"
        )


def _page_article(page: ExtractedPage, url: str, what: str) -> NewArticle:
    source = page.url if is_web_url(page.url) else url
    return NewArticle(
        what=what,
        title=page.title or url,
        body=page.body,
        date=page.date,
        source=source,
        author=page.author,
        site=page.site,
    )


@dataclass(frozen=True, slots=True)
class UrlStep:
    """A URL: a web page, a feed or an OPML file, as the server's answer shows."""

    url: str
    label: str = ""

    @property
    def what(self) -> str:
        """The URL (or how an OPML file named it)."""
        return describe(self.label or self.url)

    def run(self, context: Context) -> StepResult:
        """Download, then extract the page or list the feed's entries."""
        known = context.writer.known_source(self.url)
        if known is not None:
            return known
        download = context.fetcher.fetch(self.url, accept=refuse_unknown_type)
        kind = sniff(download.body) or kind_from_media_type(download.media_type)
        if kind in (FEED, OPML):
            return _document_steps(kind, download.body, self.what, download)
        if kind != PAGE:
            raise ImportFailure("not a web page or feed")
        page = extract_page(decode_page(download.body, download.charset), download.url)
        return _page_article(page, download.url, self.what)


@dataclass(frozen=True, slots=True)
class EntryStep:
    """One feed entry: its own content, or its page when pages are fetched."""

    entry: FeedEntry
    where: str
    number: int = 0

    @property
    def what(self) -> str:
        """The entry's title (or its number) and where its feed came from."""
        title = self.entry.title or self.entry.link
        name = f"“{title[:80]}”" if title else f"entry {self.number}"
        return describe(f"{name} in {self.where}")

    def _body(self) -> str:
        entry = self.entry
        if entry.content_is_html:
            body = fragment_markdown(entry.content, entry.link or None)
        else:
            body = text_to_markdown(entry.content)
        if entry.is_summary and is_web_url(entry.link):
            link = entry.link.replace(")", "%29").replace(" ", "%20")
            more = f"[Read the whole article]({link})"
            body = f"{body}\n\n{more}" if body.strip() else more
        return body

    def run(self, context: Context) -> StepResult:
        """Build the article from the entry (downloading its page with ``--fetch``)."""
        entry = self.entry
        if entry.link:
            known = context.writer.known_source(entry.link)
            if known is not None:
                return known
        source = entry.link if is_web_url(entry.link) else ""
        page: ExtractedPage | None = None
        if context.options.fetch_pages and source:
            download = context.fetcher.fetch(source, accept=refuse_non_html)
            page = extract_page(decode_page(download.body, download.charset), download.url)
        body = page.body if page is not None else self._body()
        if not body.strip():
            raise ImportFailure("the entry has no text and no link")
        title = entry.title or (page.title if page else "") or body.split("\n", 1)[0][:80]
        return NewArticle(
            what=self.what,
            title=title,
            body=body,
            date=entry.date or (page.date if page else ""),
            source=source,
            author=entry.author or (page.author if page else ""),
            site=page.site if page else "",
            feed=entry.feed_title,
        )
