"""``broadsheet serve [--host H] [--port P]``: the app in a web browser, through textual-serve.

textual-serve (Textualize's own package) runs ``broadsheet`` for each browser
that connects and relays the terminal over a websocket. It binds 127.0.0.1
unless told otherwise: whoever reaches the address controls the app and the
library as the person running it, so any other address gets a loud warning.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys

from reader.commands.common import CommandError, ensure_home, paths_from

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
WARNING = """\
WARNING: serving on {host}, which is not a loopback address.
Anyone who can reach http://{host}:{port} controls Broadsheet and your whole library
(reading, tagging, deleting notes, importing from the web), with no password.
Use this only on a network you trust; stop it with ctrl+c."""


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return int(text)


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``serve`` command."""
    parser = subparsers.add_parser(
        "serve",
        parents=parents,
        help="the app in a web browser (textual-serve)",
        description="Serve the app to a web browser. Binds 127.0.0.1 unless --host says "
        "otherwise; anyone who can reach the address controls the app and its library.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address (default {DEFAULT_HOST})")
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(args: argparse.Namespace) -> str:
    """The command each browser session runs: this Python, the same HOME and library."""
    paths = paths_from(args)
    parts = [sys.executable, "-m", "reader", "--home", str(paths.home)]
    if not paths.uses_default_library:
        parts += ["--library", str(paths.library)]
    return shlex.join(parts)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    ensure_home(paths_from(args))
    try:
        from textual_serve.server import Server
    except ImportError:
        raise CommandError("textual-serve is not installed (pip install textual-serve)") from None
    host = args.host.strip()
    if not is_loopback(host):
        print(WARNING.format(host=host, port=args.port), file=sys.stderr)
    url = f"http://{host}:{args.port}"
    print(f"Serving Broadsheet at {url} (ctrl+c stops)", file=sys.stderr, flush=True)
    server = Server(app_command(args), host=host, port=args.port, title="Broadsheet")
    try:
        server.serve()
    except OSError as error:
        raise CommandError(
            f"cannot serve on {host}:{args.port}: {error.strerror or error}"
        ) from None
    return 0
