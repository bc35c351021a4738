"""``broadsheet export``: every tag, note and state, as JSON or Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.common import CommandError, open_session
from reader.store.export import (
    file_name,
    gather,
    to_json,
    to_markdown_digest,
    to_markdown_document,
)
from reader.util.atomic import write_atomic


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``export`` command."""
    parser = subparsers.add_parser(
        "export",
        parents=parents,
        help="export all tags and notes",
        description="Export every tag, note and reading state. Markdown goes to one digest, "
        "or with --output DIR/ to one file per article (an Obsidian vault folder).",
    )
    parser.add_argument("--format", choices=("json", "markdown"), default="json")
    parser.add_argument(
        "--output",
        metavar="FILE",
        help="write here instead of stdout (a folder, for Markdown: one file per article)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Gather every annotated article and write it out."""
    session, _ = open_session(args)
    store = session.store
    records = [store.record(article_id) for article_id in sorted(store.annotated_ids())]
    items = gather(records, session.library.get)
    output = Path(args.output) if args.output else None
    if (
        args.format == "markdown"
        and output is not None
        and (output.is_dir() or args.output.endswith(("/", "\\")))
    ):
        try:
            output.mkdir(parents=True, exist_ok=True)
            for item in items:
                write_atomic(output / file_name(item), to_markdown_document(item).encode())
        except OSError as error:
            raise CommandError(f"cannot write to {output}: {error.strerror or error}") from None
        print(f"{len(items)} article(s) exported to {output}", file=sys.stderr)
        return 0
    text = to_json(items) if args.format == "json" else to_markdown_digest(items)
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror or error}") from None
    print(f"{len(items)} article(s) exported to {output}", file=sys.stderr)
    return 0
