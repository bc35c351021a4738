"""``broadsheet add``: import files, folders, web pages, feeds and OPML lists.

The import itself is ``reader.importing`` (imported only when the command
runs, so the rest of the command line starts quickly). This module draws
the progress bar (on stderr, only on a terminal) and prints the report:
``added ID TITLE`` lines on stdout, one ``skipped:``/``failed:`` line per
item on stderr, then a summary line. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader.commands.common import open_session, print_json, warn
from reader.commands.progress import keep_end, progress_bar

if TYPE_CHECKING:
    from reader.importing.report import ImportReport

DEFAULT_TIMEOUT = 20.0
INTERRUPTED = 130


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError("the timeout must be between 0 and 600 seconds")
    return value


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``add`` command."""
    parser = subparsers.add_parser(
        "add",
        parents=parents,
        help="import files, folders, web pages and feeds into the library",
        description="Import .md, .txt and .html files, folders (recursively), web pages, "
        "RSS/Atom feeds (files or URLs) and OPML lists of feeds. Articles already in "
        "the library (same source URL or same text) are skipped.",
    )
    parser.add_argument("targets", nargs="+", metavar="PATH_OR_URL", help="what to import")
    parser.add_argument(
        "--fetch",
        action="store_true",
        help="also download each feed entry's web page for its full text",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time allowed for each download (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only failures and the summary"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)


def _print_report(report: ImportReport, quiet: bool) -> None:
    if not quiet:
        for outcome in report.added:
            if outcome.meta is not None:
                sys.stdout.write(f"added  {outcome.meta.id}  {outcome.meta.title}\n")
        for outcome in report.skipped:
            warn(f"skipped: {outcome.what}: {outcome.why}")
    for outcome in report.failed:
        warn(f"failed: {outcome.what}: {outcome.why}")
    sys.stdout.write(report.summary() + "\n")
    sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    """Import every PATH_OR_URL; print the report; exit 1 if anything failed."""
    session, _ = open_session(args, annotations=False, create_library=True)
    paths, library = session.paths, session.library
    from reader.importing.options import ImportOptions, Limits
    from reader.importing.report import ImportReport
    from reader.importing.runner import import_targets
    from reader.importing.store import LibraryWriter

    writer = LibraryWriter(paths.library, library.articles)
    options = ImportOptions(fetch_pages=args.fetch, limits=Limits(timeout=args.timeout))
    report = ImportReport()
    status = 0
    try:
        with progress_bar("Importing", not args.json, shorten=keep_end, elapsed=True) as progress:
            import_targets(args.targets, writer, options, progress=progress, report=report)
    except KeyboardInterrupt:
        report.cancelled = True
        status = INTERRUPTED
    if args.json:
        print_json(report.to_dict())
    else:
        _print_report(report, args.quiet)
    if status:
        return status
    return 0 if report.ok else 1
