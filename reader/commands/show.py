"""``broadsheet show``: an article as plain text."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import CommandError, open_session, resolve_article
from reader.library import ArticleError
from reader.text.document import build_document


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``show`` command."""
    parser = subparsers.add_parser("show", parents=parents, help="print an article as plain text")
    parser.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the article's plain text: title, blank line, body."""
    session, _ = open_session(args, annotations=False)
    meta = resolve_article(session, args.id)
    try:
        article = session.load(meta)
    except ArticleError as error:
        raise CommandError(f"{args.id}: {error}") from None
    document = build_document(article)
    sys.stdout.write(document.plain)
    sys.stdout.write("\n")
    return 0
