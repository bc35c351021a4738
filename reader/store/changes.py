"""Changes to the store, as values: each can say what it did and give its inverse.

The store returns the *effective* change of every operation (only the tags
actually added, the flag actually flipped), so undoing it restores exactly
the state before, even when another process changed other things meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.entities.corrections import Correction
from reader.store.records import Note

LIBRARY_SCOPE = "library"
"""Scope of a correction that applies to every article."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class Change:
    """Base class of store changes."""

    def inverse(self) -> Change:
        """The change that undoes this one."""
        raise NotImplementedError

    def describe(self) -> str:
        """What the change did, in a few words."""
        raise NotImplementedError

    @property
    def is_empty(self) -> bool:
        """True when the change changed nothing."""
        return False

    @property
    def article_ids(self) -> set[str]:
        """The articles whose annotations the change touched."""
        return set()

    @property
    def affects_all(self) -> bool:
        """True when the change may concern every article (a library-wide correction)."""
        return False

    @property
    def touches_entities(self) -> bool:
        """True when the change alters which entities articles have."""
        return False


@dataclass(slots=True)
class TagEdit(Change):
    """Tags added to and removed from articles: ``{article_id: (tag, ...)}``."""

    added: dict[str, tuple[str, ...]] = field(default_factory=dict)
    removed: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def inverse(self) -> TagEdit:
        """Remove what was added, add back what was removed."""
        return TagEdit(added=dict(self.removed), removed=dict(self.added))

    @property
    def is_empty(self) -> bool:
        """True when no tag changed."""
        return not any(self.added.values()) and not any(self.removed.values())

    @property
    def article_ids(self) -> set[str]:
        """Every article touched."""
        return {key for key, tags in (*self.added.items(), *self.removed.items()) if tags}

    def describe(self) -> str:
        """E.g. "tagged 3 articles #important; removed #old from 1 article"."""
        parts = []
        for verb, mapping in (("tagged", self.added), ("untagged", self.removed)):
            tags = sorted({tag for values in mapping.values() for tag in values})
            articles = sum(1 for values in mapping.values() if values)
            if tags:
                shown = " ".join(f"#{tag}" for tag in tags[:4]) + (" …" if len(tags) > 4 else "")
                parts.append(f"{verb} {_plural(articles, 'article')} {shown}")
        return "; ".join(parts) or "no tag changed"


@dataclass(slots=True)
class StateEdit(Change):
    """A reading-state flag (``read`` or ``starred``) changed on one article."""

    article_id: str
    flag: str
    old: bool
    new: bool

    def inverse(self) -> StateEdit:
        """Set the flag back."""
        return StateEdit(self.article_id, self.flag, self.new, self.old)

    @property
    def is_empty(self) -> bool:
        """True when the flag did not change."""
        return self.old == self.new

    @property
    def article_ids(self) -> set[str]:
        """The one article."""
        return {self.article_id}

    def describe(self) -> str:
        """E.g. "marked as read" or "unstarred"."""
        if self.flag == "starred":
            return "starred" if self.new else "unstarred"
        return "marked as read" if self.new else "marked as unread"


@dataclass(slots=True)
class NoteSaved(Change):
    """A note created (``before`` is None), edited, or deleted (``after`` is None)."""

    article_id: str
    before: Note | None
    after: Note | None

    def inverse(self) -> NoteSaved:
        """Put the note back as it was."""
        return NoteSaved(self.article_id, self.after, self.before)

    @property
    def is_empty(self) -> bool:
        """True when nothing changed."""
        return self.before == self.after

    @property
    def article_ids(self) -> set[str]:
        """The one article."""
        return {self.article_id}

    def describe(self) -> str:
        """E.g. "note added", "highlight deleted", "note turned into a highlight"."""
        before, after = self.before, self.after
        if before is None:
            return f"{after.kind if after else 'note'} added"
        if after is None:
            return f"{before.kind} deleted"
        if before.kind != after.kind:
            return f"{before.kind} turned into a {after.kind}"
        if before.color != after.color:
            return f"highlight coloured {after.color}"
        return f"{after.kind} edited"


@dataclass(slots=True)
class NotesReanchored(Change):
    """Notes found again at new offsets (or flagged as orphans) after the article changed.

    Not an undoable step (the article changed, not the person's work); it is
    announced so that every screen shows the passages where they now are.
    """

    article_id: str
    notes: tuple[Note, ...] = ()

    def inverse(self) -> NotesReanchored:
        """Nothing to undo."""
        return NotesReanchored(self.article_id)

    @property
    def is_empty(self) -> bool:
        """True when no note moved."""
        return not self.notes

    @property
    def article_ids(self) -> set[str]:
        """The one article."""
        return {self.article_id}

    def describe(self) -> str:
        """E.g. "2 annotations found again; 1 orphan"."""
        orphans = sum(1 for note in self.notes if note.orphan)
        moved = len(self.notes) - orphans
        parts = []
        if moved:
            parts.append(f"{_plural(moved, 'annotation')} found again")
        if orphans:
            parts.append(f"{_plural(orphans, 'orphan')} (passage no longer found)")
        return "; ".join(parts) or "no annotation moved"


@dataclass(slots=True)
class CorrectionEdit(Change):
    """An entity correction set, replaced or withdrawn, in one scope (library or an article id)."""

    scope: str
    key: str
    before: Correction | None
    after: Correction | None

    def inverse(self) -> CorrectionEdit:
        """Put the previous correction (or none) back."""
        return CorrectionEdit(self.scope, self.key, self.after, self.before)

    @property
    def is_empty(self) -> bool:
        """True when nothing changed."""
        return self.before == self.after

    @property
    def article_ids(self) -> set[str]:
        """The article for an article-only correction (library-wide ones touch every article)."""
        return set() if self.scope == LIBRARY_SCOPE else {self.scope}

    @property
    def affects_all(self) -> bool:
        """Library-wide corrections concern every article."""
        return self.scope == LIBRARY_SCOPE

    @property
    def touches_entities(self) -> bool:
        """Corrections change entities."""
        return True

    def describe(self) -> str:
        """E.g. "“Kursk” is a PLACE (whole library)"."""
        where = "whole library" if self.scope == LIBRARY_SCOPE else "this article"
        if self.after is None:
            return f"correction of “{self.before.text if self.before else self.key}” withdrawn"
        return f"{self.after.describe()} ({where})"


@dataclass(slots=True)
class ChangeGroup(Change):
    """Several changes made as one step (undone together)."""

    changes: list[Change]

    def inverse(self) -> ChangeGroup:
        """The inverses, in reverse order."""
        return ChangeGroup([change.inverse() for change in reversed(self.changes)])

    @property
    def is_empty(self) -> bool:
        """True when every part is empty."""
        return all(change.is_empty for change in self.changes)

    @property
    def article_ids(self) -> set[str]:
        """Every article any part touched."""
        return set().union(*(change.article_ids for change in self.changes))

    @property
    def affects_all(self) -> bool:
        """True when any part concerns every article."""
        return any(change.affects_all for change in self.changes)

    @property
    def touches_entities(self) -> bool:
        """True when any part changes entities."""
        return any(change.touches_entities for change in self.changes)

    def describe(self) -> str:
        """The parts' descriptions."""
        return "; ".join(change.describe() for change in self.changes if not change.is_empty)


class UndoStack:
    """The changes made in this session, newest last, for ``ctrl+z``."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._changes: list[Change] = []

    def push(self, change: Change | None) -> None:
        """Remember a change (empty changes are not worth undoing)."""
        if change is None or change.is_empty:
            return
        self._changes.append(change)
        del self._changes[: -self.limit]

    def pop(self) -> Change | None:
        """The most recent change, removed from the stack."""
        return self._changes.pop() if self._changes else None

    def __len__(self) -> int:
        return len(self._changes)
