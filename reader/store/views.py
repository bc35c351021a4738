"""Saved views: named queries, kept in the ``views`` table of ``library.json``.

Each document is ``{"name": NAME, "query": QUERY, "created": ISO, "updated": ISO}``;
names are unique, compared without regard to case. A view edit is a
:class:`~reader.store.changes.Change`, so undo covers it like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from tinydb import Query

from reader.store.changes import Change
from reader.store.errors import DamagedFileError, StoreError
from reader.store.files import StoreFiles
from reader.store.records import now
from reader.store.storage import read_tables
from reader.store.summary import LIBRARY_KEY

MAX_NAME = 64


@dataclass(frozen=True, slots=True)
class View:
    """A saved query."""

    name: str
    query: str
    created: str = ""
    updated: str = ""


@dataclass(slots=True)
class ViewEdit(Change):
    """A view saved, renamed or deleted: the view before and after (None when absent)."""

    before: View | None
    after: View | None

    def inverse(self) -> ViewEdit:
        """Put the view back as it was."""
        return ViewEdit(self.after, self.before)

    @property
    def is_empty(self) -> bool:
        """True when nothing changed."""
        return self.before == self.after

    def describe(self) -> str:
        """What happened to the view."""
        if self.after is None and self.before is not None:
            return f"view “{self.before.name}” deleted"
        if self.before is None and self.after is not None:
            return f"view “{self.after.name}” saved"
        if self.before is not None and self.after is not None:
            if self.before.name != self.after.name:
                return f"view “{self.before.name}” renamed to “{self.after.name}”"
            return f"view “{self.after.name}” updated"
        return "no view changed"


def clean_name(name: str) -> str:
    """A view name as stored (whitespace collapsed); raises StoreError when unusable."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise StoreError("a view needs a name")
    if len(cleaned) > MAX_NAME:
        raise StoreError(f"a view name can have at most {MAX_NAME} characters")
    if not cleaned.isprintable():
        raise StoreError("a view name cannot contain control characters")
    return cleaned


def read_views(store: StoreFiles) -> list[View]:
    """Every saved view, by name."""
    try:
        tables = read_tables(store.library_file) or {}
    except DamagedFileError as error:
        raise StoreError(f"the saved views cannot be read: {error.reason}") from None
    docs = tables.get("views", {}).values()
    views = [
        View(
            str(doc.get("name", "")),
            str(doc.get("query", "")),
            doc.get("created", ""),
            doc.get("updated", ""),
        )
        for doc in docs
        if isinstance(doc, dict) and doc.get("name")
    ]
    return sorted(views, key=lambda view: view.name.casefold())


def find_view(store: StoreFiles, name: str) -> View | None:
    """The view called ``name`` (any case), if there is one."""
    wanted = " ".join(name.split()).casefold()
    return next((v for v in read_views(store) if v.name.casefold() == wanted), None)


def put_view(store: StoreFiles, old_name: str | None, view: View | None) -> ViewEdit:
    """Replace the view called ``old_name`` (or none) by ``view`` (or nothing)."""
    with store._article(LIBRARY_KEY) as db:
        table = db.table("views")
        before_doc = None
        if old_name is not None:
            wanted = old_name.casefold()
            before_doc = next(
                (doc for doc in table.all() if str(doc.get("name", "")).casefold() == wanted), None
            )
        before = (
            View(
                before_doc["name"],
                before_doc.get("query", ""),
                before_doc.get("created", ""),
                before_doc.get("updated", ""),
            )
            if before_doc is not None
            else None
        )
        if view is not None and (before is None or view.name.casefold() != before.name.casefold()):
            clash = view.name.casefold()
            if any(str(doc.get("name", "")).casefold() == clash for doc in table.all()):
                raise StoreError(f"there is already a view called “{view.name}”")
        if before == view:
            return ViewEdit(before, view)
        if before is not None:
            table.remove(Query().name == before.name)
        if view is not None:
            stamp = now()
            view = View(view.name, view.query, view.created or stamp, stamp)
            table.insert(
                {
                    "name": view.name,
                    "query": view.query,
                    "created": view.created,
                    "updated": view.updated,
                }
            )
    return ViewEdit(before, view)


def save_view(store: StoreFiles, name: str, query: str) -> ViewEdit:
    """Save (or overwrite) a view."""
    cleaned = clean_name(name)
    existing = find_view(store, cleaned)
    created = existing.created if existing else ""
    return put_view(store, existing.name if existing else None, View(cleaned, query, created))


def rename_view(store: StoreFiles, old: str, new: str) -> ViewEdit:
    """Rename a view."""
    existing = find_view(store, old)
    if existing is None:
        raise StoreError(f"there is no view called “{old}”")
    return put_view(store, existing.name, View(clean_name(new), existing.query, existing.created))


def delete_view(store: StoreFiles, name: str) -> ViewEdit:
    """Delete a view."""
    existing = find_view(store, name)
    if existing is None:
        raise StoreError(f"there is no view called “{name}”")
    return put_view(store, existing.name, None)
