"""A quick way to answer ``broadsheet list --entity NAME`` from the indexes alone.

When no folder of the library or the store changed since the indexes were
written and every article's entity-index entry is current, the articles that
mention the name are taken from the library index without scanning the
library; only those are turned into objects. Otherwise the caller opens the
session the usual way.
"""

from __future__ import annotations

import argparse

from reader.commands.common import session_from
from reader.entities.index import stamp_of
from reader.library import ArticleMeta
from reader.session.indexing import entity_index, pending_for
from reader.session.session import Session


def quick_entity_session(args: argparse.Namespace) -> Session | None:
    """A session holding just the articles that mention the ``--entity`` names, or None."""
    session = session_from(args)
    paths, library = session.paths, session.library
    if not paths.library.is_dir():
        return None
    entries = library.unchanged_entries()
    if entries is None:
        return None
    store = session.store
    if store.load(quick=True).files_read or store.damaged:
        return None
    session.store_loaded = True
    rows = {
        entry[2][0]: (path, entry[2])
        for path, entry in entries.items()
        if isinstance(entry[2], list) and entry[2]
    }
    wanted = {
        article_id: stamp_of(row[1], row[10], store.summary(article_id).corrections)
        for article_id, (_, row) in rows.items()
    }
    backend = session.settings.entity_backend
    stale, gone = pending_for(entity_index(paths), wanted, store, backend)
    if stale or gone:
        return None
    found_ids: set[str] | None = None
    for name in args.entity:
        counts = session.entity_index.articles_mentioning(" ".join(name.split()).casefold())
        found_ids = set(counts) if found_ids is None else found_ids & set(counts)
    try:
        found = [ArticleMeta.from_row(*rows[key]) for key in found_ids or () if key in rows]
    except (TypeError, ValueError, IndexError):
        return None
    if len(found) != len(found_ids or ()) or not all(library.unchanged(meta) for meta in found):
        return None
    library.use(found)
    return session
