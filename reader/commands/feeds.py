"""``broadsheet feeds``: the feed subscriptions (list, add, remove, import and export OPML).

Subscriptions are kept in the ``feeds`` table of ``HOME/annotations/library.json``
(see :mod:`reader.store.feeds`); ``broadsheet refresh`` fetches what is new.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from reader.commands.add import DEFAULT_TIMEOUT, _seconds
from reader.commands.common import CommandError, print_json, store_session
from reader.session.session import Session
from reader.store import StoreError
from reader.store.feeds import Subscription
from reader.util.safety import inert_line


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``feeds`` command and its actions."""
    parser = subparsers.add_parser(
        "feeds",
        parents=parents,
        help="feed subscriptions (broadsheet refresh fetches what is new)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_list)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    add = actions.add_parser(
        "add", parents=parents, help="subscribe to a feed (checked, named from its title)"
    )
    add.add_argument("url", metavar="URL")
    add.add_argument("--title", help="a name of your own instead of the feed's title")
    add.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time allowed for the check (default {DEFAULT_TIMEOUT:g})",
    )
    add.set_defaults(func=run_add)
    remove = actions.add_parser("remove", parents=parents, help="unsubscribe from a feed")
    remove.add_argument("url", metavar="URL")
    remove.set_defaults(func=run_remove)
    imported = actions.add_parser(
        "import", parents=parents, help="subscribe to every feed an OPML file lists"
    )
    imported.add_argument("opml", metavar="OPML_FILE")
    imported.set_defaults(func=run_import)
    export = actions.add_parser("export", parents=parents, help="the subscriptions as OPML")
    export.set_defaults(func=run_export)


def _feeds(session: Session) -> list[Subscription]:
    try:
        return session.feeds()
    except StoreError as error:
        raise CommandError(str(error)) from None


def feed_json(feed: Subscription) -> dict[str, str]:
    """The object ``feeds --json`` prints for a subscription."""
    return {
        "url": feed.url,
        "title": feed.title,
        "added": feed.added,
        "checked": feed.checked,
        "next_check": feed.next_check,
        "status": feed.status,
        "query": feed.query,
    }


def run_list(args: argparse.Namespace) -> int:
    """Print the subscriptions."""
    feeds = _feeds(store_session(args))
    if args.json:
        print_json([feed_json(feed) for feed in feeds])
    elif not feeds:
        print("No subscriptions. Subscribe with: broadsheet feeds add URL", file=sys.stderr)
    else:
        for feed in feeds:
            status = f"  ({feed.status})" if feed.status else ""
            print(inert_line(f"{feed.url}  {feed.title or '(untitled)'}{status}"))
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Check the feed, then subscribe to it under its title."""
    session = store_session(args)
    from reader.importing.options import Limits
    from reader.importing.refresh import check_feed
    from reader.importing.report import ImportFailure

    try:
        url, title = check_feed(args.url, Limits(timeout=args.timeout))
    except ImportFailure as error:
        raise CommandError(f"not subscribed: {args.url}: {error}") from None
    outcome = session.add_feed(url, args.title or title)
    if outcome.error:
        raise CommandError(outcome.error)
    print(inert_line(f"Subscribed to {title or url} ({url})"))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Unsubscribe."""
    outcome = store_session(args).remove_feed(args.url)
    if outcome.error:
        raise CommandError(outcome.error)
    text = outcome.describe()
    print(inert_line(text[:1].upper() + text[1:]))
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Subscribe to every feed an OPML file lists (those already subscribed are left)."""
    from reader.importing.feeds import parse_opml
    from reader.importing.report import ImportFailure

    path = Path(args.opml).expanduser()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {args.opml}: {error.strerror or error}") from None
    try:
        listed = parse_opml(data)
    except ImportFailure as error:
        raise CommandError(f"{args.opml}: {error}") from None
    session = store_session(args)
    try:
        outcome, already = session.import_feeds((feed.url, feed.title) for feed in listed)
    except StoreError as error:
        raise CommandError(str(error)) from None
    if outcome.error:
        raise CommandError(outcome.error)
    added = len(listed) - already
    print(f"Subscribed to {added} feed(s); {already} already subscribed.")
    return 0


def opml_text(feeds: list[Subscription]) -> str:
    """The subscriptions as an OPML 2.0 document."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "Broadsheet subscriptions"
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.url
        ElementTree.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def run_export(args: argparse.Namespace) -> int:
    """Print the subscriptions as OPML."""
    sys.stdout.write(opml_text(_feeds(store_session(args))))
    return 0
