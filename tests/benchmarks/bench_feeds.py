"""Refresh and keymap benchmarks (run by hand, not part of the test suite).

    PYTHONPATH=. python tests/benchmarks/bench_feeds.py

1. ``broadsheet refresh`` of 20 feeds on a local server, 50 new entries each,
   every entry summary-only so its page is fetched and extracted
   (budget 15 s, the whole process).
2. The same again: nothing new, every feed answers 304 (budget 1 s).
3. Applying a keymap of 12 entries at start-up: the app built with and
   without it (budget 10 ms more).

The server runs in this process (threads); the refresh in its own process.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from reader.session.session import Session  # noqa: E402
from tests.feedgen import page, rss  # noqa: E402
from tests.webserver import serve  # noqa: E402

FEEDS, ENTRIES = 20, 50
KEYMAP = {
    "list.filter": "f",
    "list.read": "U",
    "list.sort": "O",
    "list.mark": "x",
    "list.refresh": "ctrl+r",
    "annotate.tag": "T",
    "annotate.star": "S",
    "article.next_mention": "ctrl+n",
    "article.previous_mention": "ctrl+b",
    "article.entities": "E",
    "article.highlights": "ctrl+h",
    "quick_tag.1": "ctrl+1",
}


def _refresh(home: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "reader", "refresh", "--home", str(home)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    elapsed = time.perf_counter() - started
    return elapsed, result.stdout


def bench_refresh() -> None:
    site_iter = serve()
    site = next(site_iter)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        for f in range(FEEDS):
            entries = []
            for e in range(ENTRIES):
                link = site.add(f"/f{f}/story{e}.html", page(f"Feed {f} story {e}", f * 100 + e))
                entries.append((f"Feed {f} story {e}", link, ""))
            site.add(f"/f{f}.xml", rss(f"Feed {f}", entries), content_type="application/rss+xml")
            site.routes[f"/f{f}.xml"].etag = f'"{f}"'
        session = Session.at(home)
        session.open()
        outcome, _ = session.import_feeds(
            (site.url(f"/f{f}.xml"), f"Feed {f}") for f in range(FEEDS)
        )
        assert outcome.ok, outcome.error
        session.close()
        first, out = _refresh(home)
        added = sum(int(line.rsplit(" ", 1)[1]) for line in out.splitlines() if ": added " in line)
        print(
            f"refresh, {FEEDS} feeds x {ENTRIES} new entries (pages fetched): {first:.2f} s "
            f"(budget 15 s; {added} articles added)"
        )
        times = []
        for _ in range(3):
            again, out = _refresh(home)
            assert out.count(": unchanged") == FEEDS, out
            times.append(again)
        print(
            f"refresh, {FEEDS} feeds, nothing new (304 each): "
            f"median {statistics.median(times):.2f} s "
            f"(budget 1 s; {site.not_modified} answers were 304)"
        )
    site_iter.close()


def bench_keymap() -> None:
    from reader.tui.app import BroadsheetApp

    with tempfile.TemporaryDirectory() as folder:
        plain, mapped = Path(folder) / "plain", Path(folder) / "mapped"
        for home in (plain, mapped):
            home.mkdir()
        lines = "\n".join(f'"{key}" = "{value}"' for key, value in KEYMAP.items())
        (mapped / "config.toml").write_text(f"[keymap]\n{lines}\n", encoding="utf-8")
        BroadsheetApp(home=plain)  # imports done
        results = {}
        for name, home in (("plain", plain), ("mapped", mapped)):
            times = []
            for _ in range(30):
                started = time.perf_counter()
                app = BroadsheetApp(home=home)
                times.append(time.perf_counter() - started)
            results[name] = statistics.median(times)
            if name == "mapped":
                assert app._keymap and not app._start_notices, app._start_notices
        extra = (results["mapped"] - results["plain"]) * 1000
        print(
            f"keymap of {len(KEYMAP)} entries applied at start-up: +{extra:.1f} ms (budget 10 ms)"
        )


if __name__ == "__main__":
    bench_refresh()
    bench_keymap()
