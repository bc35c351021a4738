"""``broadsheet search QUERY``: the articles that match, best first, with snippets."""

from __future__ import annotations

import argparse

from reader.commands.common import (
    CommandError,
    add_rescan_option,
    article_json,
    article_line,
    open_session,
)
from reader.commands.quick_search import Found, parse, print_quick_search, print_results


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``search`` command."""
    parser = subparsers.add_parser(
        "search",
        parents=parents,
        help='search the library (words, "phrases", #tag, @name, is:, has:, date: ...)',
        description="Search titles, sources, authors and text. The query language is the "
        'one the app\'s / uses: words (all required), "a phrase", -word, a OR b, #tag, '
        "@name, is:unread|read|starred|marked, has:notes|highlights, source:TEXT, "
        "author:TEXT, date:2020, date:2020-06, date:2020-01..2020-06, after:DATE, before:DATE.",
    )
    parser.add_argument("query", metavar="QUERY", nargs="+", help="the query (quote it)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_rescan_option(parser)
    parser.add_argument("--limit", type=int, metavar="N", help="at most N results")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the matching articles, ranked, with a snippet of the best match."""
    if args.limit is not None and args.limit < 1:
        raise CommandError("--limit must be a positive number", status=2)
    text = " ".join(args.query)
    if not args.rescan and print_quick_search(args, text):
        return 0
    from reader.commands.indexes import prepare

    session, _ = open_session(args, report=True, quick=True)
    query = parse(text)
    prepare(session, query)
    result = session.query(query)
    articles = result.articles[: args.limit] if args.limit else result.articles
    snippets = session.snippets(articles, query, every_match=args.json)
    print_results(
        (
            Found(
                article_json(session, meta),
                article_line(session, meta, f"{meta.words:>6}w"),
                result.scores.get(meta.id, 0.0),
                snippets.get(meta.id),
            )
            for meta in articles
        ),
        as_json=args.json,
    )
    session.close()
    return 0
