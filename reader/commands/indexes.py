"""Bringing the indexes a query needs up to date before a command answers it.

A query with words needs the full-text index, one with ``@name`` the entity
index; each is updated only if articles changed since it was built, with a
progress bar on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from reader.query.syntax import Query
from reader.session.session import Session

Step = Callable[[Callable[[int, int], None]], object]


def with_progress(label: str, total: int, step: Step) -> None:
    """Run ``step(progress)`` with a transient progress bar on stderr when it is a terminal."""
    from rich.console import Console
    from rich.progress import Progress

    show = sys.stderr.isatty() and total > 20
    with Progress(transient=True, console=Console(stderr=True), disable=not show) as bar:
        task = bar.add_task(label, total=total)
        step(lambda done, whole: bar.update(task, completed=done, total=whole))


def prepare(session: Session, query: Query) -> None:
    """Update the full-text index (for words) and the entity index (for ``@name``)."""
    if query.text_terms or any(t.kind == "words" for t in query.terms()):
        pending = session.search_pending()
        if pending:
            with_progress("indexing text", pending, session.update_search_index)
    if any(term.kind == "entity" for term in query.terms()):
        update_entities(session)


def update_entities(session: Session) -> None:
    """Bring the entity index up to date (only what changed)."""
    from reader.session.indexing import entity_index, pending, refresh_entity_index

    backend = session.settings.entity_backend
    stale, gone = pending(entity_index(session.paths), session.library, session.store, backend)
    if not stale and not gone:
        return

    def step(progress: Callable[[int, int], None]) -> None:
        refresh_entity_index(
            session.paths, session.library, session.store, backend, progress=progress
        )

    with_progress("indexing entities", len(stale), step)
    session.entity_index_reloaded()
