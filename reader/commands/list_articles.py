"""``broadsheet list``: the articles in the library."""

from __future__ import annotations

import argparse
import os
import sys

from reader.commands.common import ensure_home, open_all, paths_from, print_json
from reader.library import ArticleMeta, Library
from reader.library.parsing import ArticleError
from reader.session.config import load_settings
from reader.store import AnnotationStore
from reader.util.paths import Paths


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``list`` command."""
    parser = subparsers.add_parser("list", parents=parents, help="list the stored articles")
    parser.add_argument(
        "--tag",
        metavar="T",
        action="append",
        default=[],
        help="only articles with tag T (repeat for several)",
    )
    parser.add_argument(
        "--entity",
        metavar="E",
        action="append",
        default=[],
        help="only articles that mention entity E (a name or part of one)",
    )
    parser.add_argument("--search", metavar="TEXT", help="only articles whose text contains TEXT")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def _matches_text(library: Library, meta: ArticleMeta, words: list[str]) -> bool:
    haystack = " ".join((meta.title, meta.source, meta.author)).casefold()
    if all(word in haystack for word in words):
        return True
    try:
        body = library.load(meta).body.casefold()
    except ArticleError:
        return False
    return all(word in haystack or word in body for word in words)


def _lookup(paths: Paths, names: list[str]) -> dict[str, int]:
    """Article id -> mentions of the entity (the first name's counts; all names must match)."""
    from reader.session.indexing import entity_index

    index = entity_index(paths)
    counts: dict[str, int] | None = None
    for name in names:
        found = index.articles_mentioning(name)
        counts = found if counts is None else {k: v for k, v in counts.items() if k in found}
    return counts or {}


def _quick_entity_lookup(
    paths: Paths, names: list[str]
) -> tuple[Library, AnnotationStore, dict[str, int]] | None:
    """Answer ``--entity`` from the indexes alone when nothing changed since they were built.

    No folder of the library or the store changed, every article's index entry
    is current, and the files found are as indexed; else None (the full path).
    Only the articles found are turned into objects.
    """
    from reader.entities.index import stamp_of
    from reader.session.indexing import entity_index, pending_for

    library = Library(paths.library, paths.library_index)
    entries = library.unchanged_entries()
    if entries is None:
        return None
    store = AnnotationStore(paths.annotations, paths.cache, lookup=library.get_with_sketch)
    if store.load(quick=True).files_read or store.damaged:
        return None
    rows = {
        entry[2][0]: (path, entry[2])
        for path, entry in entries.items()
        if isinstance(entry[2], list)
    }
    wanted = {
        article_id: stamp_of(row[1], row[10], store.summary(article_id).corrections)
        for article_id, (_, row) in rows.items()
    }
    backend = load_settings(paths.config_file, create=False).entity_backend
    stale, gone = pending_for(entity_index(paths), wanted, store, backend)
    if stale or gone:
        return None
    counts = _lookup(paths, names)
    found = [ArticleMeta.from_row(*rows[article_id]) for article_id in counts if article_id in rows]
    if len(found) != len(counts) or not all(library.unchanged(meta) for meta in found):
        return None
    library.use(found)
    return library, store, counts


def _full_entity_lookup(
    paths: Paths, library: Library, store: AnnotationStore, names: list[str]
) -> dict[str, int]:
    """Bring the entity index up to date (with a progress bar on a terminal), then look up."""
    from rich.console import Console
    from rich.progress import Progress

    from reader.session.indexing import entity_index, pending, refresh_entity_index

    backend = load_settings(paths.config_file, create=False).entity_backend
    stale, gone = pending(entity_index(paths), library, store, backend)
    if stale or gone:
        show = sys.stderr.isatty() and len(stale) > 20
        with Progress(transient=True, console=Console(stderr=True), disable=not show) as bar:
            task = bar.add_task("indexing entities", total=len(stale))
            refresh_entity_index(
                paths,
                library,
                store,
                backend,
                progress=lambda done, total: bar.update(task, completed=done),
            )
    return _lookup(paths, names)


def run(args: argparse.Namespace) -> int:
    """Print the library, newest first (by mentions with ``--entity``)."""
    paths = paths_from(args)
    counts: dict[str, int] | None = None
    quick = None
    if args.entity and not args.search and paths.library.is_dir():
        ensure_home(paths)
        quick = _quick_entity_lookup(paths, args.entity)
    if quick is not None:
        library, store, counts = quick
    else:
        library, store = open_all(paths)
        if args.entity:
            counts = _full_entity_lookup(paths, library, store, args.entity)
    articles = library.articles
    for tag in args.tag:
        tagged = store.ids_with_tag(tag)
        articles = [meta for meta in articles if meta.id in tagged]
    if counts is not None:
        found = counts
        articles = sorted(
            (meta for meta in articles if meta.id in found), key=lambda meta: -found[meta.id]
        )
    if args.search:
        words = args.search.casefold().split()
        articles = [meta for meta in articles if _matches_text(library, meta, words)]
    if args.json:
        root = f"{paths.library}{os.sep}"
        rows = []
        for meta in articles:
            summary = store.summary(meta.id)
            rows.append(
                {
                    "id": meta.id,
                    "title": meta.title,
                    "date": meta.date,
                    "source": meta.source,
                    "author": meta.author,
                    "path": root + meta.path.replace("/", os.sep),
                    "words": meta.words,
                    "tags": list(summary.tags),
                    "read": summary.read,
                    "starred": summary.starred,
                    "notes": summary.notes,
                    **({"mentions": counts[meta.id]} if counts is not None else {}),
                }
            )
        print_json(rows)
        store.close()
        return 0
    out = sys.stdout
    for meta in articles:
        date = meta.date[:10] or "----------"
        tags = " ".join(f"#{tag}" for tag in store.tags_of(meta.id))
        size = f"{counts[meta.id]:>5}×" if counts is not None else f"{meta.words:>6}w"
        out.write(f"{meta.id}  {date}  {size}  {meta.title}{'  ' + tags if tags else ''}\n")
    store.close()
    return 0
