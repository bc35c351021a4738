"""The ``broadsheet`` command: opens the app, or runs a subcommand.

Failures print one line on stderr and exit non-zero; a traceback is shown
only when ``BROADSHEET_DEBUG`` is set.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.commands import register_all
from reader.commands.common import CommandError, ensure_home, paths_from, warn


def _location_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder (default: $BROADSHEET_HOME or the platform's user data folder)",
    )
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="read articles from DIR instead of HOME/articles",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``broadsheet`` and its subcommands."""
    locations = _location_parser()
    parser = argparse.ArgumentParser(
        prog="broadsheet",
        description="Read and annotate news articles in the terminal.",
        parents=[locations],
    )
    parser.add_argument("--version", action="version", version=f"broadsheet {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(subparsers, [locations])
    return parser


def _run_app(args: argparse.Namespace) -> int:
    paths = paths_from(args)
    ensure_home(paths)
    from reader.tui.app import BroadsheetApp  # Textual is imported only to open the app.

    app = BroadsheetApp(home=paths.home, library=paths.library)
    app.run()
    return app.return_code or 0


def _prepare_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``broadsheet`` console script; returns the exit status."""
    _prepare_streams()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _run_app(args)
        status: int = args.func(args)
        return status
    except CommandError as error:
        warn(str(error))
        return error.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 1
    except Exception as error:
        if os.environ.get("BROADSHEET_DEBUG"):
            raise
        warn(
            f"internal error: {type(error).__name__}: {error} (set BROADSHEET_DEBUG=1 for details)"
        )
        return 70


def run() -> None:
    """Run :func:`main` and exit with its status."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
