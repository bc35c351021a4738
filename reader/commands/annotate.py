"""``broadsheet tag``, ``untag`` and ``note``: annotate from scripts and the shell."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import CommandError, open_all, paths_from, resolve_article
from reader.store import Note, StoreError, normalise_tag


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``tag``, ``untag`` and ``note`` commands."""
    tag = subparsers.add_parser("tag", parents=parents, help="add tags to an article")
    tag.add_argument("id", metavar="ID")
    tag.add_argument("tags", metavar="TAG", nargs="+")
    tag.set_defaults(func=run_tag, remove=False)
    untag = subparsers.add_parser("untag", parents=parents, help="remove tags from an article")
    untag.add_argument("id", metavar="ID")
    untag.add_argument("tags", metavar="TAG", nargs="+")
    untag.set_defaults(func=run_tag, remove=True)
    note = subparsers.add_parser(
        "note", parents=parents, help="add a note to an article (TEXT, or - to read stdin)"
    )
    note.add_argument("id", metavar="ID")
    note.add_argument("text", metavar="TEXT")
    note.set_defaults(func=run_note)


def run_tag(args: argparse.Namespace) -> int:
    """Add or remove tags."""
    library, store = open_all(paths_from(args), report=False)
    meta = resolve_article(library, store, args.id)
    tags = [normalise_tag(tag) for tag in args.tags]
    if not all(tags):
        raise CommandError("a tag cannot be empty")
    try:
        if args.remove:
            change = store.edit_tags([meta.id], remove=tags)
        else:
            change = store.edit_tags([meta.id], add=tags)
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    now = " ".join(f"#{tag}" for tag in store.tags_of(meta.id)) or "no tags"
    verb = "unchanged" if change.is_empty else change.describe()
    print(f"{meta.id} {meta.title[:60]}: {verb}; now {now}")
    return 0


def run_note(args: argparse.Namespace) -> int:
    """Add a note on the whole article."""
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise CommandError("the note is empty")
    library, store = open_all(paths_from(args), report=False)
    meta = resolve_article(library, store, args.id)
    try:
        store.save_note(meta.id, Note.new(text.rstrip("\n")))
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(f"{meta.id} {meta.title[:60]}: note added ({len(store.notes_of(meta.id))} in all)")
    return 0
