"""``broadsheet export``: every tag, note, highlight, state and correction, as JSON or Markdown."""

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
from reader.util.atomic import umask_mode, write_atomic

JSON_NAME = "broadsheet-annotations.json"
"""The file written by ``--format json --output DIR/``."""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``export`` command."""
    parser = subparsers.add_parser(
        "export",
        parents=parents,
        help="export all tags, notes and highlights",
        description="Export every tag, note, highlight, reading state and entity correction, "
        "with each article's key entities. Markdown goes to one digest, or with --output DIR/ "
        "to one file per article (an Obsidian vault folder); JSON with --output DIR/ goes to "
        f"DIR/{JSON_NAME}. Files are created with your umask, like any other tool's.",
    )
    parser.add_argument("--format", choices=("json", "markdown"), default="json")
    parser.add_argument(
        "--output",
        metavar="FILE",
        help="write here instead of stdout (FILE, or a folder DIR/)",
    )
    parser.set_defaults(func=run)


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text.encode("utf-8"), mode=umask_mode())
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None


def run(args: argparse.Namespace) -> int:
    """Gather every annotated article and write it out."""
    session, _ = open_session(args)
    session.reanchor_stale()
    store = session.store
    records = [store.record(article_id) for article_id in sorted(store.annotated_ids())]
    items = gather(records, session.library.get, session.grouped_entities)
    library = [correction.to_doc() for correction in store.library_corrections()]
    session.close()
    output = Path(args.output) if args.output else None
    to_folder = output is not None and (output.is_dir() or args.output.endswith(("/", "\\")))
    if output is not None and to_folder:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"cannot write to {output}: {error.strerror or error}") from None
        if args.format == "markdown":
            for item in items:
                _write(output / file_name(item), to_markdown_document(item))
        else:
            _write(output / JSON_NAME, to_json(items, library))
        print(f"{len(items)} article(s) exported to {output}", file=sys.stderr)
        return 0
    text = to_json(items, library) if args.format == "json" else to_markdown_digest(items)
    if output is None:
        sys.stdout.write(text)
        return 0
    _write(output, text)
    print(f"{len(items)} article(s) exported to {output}", file=sys.stderr)
    return 0
