"""``broadsheet list``: the articles in the library."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.progress import Progress

from reader.commands.common import open_all, paths_from, print_json
from reader.config import load_settings
from reader.indexing import entity_index, pending, refresh_entity_index
from reader.library import ArticleMeta, Library
from reader.library.parsing import ArticleError
from reader.paths import Paths
from reader.store import AnnotationStore


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


def _entity_counts(
    paths: Paths, library: Library, store: AnnotationStore, names: list[str]
) -> dict[str, int]:
    """Article id -> mentions of the entity (the first name's counts; all names must match)."""
    backend = load_settings(paths.config_file, create=False).entity_backend
    index = entity_index(paths)
    stale, gone = pending(index, library, store, backend)
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
        index = entity_index(paths)
    counts: dict[str, int] | None = None
    for name in names:
        found = index.articles_mentioning(name)
        counts = found if counts is None else {k: v for k, v in counts.items() if k in found}
    return counts or {}


def run(args: argparse.Namespace) -> int:
    """Print the library, newest first."""
    paths = paths_from(args)
    library, store = open_all(paths)
    articles = library.articles
    for tag in args.tag:
        tagged = store.ids_with_tag(tag)
        articles = [meta for meta in articles if meta.id in tagged]
    counts: dict[str, int] | None = None
    if args.entity:
        counts = _entity_counts(paths, library, store, args.entity)
        found = counts
        articles = sorted(
            (meta for meta in articles if meta.id in found), key=lambda meta: -found[meta.id]
        )
    if args.search:
        words = args.search.casefold().split()
        articles = [meta for meta in articles if _matches_text(library, meta, words)]
    if args.json:
        root = f"{paths.library}/"
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
                    "path": root + meta.path,
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
