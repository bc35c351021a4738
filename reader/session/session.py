"""Session: the one core that the command line and the app both open.

It owns the paths, the settings, the library, the annotation store, the
entity service and indexes, the full-text index and the undo stack, and it is
the only way in for the front ends:

- :meth:`Session.open` does the whole open sequence once (HOME, sample
  articles on first run, the store, the library scan re-attaching edited
  articles, front-matter tags adopted once) and says what it found;
- :meth:`Session.query` evaluates the query language (one engine for ``/``
  in the app, ``broadsheet list`` and ``broadsheet search``);
- every edit goes through :meth:`Session.edit` (and the named operations
  built on it): the store is called, a failure becomes an :class:`Edited`
  with a one-line error instead of an exception, a success is pushed on the
  undo stack and announced to every listener.

No Textual here (an import-linter contract and a test check).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.entities.types import LABELS
from reader.library import Article, ArticleError, ArticleMeta, Library, LookupFailed, Problem
from reader.query.syntax import Query, QueryError, parse_query
from reader.session.choices import FILE_NAME as CHOICES_FILE
from reader.session.choices import Choices
from reader.session.config import Settings, load_settings
from reader.store import AnnotationStore, DamagedFile, LoadReport, Note, StoreError, normalise_tag
from reader.store.anchoring import context_of
from reader.store.changes import Change, ChangeGroup, UndoStack
from reader.store.records import DEFAULT_COLOR, HIGHLIGHT_COLORS
from reader.util.paths import Paths, resolve_paths

if TYPE_CHECKING:
    # Loaded when first used, so that a command that needs none of them starts quickly.
    from reader.entities import EntityGroup
    from reader.entities.corrections import Correction
    from reader.entities.index import EntityIndex
    from reader.entities.service import EntityService
    from reader.query.engine import QueryResult
    from reader.search.index import SearchIndex, Snippet
    from reader.session.annotations import AnnotationCatalog
    from reader.session.first_screen import FirstScreen
    from reader.store.feeds import Subscription
    from reader.store.views import View

ScanProgress = Callable[[int, int], None]
ChangeListener = Callable[[Change], None]

__all__ = ["Edited", "OpenReport", "QueryError", "Session"]


@dataclass(slots=True)
class OpenReport:
    """What opening found."""

    articles: list[ArticleMeta] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Files the library could not use (or read with caveats)."""
    damaged: list[DamagedFile] = field(default_factory=list)
    """Annotation files that cannot be read (left as they are; see ``repair``)."""
    adopted: int = 0
    """Articles whose front-matter tags were imported for the first time."""
    warnings: list[str] = field(default_factory=list)
    """Other one-line notices (samples not installed, tags not adopted)."""


@dataclass(slots=True)
class ViewChoices:
    """How the person likes the reading view, shared by every article opened."""

    show_highlights: bool = True
    hidden_labels: frozenset[str] = frozenset()
    show_entity_panel: bool = False
    highlight_color: str = DEFAULT_COLOR
    """The colour of the next highlight (the last one chosen)."""


@dataclass(frozen=True, slots=True)
class Edited:
    """The outcome of an edit: the change made, or why nothing could be saved."""

    change: Change | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        """True when the edit was saved (it may still have changed nothing)."""
        return not self.error

    @property
    def changed(self) -> bool:
        """True when something was saved."""
        return self.change is not None and not self.change.is_empty

    def describe(self) -> str:
        """A sentence for the person: what changed, or the error."""
        if self.error:
            return self.error
        if self.change is None or self.change.is_empty:
            return "nothing changed"
        return self.change.describe()


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple | set | frozenset) else []


def _failure(error: BaseException) -> str:
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, OSError):
        return f"could not save: {error.strerror or error}"
    return str(error)


class _StoreView:
    """The store as the query engine sees it."""

    def __init__(self, store: AnnotationStore) -> None:
        self._store = store

    def ids_with_tag(self, tag: str) -> set[str]:
        return self._store.ids_with_tag(tag)

    def flags_of(self, article_id: str) -> Collection[str]:
        summary = self._store.summary(article_id)
        flags = []
        if summary.read:
            flags.append("read")
        if summary.starred:
            flags.append("starred")
        if summary.notes:
            flags.append("notes")
        if summary.highlights:
            flags.append("highlights")
        return flags


class Session:
    """One person's library and annotations, opened for a front end."""

    def __init__(
        self,
        paths: Paths,
        *,
        store: AnnotationStore | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.paths = paths
        self.settings = settings or load_settings(paths.config_file)
        self.library = Library(paths.library, paths.library_index)
        self.store = store or AnnotationStore(
            paths.annotations, paths.cache, lookup=self.library.get_with_sketch
        )
        self._entities: EntityService | None = None
        self._entity_index: EntityIndex | None = None
        self._search_index: SearchIndex | None = None
        self.undo_stack = UndoStack()
        self.choices = Choices(paths.home / CHOICES_FILE, self.settings.view)
        self.view = ViewChoices(
            show_highlights=bool(self.choices.get("highlights", True)),
            hidden_labels=frozenset(
                str(label).upper()
                for label in _as_list(self.choices.get("hidden_labels", []))
                if str(label).upper() in LABELS
            ),
            show_entity_panel=bool(self.choices.get("entity_panel", False)),
        )
        self.store_loaded = False
        self._store_quick = False
        """The store was last read quickly (its summary cache trusted, see :meth:`load_store`)."""
        self._listeners: list[ChangeListener] = []
        self._catalog: tuple[tuple[int, int], AnnotationCatalog] | None = None
        self._positions: (
            tuple[list[ArticleMeta], tuple[int, str, str] | None, dict[str, int] | None] | None
        ) = None

    @property
    def entities(self) -> EntityService:
        """The entity extractor with its cache under HOME/cache/entities (loaded when needed)."""
        if self._entities is None:
            from reader.entities.service import EntityService

            self._entities = EntityService(
                self.settings.entity_backend, self.paths.cache / "entities"
            )
        return self._entities

    @property
    def entity_index(self) -> EntityIndex:
        """Which articles mention which entity (HOME/cache/entity-index)."""
        if self._entity_index is None:
            from reader.entities.index import EntityIndex

            self._entity_index = EntityIndex(self.paths.cache / "entity-index")
        return self._entity_index

    @property
    def search_index(self) -> SearchIndex:
        """The full-text index (HOME/cache/search.sqlite3)."""
        if self._search_index is None:
            from reader.search.index import FILE_NAME as SEARCH_FILE_NAME
            from reader.search.index import SearchIndex

            self._search_index = SearchIndex(self.paths.cache / SEARCH_FILE_NAME)
        return self._search_index

    # -- the choices made in the app (kept in HOME/settings.json) -------------------
    @property
    def theme(self) -> str:
        """The theme chosen (in the app or config.toml), "" for the default."""
        value = self.choices.get("theme", "")
        return value if isinstance(value, str) else ""

    def remember_theme(self, theme: str) -> str:
        """Keep the theme chosen in the app; "" or why it could not be saved."""
        return self.choices.set("theme", theme)

    def set_view(
        self,
        *,
        show_highlights: bool | None = None,
        hidden_labels: frozenset[str] | None = None,
        show_entity_panel: bool | None = None,
    ) -> str:
        """Change the reading-view choices and keep them; "" or why they were not saved."""
        view, errors = self.view, []
        if show_highlights is not None:
            view.show_highlights = show_highlights
            errors.append(self.choices.set("highlights", show_highlights))
        if hidden_labels is not None:
            view.hidden_labels = hidden_labels
            errors.append(self.choices.set("hidden_labels", sorted(hidden_labels)))
        if show_entity_panel is not None:
            view.show_entity_panel = show_entity_panel
            errors.append(self.choices.set("entity_panel", show_entity_panel))
        return next((error for error in errors if error), "")

    @classmethod
    def at(cls, home: Path | str | None = None, library: Path | str | None = None) -> Session:
        """A session for a HOME and library folder (the defaults when None)."""
        return cls(resolve_paths(home, library))

    # -- opening ---------------------------------------------------------------------
    def ensure_home(self) -> None:
        """Create HOME; raises ``OSError`` with the reason when it cannot be used."""
        self.paths.home.mkdir(parents=True, exist_ok=True)

    def install_samples(self) -> str:
        """Install the sample articles into an empty default library; an error line or ""."""
        if not self.paths.uses_default_library:
            return ""
        from reader.library.samples import install_samples

        try:
            install_samples(self.paths.library)
        except OSError as error:
            return f"could not install the sample articles: {error.strerror or error}"
        return ""

    def load_store(self, *, quick: bool = False) -> LoadReport:
        """Read the annotation store; raises :class:`StoreError`.

        ``quick`` trusts the store's summary cache while no folder of the store
        changed (see :meth:`reader.store.files.StoreFiles.load`); the files are
        then checked by the next full load, which :meth:`open` and
        :meth:`check_store` do.
        """
        report = self.store.load(quick=quick)
        self.store_loaded = True
        self._store_quick = quick
        return report

    def check_store(self) -> LoadReport | None:
        """After a quick load, read the store fully (None when it already was)."""
        return self.load_store() if self._store_quick else None

    def load_first_screen(self) -> FirstScreen | None:
        """For the app's first frame: the store read quickly, and the first rows of the list
        as last seen, if kept for the index as it is now (then :meth:`load_cached`)."""
        from reader.session.first_screen import FILE_NAME, read_first_screen

        self.load_store(quick=True)
        index = self.paths.library_index
        return read_first_screen(self.paths.cache / FILE_NAME, index)

    def keep_first_screen(self) -> None:
        """Keep the first rows of the list for the next start (see ``first_screen``)."""
        from reader.session.first_screen import FILE_NAME, write_first_screen

        articles = self.library.articles
        write_first_screen(self.paths.cache / FILE_NAME, self.paths.library_index, articles)

    def load_cached(self) -> list[ArticleMeta] | None:
        """For a first screen: the store read quickly, and the articles as the library index
        last saw them (None without one). :meth:`open` then checks both."""
        if not self.store_loaded:
            self.load_store(quick=True)
        return self.library.load_cached()

    def open(self, progress: ScanProgress | None = None, *, annotations: bool = True) -> OpenReport:
        """The whole open sequence: HOME, samples, store, library scan, front-matter tags.

        With ``annotations=False`` only the library is opened (for commands
        that read articles and nothing the person wrote). Raises ``OSError``
        when HOME cannot be used and :class:`StoreError` when the store cannot
        be opened at all; everything else is reported.
        """
        self.ensure_home()
        report = OpenReport()
        if warning := self.install_samples():
            report.warnings.append(warning)
        if annotations and (not self.store_loaded or self._store_quick):
            self.load_store()
        known = self.store.known_sketches if annotations else None
        scan = self.library.scan(progress=progress, known=known)
        report.articles = scan.articles
        report.problems = scan.problems
        if annotations:
            report.warnings.extend(self.store.take_conflict_lines())  # Sync conflicts merged.
            report.damaged = list(self.store.damaged.values())
            report.adopted = self._adopt(scan.articles, report.warnings)
        return report

    def open_quick(self) -> OpenReport | None:
        """The open sequence answered from the indexes, when nothing changed since they were
        written; None otherwise (then :meth:`open`).

        No article or annotation file is read: the library's folders and the
        store's are as the indexes recorded them (see ``Library.load_unchanged``
        and the store's quick load). Anything else (a folder changed, damaged
        annotation files, sync conflicts to merge, no index yet) is left to the
        whole sequence. Raises as :meth:`open` does.
        """
        self.ensure_home()
        if self.install_samples():
            return None
        if not self.store_loaded:
            loaded = self.store.load(quick=True)
            if loaded.files_read or self.store.damaged:
                return None  # (open() loads the store again, the whole way.)
            self.store_loaded = True
        scan = self.library.load_unchanged()
        if scan is None:
            return None
        report = OpenReport(articles=scan.articles, problems=scan.problems)
        report.adopted = self._adopt(scan.articles, report.warnings)
        return report

    def rescan(self, progress: ScanProgress | None = None) -> OpenReport:
        """Scan the library again (files added, changed or removed since it was opened)."""
        report = OpenReport()
        scan = self.library.scan(progress=progress, known=self.store.known_sketches)
        report.articles = scan.articles
        report.problems = scan.problems
        report.adopted = self._adopt(scan.articles, report.warnings)
        return report

    def _adopt(self, articles: Iterable[ArticleMeta], warnings: list[str]) -> int:
        try:
            return self.store.adopt_initial_tags(articles)
        except (StoreError, OSError) as error:
            warnings.append(_failure(error))
            return 0

    def add_articles(self, metas: Iterable[ArticleMeta]) -> tuple[list[ArticleMeta], list[str]]:
        """Articles imported while open: into the library, their front-matter tags adopted."""
        added = self.library.add(metas)
        warnings: list[str] = []
        self._adopt(added, warnings)
        return added, warnings

    def close(self) -> None:
        """Save the store's summary cache and close the indexes."""
        self.store.close()
        if self._search_index is not None:
            self._search_index.close()

    # -- reading ---------------------------------------------------------------------
    @property
    def articles(self) -> list[ArticleMeta]:
        """The library's articles, newest first."""
        return self.library.articles

    def resolve(self, wanted: str) -> ArticleMeta:
        """An article by id or unique prefix (annotated articles gone from the library too).

        Raises :class:`LookupFailed` with a one-line reason.
        """
        try:
            return self.library.resolve(wanted)
        except LookupFailed:
            key = wanted.strip()
            matches = [k for k in self.store.annotated_ids() if key and k.startswith(key)]
            if len(matches) != 1:
                raise
            record = self.store.record(matches[0])
            return ArticleMeta(
                id=matches[0],
                path=record.path,
                title=record.title or matches[0],
                source=record.source,
            )

    def load(self, meta: ArticleMeta) -> Article:
        """An article's full text (raises ``ArticleError``)."""
        return self.library.load(meta)

    def plain_text(self, meta: ArticleMeta) -> tuple[str, int] | None:
        """An article's plain text and where its title ends (None if it cannot be read)."""
        from reader.text.document import build_document

        try:
            document = build_document(self.library.load(meta))
        except (ArticleError, OSError):
            return None
        return document.plain, document.title_end

    # -- the query language -------------------------------------------------------------
    def parse(self, text: str) -> Query:
        """Parse a query (raises :class:`QueryError` with a one-line explanation)."""
        return parse_query(text, normalise_tag)

    def query(
        self,
        query: Query | str,
        *,
        articles: list[ArticleMeta] | None = None,
        marked: Collection[str] = (),
    ) -> QueryResult:
        """The articles matching ``query`` (all of the library unless ``articles`` is given)."""
        from reader.query.engine import Sources, evaluate

        parsed = self.parse(query) if isinstance(query, str) else query
        chosen = self.library.articles if articles is None else articles
        sources = Sources(
            articles=chosen,
            annotations=_StoreView(self.store),
            full_text=self.search_index,
            mentions=self.entity_index.articles_mentioning,
            marked=marked,
            positions=None if parsed.is_empty else self._positions_of(chosen),
        )
        return evaluate(parsed, sources)

    def _positions_of(self, articles: list[ArticleMeta]) -> dict[str, int] | None:
        """Article id -> position in ``articles``, kept while the same list is queried again
        (the app queries the one list at every key typed); None if an id repeats."""
        key = (len(articles), articles[0].id, articles[-1].id) if articles else None
        kept = self._positions
        if kept is not None and kept[0] is articles and kept[1] == key:
            return kept[2]
        positions: dict[str, int] | None = {meta.id: at for at, meta in enumerate(articles)}
        if positions is not None and len(positions) != len(articles):
            positions = None
        self._positions = (articles, key, positions)
        return positions

    def search_pending(self) -> int:
        """How many articles the full-text index still has to read.

        When the articles are exactly those of a library index file the
        full-text index was already found current against, that is 0 without
        comparing each article (see ``Library.as_indexed``).
        """
        marker = self.library.as_indexed
        index = self.search_index
        if marker is not None and index.synced_with() == marker:
            return 0
        stale, gone = index.pending(self.library.articles)
        if not stale and not gone and marker is not None:
            index.mark_synced(marker)
        return len(stale) + len(gone)

    def update_search_index(
        self, progress: ScanProgress | None = None, cancelled: Callable[[], bool] = lambda: False
    ) -> int:
        """Bring the full-text index up to date with the library; rows written."""
        return self.search_index.update(
            self.library.articles,
            self.plain_text,
            progress,
            cancelled,
            synced_as=self.library.as_indexed,
        )

    def snippets(
        self, metas: Sequence[ArticleMeta], query: Query, *, every_match: bool = True
    ) -> dict[str, Snippet]:
        """The snippets of many articles for a query's words (by id; none without words).

        Without ``every_match``, a snippet's ``matches`` hold only those it shows.
        """
        terms = query.word_terms
        if not terms:
            return {}
        titles = {meta.id: meta.title for meta in metas}
        return self.search_index.snippets(titles, terms, every_match=every_match)

    def snippet(self, meta: ArticleMeta, query: Query) -> Snippet | None:
        """The snippet of an article for a query's words (None without words or index row)."""
        terms = query.word_terms
        if not terms:
            return None
        return self.search_index.snippet(meta, terms)

    # -- the one mutation path ------------------------------------------------------------
    def subscribe(self, listener: ChangeListener) -> None:
        """Call ``listener(change)`` after every saved change (and undo)."""
        self._listeners.append(listener)

    def _announce(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    def edit(
        self, operation: Callable[[AnnotationStore], Change], *, undoable: bool = True
    ) -> Edited:
        """Apply one edit to the store: never raises; undoable and announced when it changed."""
        if not self.store_loaded:
            return Edited(error="the annotations are still loading; try again in a moment")
        try:
            change = operation(self.store)
        except (StoreError, OSError) as error:
            return Edited(error=_failure(error))
        if not change.is_empty:
            if undoable:
                self.undo_stack.push(change)
            self._announce(change)
        return Edited(change)

    def undo(self) -> tuple[Change | None, Edited]:
        """Undo the last change: (the change undone or None when there was none, the outcome)."""
        change = self.undo_stack.pop()
        if change is None:
            return None, Edited()
        outcome = self.edit(lambda store: store.apply(change.inverse()), undoable=False)
        if not outcome.ok:
            self.undo_stack.push(change)
        elif outcome.change is not None and outcome.change.is_empty:
            self._announce(change)
        return change, outcome

    def edit_tags(
        self, ids: Iterable[str], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> Edited:
        """Add and remove tags on articles."""
        ids, add, remove = list(ids), list(add), list(remove)
        return self.edit(lambda store: store.edit_tags(ids, add=add, remove=remove))

    def toggle_tag(self, ids: Iterable[str], tag: str) -> Edited:
        """Quick tag: remove it if every article has it, else add it."""
        ids = list(ids)
        return self.edit(lambda store: store.toggle_tag(ids, tag))

    def toggle_flag(self, ids: Iterable[str], flag: str) -> Edited:
        """Set ``read`` or ``starred`` on every article, or clear it if all have it."""
        ids = list(ids)
        value = not all(getattr(self.store.summary(key), flag) for key in ids)
        return self.set_flag(ids, flag, value)

    def set_flag(self, ids: Iterable[str], flag: str, value: bool) -> Edited:
        """Set or clear ``read`` or ``starred``."""
        ids = list(ids)
        return self.edit(
            lambda store: ChangeGroup([store.set_flag(key, flag, value) for key in ids])
        )

    def save_note(self, article_id: str, note: Note) -> Edited:
        """Add a note or save an edited one."""
        return self.edit(lambda store: store.save_note(article_id, note))

    def delete_note(self, article_id: str, note_id: str) -> Edited:
        """Delete a note or a highlight."""
        return self.edit(lambda store: store.delete_note(article_id, note_id))

    def highlight(
        self, article_id: str, plain: str, start: int, end: int, color: str = "", text: str = ""
    ) -> Edited:
        """Highlight ``plain[start:end]`` (with an optional note), keeping its context."""
        if not 0 <= start < end <= len(plain):
            return Edited(error="nothing to highlight there")
        color = color or self.view.highlight_color
        if color not in HIGHLIGHT_COLORS:
            return Edited(error=f"unknown colour {color!r} (use {', '.join(HIGHLIGHT_COLORS)})")
        prefix, suffix = context_of(plain, start, end)
        note = Note.new(
            text,
            plain[start:end],
            start,
            end,
            kind="highlight",
            color=color,
            prefix=prefix,
            suffix=suffix,
        )
        return self.save_note(article_id, note)

    def recolour(self, article_id: str, note: Note, color: str) -> Edited:
        """Give a highlight another colour."""
        return self.save_note(article_id, note.recoloured(color))

    def convert_note(self, article_id: str, note: Note) -> Edited:
        """Turn a note on a passage into a highlight, or a highlight back into a note."""
        if note.is_highlight:
            if not note.text.strip():
                return Edited(error="a highlight without a note cannot become a note: write one")
            return self.save_note(article_id, note.as_note())
        if note.start is None:
            return Edited(error="only a note on a passage can become a highlight")
        return self.save_note(article_id, note.as_highlight(self.view.highlight_color))

    def reanchor(self, article_id: str, plain: str) -> Edited:
        """Find the article's annotated passages again in its current text (not undoable)."""
        return self.edit(lambda store: store.reanchor(article_id, plain), undoable=False)

    def reanchor_stale(self, cancelled: Callable[[], bool] = lambda: False) -> int:
        """Re-anchor the annotations of every article whose text changed since last written.

        Returns how many articles had annotations move or become orphans.
        """
        changed = 0
        store = self.store
        for article_id in sorted(store.annotated_ids()):
            if cancelled():
                break
            summary = store.summary(article_id)
            meta = self.library.get(article_id)
            if meta is None or not (summary.notes or summary.highlights):
                continue
            if store.record(article_id).text_hash == meta.text_hash:
                continue
            found = self.plain_text(meta)
            if found is not None and self.reanchor(article_id, found[0]).changed:
                changed += 1
        return changed

    def grouped_entities(self, meta: ArticleMeta) -> list[EntityGroup]:
        """An article's entities with the person's corrections, grouped, most salient first."""
        from reader.entities import group_mentions
        from reader.text.document import build_document

        try:
            document = build_document(self.library.load(meta))
        except (ArticleError, OSError):
            return []
        text = document.entity_text  # code blanked out: no entities there
        raw = document.outside_code(self.entities.raw_mentions(text))
        mentions = self.entities.corrected(text, raw, self.corrections_for(meta.id))
        return group_mentions(document.plain, mentions, title_end=document.title_end)

    def annotations(self) -> AnnotationCatalog:
        """Every note and highlight of the library, newest first, ready to filter.

        Built again only when the store or the library changed since the last time.
        """
        key = (self.store.generation, len(self.library.articles))
        cached = self._catalog
        if cached is None or cached[0] != key:
            from reader.session.annotations import AnnotationCatalog

            cached = self._catalog = (key, AnnotationCatalog(self))
        return cached[1]

    def rename_tag(self, old: str, new: str) -> Edited:
        """Rename a tag on every article."""
        return self.edit(lambda store: store.rename_tag(old, new))

    def delete_tag(self, tag: str) -> Edited:
        """Remove a tag from every article."""
        return self.edit(lambda store: store.delete_tag(tag))

    def set_correction(self, scope: str, key: str, correction: Correction | None) -> Edited:
        """Record (or remove, with None) an entity correction for an article or the library."""
        return self.edit(lambda store: store.set_correction(scope, key, correction))

    # -- saved views --------------------------------------------------------------------
    def views(self) -> list[View]:
        """The saved views, by name (raises :class:`StoreError` when they cannot be read)."""
        from reader.store.views import read_views

        return read_views(self.store)

    def save_view(self, name: str, query: str) -> Edited:
        """Save a query under a name (checked first: a view must be a valid query)."""
        try:
            self.parse(query)
        except QueryError as error:
            return Edited(error=f"not saved: {error}")
        from reader.store.views import save_view

        return self.edit(lambda store: save_view(store, name, query))

    def rename_view(self, old: str, new: str) -> Edited:
        """Rename a saved view."""
        from reader.store.views import rename_view

        return self.edit(lambda store: rename_view(store, old, new))

    def delete_view(self, name: str) -> Edited:
        """Delete a saved view."""
        from reader.store.views import delete_view

        return self.edit(lambda store: delete_view(store, name))

    # -- feed subscriptions -----------------------------------------------------------
    def feeds(self) -> list[Subscription]:
        """The subscribed feeds (raises :class:`StoreError` when they cannot be read)."""
        from reader.store.feeds import read_feeds

        return read_feeds(self.store)

    def add_feed(self, url: str, title: str = "") -> Edited:
        """Subscribe to a feed (undoable)."""
        from reader.store.feeds import subscribe

        return self.edit(lambda store: subscribe(store, url, title))

    def remove_feed(self, url: str) -> Edited:
        """Remove a subscription (undoable)."""
        from reader.store.feeds import unsubscribe

        return self.edit(lambda store: unsubscribe(store, url))

    def save_feed_states(self, updates: Iterable[tuple[str, Subscription]]) -> Edited:
        """Record what a refresh learnt about feeds (validators, next check): not undoable.

        ``updates`` holds (the URL the feed had before, the subscription now).
        """
        from reader.store.feeds import put_feeds

        pairs = list(updates)
        return self.edit(lambda store: put_feeds(store, pairs), undoable=False)

    def import_feeds(self, feeds: Iterable[tuple[str, str]]) -> tuple[Edited, int]:
        """Subscribe to every (url, title) not subscribed yet, as one undo step.

        Returns the outcome and how many were already subscribed.
        """
        from reader.library.identity import normalise_url
        from reader.store.feeds import Subscription, put_feed

        items = list(feeds)
        known = {normalise_url(feed.url) for feed in self.feeds()}
        new: list[tuple[str, str]] = []
        for url, title in items:
            key = normalise_url(url)
            if key not in known:
                known.add(key)
                new.append((url, title))
        skipped = len(items) - len(new)
        outcome = self.edit(
            lambda store: ChangeGroup(
                [put_feed(store, None, Subscription(url=u, title=t)) for u, t in new]
            )
        )
        return outcome, skipped

    def correct(self, scope: str, corrections: Iterable[Correction]) -> Edited:
        """Record several entity corrections at once (one undo step)."""
        items = list(corrections)
        return self.edit(
            lambda store: ChangeGroup(
                [store.set_correction(scope, item.key, item) for item in items]
            )
        )

    def set_position(self, article_id: str, position: int) -> str:
        """Remember where reading stopped (not undoable); an error line or ""."""
        try:
            self.store.set_position(article_id, position)
        except (StoreError, OSError) as error:
            return _failure(error)
        return ""

    def refresh_store(self) -> set[str]:
        """Pick up changes other programs made to the annotations; the article ids changed."""
        if not self.store_loaded:
            return set()
        try:
            return self.store.refresh()
        except (StoreError, OSError):
            return set()

    def entity_index_reloaded(self) -> None:
        """Read the entity index afresh (after the indexer rewrote it)."""
        self._entity_index = None

    def corrections_for(self, article_id: str) -> Mapping[str, Correction]:
        """The corrections that apply to an article (its own, else the library's)."""
        return self.store.corrections_for(article_id)
