"""``broadsheet index``: bring the entity index up to date (the app runs it in the background)."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import open_all, paths_from
from reader.session.config import load_settings


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``index`` command."""
    parser = subparsers.add_parser(
        "index",
        parents=parents,
        help="update the entity index (for browsing by entity)",
        description="Extract the entities of every new or changed article into the entity "
        "index under HOME/cache (the app does this by itself in the background).",
    )
    parser.add_argument(
        "--progress-lines",
        action="store_true",
        help="print 'DONE TOTAL' lines as it goes (for programs)",
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="worker processes (default: one per core, at most 2)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Index the stale articles; print what was done."""
    from reader.session.indexing import refresh_entity_index

    paths = paths_from(args)
    library, store = open_all(paths, report=not args.progress_lines)
    backend = load_settings(paths.config_file, create=False).entity_backend

    if args.progress_lines:

        def progress(done: int, total: int) -> None:
            print(f"{done} {total}", flush=True)

        report = refresh_entity_index(
            paths, library, store, backend, progress=progress, workers=args.workers
        )
    else:
        from rich.console import Console
        from rich.progress import Progress

        show = sys.stderr.isatty()
        with Progress(transient=True, console=Console(stderr=True), disable=not show) as bar:
            task = bar.add_task("indexing entities", total=None)
            report = refresh_entity_index(
                paths,
                library,
                store,
                backend,
                workers=args.workers,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    if report is None:
        print("The entity index is up to date.")
    else:
        failed = f", {len(report.failed)} could not be read" if report.failed else ""
        print(f"Indexed {report.indexed} article(s), dropped {report.removed}{failed}.")
    return 0
