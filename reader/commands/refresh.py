"""``broadsheet refresh [URL...]``: fetch what is new in the subscribed feeds.

One line per feed on stdout: ``NAME: added N``, ``NAME: unchanged`` or
``NAME: failed: REASON`` (a progress bar runs on stderr on a terminal); exit
status 1 when any feed failed. See :mod:`reader.importing.refresh`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader.commands.add import DEFAULT_TIMEOUT, INTERRUPTED, _seconds
from reader.commands.common import CommandError, open_session, print_json, warn
from reader.commands.progress import keep_start, progress_bar
from reader.library.identity import normalise_url
from reader.store import StoreError

if TYPE_CHECKING:
    pass


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= value <= 32:
        raise argparse.ArgumentTypeError("between 1 and 32 feeds at once")
    return value


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``refresh`` command."""
    parser = subparsers.add_parser(
        "refresh",
        parents=parents,
        help="fetch what is new in the subscribed feeds",
        description="Fetch every subscribed feed (or only the URLs given) with conditional "
        "requests and add its new entries to the library.",
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="only these subscribed feeds")
    parser.add_argument(
        "--force", action="store_true", help="check feeds that asked to be left alone for now"
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time allowed for each download (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--jobs", type=_count, default=6, metavar="N", help="feeds fetched at once (default 6)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Refresh the feeds; print a line per feed; exit 1 if any failed."""
    session, _ = open_session(args, create_library=True)
    try:
        feeds = session.feeds()
    except StoreError as error:
        raise CommandError(str(error)) from None
    if args.urls:
        by_url = {normalise_url(feed.url): feed for feed in feeds}
        chosen = []
        for url in args.urls:
            feed = by_url.get(normalise_url(url))
            if feed is None:
                raise CommandError(
                    f"not subscribed to {url} (subscribe with: broadsheet feeds add URL)",
                    status=2,
                )
            chosen.append(feed)
        feeds = chosen
    if not feeds:
        warn("no subscriptions; subscribe with: broadsheet feeds add URL")
        return 0
    from reader.importing.options import Limits
    from reader.importing.refresh import Refresher
    from reader.importing.store import LibraryWriter

    writer = LibraryWriter(session.paths.library, session.library.articles)
    refresher = Refresher(writer, Limits(timeout=args.timeout), concurrency=args.jobs)
    interrupted = False
    results = []
    try:
        with progress_bar("Refreshing", not args.json, shorten=keep_start) as progress:
            results = refresher.refresh(feeds, force=args.force, progress=progress)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        refresher.close()
    pairs = [(feed.url, result.feed) for feed, result in zip(feeds, results, strict=False)]
    saved = session.save_feed_states(pairs)
    if saved.error:
        warn(f"what the refresh learnt about the feeds was not saved: {saved.error}")
    if args.json:
        print_json(
            [
                {
                    "url": result.feed.url,
                    "title": result.feed.title,
                    "status": result.status,
                    "why": result.why,
                    "added": [meta.id for meta in result.added],
                    "failed_entries": result.failed_entries,
                }
                for result in results
            ]
        )
    else:
        for result in results:
            sys.stdout.write(result.line() + "\n")
            for line in result.failed_entries:
                warn(f"failed: {line}")
        sys.stdout.flush()
    if interrupted:
        return INTERRUPTED
    return 1 if any(result.failed for result in results) else 0
