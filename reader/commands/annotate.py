"""``broadsheet tag``, ``untag`` and ``note``: annotate from scripts and the shell."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import CommandError, open_session, resolve_article
from reader.store import Note, normalise_tag
from reader.util.safety import inert_line


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
    session, _ = open_session(args)
    meta = resolve_article(session, args.id)
    tags = [normalise_tag(tag) for tag in args.tags]
    if not all(tags):
        raise CommandError("a tag cannot be empty")
    if args.remove:
        outcome = session.edit_tags([meta.id], remove=tags)
    else:
        outcome = session.edit_tags([meta.id], add=tags)
    session.close()
    if not outcome.ok:
        raise CommandError(outcome.error)
    now = " ".join(f"#{tag}" for tag in session.store.tags_of(meta.id)) or "no tags"
    verb = outcome.describe() if outcome.changed else "unchanged"
    print(inert_line(f"{meta.id} {meta.title[:60]}: {verb}; now {now}"))
    return 0


def run_note(args: argparse.Namespace) -> int:
    """Add a note on the whole article."""
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise CommandError("the note is empty")
    session, _ = open_session(args)
    meta = resolve_article(session, args.id)
    outcome = session.save_note(meta.id, Note.new(text.rstrip("\n")))
    session.close()
    if not outcome.ok:
        raise CommandError(outcome.error)
    count = len(session.store.notes_of(meta.id))
    print(inert_line(f"{meta.id} {meta.title[:60]}: note added ({count} in all)"))
    return 0
