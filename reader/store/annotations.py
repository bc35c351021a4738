"""AnnotationStore: the person's tags, notes, reading state and entity corrections.

Built on :class:`~reader.store.files.StoreFiles` (the files, their safety and
their summary): every operation here is one read-modify-write of one article's
file under the cross-process lock, and returns the change it actually made,
for undo.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable

from tinydb import Query
from tinydb.table import Table

from reader.entities.corrections import Correction, merge
from reader.library.article import ArticleMeta
from reader.store.anchoring import reanchor
from reader.store.changes import (
    LIBRARY_SCOPE,
    Change,
    ChangeGroup,
    CorrectionEdit,
    NoteSaved,
    NotesReanchored,
    StateEdit,
    TagEdit,
)
from reader.store.errors import DamagedFileError, StoreError
from reader.store.files import StoreFiles
from reader.store.records import ArticleRecord, ArticleState, Note, now, record_from_tables
from reader.store.storage import read_tables
from reader.store.summary import LIBRARY_KEY, LoadReport, Summary, summary_of
from reader.store.tags import MAX_TAG_LENGTH, check_tag_length, normalise_tag

__all__ = ["AnnotationStore", "LoadReport", "Summary"]

_NO_ANNOTATIONS = Summary()
"""The summary of every article without a file (shared: summaries are frozen)."""


class AnnotationStore(StoreFiles):
    """Tags, notes, reading state and corrections, by article id."""

    # -- reading ----------------------------------------------------------------------------
    def summary(self, article_id: str) -> Summary:
        """The summary of an article (the empty summary if it has no annotations)."""
        return self._summary.get(article_id) or _NO_ANNOTATIONS

    def tags_of(self, article_id: str) -> tuple[str, ...]:
        """The article's tags."""
        return self.summary(article_id).tags

    def all_tags(self) -> Counter[str]:
        """Every tag in use, with the number of articles that have it."""
        return Counter({tag: len(ids) for tag, ids in self._tag_index.items() if ids})

    def ids_with_tag(self, tag: str) -> set[str]:
        """The ids of the articles with this tag."""
        return set(self._tag_index.get(normalise_tag(tag), ()))

    def annotated_ids(self) -> set[str]:
        """Every article id with a file in the store."""
        return set(self._summary) - {LIBRARY_KEY}

    def known_sketches(self) -> dict[str, tuple[int, ...]]:
        """Sketches of annotated articles, so the library can re-attach edited files to them.

        Read from the article files (only needed when an article's text changed).
        """
        sketches: dict[str, tuple[int, ...]] = {}
        for article_id in self.annotated_ids():
            record = self.record(article_id)
            if record.sketch:
                sketches[article_id] = record.sketch
        return sketches

    def record(self, article_id: str) -> ArticleRecord:
        """Everything stored about one article, read from its file."""
        path = self.path_of(article_id)
        if path in self.damaged:
            return ArticleRecord(article_id)
        try:
            stat = path.stat()
            tables = read_tables(path)
        except FileNotFoundError:
            return ArticleRecord(article_id)
        except DamagedFileError as error:
            with self._thread_lock:
                self._quarantine(path, error.reason, unreadable=error.unreadable)
                self._forget(article_id)
            return ArticleRecord(article_id)
        except OSError:
            stat, tables = None, read_tables(path)
        record = record_from_tables(article_id, tables or {})
        self._check_summary(article_id, record, stat)
        return record

    def _check_summary(
        self, article_id: str, record: ArticleRecord, stat: os.stat_result | None
    ) -> None:
        """A summary that disagrees with the file just read loses to the file."""
        if stat is None or article_id not in self._summary:
            return
        fresh = summary_of(record, stat)
        with self._thread_lock:
            if self._summary.get(article_id) != fresh:
                self._remember_summary(article_id, fresh)
                self._summary_dirty = True

    def notes_of(self, article_id: str) -> list[Note]:
        """The article's notes and highlights, oldest first."""
        return self.record(article_id).notes

    def all_notes(self) -> list[tuple[str, Note]]:
        """Every note and highlight in the library, with its article id (in no order).

        Read through the note index: only the files changed since it last saw
        them are opened.
        """
        found: list[tuple[str, Note]] = []
        with self._thread_lock:
            summaries = [
                (key, summary)
                for key, summary in self._summary.items()
                if key != LIBRARY_KEY and (summary.notes or summary.highlights)
            ]
        index = self.note_index
        for article_id, summary in summaries:
            notes = index.get(article_id, summary.stamp)
            if notes is None:
                notes = tuple(self.record(article_id).notes)
                index.put(article_id, self.summary(article_id).stamp, notes)
            found.extend((article_id, note) for note in notes)
        return found

    # -- writing ---------------------------------------------------------------------------
    def edit_tags(
        self, article_ids: Iterable[str], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> TagEdit:
        """Add and remove tags on articles; return what actually changed."""
        to_add = [tag for tag in dict.fromkeys(normalise_tag(t) for t in add) if tag]
        for tag in to_add:
            check_tag_length(tag)
        to_remove = [tag for tag in dict.fromkeys(normalise_tag(t) for t in remove) if tag]
        edit = TagEdit()
        for article_id in dict.fromkeys(article_ids):
            with self._article(article_id) as db:
                table = db.table("tags")
                present = {doc.get("tag") for doc in table.all()}
                added = tuple(tag for tag in to_add if tag not in present)
                removed = tuple(tag for tag in to_remove if tag in present and tag not in to_add)
                if added:
                    stamp = now()
                    table.insert_multiple({"tag": tag, "added": stamp} for tag in added)
                if removed:
                    table.remove(Query().tag.one_of(list(removed)))
            if added:
                edit.added[article_id] = added
            if removed:
                edit.removed[article_id] = removed
        return edit

    def toggle_tag(self, article_ids: Iterable[str], tag: str) -> TagEdit:
        """Quick-tag toggle: remove ``tag`` if every article has it, else add it where missing."""
        ids = list(dict.fromkeys(article_ids))
        normal = normalise_tag(tag)
        if ids and all(normal in self.tags_of(article_id) for article_id in ids):
            return self.edit_tags(ids, remove=[normal])
        return self.edit_tags(ids, add=[normal])

    def adopt_initial_tags(self, articles: Iterable[ArticleMeta]) -> int:
        """Import front-matter tags of articles the store has never seen (once per article).

        An article counts as seen once it has a file here, so tags removed later
        are not imported again. Returns how many articles were tagged.
        """
        adopted = 0
        for meta in articles:
            if meta.tags and meta.id not in self._summary:
                path = self.path_of(meta.id)
                if path in self.damaged or path.exists():
                    continue
                tags = [tag for tag in meta.tags if len(normalise_tag(tag)) <= MAX_TAG_LENGTH]
                if not tags:
                    continue
                self.edit_tags([meta.id], add=tags)
                adopted += 1
        return adopted

    def rename_tag(self, old: str, new: str) -> TagEdit:
        """Rename a tag on every article that has it."""
        old_tag, new_tag = normalise_tag(old), normalise_tag(new)
        if not new_tag:
            raise StoreError("the new tag name is empty")
        check_tag_length(new_tag)
        if old_tag == new_tag:
            return TagEdit()
        ids = sorted(self.ids_with_tag(old_tag))
        edit = TagEdit()
        for article_id in ids:
            part = self.edit_tags([article_id], add=[new_tag], remove=[old_tag])
            edit.added.update(part.added)
            edit.removed.update(part.removed)
        return edit

    def delete_tag(self, tag: str) -> TagEdit:
        """Remove a tag from every article."""
        return self.edit_tags(sorted(self.ids_with_tag(tag)), remove=[tag])

    def set_flag(self, article_id: str, flag: str, value: bool) -> StateEdit:
        """Set ``read`` or ``starred`` on an article."""
        if flag not in ("read", "starred"):
            raise StoreError(f"unknown state flag {flag!r}")
        with self._article(article_id) as db:
            table = db.table("state")
            docs = table.all()
            state = ArticleState.from_doc(docs[0] if docs else None)
            old = bool(getattr(state, flag))
            if old != value:
                doc = state.to_doc()
                doc[flag] = value
                if flag == "read" and value:
                    doc["read_at"] = now()
                table.truncate()
                table.insert(doc)
        return StateEdit(article_id, flag, old, value)

    def set_position(self, article_id: str, position: int) -> None:
        """Remember where the person stopped reading (a plain-text offset)."""
        if self.summary(article_id).position == position:
            return
        with self._article(article_id) as db:
            table = db.table("state")
            docs = table.all()
            doc = ArticleState.from_doc(docs[0] if docs else None).to_doc()
            if doc["position"] != position:
                doc["position"] = position
                table.truncate()
                table.insert(doc)

    def save_note(self, article_id: str, note: Note) -> NoteSaved:
        """Create or replace a note (matched by its id)."""
        with self._article(article_id) as db:
            table: Table = db.table("notes")
            found = table.get(Query().id == note.id)
            before = Note.from_doc(dict(found)) if isinstance(found, dict) else None
            if before != note:
                if found is None:
                    table.insert(note.to_doc())
                else:
                    table.update(note.to_doc(), Query().id == note.id)
        return NoteSaved(article_id, before, note)

    def reanchor(self, article_id: str, plain: str) -> NotesReanchored:
        """Find the article's annotated passages again in its current plain text.

        Notes that moved are saved with their new offsets, those that cannot be
        found are flagged as orphans (never dropped); returns the notes changed.
        Not an undoable step: it follows the article, not the person.
        """
        summary = self.summary(article_id)
        if not (summary.notes or summary.highlights):
            return NotesReanchored(article_id)
        record = self.record(article_id)
        if not reanchor(record.notes, plain):
            info = self.lookup(article_id) if self.lookup else None
            if info is not None and info.text_hash != record.text_hash:
                with self._article(article_id) as db:  # Checked against this text: remember it.
                    self._stamp_meta(db, article_id)
            return NotesReanchored(article_id)
        with self._article(article_id) as db:
            table: Table = db.table("notes")
            current = [Note.from_doc(dict(doc)) for doc in table.all()]
            changed = reanchor(current, plain)
            for note in changed:
                table.update(note.to_doc(), Query().id == note.id)
        return NotesReanchored(article_id, tuple(changed))

    def delete_note(self, article_id: str, note_id: str) -> NoteSaved:
        """Delete a note."""
        with self._article(article_id) as db:
            table = db.table("notes")
            found = table.get(Query().id == note_id)
            before = Note.from_doc(dict(found)) if isinstance(found, dict) else None
            if before is not None:
                table.remove(Query().id == note_id)
        return NoteSaved(article_id, before, None)

    def library_corrections(self) -> list[Correction]:
        """The corrections that apply to every article."""
        return list(self._library_corrections)

    def library_corrections_digest(self) -> str:
        """Changes whenever the library-wide corrections change."""
        return self._summary.get(LIBRARY_KEY, Summary()).corrections

    def corrections_for(self, article_id: str) -> dict[str, Correction]:
        """The corrections in effect for an article, by key (its own win)."""
        own: list[Correction] = []
        if self.summary(article_id).corrections:
            own = [
                correction
                for doc in self.record(article_id).corrections
                if (correction := Correction.from_doc(doc))
            ]
        return merge(self._library_corrections, own)

    def set_correction(self, scope: str, key: str, correction: Correction | None) -> CorrectionEdit:
        """Set (or with None, withdraw) the correction for ``key`` in a scope.

        ``scope`` is ``"library"`` for every article, or an article id.
        """
        target = LIBRARY_KEY if scope == LIBRARY_SCOPE else scope
        with self._article(target) as db:
            table = db.table("corrections")
            found = table.get(Query().key == key)
            before = Correction.from_doc(dict(found)) if isinstance(found, dict) else None
            if before != correction:
                table.remove(Query().key == key)
                if correction is not None:
                    table.insert(correction.to_doc())
        return CorrectionEdit(scope, key, before, correction)

    def apply(self, change: Change) -> Change:
        """Carry out a change (an inverse, for undo); return what actually changed."""
        if isinstance(change, TagEdit):
            result = TagEdit()
            for article_id in change.article_ids:
                part = self.edit_tags(
                    [article_id],
                    add=change.added.get(article_id, ()),
                    remove=change.removed.get(article_id, ()),
                )
                result.added.update(part.added)
                result.removed.update(part.removed)
            return result
        if isinstance(change, StateEdit):
            return self.set_flag(change.article_id, change.flag, change.new)
        if isinstance(change, NoteSaved):
            if change.after is None:
                if change.before is None:
                    return change
                return self.delete_note(change.article_id, change.before.id)
            return self.save_note(change.article_id, change.after)
        if isinstance(change, NotesReanchored):
            return NotesReanchored(change.article_id)
        if isinstance(change, CorrectionEdit):
            return self.set_correction(change.scope, change.key, change.after)
        if isinstance(change, ChangeGroup):
            return ChangeGroup([self.apply(part) for part in change.changes])
        # Saved views and feeds are edited rarely: their modules load when first needed.
        from reader.store.feeds import FeedEdit, put_feed
        from reader.store.views import ViewEdit, put_view

        if isinstance(change, ViewEdit):
            old = change.before or change.after
            return put_view(self, old.name if old is not None else None, change.after)
        if isinstance(change, FeedEdit):
            before_url = change.before.url if change.before is not None else None
            return put_feed(self, before_url, change.after)
        raise StoreError(f"cannot apply {type(change).__name__}")
