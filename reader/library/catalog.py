"""The library: every article file under one folder, with a metadata index.

Scanning walks the folder, stats each file and re-reads only files whose
size or modification time changed since the index in HOME/cache was
written. Files that cannot be used are reported as :class:`Problem` lines,
never raised; the rest of the library loads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.atomic import write_atomic
from reader.library.article import Article, ArticleMeta
from reader.library.identity import SAME_ARTICLE, similarity
from reader.library.parsing import ARTICLE_SUFFIXES, ArticleError, load_article

INDEX_FORMAT = 3

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while files are being read."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A file the library could not use, or read with a caveat."""

    path: str
    message: str
    fatal: bool = True

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


def _walk(
    root: Path, unreadable: list[tuple[str, str]]
) -> Iterable[tuple[str, os.stat_result, str]]:
    """Yield (relative posix path, stat, full path) for each article file under root.

    Paths are plain strings: building a ``Path`` per file costs a third of a scan.

    Entries that cannot even be examined are added to ``unreadable`` with the reason.
    """
    stack = [str(root)]
    cut = len(str(root)) + 1
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.lower().endswith(ARTICLE_SUFFIXES):
                    relative = entry.path[cut:].replace(os.sep, "/")
                    yield relative, entry.stat(), entry.path
            except OSError as error:
                unreadable.append(
                    (entry.path[cut:].replace(os.sep, "/"), error.strerror or str(error))
                )


class Library:
    """The articles under one folder, as the rest of Broadsheet sees them."""

    def __init__(self, root: Path, index_path: Path | None = None) -> None:
        self.root = root
        self.index_path = index_path
        self.articles: list[ArticleMeta] = []
        self._by_id: dict[str, ArticleMeta] = {}

    # -- scanning -----------------------------------------------------------------
    def _read_index(self) -> dict[str, dict[str, object]]:
        if self.index_path is None:
            return {}
        try:
            data = json.loads(self.index_path.read_bytes())
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != INDEX_FORMAT
            or data.get("library") != str(self.root)
            or not isinstance(data.get("files"), dict)
        ):
            return {}
        files: dict[str, dict[str, object]] = data["files"]
        return files

    def _write_index(self, files: Mapping[str, dict[str, object]]) -> None:
        if self.index_path is None:
            return
        payload = {"format": INDEX_FORMAT, "library": str(self.root), "files": files}
        # The index is only a cache: if it cannot be written, the next start reads the files.
        with contextlib.suppress(OSError):
            write_atomic(self.index_path, json.dumps(payload).encode(), durable=False)

    def scan(
        self,
        progress: ProgressCallback | None = None,
        known: Mapping[str, tuple[int, ...]] | None = None,
    ) -> ScanResult:
        """Read the library folder, refreshing the index for changed files.

        ``known`` maps ids that must not be lost (articles with annotations) to
        their sketches, so that a file whose text-derived id changed is relinked.
        """
        previous = self._read_index()
        result = ScanResult()
        if not self.root.is_dir():
            result.problems.append(Problem(str(self.root), "library folder does not exist"))
            self._set_articles([])
            return result
        unreadable: list[tuple[str, str]] = []
        listing = sorted(_walk(self.root, unreadable))
        result.problems.extend(
            Problem(relative, f"cannot be read ({reason.lower()})")
            for relative, reason in unreadable
        )
        files: dict[str, dict[str, object]] = {}
        fresh: list[ArticleMeta] = []
        kept: list[ArticleMeta] = []
        stale = [item for item in listing if not self._reusable(previous.get(item[0]), item[1])]
        total = len(stale)
        for relative, stat, path in listing:
            entry = previous.get(relative)
            if entry is not None and self._reusable(entry, stat):
                files[relative] = entry
                meta_data = entry.get("meta")
                if isinstance(meta_data, dict):
                    try:
                        kept.append(ArticleMeta.from_dict(meta_data))
                    except (KeyError, TypeError, ValueError, AssertionError):
                        files.pop(relative)
                        stale.append((relative, stat, path))
                        total += 1
                        continue
                problem = entry.get("problem")
                if isinstance(problem, str):
                    result.problems.append(Problem(relative, problem))
                for warning in entry.get("warnings", []) or []:  # type: ignore[attr-defined]
                    result.problems.append(Problem(relative, str(warning), fatal=False))
        for done, (relative, stat, path) in enumerate(stale, start=1):
            record: dict[str, object] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
            try:
                article = load_article(Path(path), relative)
            except ArticleError as error:
                record["problem"] = str(error)
                result.problems.append(Problem(relative, str(error)))
            else:
                fresh.append(article.meta)
                record["meta"] = article.meta.to_dict()
                if article.warnings:
                    record["warnings"] = list(article.warnings)
                    result.problems.extend(
                        Problem(relative, warning, fatal=False) for warning in article.warnings
                    )
            files[relative] = record
            result.files_read += 1
            if progress is not None:
                progress(done, total)
        fresh = self._relink(fresh, kept, previous, known or {})
        for meta in fresh:
            meta_record = files[meta.path]
            meta_record["meta"] = meta.to_dict()
        articles = self._drop_duplicate_ids(kept + fresh, result, files)
        self._set_articles(articles)
        result.articles = self.articles
        if result.files_read or set(files) != set(previous):
            self._write_index(files)
        return result

    @staticmethod
    def _reusable(entry: dict[str, object] | None, stat: os.stat_result) -> bool:
        return (
            entry is not None
            and entry.get("size") == stat.st_size
            and entry.get("mtime_ns") == stat.st_mtime_ns
        )

    @staticmethod
    def _relink(
        fresh: list[ArticleMeta],
        kept: list[ArticleMeta],
        previous: Mapping[str, dict[str, object]],
        known: Mapping[str, tuple[int, ...]],
    ) -> list[ArticleMeta]:
        """Give re-read articles whose text-derived id changed the id they had before."""
        if not fresh:
            return fresh
        present = {meta.id for meta in kept} | {meta.id for meta in fresh}
        candidates: dict[str, tuple[int, ...]] = dict(known)
        for entry in previous.values():
            meta_data = entry.get("meta")
            if isinstance(meta_data, dict):
                sketch_data = meta_data.get("sketch", [])
                if isinstance(sketch_data, list):
                    candidates[str(meta_data.get("id"))] = tuple(int(v) for v in sketch_data)
        vanished = {key: value for key, value in candidates.items() if key not in present}
        if not vanished:
            return fresh
        relinked: list[ArticleMeta] = []
        for meta in fresh:
            if meta.id_origin == "text" and meta.id not in candidates:
                best_id, best = "", 0.0
                for old_id, old_sketch in vanished.items():
                    score = similarity(meta.sketch, old_sketch)
                    if score > best:
                        best_id, best = old_id, score
                if best >= SAME_ARTICLE:
                    del vanished[best_id]
                    meta = dataclasses.replace(meta, id=best_id)
            relinked.append(meta)
        return relinked

    @staticmethod
    def _drop_duplicate_ids(
        articles: list[ArticleMeta], result: ScanResult, files: dict[str, dict[str, object]]
    ) -> list[ArticleMeta]:
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
        """Read an article's full text (raises ``ArticleError`` if the file went bad)."""
        article = load_article(self.root / meta.path, meta.path)
        if article.meta.id != meta.id:
            article = Article(
                dataclasses.replace(article.meta, id=meta.id),
                article.body,
                article.kind,
                article.warnings,
            )
        return article
