"""Running ``broadsheet index`` as a child process, for the app.

The full-text index is brought up to date first, then the entity index,
which is built by worker processes. Starting them from inside the
app would tie them to the app's process (Textual replaces ``sys.stderr``, which
``multiprocessing`` needs, and quitting would wait for them), so the app runs
the ``index`` command as a separate process in its own process group, reads
its progress lines, and stops the whole group at once when it quits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


class IndexerProcess:
    """One run of ``broadsheet index --progress-lines``."""

    def __init__(self, home: Path, library: Path) -> None:
        self.command = [
            sys.executable,
            "-m",
            "reader",
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
