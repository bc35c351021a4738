"""``broadsheet search QUERY``: the articles that match, best first, with snippets."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import (
    CommandError,
    add_rescan_option,
    article_json,
    article_line,
    open_session,
    print_json,
)
from reader.commands.indexes import prepare
from reader.query.syntax import QueryError
from reader.util.safety import inert_line


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
    session, _ = open_session(args, report=True, quick=True)
    try:
        query = session.parse(text)
    except QueryError as error:
        raise CommandError(f"query: {error}", status=2) from None
    prepare(session, query)
    result = session.query(query)
    articles = result.articles[: args.limit] if args.limit else result.articles
    snippets = session.snippets(articles, query, every_match=args.json)
    if args.json:
        rows = []
        for meta in articles:
            row = article_json(session, meta)
            snippet = snippets.get(meta.id)
            row["score"] = round(result.scores.get(meta.id, 0.0), 4)
            row["snippet"] = snippet.text if snippet else ""
            row["matches"] = [list(span) for span in snippet.matches] if snippet else []
            rows.append(row)
        print_json(rows)
    else:
        out = sys.stdout
        for meta in articles:
            out.write(article_line(session, meta, f"{meta.words:>6}w") + "\n")
            snippet = snippets.get(meta.id)
            if snippet and snippet.text:
                out.write(f"    {inert_line(snippet.text)}\n")
    session.close()
    return 0
