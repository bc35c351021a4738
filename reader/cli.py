"""The ``broadsheet`` command: opens the app, or runs a subcommand.

Failures print one line on stderr and exit non-zero; a traceback is shown
only when ``BROADSHEET_DEBUG`` is set. This is where every failure no command
caught becomes its one line: a store failure says what went wrong, an
``OSError`` (a full disk, a read-only HOME) its plain reason and file,
arguments or standard input that are not UTF-8 say so. Every message is
made inert first (a file name can hold terminal escapes).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.commands import named_command, register_all
from reader.commands.common import CommandError, ensure_home, paths_from
from reader.util.files import os_reason
from reader.util.safety import inert_line

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:
    from typing import Any

EX_IOERR = 74
EX_INTERNAL = 70


def _terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it ($COLUMNS first)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        stream = sys.__stdout__
        columns = os.get_terminal_size(stream.fileno()).columns if stream else 0
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns if columns > 0 else 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, sized without importing ``shutil``.

    argparse makes a formatter for every argument it is given, and the
    formatter imports ``shutil`` (and with it the compression modules: 5 ms)
    to ask the terminal's width, which a command that prints no help never needs.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` with :class:`_HelpFormatter` (subcommands' parsers too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _location_parser() -> argparse.ArgumentParser:
    parser = _Parser(add_help=False)
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


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser for ``broadsheet`` and its subcommands.

    Given the arguments, only the command they name is registered (the
    others' modules are not imported); without, or for help, all of them.
    """
    locations = _location_parser()
    parser: argparse.ArgumentParser = _Parser(
        prog="broadsheet",
        description="Read and annotate news articles in the terminal.",
        parents=[locations],
    )
    parser.add_argument("--version", action="version", version=f"broadsheet {__version__}")
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(subparsers, [locations], named_command(argv) if argv is not None else None)
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
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:  # Bytes that are not UTF-8 fail when read, not when saved.
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8", errors="strict")


def say(message: str) -> None:
    """Print one line to stderr, prefixed with the program name, made inert."""
    with contextlib.suppress(OSError, ValueError):
        print(f"broadsheet: {inert_line(message)}", file=sys.stderr)


def _not_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_arguments(argv: Sequence[str]) -> None:
    """Refuse arguments that are not valid UTF-8 (they arrive with lone surrogates)."""
    for number, argument in enumerate(argv, start=1):
        if _not_utf8(argument):
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise CommandError(
                f"argument {number} ({shown[:40]!r}) is not valid UTF-8 text", status=2
            )


def describe_os_error(error: OSError) -> str:
    """One line for an ``OSError`` nobody caught: the plain reason and the file."""
    where = f" ({error.filename})" if error.filename else ""
    return f"{os_reason(error)}{where}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``broadsheet`` console script; returns the exit status."""
    _prepare_streams()
    from reader.store.errors import StoreError  # (imported by the commands anyway)

    try:
        arguments = sys.argv[1:] if argv is None else list(argv)
        check_arguments(arguments)
        args = build_parser(arguments).parse_args(arguments)
        if args.command is None:
            return _run_app(args)
        status: int = args.func(args)
        return status
    except CommandError as error:
        say(str(error))
        return error.status
    except StoreError as error:
        say(str(error))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 1
    except UnicodeDecodeError as error:
        if os.environ.get("BROADSHEET_DEBUG"):
            raise
        say(f"the input is not valid UTF-8 text ({error.reason} at byte {error.start})")
        return 1
    except UnicodeEncodeError as error:
        if os.environ.get("BROADSHEET_DEBUG"):
            raise
        say(f"text that is not valid UTF-8 cannot be used ({error.reason})")
        return 1
    except OSError as error:
        if os.environ.get("BROADSHEET_DEBUG"):
            raise
        say(describe_os_error(error))
        return EX_IOERR
    except Exception as error:
        if os.environ.get("BROADSHEET_DEBUG"):
            raise
        say(f"internal error: {type(error).__name__}: {error} (set BROADSHEET_DEBUG=1 for details)")
        return EX_INTERNAL


def run() -> None:
    """Run :func:`main` and exit with its status."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
