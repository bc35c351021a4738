"""``broadsheet list``: the articles in the library, filtered by the query engine."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import (
    add_rescan_option,
    article_json,
    article_line,
    open_session,
    print_json,
    warn,
)
from reader.commands.quick_list import print_quick_listing

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:  # (imported where used: the quick listing needs none of them)
    from reader.query.syntax import Query
    from reader.session.session import Session


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
    parser.add_argument(
        "--search",
        metavar="TEXT",
        help="only articles matching TEXT (the query language of `broadsheet search`)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_rescan_option(parser)
    parser.set_defaults(func=run)


def build_query(session: Session, args: argparse.Namespace) -> Query:
    """The query the options mean: ``--tag`` and ``--entity`` terms and the ``--search`` text."""
    from reader.query.syntax import Query, QueryError, Term
    from reader.store.tags import normalise_tag

    clauses: list[tuple[Term, ...]] = []
    for tag in args.tag:
        normal = normalise_tag(tag)
        if not normal:
            raise QueryError("a tag cannot be empty")
        clauses.append((Term("tag", (normal,)),))
    for name in args.entity:
        clauses.append((Term("entity", (" ".join(name.split()).casefold(),)),))
    if args.search:
        clauses.extend(session.parse(args.search).clauses)
    return Query(tuple(clauses), args.search or "")


def run(args: argparse.Namespace) -> int:
    """Print the library, newest first (by mentions with ``--entity``)."""
    session = None
    plain = not (args.entity or args.search or args.tag or args.rescan)
    if plain and args.json and not sys.stdout.isatty() and print_quick_listing(args):
        return 0
    from reader.commands.indexes import prepare
    from reader.commands.quick_entities import quick_entity_session
    from reader.query.syntax import QueryError
    from reader.store.tags import normalise_tag

    if args.entity and not args.search and not args.tag:
        session = quick_entity_session(args)
    if session is None:
        session, _ = open_session(args, report=True, quick=True)
    try:
        query = build_query(session, args)
    except QueryError as error:
        warn(f"query: {error}")
        return 2
    prepare(session, query)
    result = session.query(query)
    articles = result.articles
    if not args.entity and result.ranked:  # --search is unranked: the list's order.
        chosen = {meta.id for meta in articles}
        articles = [meta for meta in session.articles if meta.id in chosen]
    for tag in args.tag:
        if not session.store.ids_with_tag(tag):
            warn(f"no article is tagged #{normalise_tag(tag)}")
    counts = result.mentions
    if args.json:
        rows = []
        for meta in articles:
            row = article_json(session, meta)
            if counts is not None:
                row["mentions"] = counts.get(meta.id, 0)
            rows.append(row)
        print_json(rows)
    else:
        out = sys.stdout
        for meta in articles:
            size = f"{counts.get(meta.id, 0):>5}×" if counts is not None else f"{meta.words:>6}w"
            out.write(article_line(session, meta, size) + "\n")
    session.close()
    return 0
