"""The core never imports Textual (checked in a fresh interpreter).

Every module of ``reader`` is core except the terminal front end, ``reader.tui``.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader

UI_PACKAGE = "reader.tui"


def core_modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(reader.__path__, "reader.")]
    return sorted(
        name
        for name in names
        if name != UI_PACKAGE
        and not name.startswith(UI_PACKAGE + ".")
        and name != "reader.__main__"
    )


def test_there_are_core_modules_to_check() -> None:
    modules = core_modules()
    for expected in (
        "reader.library.catalog",
        "reader.store.files",
        "reader.entities.builtin",
        "reader.rendering.styling",
        "reader.importing.runner",
        "reader.cli",
    ):
        assert expected in modules


def test_no_core_module_imports_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'textual' in sys.modules:\n"
        "        print(name)\n"
        "        break\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert output == "", f"{output} imports textual"


def test_the_ui_does_import_textual() -> None:
    """The check above can fail: importing the app does bring Textual in."""
    code = "import sys, reader.tui.app; print('textual' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert output == "True"
