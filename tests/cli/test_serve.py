"""``broadsheet serve`` in a real headless browser (Debian's chromium, driven by Playwright).

The page loads, the list is drawn, ``enter`` opens the article under the
cursor, and a screenshot is kept (``serve-list.png`` and ``serve-article.png``
in the test's tmp folder). What the browser's terminal draws is read from the
websocket frames textual-serve sends it (xterm.js paints on a canvas).
Skipped, with the reason, when chromium or Playwright is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.commands.serve import is_loopback
from tests.cli.test_cli import broadsheet

CHROMIUM = os.environ.get("BROADSHEET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIRST_TITLE = "Joe Biden projected US president-elect"
ARTICLE_TEXT = ("Back to list", "former Vice President")
"""The reading view's footer, and words of the article's first line."""
WAIT = 30.0
"""Seconds allowed for the page to draw something (a generous bound, not a budget)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(home: Path, port: int) -> Iterator[subprocess.Popen[str]]:
    """``broadsheet serve`` in a subprocess until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--port", str(port), "--home", str(home)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if process.poll() is not None:
                pytest.fail(f"serve exited: {process.stderr.read() if process.stderr else ''}")
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _playwright() -> Any:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install playwright)")
    return sync_playwright


class Frames:
    """Everything the server sent the page's terminal, as text."""

    def __init__(self) -> None:
        self.text = ""
        self.failure_shot = ""

    def attach(self, websocket: Any) -> None:
        websocket.on("framereceived", self._received)

    def _received(self, payload: Any) -> None:
        data = payload if isinstance(payload, bytes | str) else payload.get("payload", b"")
        chunk = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
        self.text += chunk

    def wait_for(self, page: Any, wanted: str, since: int = 0) -> float:
        """Wait until ``wanted`` was drawn (after offset ``since``); when, in monotonic seconds."""
        deadline = time.monotonic() + WAIT
        while wanted not in self.text[since:]:
            if time.monotonic() > deadline:
                page.screenshot(path=self.failure_shot)
                raise AssertionError(f"{wanted!r} never drawn; got {self.text[-400:]!r}")
            page.wait_for_timeout(20)
        return time.monotonic()


@pytest.mark.slow
def test_the_list_in_a_browser_and_a_key_opens_an_article(
    sample_home: Path, tmp_path: Path
) -> None:
    sync_playwright = _playwright()
    port = _free_port()
    with serving(sample_home, port), sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 800},
        )
        try:
            page = context.new_page()
            frames = Frames()
            frames.failure_shot = str(tmp_path / "serve-failed.png")
            page.on("websocket", frames.attach)
            started = time.monotonic()
            page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
            page.wait_for_selector(".textual-terminal", state="attached")
            drawn = frames.wait_for(page, FIRST_TITLE)
            print(f"serve: page requested to first drawn list: {drawn - started:.2f} s")
            page.wait_for_timeout(300)
            page.screenshot(path=str(tmp_path / "serve-list.png"))
            seen = len(frames.text)
            page.locator(
                "textarea.xterm-helper-textarea"
            ).focus()  # (a click would move the cursor)
            page.keyboard.press("Enter")
            for wanted in ARTICLE_TEXT:
                frames.wait_for(page, wanted, since=seen)
            page.wait_for_timeout(300)
            page.screenshot(path=str(tmp_path / "serve-article.png"))
        finally:
            context.close()
    assert (tmp_path / "serve-list.png").stat().st_size > 1000
    assert (tmp_path / "serve-article.png").stat().st_size > 1000


def test_serve_refuses_a_bad_port_and_knows_loopback(home: Path) -> None:
    bad = broadsheet("serve", "--port", "99999", home=home)
    assert bad.returncode == 2 and "not a port number" in bad.stderr
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_a_public_address_gets_a_loud_warning(home: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "reader", "serve", "--host", "0.0.0.0"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--home", str(home)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        lines = [process.stderr.readline() for _ in range(4)]
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert lines[0].startswith("WARNING: serving on 0.0.0.0, which is not a loopback address.")
    assert "controls Broadsheet and your whole library" in lines[1]
