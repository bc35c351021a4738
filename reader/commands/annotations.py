"""``broadsheet annotations [QUERY] [--json]``: every note and highlight, newest first."""

from __future__ import annotations

import argparse

from reader.commands.common import CommandError, open_session, print_json
from reader.query.syntax import QueryError
from reader.util.safety import inert_line


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``annotations`` command."""
    parser = subparsers.add_parser(
        "annotations",
        parents=parents,
        help="every note and highlight across the library, newest first",
        description="Every note and highlight, newest first. QUERY is the search language: "
        "#tag, @name, is:, source:, date: select articles; words match the annotation's "
        "quote, note, tags and title; has:highlights keeps only highlights.",
    )
    parser.add_argument("query", metavar="QUERY", nargs="?", default="")
    parser.add_argument("--json", action="store_true", help="print JSON objects")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List the annotations."""
    session, _ = open_session(args)
    session.reanchor_stale()
    try:
        entries = session.annotations().filter(args.query)
    except QueryError as error:
        raise CommandError(f"query: {error}") from None
    finally:
        session.close()
    if args.json:
        print_json([entry.to_json() for entry in entries])
        return 0
    for entry in entries:
        note = entry.note
        flag = " ORPHAN" if note.orphan else ""
        colour = f" {note.color}" if note.is_highlight else ""
        print(
            inert_line(
                f"{entry.article_id}  {note.created[:10]}  {note.kind}{colour}{flag}  "
                f"{entry.title[:60]}"
            )
        )
        if note.quote:
            print(inert_line(f"    “{' '.join(note.quote.split())[:200]}”"))
        if note.text.strip():
            print(inert_line(f"    {' '.join(note.text.split())[:200]}"))
    return 0
