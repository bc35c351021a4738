"""``broadsheet views``: saved searches (named queries), kept in TinyDB."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import CommandError, print_json, store_session
from reader.store import StoreError
from reader.util.safety import inert_line


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``views`` command and its ``save``, ``rename`` and ``delete`` actions."""
    parser = subparsers.add_parser("views", parents=parents, help="saved searches")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_list)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    save = actions.add_parser("save", parents=parents, help="save QUERY under NAME")
    save.add_argument("name", metavar="NAME")
    save.add_argument("query", metavar="QUERY", nargs="+")
    save.set_defaults(func=run_save)
    rename = actions.add_parser("rename", parents=parents, help="rename a view")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new_name", metavar="NEW_NAME")
    rename.set_defaults(func=run_rename)
    delete = actions.add_parser("delete", parents=parents, help="delete a view")
    delete.add_argument("name", metavar="NAME")
    delete.set_defaults(func=run_delete)


def run_list(args: argparse.Namespace) -> int:
    """Print the saved views."""
    session = store_session(args)
    try:
        views = session.views()
    except StoreError as error:
        raise CommandError(str(error)) from None
    if args.json:
        print_json(
            [
                {"name": v.name, "query": v.query, "created": v.created, "updated": v.updated}
                for v in views
            ]
        )
    elif not views:
        print("No saved views. Save one with: broadsheet views save NAME QUERY", file=sys.stderr)
    else:
        width = max(len(view.name) for view in views)
        for view in views:
            print(inert_line(f"{view.name:<{width}}  {view.query}"))
    return 0


def _report(outcome_error: str, message: str) -> int:
    if outcome_error:
        raise CommandError(outcome_error)
    print(inert_line(message))
    return 0


def run_save(args: argparse.Namespace) -> int:
    """Save a view (replacing one of the same name)."""
    outcome = store_session(args).save_view(args.name, " ".join(args.query))
    if outcome.error.startswith("not saved:"):
        raise CommandError(outcome.error, status=2)
    return _report(outcome.error, outcome.describe().capitalize())


def run_rename(args: argparse.Namespace) -> int:
    """Rename a view."""
    outcome = store_session(args).rename_view(args.name, args.new_name)
    return _report(outcome.error, outcome.describe().capitalize())


def run_delete(args: argparse.Namespace) -> int:
    """Delete a view."""
    outcome = store_session(args).delete_view(args.name)
    return _report(outcome.error, outcome.describe().capitalize())
