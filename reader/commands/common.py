"""What the commands share: errors, opening the library, printing safely."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reader.library import ArticleMeta, Library, LookupFailed, ScanResult
from reader.library.samples import install_samples
from reader.store import AnnotationStore, StoreError
from reader.util.paths import Paths, resolve_paths


class CommandError(Exception):
    """A failure to report as one line on stderr, with exit status ``status``."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def paths_from(args: argparse.Namespace) -> Paths:
    """The HOME and library folders chosen by ``--home``/``--library`` or the defaults."""
    return resolve_paths(getattr(args, "home", None), getattr(args, "library", None))


def warn(message: str) -> None:
    """Print one line to stderr, prefixed with the program name."""
    print(f"broadsheet: {message}", file=sys.stderr)


def ensure_home(paths: Paths) -> None:
    """Create HOME if needed; a HOME that cannot be used is a :class:`CommandError`."""
    try:
        paths.home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(
            f"cannot use data folder {paths.home}: {error.strerror or error}"
        ) from None


def _install_samples(paths: Paths) -> None:
    """Install the sample articles into an empty default library (first run)."""
    if paths.uses_default_library:
        try:
            install_samples(paths.library)
        except OSError as error:
            warn(f"could not install the sample articles: {error.strerror or error}")


def open_library(paths: Paths, *, report: bool = True) -> tuple[Library, ScanResult]:
    """Scan the library (installing the samples on first run) and report bad files once."""
    ensure_home(paths)
    _install_samples(paths)
    library = Library(paths.library, paths.library_index)
    result = library.scan()
    if report:
        _report(result)
    return library, result


def _report(result: ScanResult) -> None:
    for problem in result.problems:
        warn(f"{'skipped' if problem.fatal else 'note'}: {problem}")


def print_json(data: Any) -> None:
    """Print JSON (non-ASCII kept as is; control characters are escaped by JSON)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def open_all(paths: Paths, *, report: bool = True) -> tuple[Library, AnnotationStore]:
    """The library (scanned, relinking edited articles to their annotations) and the store."""
    ensure_home(paths)
    _install_samples(paths)
    library = Library(paths.library, paths.library_index)
    store = AnnotationStore(paths.annotations, paths.cache, lookup=library.get_with_sketch)
    try:
        load_report = store.load()
    except StoreError as error:
        raise CommandError(str(error)) from None
    result = library.scan(known=store.known_sketches)
    if report:
        _report(result)
    if load_report.damaged:
        warn(
            f"{len(load_report.damaged)} annotation file(s) cannot be read and were left as "
            "they are; `broadsheet repair` says more"
        )
    try:
        store.adopt_initial_tags(library.articles)
    except StoreError as error:
        warn(str(error))
    return library, store


def resolve_article(library: Library, store: AnnotationStore, wanted: str) -> ArticleMeta:
    """An article by id or unique prefix; articles gone from the library but annotated count."""
    try:
        return library.resolve(wanted)
    except LookupFailed as error:
        matches = [key for key in store.annotated_ids() if key.startswith(wanted.strip())]
        if wanted.strip() and len(matches) == 1:
            record = store.record(matches[0])
            return ArticleMeta(
                id=matches[0],
                path=record.path,
                title=record.title or matches[0],
                source=record.source,
            )
        raise CommandError(str(error)) from None
