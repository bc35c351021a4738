"""Kill writers at random moments; run writers side by side. Nothing acknowledged is lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tinydb import TinyDB

from reader.store import AnnotationStore

ROOT = Path(__file__).resolve().parents[2]


def start_writer(folder: Path, name: str, count: int, articles: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer", str(folder), name, str(count), str(articles)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def acknowledged_tags(folder: Path, articles: int) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for number in range(articles):
        path = folder / "articles" / f"a{number}"[:2] / f"a{number}.json"
        if path.exists():
            data = json.loads(path.read_text())  # must always be complete JSON
            result[f"a{number}"] = {doc["tag"] for doc in data.get("tags", {}).values()}
            TinyDB(path).close()  # and open with plain TinyDB
    return result


def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path: Path) -> None:
    folder = tmp_path / "annotations"
    articles = 5
    rng = random.Random(20261127)
    expected: dict[str, set[str]] = {}
    kills = 0
    for round_number in range(60):
        writer = start_writer(folder, f"r{round_number}", 10_000, articles)
        assert writer.stdout is not None
        deadline = time.monotonic() + rng.uniform(0.0, 0.25)
        last = -1
        # Read acknowledgements until the random moment, then kill without warning.
        os.set_blocking(writer.stdout.fileno(), False)
        while time.monotonic() < deadline and writer.poll() is None:
            line = writer.stdout.readline()
            if line.strip():
                last = int(line)
            else:
                time.sleep(0.001)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        kills += 1
        os.set_blocking(writer.stdout.fileno(), True)
        for line in writer.stdout.read().splitlines():  # acknowledged before the kill
            if line.strip():
                last = int(line)
        for number in range(last + 1):
            expected.setdefault(f"a{number % articles}", set()).add(f"r{round_number}-{number}")
        found = acknowledged_tags(folder, articles)
        for article, tags in expected.items():
            missing = tags - found.get(article, set())
            assert not missing, f"round {round_number}: lost {sorted(missing)[:5]}"
    assert kills >= 50
    store = AnnotationStore(folder)
    assert store.load().damaged == []


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "annotations"
    writers = [start_writer(folder, name, 150, 3) for name in ("left", "right")]
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors
    found = acknowledged_tags(folder, 3)
    for name in ("left", "right"):
        for number in range(150):
            assert f"{name}-{number}" in found[f"a{number % 3}"]


def test_running_app_store_sees_a_script_write(tmp_path: Path) -> None:
    folder = tmp_path / "annotations"
    store = AnnotationStore(folder)
    store.load()
    store.edit_tags(["a0"], add=["mine"])
    writer = start_writer(folder, "script", 3, 1)
    writer.communicate(timeout=300)
    assert store.refresh() == {"a0"}
    assert set(store.tags_of("a0")) == {"mine", "script-0", "script-1", "script-2"}
    store.edit_tags(["a0"], add=["after"])
    assert "script-2" in store.tags_of("a0")
