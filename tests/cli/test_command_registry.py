"""Only the named command's module is imported; the map from names to modules is whole."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from reader.cli import build_parser
from reader.commands import COMMAND_MODULES, MODULE_OF, named_command


def _choices(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def test_every_registered_command_is_in_the_map_and_no_more() -> None:
    assert _choices(build_parser()) == set(MODULE_OF)
    assert set(MODULE_OF.values()) == set(COMMAND_MODULES)


@pytest.mark.parametrize("name", sorted(MODULE_OF))
def test_naming_a_command_registers_it(name: str) -> None:
    assert name in _choices(build_parser(["--home", "/tmp/h", name, "--help"]))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ""),
        (["--home", "list", "--library", "x"], ""),
        (["--home=h", "list", "--json"], "list"),
        (["search", "list"], "search"),
        (["--help"], None),
        (["--version", "list"], None),
        (["nosuch"], None),
    ],
)
def test_the_named_command_is_read_past_the_location_options(
    argv: list[str], expected: str | None
) -> None:
    assert named_command(argv) == expected


def test_list_does_not_import_the_other_commands(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys; from reader.cli import main; "
        f"main(['--home', {str(tmp_path)!r}, 'list', '--json']); "
        "print(sorted(m for m in sys.modules if m.startswith('reader.commands.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = out.strip().splitlines()[-1]
    for other in ("feeds", "refresh", "serve", "eval_ner", "add"):
        assert f"reader.commands.{other}'" not in loaded
    assert "reader.commands.list_articles" in loaded
