"""``broadsheet list``: the articles in the library."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import open_library, paths_from, print_json
from reader.library import ArticleMeta, Library
from reader.library.parsing import ArticleError


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``list`` command."""
    parser = subparsers.add_parser("list", parents=parents, help="list the stored articles")
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


def run(args: argparse.Namespace) -> int:
    """Print the library, newest first."""
    paths = paths_from(args)
    library, _ = open_library(paths)
    articles = library.articles
    if args.search:
        words = args.search.casefold().split()
        articles = [meta for meta in articles if _matches_text(library, meta, words)]
    if args.json:
        print_json(
            [
                {
                    "id": meta.id,
                    "title": meta.title,
                    "date": meta.date,
                    "source": meta.source,
                    "author": meta.author,
                    "path": str(paths.library / meta.path),
                    "words": meta.words,
                    "tags": list(meta.tags),
                }
                for meta in articles
            ]
        )
        return 0
    out = sys.stdout
    for meta in articles:
        date = meta.date[:10] or "----------"
        out.write(f"{meta.id}  {date}  {meta.words:>6}w  {meta.title}\n")
    return 0
