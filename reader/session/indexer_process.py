"""Running ``broadsheet index`` as a child process, for the app.

The full-text index is brought up to date first, then the entity index,
which is built by worker processes. Starting them from inside the
app would tie them to the app's process (Textual replaces ``sys.stderr``, which
``multiprocessing`` needs, and quitting would wait for them), so the app runs
the ``index`` command as a separate process in its own process group, reads
its progress lines, and stops the whole group at once when it quits.

The child also ends when the app ends any other way (its terminal closed, a
SIGKILL): on Linux the kernel sends it SIGTERM when its parent dies
(``PR_SET_PDEATHSIG``), and everywhere a watchdog thread in the child sees
its parent change and stops the child's whole process group (its workers too).
The child runs through :mod:`reader.index_child` (``python -m reader.index_child
--parent PID ARGS...``), which sets both up and then runs the command.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

WATCH_INTERVAL = 0.5
"""Seconds between the child's checks that its parent is still there."""


def _die_with_parent(parent: int) -> None:
    """In the child, before ``exec``: ask Linux for SIGTERM when the parent dies."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # The parent died before the request took effect.
        os._exit(1)


def stop_group(*_: object) -> None:
    """Stop this process and every process of its group (the indexer's workers)."""
    with contextlib.suppress(OSError, ValueError):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(os.getpgrp(), signal.SIGTERM)
    os._exit(1)


def watch_parent(
    parent: int,
    on_orphaned: Callable[[], None] = stop_group,
    interval: float = WATCH_INTERVAL,
) -> threading.Thread:
    """Start a daemon thread calling ``on_orphaned`` once the parent process is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        on_orphaned()

    thread = threading.Thread(target=watch, name="parent-watchdog", daemon=True)
    thread.start()
    return thread


class IndexerProcess:
    """One run of ``broadsheet index --progress-lines``."""

    def __init__(self, home: Path, library: Path) -> None:
        self.command = [
            sys.executable,
            "-m",
            "reader.index_child",
            "--parent",
            str(os.getpid()),
            "--home",
            str(home),
            "--library",
            str(library),
            "index",
            "--progress-lines",
        ]
        self._process: subprocess.Popen[str] | None = None
        self.stopped = False

    def run(self, progress: Callable[[int, int, str], None]) -> str | None:
        """Run to the end, reporting progress; return None on success, else why it failed."""
        posix = os.name == "posix"
        self._process = subprocess.Popen(
            self.command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=posix,
            preexec_fn=functools.partial(_die_with_parent, os.getpid()) if posix else None,
        )
        assert self._process.stdout is not None
        for line in self._process.stdout:
            # "DONE TOTAL" for entities, "DONE TOTAL text" for the full-text index.
            parts = line.split()
            if len(parts) in (2, 3) and parts[0].isdigit() and parts[1].isdigit():
                progress(int(parts[0]), int(parts[1]), parts[2] if len(parts) == 3 else "entities")
        errors = self._process.stderr.read() if self._process.stderr else ""
        status = self._process.wait()
        if status == 0 or self.stopped:
            return None
        last = [line for line in errors.splitlines() if line.strip()]
        return last[-1] if last else f"the indexer stopped with status {status}"

    def stop(self) -> None:
        """Stop the indexer and its worker processes now."""
        self.stopped = True
        process = self._process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(OSError):
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGTERM)
            else:
                process.terminate()
