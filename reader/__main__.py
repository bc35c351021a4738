"""``python -m reader``: the same as the ``broadsheet`` command."""

from reader.cli import run

run()
