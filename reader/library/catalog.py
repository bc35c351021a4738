"""The library: every article file under one folder, with a metadata index.

Scanning walks the folder (``walk``), stats each file and re-reads only files
whose size or modification time changed since the index in HOME/cache was
written (``index_cache``); re-read articles keep their ids (``relink``).
Files that cannot be used are reported as :class:`Problem` lines, never
raised: whatever goes wrong while reading one file is that file's problem,
and the rest of the library loads.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.library.article import Article, ArticleMeta
from reader.library.index_cache import INDEX_FORMAT, IndexCache
from reader.library.listing import is_current_format, listing_path, write_listing
from reader.library.parsing import ArticleError, load_article
from reader.library.relink import Known, relink
from reader.library.walk import walk
from reader.util.files import file_identity
from reader.util.safety import inert_line

__all__ = [
    "INDEX_FORMAT",
    "Known",
    "Library",
    "LookupFailed",
    "Problem",
    "ProgressCallback",
    "ScanResult",
    "sort_newest_first",
]

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while files are being read."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A file the library could not use, or read with a caveat.

    ``path`` and ``message`` are made inert when the problem is made: a file
    name is untrusted text (it can hold terminal escapes), and problems are
    shown on screens and terminals.
    """

    path: str
    message: str
    fatal: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", inert_line(self.path))
        object.__setattr__(self, "message", inert_line(self.message))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class ScanResult:
    """What one scan found."""

    articles: list[ArticleMeta] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0


class LookupFailed(LookupError):
    """An id or prefix that names no article, or more than one."""


def sort_newest_first(articles: Iterable[ArticleMeta]) -> list[ArticleMeta]:
    """Dated articles newest first, then undated ones by title."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.date, a.title), reverse=True)
    undated = [a for a in articles if not a.date]
    undated.sort(key=lambda a: a.title.casefold())
    return dated + undated


def read_one(path: Path, relative: str, *, with_sketch: bool = True) -> Article:
    """One article file; any failure at all is an :class:`ArticleError` with a reason."""
    try:
        return load_article(path, relative, with_sketch=with_sketch)
    except ArticleError:
        raise
    except RecursionError:
        raise ArticleError("too deeply nested to read") from None
    except MemoryError:
        raise ArticleError("too large to read") from None
    except Exception as error:  # One bad file must never stop the library.
        raise ArticleError(f"could not be read ({type(error).__name__}: {error})") from None


class Library:
    """The articles under one folder, as the rest of Broadsheet sees them."""

    def __init__(self, root: Path, index_path: Path | None = None) -> None:
        self.root = root
        self.index_path = index_path
        self.articles: list[ArticleMeta] = []
        self._by_id: dict[str, ArticleMeta] = {}
        self._sketch_cache: dict[str, list[int]] | None = None
        self._cached_files: dict[str, Any] = {}
        self._index = IndexCache(root, index_path)
        self._as_indexed: str | None = None
        self._loaded: tuple[str, dict[str, Any], dict[str, ArticleMeta]] | None = None
        """What :meth:`load_cached` read (the index file's size and time, its payload and
        the articles by path), so the :meth:`scan` that follows reads nothing twice."""

    # -- the metadata index (see ``index_cache``) -------------------------------------
    def _read_payload(self, path: Path | None) -> dict[str, Any] | None:
        """A whole index file, if it is one for this library in this format."""
        return self._index.read_payload(path) if path is not None else None

    def unchanged_entries(self) -> dict[str, list[Any]] | None:
        """The index's entries (relative path -> entry) when no folder changed since it was
        written (see :meth:`load_unchanged`). None otherwise, or when there is no index.
        """
        payload = self._unchanged_payload()
        return None if payload is None else payload["files"]

    def _unchanged_payload(self, *, check_entries: bool = True) -> dict[str, Any] | None:
        if self.index_path is None:
            return None
        payload = self._index.read_payload(self.index_path, check_entries=check_entries)
        folders = payload.get("folders") if payload else None
        if payload is None or not isinstance(folders, dict) or not folders:
            return None
        root = str(self.root)
        try:
            for relative, mtime in folders.items():
                path = f"{root}{os.sep}{relative}" if relative else root
                if os.stat(path).st_mtime_ns != mtime:
                    return None
        except (OSError, ValueError):
            return None
        self._cached_files = payload["files"]
        return payload

    def load_unchanged(self) -> ScanResult | None:
        """The library as the index last saw it, when no folder changed since it was
        written: no file was added, removed or renamed, nor saved the usual way
        (a new file written and renamed over the old one, as ``broadsheet add``,
        sync tools and most editors do). A file rewritten in place (``>>``, some
        editors) keeps its folder's time and is seen at the next :meth:`scan`.

        No article file is opened or looked at: the articles come in the order
        the index kept, and the files the scan could not use are found again.
        None when a folder changed, there is no index, or it is not whole.
        """
        before = self._index_identity()
        # The entries are not checked one by one first: anything unexpected in
        # them (a hand edit, an older version) sends the question to scan().
        payload = self._unchanged_payload(check_entries=False)
        order = payload.get("order") if payload else None
        if payload is None or not isinstance(order, list):
            return None
        files: dict[str, list[Any]] = payload["files"]
        result = ScanResult()
        try:
            articles = [ArticleMeta.from_row(relative, files[relative][2]) for relative in order]
            rows = 0
            for relative, (_, _, row, warnings) in files.items():
                if relative.startswith("/") or "/../" in f"/{relative}/":
                    return None  # (No scan writes such a path.)
                if type(row) is list:
                    rows += 1
                else:
                    result.problems.append(Problem(relative, str(row)))
                if warnings:
                    result.problems.extend(Problem(relative, str(w), fatal=False) for w in warnings)
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        by_id = {meta.id: meta for meta in articles}
        if rows != len(articles) or len(by_id) != len(articles):
            return None  # Duplicates were skipped: the scan says which, with their reasons.
        self.articles = articles
        self._by_id = by_id
        result.articles = articles
        if before is not None and before == self._index_identity():
            self._as_indexed = before
            if not self._listing_current():  # (none yet, or an older version's)
                self._write_listing(files, payload["folders"], result.problems, True)
        return result

    def _index_identity(self) -> str | None:
        return file_identity(self.index_path) if self.index_path else None

    @property
    def as_indexed(self) -> str | None:
        """Which index file the articles are exactly as, when they were loaded from one by
        :meth:`load_unchanged` and not changed since (else None).

        Another index kept in step with the library (the full-text one) can
        record it and later know it is current without comparing every article.
        """
        return self._as_indexed

    def use(self, articles: Iterable[ArticleMeta]) -> None:
        """Take these articles as the library's (a partial view built from the index)."""
        self._set_articles(list(articles))

    @property
    def _sketch_path(self) -> Path | None:
        return self._index.sketch_path

    def _sketches(self) -> dict[str, list[int]]:
        """Relative path -> sketch, read on first use."""
        if self._sketch_cache is None:
            self._sketch_cache = self._index.read_sketches()
        return self._sketch_cache

    def _write(
        self, path: Path | None, files: Mapping[str, Any], folders: Mapping[str, int] | None = None
    ) -> bool:
        order = [meta.path for meta in self.articles] if path == self.index_path else None
        return self._index.write(path, files, folders, order)

    @property
    def listing_path(self) -> Path | None:
        """Where the listing is kept (beside the index; see ``listing``)."""
        return listing_path(self.index_path) if self.index_path else None

    def _write_listing(
        self,
        files: Mapping[str, Any],
        folders: Mapping[str, int],
        problems: list[Problem],
        index_current: bool,
    ) -> None:
        """Write the listing (``index_current``: the index file holds these articles)."""
        if self.listing_path is not None:
            found = [(problem.path, problem.message, problem.fatal) for problem in problems]
            index = self._index_identity() if index_current else None
            write_listing(self.listing_path, self.root, self.articles, files, folders, found, index)

    def _listing_current(self) -> bool:
        """True when the listing is in this version's format and was written after the index
        (as the same scan does)."""
        if self.listing_path is None or self.index_path is None:
            return True
        try:
            listing = os.stat(self.listing_path)
            index = os.stat(self.index_path)
        except OSError:
            return False
        return listing.st_mtime_ns >= index.st_mtime_ns and is_current_format(self.listing_path)

    def load_cached(self) -> list[ArticleMeta] | None:
        """The articles as the index last saw them, without looking at the folder.

        For a quick first screen; :meth:`scan` then checks the files. None when
        there is no usable index.
        """
        payload = self._read_payload(self.index_path)
        order = payload.get("order") if payload else None
        if payload is None or not isinstance(order, list):
            return self._articles_from(payload["files"] if payload else None)
        files = payload["files"]
        try:
            articles = [ArticleMeta.from_row(relative, files[relative][2]) for relative in order]
        except (KeyError, TypeError, ValueError):
            return self._articles_from(files)
        # Written newest first and without duplicates: no sorting needed.
        self._as_indexed = None
        self.articles = articles
        self._by_id = {meta.id: meta for meta in articles}
        stamp = self._index_identity()
        if stamp is not None:
            self._loaded = (stamp, payload, {meta.path: meta for meta in articles})
        return self.articles

    def _take_loaded(self) -> tuple[dict[str, Any] | None, dict[str, ArticleMeta]]:
        """The payload and articles :meth:`load_cached` read, if the file is still as read."""
        loaded, self._loaded = self._loaded, None
        if loaded is None or loaded[0] != self._index_identity():
            return None, {}
        return loaded[1], loaded[2]

    def _articles_from(self, files: dict[str, Any] | None) -> list[ArticleMeta] | None:
        if not files:
            return None
        articles: list[ArticleMeta] = []
        try:
            for relative, (_, _, row, _) in files.items():
                if isinstance(row, list):
                    articles.append(ArticleMeta.from_row(relative, row))
        except (TypeError, ValueError):
            return None
        self._set_articles(self._drop_duplicate_ids(articles, ScanResult()))
        return self.articles

    # -- scanning -----------------------------------------------------------------
    def scan(
        self,
        progress: ProgressCallback | None = None,
        known: Known | None = None,
    ) -> ScanResult:
        """Read the library folder, refreshing the index for changed files.

        ``known`` maps ids that must not be lost (articles with annotations) to
        their sketches (or is a function giving that map, called only when
        needed), so that a file whose text-derived id changed is relinked.
        """
        payload, built = self._take_loaded()
        if payload is None:
            payload = self._read_payload(self.index_path) or {}
        previous: dict[str, list[Any]] = payload.get("files", {})
        result = ScanResult()
        if not self.root.is_dir():
            result.problems.append(Problem(str(self.root), "library folder does not exist"))
            self._set_articles([])
            return result
        unreadable: list[tuple[str, str]] = []
        folders: dict[str, int] = {}
        listing = list(walk(self.root, unreadable, folders))
        result.problems.extend(
            Problem(relative, f"cannot be read ({reason.lower()})")
            for relative, reason in unreadable
        )
        files: dict[str, list[Any]] = {}
        fresh: list[ArticleMeta] = []
        kept: list[ArticleMeta] = []
        stale: list[tuple[str, os.stat_result, str]] = []
        for item in listing:
            relative, stat, _ = item
            entry = previous.get(relative)
            if not self._reusable(entry, stat):
                stale.append(item)
                continue
            assert entry is not None
            row, warnings = entry[2], entry[3]
            if isinstance(row, list):
                meta = built.get(relative)
                if meta is None:
                    try:
                        meta = ArticleMeta.from_row(relative, row)
                    except (TypeError, ValueError):
                        stale.append(item)
                        continue
                kept.append(meta)
            else:
                result.problems.append(Problem(relative, str(row)))
            result.problems.extend(Problem(relative, str(w), fatal=False) for w in warnings)
            files[relative] = entry
        stale.sort()
        order = payload.get("order")
        if not stale and len(files) == len(previous) and isinstance(order, list):
            # Nothing changed: the articles in the order the index kept (no sorting).
            by_path = {meta.path: meta for meta in kept}
            articles = [by_path[path] for path in order if path in by_path]
            if len(articles) == len(kept) and len(by_path) == len(kept):
                self._as_indexed = None
                self.articles = articles
                self._by_id = {meta.id: meta for meta in articles}
                if len(self._by_id) == len(articles):
                    result.articles = self.articles
                    if folders != payload.get("folders"):
                        written = self._write(self.index_path, files, folders)
                        self._write_listing(files, folders, result.problems, written)
                    elif not self._listing_current():
                        self._write_listing(files, folders, result.problems, True)
                    return result
        new_sketches: dict[str, list[int]] = {}
        for done, (relative, stat, path) in enumerate(stale, start=1):
            record: list[Any] = [stat.st_size, stat.st_mtime_ns, "", []]
            try:
                article = read_one(Path(path), relative)
            except ArticleError as error:
                record[2] = str(error)
                result.problems.append(Problem(relative, str(error)))
            else:
                fresh.append(article.meta)
                new_sketches[relative] = list(article.meta.sketch)
                if article.warnings:
                    record[3] = list(article.warnings)
                    result.problems.extend(
                        Problem(relative, warning, fatal=False) for warning in article.warnings
                    )
            files[relative] = record
            result.files_read += 1
            if progress is not None:
                progress(done, len(stale))
        fresh = relink(fresh, kept, previous, self._sketches, known)
        for meta in fresh:
            files[meta.path][2] = meta.to_row()
        articles = self._drop_duplicate_ids(kept + fresh, result)
        self._set_articles(articles)
        result.articles = self.articles
        if result.files_read or set(files) != set(previous) or folders != payload.get("folders"):
            written = self._write(self.index_path, files, folders)
            self._write_listing(files, folders, result.problems, written)
            sketches = {key: value for key, value in self._sketches().items() if key in files}
            sketches.update(new_sketches)
            self._sketch_cache = sketches
            self._write(self._sketch_path, sketches)
        return result

    @staticmethod
    def _reusable(entry: list[Any] | None, stat: os.stat_result) -> bool:
        return (
            isinstance(entry, list)
            and len(entry) == 4
            and entry[0] == stat.st_size
            and entry[1] == stat.st_mtime_ns
        )

    @staticmethod
    def _drop_duplicate_ids(articles: list[ArticleMeta], result: ScanResult) -> list[ArticleMeta]:
        seen: dict[str, ArticleMeta] = {}
        for meta in sorted(articles, key=lambda m: m.path):
            first = seen.get(meta.id)
            if first is None:
                seen[meta.id] = meta
            else:
                result.problems.append(
                    Problem(meta.path, f"same article as {first.path} (id {meta.id}); skipped")
                )
        return list(seen.values())

    def _set_articles(self, articles: list[ArticleMeta]) -> None:
        self._as_indexed = None
        self.articles = sort_newest_first(articles)
        self._by_id = {meta.id: meta for meta in self.articles}

    def add(self, metas: Iterable[ArticleMeta]) -> list[ArticleMeta]:
        """Take in articles just written into the folder (an import) without a new scan.

        Articles whose id is already known are ignored. Returns those added;
        ``articles`` is a new list, newest first. The next scan reads the new
        files as usual (they are not in the index yet).
        """
        fresh = {meta.id: meta for meta in metas if meta.id not in self._by_id}
        added = list(fresh.values())
        if added:
            self._set_articles([*self.articles, *added])
        return added

    # -- lookups ------------------------------------------------------------------
    def get(self, article_id: str) -> ArticleMeta | None:
        """The article with exactly this id, if any."""
        return self._by_id.get(article_id)

    def unchanged(self, meta: ArticleMeta) -> bool:
        """True when the article's file has the size and time :meth:`load_if_unchanged` saw."""
        entry = self._cached_files.get(meta.path)
        try:
            stat = os.stat(self.root / meta.path)
        except OSError:
            return False
        return self._reusable(entry, stat)

    def get_with_sketch(self, article_id: str) -> ArticleMeta | None:
        """The article with its sketch filled in (the index keeps sketches apart)."""
        meta = self._by_id.get(article_id)
        if meta is None or meta.sketch:
            return meta
        sketch = self._sketches().get(meta.path)
        return dataclasses.replace(meta, sketch=tuple(sketch)) if sketch else meta

    def resolve(self, id_or_prefix: str) -> ArticleMeta:
        """The article named by an id or a unique prefix of one.

        Raises :class:`LookupFailed` with a one-line message otherwise.
        """
        wanted = id_or_prefix.strip()
        if not wanted:
            raise LookupFailed("no article id given")
        exact = self._by_id.get(wanted)
        if exact is not None:
            return exact
        matches = [meta for key, meta in self._by_id.items() if key.startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        shown = wanted[:40]
        if not matches:
            raise LookupFailed(f"no article with id {shown!r} (see `broadsheet list`)")
        raise LookupFailed(f"id prefix {shown!r} matches {len(matches)} articles; give more of it")

    def load(self, meta: ArticleMeta) -> Article:
        """Read an article's full text (raises ``ArticleError`` if the file went bad).

        The metadata keeps the library's id and sketch (the text's sketch is not
        computed again).
        """
        article = read_one(self.root / meta.path, meta.path, with_sketch=False)
        if article.meta.id != meta.id or article.meta.sketch != meta.sketch:
            article = Article(
                dataclasses.replace(article.meta, id=meta.id, sketch=meta.sketch),
                article.body,
                article.kind,
                article.warnings,
            )
        return article
