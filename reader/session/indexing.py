"""Keeping the entity index in step with the library and the person's corrections.

Glue between the library, the annotation store (corrections) and
``reader.entities.index``; used by the app (in the background) and by
``broadsheet list --entity``. Core module: no Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from reader.entities.index import BuildReport, EntityIndex, Job, Progress, stamp_of
from reader.entities.registry import backend_identity
from reader.library import ArticleError, ArticleMeta, Library
from reader.store import AnnotationStore, StoreError
from reader.util.paths import Paths


def entity_index(paths: Paths) -> EntityIndex:
    """The entity index under HOME/cache."""
    return EntityIndex(paths.cache / "entity-index")


def wanted_stamps(library: Library, store: AnnotationStore) -> dict[str, str]:
    """What each article's index entry should be built from."""
    return {
        meta.id: stamp_of(meta.title, meta.text_hash, store.summary(meta.id).corrections)
        for meta in library.articles
    }


def pending(
    index: EntityIndex, library: Library, store: AnnotationStore, backend: str
) -> tuple[list[str], bool]:
    """Stale article ids, and whether articles left the library (entries to drop)."""
    return pending_for(index, wanted_stamps(library, store), store, backend)


def pending_for(
    index: EntityIndex, wanted: dict[str, str], store: AnnotationStore, backend: str
) -> tuple[list[str], bool]:
    """Like :func:`pending`, for given stamps (article id -> what to index)."""
    if not index.is_current(backend_identity(backend), store.library_corrections_digest()):
        return list(wanted), False
    stamps = index.stamps()
    stale = [key for key, stamp in wanted.items() if stamps.get(key) != stamp]
    return stale, bool(set(stamps) - set(wanted))


def refresh_entity_index(
    paths: Paths,
    library: Library,
    store: AnnotationStore,
    backend: str = "builtin",
    progress: Progress | None = None,
    workers: int = 0,
    cancelled: Callable[[], bool] = lambda: False,
) -> BuildReport | None:
    """Index every new or changed article; None when the index was already current."""
    index = entity_index(paths)
    stale, gone = pending(index, library, store, backend)
    if not stale and not gone:
        return None
    wanted = wanted_stamps(library, store)
    library_corrections = store.library_corrections()
    jobs = []
    for article_id in stale:
        meta = library.get(article_id)
        if meta is None:
            continue
        corrections = (
            store.corrections_for(article_id).values()
            if store.summary(article_id).corrections
            else library_corrections
        )
        jobs.append(
            Job(
                article_id,
                meta.path,
                wanted[article_id],
                tuple((c.text, c.action, c.label) for c in corrections),
            )
        )
    return index.update(
        library.root,
        jobs,
        wanted.keys(),
        backend=backend,
        extractor=backend_identity(backend),
        corrections=store.library_corrections_digest(),
        cache_dir=paths.cache / "entities",
        progress=progress,
        workers=workers,
        cancelled=cancelled,
    )


class Indexer(Protocol):
    """What the app runs in the background to bring the indexes up to date."""

    stopped: bool

    def run(self, progress: Callable[[int, int, str], None]) -> str | None:
        """Index to the end (``progress(done, total, phase)``); None, or why it failed."""
        ...

    def stop(self) -> None:
        """Stop as soon as possible."""
        ...


class InProcessIndexer:
    """The work of ``broadsheet index`` done in this process, one article at a time.

    For tests and small libraries: no child process to start. The app's
    default is :class:`~reader.session.indexer_process.IndexerProcess`.
    """

    def __init__(
        self, paths: Paths, library: Library, store: AnnotationStore, backend: str
    ) -> None:
        self.paths = paths
        self.library = library
        self.store = store
        self.backend = backend
        self.stopped = False

    def run(self, progress: Callable[[int, int, str], None]) -> str | None:
        """Update the full-text index, then the entity index."""
        from reader.search.index import FILE_NAME as SEARCH_FILE_NAME
        from reader.search.index import SearchIndex
        from reader.text.document import build_document

        def plain(meta: ArticleMeta) -> tuple[str, int] | None:
            try:
                document = build_document(self.library.load(meta))
            except (ArticleError, OSError):
                return None
            return document.plain, document.title_end

        search = SearchIndex(self.paths.cache / SEARCH_FILE_NAME)
        try:
            search.update(
                list(self.library.articles),
                plain,
                lambda done, total: progress(done, total, "text"),
                cancelled=lambda: self.stopped,
            )
            refresh_entity_index(
                self.paths,
                self.library,
                self.store,
                self.backend,
                progress=lambda done, total: progress(done, total, "entities"),
                workers=1,
                cancelled=lambda: self.stopped,
            )
        except (OSError, StoreError) as error:
            return str(error)
        finally:
            search.close()
        return None

    def stop(self) -> None:
        """Stop after the article being read."""
        self.stopped = True
