"""Search benchmarks at 10,000 articles (issue 10 budgets). Run by hand, not by pytest.

    PYTHONPATH=. python tests/benchmarks/bench_search.py [--runs 5] [--data DIR]

On the library of benchdata.py (10,000 articles from the BBC files), prints:

1. Building the full-text index from nothing (budget 20 s), and updating it
   after one changed file (budget 50 ms; the rescan that finds the change is
   shown apart).
2. ``broadsheet search WORD`` and ``broadsheet search "A PHRASE"``, whole
   process, warm index, median of ``--runs`` (budget 0.25 s each), beside
   ``grep -ril WORD`` over the same files (the peer, in the same run).
3. Exactness: for word and phrase queries, the hits equal a plain scan of
   every file (tokenised with reader.search.tokens), article for article.
4. In the app (120x40, keys timed to the first painted frame that shows
   their effect): typing a full-text query (budget 50 ms median, 100 ms the
   slowest key), and find in the 50,000-word article (first match shown,
   budget 100 ms after the last key).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdata import (
    DEFAULT_BBC,
    REPO,
    BenchData,
    build,
    key_to_frame,
    measured,
    median,
    report,
    wait_until,
)

WORD_QUERY = "economy"
PHRASE_QUERY = '"interest rates"'
TYPED = "chancellor budget"
EXACT_QUERIES = [
    "economy",
    "mobile",
    "chelsea",
    '"interest rates"',
    '"prime minister"',
    "oil -price",
]


def child_env(data: BenchData) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["BROADSHEET_HOME"] = str(data.home)
    return env


def timed_process(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - started


def bench_index(data: BenchData) -> None:
    from reader.session.session import Session
    from reader.util.paths import resolve_paths

    session = Session(resolve_paths(data.home, data.library))
    session.open()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{session.search_index.path}{suffix}").unlink(missing_ok=True)
    session.search_index.close()
    ticks: list[int] = []
    started = time.perf_counter()
    written = session.update_search_index(lambda done, total: ticks.append(done))
    built = time.perf_counter() - started
    print("\n== The full-text index")
    report(
        "build from nothing",
        built,
        20,
        "s",
        f"{written:,} articles, {len(ticks)} progress reports",
    )
    article = data.library / session.articles[7].path
    original = article.read_text(encoding="utf-8")
    updates: list[float] = []
    rescans: list[float] = []
    try:
        for run in range(5):
            article.write_text(original + f"\nA zebraphone number {run}.\n", encoding="utf-8")
            started = time.perf_counter()
            session.rescan()
            rescans.append(time.perf_counter() - started)
            started = time.perf_counter()
            session.update_search_index()
            updates.append(time.perf_counter() - started)
            assert [m.id for m in session.query(f'"zebraphone number {run}"').articles] == [
                session.articles[7].id
            ]
    finally:
        article.write_text(original, encoding="utf-8")
        session.rescan()
        session.update_search_index()
    report(
        "update after one changed file",
        1000 * median(updates),
        50,
        "ms",
        f"the rescan that finds it: {1000 * median(rescans):.0f} ms",
    )
    session.close()


def bench_cli(data: BenchData, runs: int) -> None:
    env = child_env(data)
    script = Path(sys.executable).with_name("broadsheet")  # what a person runs
    runner = [str(script)] if script.is_file() else [sys.executable, "-m", "reader"]
    base = [*runner, "--library", str(data.library)]
    timed_process([*base, "search", WORD_QUERY], env)  # warm the caches and the index
    word: list[float] = []
    phrase: list[float] = []
    grep: list[float] = []
    for _ in range(runs):  # interleaved, so the three see the same machine
        word.append(timed_process([*base, "search", WORD_QUERY], env))
        phrase.append(timed_process([*base, "search", PHRASE_QUERY], env))
        grep.append(timed_process(["grep", "-ril", WORD_QUERY, str(data.library)], env))
    print("\n== broadsheet search, whole process, warm index")
    peer = median(grep)
    report(
        f"search {WORD_QUERY}",
        median(word),
        0.25,
        "s",
        f"{median(word) / peer:.1f}x grep -ril ({1000 * peer:.0f} ms)",
    )
    report(
        f"search {PHRASE_QUERY}",
        median(phrase),
        0.25,
        "s",
        f"{median(phrase) / peer:.1f}x grep -ril",
    )


def bench_exact(data: BenchData) -> None:
    from reader.search.tokens import words
    from reader.session.session import Session
    from reader.util.paths import resolve_paths

    session = Session(resolve_paths(data.home, data.library))
    session.open()
    session.update_search_index()
    fields: dict[str, list[list[str]]] = {}
    for meta in session.articles:
        loaded = session.plain_text(meta)
        plain, title_end = loaded if loaded else (meta.title, len(meta.title))
        fields[meta.id] = [
            words(meta.title),
            words(f"{meta.source} {meta.author}"),
            words(plain[title_end:]),
        ]

    def scan(query: Any) -> set[str]:
        found = set()
        for key, article in fields.items():
            ok = True
            for clause in query.clauses:
                hit = False
                for term in clause:
                    tokens, size = term.value, len(term.value)
                    present = any(
                        all(field[i + k] == tokens[k] for k in range(size - 1))
                        and (
                            field[i + size - 1] == tokens[-1]
                            or (not term.phrase and field[i + size - 1].startswith(tokens[-1]))
                        )
                        for field in article
                        for i in range(len(field) - size + 1)
                    )
                    hit = hit or (present != term.negated)
                ok = ok and hit
            if ok:
                found.add(key)
        return found

    print("\n== Exactness over 10,000 articles (index hits vs a scan of every file)")
    for text in EXACT_QUERIES:
        query = session.parse(text)
        hits = {meta.id for meta in session.query(query).articles}
        expected = scan(query)
        verdict = "equal" if hits == expected else f"DIFFER: {len(hits ^ expected)} articles"
        print(f"  {text:<22} {len(hits):>6,} hits  {verdict}")
    session.close()


async def bench_app(data: BenchData, runs: int) -> None:
    from reader.tui.app import BroadsheetApp
    from reader.tui.screens.library_screen import LibraryScreen
    from reader.tui.screens.reading_screen import ReadingScreen
    from reader.tui.widgets.article_view import ArticleView

    app = measured(BroadsheetApp)(home=data.home, library=data.library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.loaded)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await key_to_frame(pilot, "slash", lambda: screen.query_one("#filter").has_focus)
        typing: list[tuple[float, str]] = []
        for _ in range(runs):
            for count in range(1, len(TYPED) + 1):
                query = TYPED[:count]
                elapsed = await key_to_frame(
                    pilot, TYPED[count - 1], lambda q=query: screen.filter_query == q
                )
                typing.append((elapsed, query))
            for count in range(len(TYPED) - 1, -1, -1):
                query = TYPED[:count]
                elapsed = await key_to_frame(
                    pilot, "backspace", lambda q=query: screen.filter_query == q
                )
                typing.append((elapsed, query))
        print("\n== In the app (10,000 articles, 120x40, key to painted frame)")
        by_query: dict[str, list[float]] = {}
        for elapsed, query in typing:
            by_query.setdefault(query, []).append(elapsed)
        slowest = max(by_query, key=lambda q: median(by_query[q]))
        report(
            "full-text query as you type, per key (median)",
            1000 * median(t for t, _ in typing),
            50,
            "ms",
            f"{len(typing)} keys: {TYPED!r} typed and erased {runs} times",
        )
        report(
            "full-text query, slowest key (its median)",
            1000 * median(by_query[slowest]),
            100,
            "ms",
            f"at {slowest!r}; slowest single key {1000 * max(t for t, _ in typing):.0f} ms",
        )
        await key_to_frame(pilot, "escape", lambda: not screen.filter_query)
        # The 50,000-word article is the second row.
        await key_to_frame(pilot, "j", lambda: True)
        await key_to_frame(
            pilot,
            "enter",
            lambda: isinstance(app.screen, ReadingScreen) and app.screen.document is not None,
            timeout=60,
        )
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = reading.query_one(ArticleView)
        finds: list[float] = []
        for _ in range(runs):
            await key_to_frame(pilot, "slash", lambda: reading.query_one("#status-bar") is not None)
            for key in "parliamen":
                await pilot.press(key)
            elapsed = await key_to_frame(
                pilot, "t", lambda: reading.find_position[1] > 0 and bool(view.found)
            )
            finds.append(elapsed)
            await key_to_frame(pilot, "escape", lambda: not view.found)
        report(
            "find in the 50,000-word article, first match shown",
            1000 * median(finds),
            100,
            "ms",
            f"{reading.find_position[1] or 'some'} matches of 'parliament'",
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, help="keep the generated library here")
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    parser.add_argument(
        "--only",
        default="index,exact,cli,app",
        help="comma-separated parts: index, exact, cli, app (default: all)",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    # As `pip install` would have (PYTHONDONTWRITEBYTECODE may be set here).
    compileall.compile_dir(REPO / "reader", quiet=1)
    root = args.data or Path(tempfile.mkdtemp(prefix="broadsheet-bench-search-"))
    data = build(root, args.bbc)
    try:
        if "index" in parts:
            bench_index(data)
        if "exact" in parts:
            bench_exact(data)
        if "cli" in parts:
            bench_cli(data, args.runs)
        if "app" in parts:
            asyncio.run(bench_app(data, args.runs))
    finally:
        if args.data is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"\n(load average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}; medians)")


if __name__ == "__main__":
    main()
