"""``python -m reader.index_child --parent PID ARGS...``: the app's indexer child process.

An entry point like ``reader.__main__``: it makes the child end with its
parent (see :mod:`reader.session.indexer_process`), then runs ``broadsheet ARGS...``.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from reader.session.indexer_process import stop_group, watch_parent


def child_main(argv: Sequence[str]) -> int:
    """``--parent PID ARGS...``: end with the parent, then run ``broadsheet ARGS...``."""
    args = list(argv)
    if len(args) >= 2 and args[0] == "--parent" and args[1].isdigit():
        parent, args = int(args[1]), args[2:]
        if os.name == "posix":
            signal.signal(signal.SIGTERM, stop_group)
        watch_parent(parent)
    from reader.cli import main

    return main(args)


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
