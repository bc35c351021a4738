"""What the commands share: errors, opening the library, printing safely."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reader.library import Library, ScanResult
from reader.library.samples import install_samples
from reader.paths import Paths, resolve_paths


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


def open_library(paths: Paths, *, report: bool = True) -> tuple[Library, ScanResult]:
    """Scan the library (installing the samples on first run) and report bad files once."""
    ensure_home(paths)
    if paths.uses_default_library:
        try:
            install_samples(paths.library)
        except OSError as error:
            warn(f"could not install the sample articles: {error.strerror or error}")
    library = Library(paths.library, paths.library_index)
    result = library.scan()
    if report:
        for problem in result.problems:
            kind = "skipped" if problem.fatal else "note"
            warn(f"{kind}: {problem}")
    return library, result


def print_json(data: Any) -> None:
    """Print JSON (non-ASCII kept as is; control characters are escaped by JSON)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
