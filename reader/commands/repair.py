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
    """List or fix damaged files; exit 1 while any remain damaged."""
    paths = paths_from(args)
    ensure_home(paths)
    store = AnnotationStore(paths.annotations, paths.cache)
    store.load()
    damaged = list(store.damaged.values())
    if not damaged:
        print("All annotation files are readable.")
        return 0
    failures = 0
    for item in damaged:
        if args.restore:
            try:
                where = store.restore_backup(item.path)
                print(f"{item.path}: restored from {where}")
            except StoreError as error:
                failures += 1
                print(f"{item.path}: {error}")
        elif args.fresh:
            store.start_fresh(item.path)
            print(f"{item.path}: started empty; the damaged copy is {item.kept}")
        else:
            print(item.describe())
    store.close()
    if args.restore or args.fresh:
        if failures:
            raise CommandError(f"{failures} file(s) could not be restored")
        return 0
    raise CommandError(
        f"{len(damaged)} damaged file(s); run `broadsheet repair --restore` or `--fresh`"
    )
