"""The entity core must not pull in Textual."""

from __future__ import annotations

import subprocess
import sys


def test_importing_reader_entities_does_not_import_textual() -> None:
    code = (
        "import sys, reader.entities, reader.entities.builtin, reader.entities.evaluation;"
        "import reader.commands.entities, reader.commands.eval_ner;"
        "reader.entities.get_extractor().extract('Putin met Kim in Moscow.');"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
