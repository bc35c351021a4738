"""The app's ``broadsheet index`` child ends with its parent, however the parent ends (case 6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from reader.session.indexer_process import watch_parent

PARENT = textwrap.dedent(
    """
    import os, sys, threading, time
    from pathlib import Path
    from reader.session.indexer_process import IndexerProcess

    process = IndexerProcess(Path(sys.argv[1]), Path(sys.argv[2]))
    # The real child, with a command that would run for two minutes.
    process.command[1:3] = ["-c", (
        "import sys, time, reader.cli;"
        "reader.cli.main = lambda args: time.sleep(120) or 0;"
        "from reader.index_child import child_main;"
        "sys.exit(child_main(sys.argv[1:]))"
    )]
    threading.Thread(target=process.run, args=(lambda *a: None,), daemon=True).start()
    while process._process is None:
        time.sleep(0.01)
    print(process._process.pid, flush=True)
    time.sleep(120)
    """
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_child_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path / "home"), str(tmp_path / "lib")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    time.sleep(1.0)  # Let the child start its watchdog.
    assert _alive(child)
    parent.send_signal(signal.SIGKILL)  # As when the terminal is killed.
    parent.wait()
    for _ in range(600):  # A safety net only: it ends within a second.
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child), "the indexer outlived the app"


def test_the_watchdog_notices_a_parent_that_is_gone() -> None:
    orphaned = threading.Event()
    not_my_parent = os.getppid() + 1_000_000
    watch_parent(not_my_parent, orphaned.set, interval=0.01).join(60)
    assert orphaned.is_set()
