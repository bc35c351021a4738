"""``broadsheet add`` in a subprocess: report lines, exit status, --json, re-imports."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import broadsheet
from tests.conftest import IMPORT_FIXTURES
from tests.webserver import TestSite

NOTES = str(IMPORT_FIXTURES / "notes")
PAGE = str(IMPORT_FIXTURES / "article.html")
FEED = str(IMPORT_FIXTURES / "feed.rss")


def test_add_files_a_page_and_a_feed_then_again(home: Path) -> None:
    first = broadsheet("add", NOTES, PAGE, FEED, home=home)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[-1] == "Added 7 articles, skipped 0 already in the library, failed 0."
    assert sum(line.startswith("added  ") for line in lines) == 7
    assert any(line.endswith("  Harbour town votes to rebuild its stone bridge") for line in lines)
    assert first.stderr == ""
    listed = json.loads(broadsheet("list", "--json", home=home).stdout)
    assert len(listed) == 24 + 7  # the samples installed on first run, and the imports
    second = broadsheet("add", NOTES, PAGE, FEED, home=home)
    assert second.returncode == 0
    assert second.stdout == "Added 0 articles, skipped 7 already in the library, failed 0.\n"
    skipped = second.stderr.splitlines()
    assert len(skipped) == 7
    assert all(line.startswith("broadsheet: skipped: ") for line in skipped)


def test_failures_are_one_line_each_and_the_rest_imports(home: Path, web: TestSite) -> None:
    missing = web.url("/gone.html")
    slow = web.add("/slow.html", "<html><body><p>late</p></body></html>", delay=3)
    result = broadsheet("add", missing, slow, PAGE, "--timeout", "0.5", home=home)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"broadsheet: failed: {missing}: HTTP 404 Not Found",
        f"broadsheet: failed: {slow}: timed out: no answer from 127.0.0.1 within 0.5 s",
    ]
    assert result.stdout.splitlines()[-1] == (
        "Added 1 article, skipped 0 already in the library, failed 2."
    )
    assert "Traceback" not in result.stderr


def test_quiet_and_json(home: Path) -> None:
    quiet = broadsheet("add", "-q", NOTES, "nothing-here.md", home=home)
    assert quiet.returncode == 1
    assert quiet.stdout == "Added 3 articles, skipped 0 already in the library, failed 1.\n"
    assert quiet.stderr == "broadsheet: failed: nothing-here.md: no such file or folder\n"
    report = json.loads(broadsheet("add", "--json", NOTES, FEED, home=home).stdout)
    assert len(report["skipped"]) == 3
    assert {item["title"] for item in report["added"]} >= {"Ferry timetable changes for the winter"}
    assert set(report["added"][0]) == {"id", "title", "path", "source", "from"}
    assert report["failed"] == []


def test_into_another_library_folder(tmp_path: Path, home: Path) -> None:
    library = tmp_path / "elsewhere"
    result = broadsheet("add", "--library", str(library), FEED, home=home)
    assert result.returncode == 0, result.stderr
    assert len(list(library.glob("*.md"))) == 3
    assert not (home / "articles").exists()


def test_usage_errors(home: Path) -> None:
    assert broadsheet("add", home=home).returncode == 2
    bad = broadsheet("add", "--timeout", "never", NOTES, home=home)
    assert bad.returncode == 2
    assert "not a number of seconds" in bad.stderr


def test_a_progress_bar_on_a_terminal(home: Path) -> None:
    """With stderr on a terminal, rich draws the bar there; stdout still gets the report."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "reader", "add", "--home", str(home), NOTES, FEED],
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
    ) as process:
        os.close(follower)
        stdout, _ = process.communicate(timeout=300)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end is closed
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert process.returncode == 0
    assert b"Importing" in drawn
    assert stdout.splitlines()[-1].startswith("Added 6 articles, skipped 0")
