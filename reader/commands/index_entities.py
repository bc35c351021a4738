"""``broadsheet index``: bring the full-text and entity indexes up to date (the app runs it)."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import open_session
from reader.commands.indexes import with_progress


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``index`` command."""
    parser = subparsers.add_parser(
        "index",
        parents=parents,
        help="update the full-text and entity indexes",
        description="Read every new or changed article into the full-text index and the "
        "entity index under HOME/cache (the app does this by itself in the background).",
    )
    parser.add_argument(
        "--progress-lines",
        action="store_true",
        help="print 'DONE TOTAL [text]' lines as it goes (for programs)",
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="worker processes (default: one per core, at most 2)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Index the stale articles; print what was done."""
    from reader.session.indexing import refresh_entity_index

    session, _ = open_session(args, report=not args.progress_lines)
    paths, library, store = session.paths, session.library, session.store
    backend = session.settings.entity_backend
    pending_text = session.search_pending()
    if pending_text and args.progress_lines:
        session.update_search_index(lambda done, total: print(f"{done} {total} text", flush=True))
    elif pending_text:
        with_progress("indexing text", pending_text, session.update_search_index)

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
