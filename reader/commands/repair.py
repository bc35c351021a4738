"""``broadsheet repair``: deal with annotation files that cannot be read."""

from __future__ import annotations

import argparse

from reader.commands.common import CommandError, ensure_home, paths_from
from reader.store import AnnotationStore, StoreError


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``repair`` command."""
    parser = subparsers.add_parser(
        "repair",
        parents=parents,
        help="list damaged annotation files; restore or reset them",
        description="Without options, lists the damaged files (a copy of each is already "
        "kept beside it). --restore puts back the newest good backup of each; "
        "--fresh starts them empty (the damaged copies stay).",
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--restore", action="store_true", help="restore the newest good backup")
    choice.add_argument("--fresh", action="store_true", help="start the damaged files empty")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List or fix damaged files; exit 1 while any remain damaged or unreadable.

    Every annotation file is read (the summary cache is not trusted here).
    A file that cannot be read (permissions) is never replaced: its line says
    how to fix it.
    """
    paths = paths_from(args)
    ensure_home(paths)
    store = AnnotationStore(paths.annotations, paths.cache)
    try:
        report = store.load()
        for line in report.conflicts:
            print(line)
        problems = store.check_files()
    except StoreError as error:
        raise CommandError(str(error)) from None
    if not problems:
        print("All annotation files are readable.")
        store.close()
        return 0
    failures = 0
    for item in problems:
        try:
            if item.unreadable or not (args.restore or args.fresh):
                print(item.describe())
                failures += item.unreadable and bool(args.restore or args.fresh)
            elif args.restore:
                where = store.restore_backup(item.path)
                print(f"{item.path}: restored from {where}")
            else:
                store.start_fresh(item.path)
                print(f"{item.path}: started empty; the damaged copy is {item.kept}")
        except StoreError as error:
            failures += 1
            print(f"{item.path}: {error}")
    store.close()
    unreadable = sum(1 for item in problems if item.unreadable)
    if args.restore or args.fresh:
        if failures:
            raise CommandError(
                f"{failures} file(s) could not be restored or reset; nothing was replaced"
            )
        return 0
    damaged = len(problems) - unreadable
    parts = []
    if damaged:
        parts.append(f"{damaged} damaged file(s); run `broadsheet repair --restore` or `--fresh`")
    if unreadable:
        parts.append(f"{unreadable} file(s) cannot be read: fix them as shown above")
    raise CommandError("; ".join(parts))
