"""The core never imports Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "reader.library",
    "reader.rendering.document",
    "reader.rendering.layout",
    "reader.rendering.styling",
    "reader.safety",
    "reader.paths",
    "reader.cli",
    "reader.commands.list_articles",
    "reader.commands.show",
    "reader.commands.add",
    "reader.importing",
    "reader.importing.article_file",
    "reader.importing.encoding",
    "reader.importing.extraction",
    "reader.importing.feeds",
    "reader.importing.local_files",
    "reader.importing.naming",
    "reader.importing.network",
    "reader.importing.options",
    "reader.importing.plaintext",
    "reader.importing.report",
    "reader.importing.runner",
    "reader.importing.sniffing",
    "reader.importing.store",
    "reader.importing.tasks",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert output == "False", f"{module} imports textual"
