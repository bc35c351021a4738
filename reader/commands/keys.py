"""``broadsheet keys [--json]``: every key binding (id, key, screen, description).

The bindings are read from the app's classes (``reader.tui.keymap``), with
``[keymap]`` from config.toml applied, without starting the app; Textual is
imported only when this command runs.
"""

from __future__ import annotations

import argparse

from reader.commands.common import paths_from, print_json, warn
from reader.session.config import load_settings
from reader.util.safety import inert_line


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``keys`` command."""
    parser = subparsers.add_parser(
        "keys",
        parents=parents,
        help="list every key binding (ids for [keymap] in config.toml)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the bindings, as remapped by the keymap."""
    settings = load_settings(paths_from(args).config_file, create=False)
    from reader.tui.app import BroadsheetApp
    from reader.tui.keymap import check_keymap, key_bindings

    keymap, problems = check_keymap(BroadsheetApp, settings.keymap, settings.quick_tags)
    for line in problems:
        warn(f"keymap entry ignored: {line}")
    bindings = key_bindings(BroadsheetApp, settings.quick_tags, keymap)
    if args.json:
        print_json([binding.to_dict() for binding in bindings])
        return 0
    width = max(len(binding.id) for binding in bindings)
    keys_width = max(len(binding.key) for binding in bindings)
    for binding in bindings:
        print(
            inert_line(
                f"{binding.id:<{width}}  {binding.key:<{keys_width}}  "
                f"{binding.screen:<16}  {binding.description}"
            )
        )
    return 0
