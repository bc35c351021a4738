"""The ``broadsheet`` subcommands, one module each.

Each module has ``register(subparsers, parents)`` which adds its parser and
sets ``func`` to a ``run(args) -> int`` function. None of them imports
Textual: the command line stays quick.
"""

from __future__ import annotations

import argparse
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


def register_all(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add every command's parser."""
    for name in COMMAND_MODULES:
        module = import_module(f"reader.commands.{name}")
        module.register(subparsers, parents)
