"""The ``broadsheet`` subcommands, one module each.

Each module has ``register(subparsers, parents)`` which adds its parser and
sets ``func`` to a ``run(args) -> int`` function. None of them imports
Textual: the command line stays quick. When the command line names a
command, only that command's module is imported (``broadsheet list`` does not
pay for the feed reader or the web server); ``broadsheet --help`` and
anything unknown import them all so that the help and the errors are whole.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib import import_module

COMMAND_MODULES = (
    "list_articles",
    "search",
    "views",
    "show",
    "annotate",
    "highlight",
    "annotations",
    "export",
    "repair",
    "entities",
    "eval_ner",
    "index_entities",
    "add",
    "feeds",
    "refresh",
    "keys",
    "serve",
)

MODULE_OF = {
    "list": "list_articles",
    "search": "search",
    "views": "views",
    "show": "show",
    "tag": "annotate",
    "untag": "annotate",
    "note": "annotate",
    "highlight": "highlight",
    "annotations": "annotations",
    "export": "export",
    "repair": "repair",
    "entities": "entities",
    "eval-ner": "eval_ner",
    "index": "index_entities",
    "add": "add",
    "feeds": "feeds",
    "refresh": "refresh",
    "keys": "keys",
    "serve": "serve",
}
"""Command name -> the module that registers it (kept whole by a test)."""

_VALUED_OPTIONS = frozenset(("--home", "--library"))


def named_command(argv: Sequence[str]) -> str | None:
    """The command the arguments name: a known name, ``""`` for none (the app opens), or
    None (help, the version, or a name that is not a command: register them all)."""
    skip = False
    for argument in argv:
        if skip:
            skip = False
        elif argument in _VALUED_OPTIONS:
            skip = True
        elif argument.startswith("-"):
            if argument in ("-h", "--help", "--version"):
                return None
        else:
            return argument if argument in MODULE_OF else None
    return ""


def register_all(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
    only: str | None = None,
) -> None:
    """Add every command's parser (with ``only``, just that command's; ``""``: none)."""
    if only is None:
        names: Sequence[str] = COMMAND_MODULES
    else:
        names = (MODULE_OF[only],) if only else ()
    for name in names:
        module = import_module(f"reader.commands.{name}")
        module.register(subparsers, parents)
