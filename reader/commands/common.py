"""What the commands share: errors, opening the session, printing safely."""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Sequence

from reader.library.listing import annotation_fields, article_fields, encode
from reader.util.paths import Paths, resolve_paths
from reader.util.safety import inert_line

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:  # (imported where used: a quick command need not load them all)
    from typing import Any

    from reader.library import ArticleMeta, Problem
    from reader.session.session import OpenReport, Session
    from reader.store.summary import Summary


class CommandError(Exception):
    """A failure to report as one line on stderr, with exit status ``status``."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def paths_from(args: argparse.Namespace) -> Paths:
    """The HOME and library folders chosen by ``--home``/``--library`` or the defaults."""
    return resolve_paths(getattr(args, "home", None), getattr(args, "library", None))


def warn(message: str) -> None:
    """Print one line to stderr, prefixed with the program name (made inert first)."""
    print(f"broadsheet: {inert_line(message)}", file=sys.stderr)


def ensure_home(paths: Paths) -> None:
    """Create HOME if needed; a HOME that cannot be used is a :class:`CommandError`."""
    try:
        paths.home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(
            f"cannot use data folder {paths.home}: {error.strerror or error}"
        ) from None


def check_library(paths: Paths) -> None:
    """A ``--library`` folder that does not exist is a :class:`CommandError`."""
    if not paths.uses_default_library and not paths.library.is_dir():
        raise CommandError(f"library folder {paths.library} does not exist or is not a folder")


def usable_paths(args: argparse.Namespace, *, create_library: bool = False) -> Paths:
    """The folders the arguments choose, HOME created: a :class:`CommandError` if they
    cannot be used.

    A ``--library`` folder that does not exist is an error, unless
    ``create_library`` (``broadsheet add`` makes it).
    """
    paths = paths_from(args)
    ensure_home(paths)
    if create_library and not paths.library.exists():
        try:
            paths.library.mkdir(parents=True)
        except OSError as error:
            raise CommandError(
                f"cannot create the library folder {paths.library}: {error.strerror or error}"
            ) from None
    check_library(paths)
    return paths


def session_from(args: argparse.Namespace, *, create_library: bool = False) -> Session:
    """A session for the folders the arguments choose (not opened yet; see
    :func:`usable_paths`)."""
    from reader.session.session import Session

    return Session(usable_paths(args, create_library=create_library))


def store_session(args: argparse.Namespace) -> Session:
    """A session with just its store loaded (for commands about the store's own tables:
    views, feeds); a store that cannot be opened is a :class:`CommandError`."""
    from reader.store import StoreError

    session = session_from(args)
    try:
        session.load_store()
    except StoreError as error:
        raise CommandError(str(error)) from None
    return session


def open_session(
    args: argparse.Namespace,
    *,
    report: bool = False,
    annotations: bool = True,
    create_library: bool = False,
    quick: bool = False,
) -> tuple[Session, OpenReport]:
    """Open the session: the whole open sequence, its findings on stderr.

    Files the library skipped are listed only when ``report`` is true (``list``
    and ``search``), so other commands do not repeat notes about unrelated files.
    With ``quick``, the indexes answer when no folder changed since they were
    written (``Session.open_quick``); ``--rescan`` asks for the whole sequence.
    """
    from reader.store import StoreError

    session = session_from(args, create_library=create_library)
    try:
        found = None
        if quick and not getattr(args, "rescan", False):
            found = session.open_quick()
        if found is None:
            found = session.open(annotations=annotations)
    except StoreError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(
            f"cannot use data folder {session.paths.home}: {error.strerror or error}"
        ) from None
    if report:
        report_problems(found.problems)
    for line in found.warnings:
        warn(line)
    if found.damaged:
        warn(
            f"{len(found.damaged)} annotation file(s) cannot be read and were left as "
            "they are; `broadsheet repair` says more"
        )
    return session, found


def add_rescan_option(parser: argparse.ArgumentParser) -> None:
    """``--rescan``: look at every file, not just the folders (see ``open_session``)."""
    parser.add_argument(
        "--rescan",
        action="store_true",
        help="check every article file first (finds files edited in place; "
        "otherwise the index answers when no folder changed)",
    )


def report_problems(problems: list[Problem]) -> None:
    """One line on stderr per file the library could not use (or read with caveats)."""
    for problem in problems:
        warn(f"{'skipped' if problem.fatal else 'note'}: {problem}")


def print_json(data: Any) -> None:
    """Print JSON (non-ASCII kept as is; control characters are escaped by JSON).

    Indented for a person at a terminal; compact (and quicker) for a pipe.
    """
    # Compact, as the listing's objects are encoded: the quick answers print the same bytes.
    text = json.dumps(data, ensure_ascii=False, indent=2) if sys.stdout.isatty() else encode(data)
    sys.stdout.write(text)
    sys.stdout.write("\n")


def article_json(session: Session, meta: ArticleMeta) -> dict[str, Any]:
    """The object ``list --json`` prints for an article."""
    row = article_fields(meta, _library_prefix(session))
    row.update(summary_fields(session.store.summary(meta.id)))
    return row


def summary_fields(summary: Summary) -> dict[str, Any]:
    """The annotations' part of a ``list --json`` object (after the article's own fields)."""
    return annotation_fields(summary.tags, summary.read, summary.starred, summary.notes)


@functools.cache
def _library_prefix(session: Session) -> str:
    """The library folder with a trailing separator (full paths are built by joining)."""
    return f"{session.paths.library}{os.sep}"


def article_line(session: Session, meta: ArticleMeta, size: str) -> str:
    """One line of the plain ``list``/``search`` output: id, date, size, title, tags."""
    return plain_line(meta.id, meta.date, size, meta.title, session.store.tags_of(meta.id))


def plain_line(article_id: str, date: str, size: str, title: str, tags: Sequence[str]) -> str:
    """One line of the plain ``list``/``search`` output, from the article's fields."""
    shown = " ".join(f"#{tag}" for tag in tags)
    day = date[:10] or "----------"
    return inert_line(f"{article_id}  {day}  {size}  {title}{'  ' + shown if shown else ''}")


def resolve_article(session: Session, wanted: str) -> ArticleMeta:
    """An article by id or unique prefix, or a :class:`CommandError` saying why not."""
    from reader.library import LookupFailed

    try:
        return session.resolve(wanted)
    except LookupFailed as error:
        raise CommandError(str(error)) from None
