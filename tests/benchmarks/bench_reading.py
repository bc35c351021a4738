"""Entity-highlighted reading benchmarks at 10,000 articles (issue 4 budgets). Run by hand.

    PYTHONPATH=. python tests/benchmarks/bench_reading.py [--runs 5] [--index-runs 3] [--data DIR]

Uses the library of bench_library.py (benchdata.py: 10,000 articles from the
BBC files, the first two rows a 10,000-word and a 50,000-word article).
Prints each figure next to its budget, as the median of the runs:

1. While the entity index builds in the app's own worker (no entity cache, no
   index: the first start after installing), ``j`` and filter keys in the list
   are timed as in bench_library.py, to see that the app stays usable.
   multiprocessing's resource tracker is started before the app: without it the
   indexer cannot start its worker processes under Textual (bench_library.py
   shows that crash).
2. The entity index built cold (no entity cache, no index) by
   ``reader.session.indexing.refresh_entity_index`` with the default workers
   (budget 2 min); then rebuilt with the entity cache warm, and refreshed when
   already current.
3. ``broadsheet list --entity NAME`` (budget 200 ms warm, process wall time);
   when the command lacks ``--entity``, the same work (open the library and
   store as ``list`` does, look the name up in the index, print the articles)
   run as a process instead, and the lack reported.
4. In the app (``run_test``, 120x40; keys sent through the driver, timed to the
   first frame that shows their effect, frames rendered to terminal output):
   opening the 10,000-word article with its entities cached (first paint with
   highlights, budget 300 ms) and uncached (text at once, highlights within
   1 s; the first uncached opening in a process also loads the extractor);
   the 50,000-word article cached (budget 1.5 s); ``]`` to the next mention,
   ``h`` and hiding a label (``H``, ``space``, ``enter``), 50 ms each.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench_library import child_env
from benchdata import (
    DEFAULT_BBC,
    MISSED,
    REPO,
    BenchData,
    build,
    key_to_frame,
    key_to_frames,
    measured,
    median,
    report,
    wait_until,
)

SIZE = (120, 40)
ENTITY = "Tony Blair"
FILTER_TEXT = "minister"
LIST_ENTITY = """
import sys
from reader.commands.common import open_all
from reader.session.indexing import entity_index
from reader.util.paths import resolve_paths

paths = resolve_paths(sys.argv[1], sys.argv[2])
library, store = open_all(paths)
counts = entity_index(paths).articles_mentioning(sys.argv[3])
out = sys.stdout
for meta in library.articles:
    if meta.id in counts:
        out.write(f"{meta.id}  {meta.date[:10]}  {counts[meta.id]:>4}x  {meta.title}\\n")
store.close()
"""
"""What ``broadsheet list --entity NAME`` has to do, for when the command lacks the option."""


def open_library(data: BenchData) -> tuple[Any, Any, Any]:
    """(paths, library, store) of the bench data, scanned and loaded."""
    from reader.library import Library
    from reader.store import AnnotationStore
    from reader.util.paths import resolve_paths

    paths = resolve_paths(data.home, data.library)
    library = Library(paths.library, paths.library_index)
    library.scan()
    store = AnnotationStore(paths.annotations, paths.cache, lookup=library.get)
    store.load()
    return paths, library, store


def forget_entities(data: BenchData, cache: bool = True) -> None:
    """Delete the entity index and (``cache``) the extraction cache."""
    shutil.rmtree(data.home / "cache" / "entity-index", ignore_errors=True)
    if cache:
        shutil.rmtree(data.home / "cache" / "entities", ignore_errors=True)


# -- 1. the app while the index builds ----------------------------------------------------
async def list_keys(pilot: Any, screen: Any, runs: int) -> tuple[list[float], list[float]]:
    """(j timings, filter-key timings) in the list, each key to its frame."""
    from reader.tui.widgets.article_table import ArticleTable

    table = screen.query_one(ArticleTable)
    moves: list[float] = []
    typing: list[float] = []
    for _ in range(runs):
        await key_to_frame(pilot, "g", lambda: table.cursor == 0)
        for _step in range(5):
            target = table.cursor + 1
            moves.append(await key_to_frame(pilot, "j", lambda t=target: table.cursor == t))
        await key_to_frame(pilot, "slash", lambda: screen.query_one("#filter").has_focus)
        for count in range(1, len(FILTER_TEXT) + 1):
            query = FILTER_TEXT[:count]
            typing.append(
                await key_to_frame(
                    pilot, FILTER_TEXT[count - 1], lambda q=query: screen.filter_query == q
                )
            )
        await key_to_frame(pilot, "escape", lambda: screen.filter_query == "")
    return moves, typing


async def bench_while_indexing(data: BenchData, runs: int) -> None:
    """Keys in the list while the app's worker builds the entity index from nothing."""
    from multiprocessing import resource_tracker

    from reader.tui.app import BroadsheetApp
    from reader.tui.screens.library_screen import LibraryScreen

    resource_tracker.ensure_running()
    forget_entities(data)
    app = measured(BroadsheetApp)(home=data.home, library=data.library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.loaded)
        await wait_until(pilot, lambda: bool(app.index_progress), timeout=30)
        screen = app.screen
        moves, typing = await list_keys(pilot, screen, runs)
        progress = app.index_progress
        started = time.perf_counter()
        await pilot.press("q")
    quit_time = time.perf_counter() - started
    print("\n== The list while the entity index builds in the app (no cache, 2 workers)")
    report(
        "j while indexing",
        1000 * median(moves),
        None,
        "ms",
        f"max {1000 * max(moves):.0f} ms; idle figures in bench_library.py",
    )
    report(
        "filter key while indexing",
        1000 * median(typing),
        100,
        "ms",
        f"max {1000 * max(typing):.0f} ms; title bar then said {progress!r}",
    )
    report(
        "q while indexing, until run_test returns",
        quit_time,
        None,
        "s",
        "in this process; the wait for the indexer at process exit is in bench_library.py",
    )


# -- 2. building the index ----------------------------------------------------------------
def bench_index(data: BenchData, runs: int) -> None:
    """refresh_entity_index over the library: cold, cache warm, current."""
    from reader.session.indexing import refresh_entity_index

    paths, library, store = open_library(data)
    cold: list[float] = []
    indexed = 0
    for _ in range(runs):
        forget_entities(data)
        started = time.perf_counter()
        built = refresh_entity_index(paths, library, store)
        cold.append(time.perf_counter() - started)
        assert built is not None and not built.failed, built
        indexed = built.indexed
    warm_cache: list[float] = []
    current: list[float] = []
    for _ in range(runs):
        forget_entities(data, cache=False)
        started = time.perf_counter()
        refresh_entity_index(paths, library, store)
        warm_cache.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert refresh_entity_index(paths, library, store) is None
        current.append(time.perf_counter() - started)
    store.close()
    print("\n== Entity index over 10,000 articles (refresh_entity_index, default workers)")
    report(
        "built cold (no entity cache, no index)",
        median(cold),
        120,
        "s",
        f"{indexed:,} articles; runs: {', '.join(f'{value:.1f}' for value in cold)}",
    )
    report("rebuilt with the entity cache warm", median(warm_cache), None, "s")
    report("refreshed when current (nothing to do)", 1000 * median(current), None, "ms")


def ensure_index(data: BenchData) -> None:
    """Bring the entity index up to date (untimed), so the app has nothing to index."""
    from reader.session.indexing import refresh_entity_index

    paths, library, store = open_library(data)
    refresh_entity_index(paths, library, store)
    store.close()


# -- 3. list --entity ---------------------------------------------------------------------
def bench_list_entity(data: BenchData, runs: int) -> None:
    """``broadsheet list --entity NAME``, or the same work when the option is missing."""
    where = ["--home", str(data.home), "--library", str(data.library)]
    command = [sys.executable, "-m", "reader", "list", "--entity", ENTITY, *where]
    probe = subprocess.run(command, capture_output=True, text=True, env=child_env(), check=False)
    print(f"\n== broadsheet list --entity {ENTITY!r} (process wall time, warm)")
    if probe.returncode != 0:
        print(
            f"broadsheet list --entity: exit {probe.returncode}: "
            f"{probe.stderr.strip().splitlines()[-1]}"
        )
        print("  timing the same work instead: open_all, EntityIndex.articles_mentioning, print")
        command = [
            sys.executable,
            "-c",
            LIST_ENTITY,
            str(data.home),
            str(data.library),
            ENTITY,
        ]
    walls = []
    lines = 0
    for _ in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=child_env(), check=True)
        walls.append(time.perf_counter() - started)
        lines = len(done.stdout.splitlines())
    report(
        f"list --entity {ENTITY!r}",
        1000 * median(walls[1:]),
        200,
        "ms",
        f"{lines:,} articles listed",
    )


# -- 4. reading -----------------------------------------------------------------------------
async def bench_reading(data: BenchData, runs: int) -> None:
    """Opening with highlights, cached and not; mention jumps; highlight switches."""
    from textual.widgets import SelectionList

    from reader.entities.registry import backend_identity
    from reader.entities.service import _Identity
    from reader.tui.app import BroadsheetApp
    from reader.tui.dialogs.label_toggles import LabelToggles
    from reader.tui.screens.library_screen import LibraryScreen
    from reader.tui.screens.reading_screen import ReadingScreen
    from reader.tui.widgets.article_table import ArticleTable
    from reader.tui.widgets.article_view import ArticleView

    app = measured(BroadsheetApp)(home=data.home, library=data.library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.loaded)
        await app.workers.wait_for_complete()
        await pilot.pause()
        library_screen = app.screen
        table = library_screen.query_one(ArticleTable)
        identity = _Identity(backend_identity(app.session.entities.backend))

        def shown() -> bool:
            reading = app.screen
            return (
                isinstance(reading, ReadingScreen)
                and reading.query_one(ArticleView).text_layout is not None
            )

        def highlighted() -> bool:
            return shown() and bool(app.screen.query_one(ArticleView).highlights)

        async def open_row(row: int, uncache: bool = False) -> list[float]:
            table.cursor = row
            await pilot.pause()
            if uncache:
                path = app.session.entities.cache.path(
                    app.session.entities.cache.key(plain[row], identity)
                )
                path.unlink(missing_ok=True)
            timings = await key_to_frames(pilot, "enter", shown, highlighted)
            await key_to_frame(pilot, "escape", lambda: app.screen is library_screen)
            return timings

        # The plain text of the two long articles (to find their cache entries).
        plain: dict[int, str] = {}
        for row in (0, 1):
            table.cursor = row
            await pilot.pause()
            await key_to_frame(pilot, "enter", highlighted)
            plain[row] = app.screen.document.plain
            await key_to_frame(pilot, "escape", lambda: app.screen is library_screen)

        uncached = [await open_row(0, uncache=True) for _ in range(runs + 1)]
        cached = [await open_row(0) for _ in range(runs)]
        big = [await open_row(1) for _ in range(runs)]

        # Jumps and switches in the 10,000-word article.
        table.cursor = 0
        await pilot.pause()
        await key_to_frame(pilot, "enter", highlighted)
        reading = app.screen
        view = reading.query_one(ArticleView)
        jumps: list[float] = []
        for _ in range(runs * 4):
            before = (reading.selected, reading.mention_position)
            jumps.append(
                await key_to_frame(
                    pilot,
                    "right_square_bracket",
                    lambda b=before: (reading.selected, reading.mention_position) != b,
                )
            )
        mentions = len(reading.selected.mentions) if reading.selected else 0
        switches: list[float] = []
        for _ in range(runs * 2):
            wanted = not view.show_highlights
            switches.append(
                await key_to_frame(pilot, "h", lambda w=wanted: view.show_highlights == w)
            )
        assert view.show_highlights
        dialog: list[float] = []
        toggle: list[float] = []
        apply: list[float] = []
        for _ in range(runs * 2):
            before = view.hidden_labels
            dialog.append(
                await key_to_frame(pilot, "H", lambda: isinstance(app.screen, LabelToggles))
            )
            switches_list = app.screen.query_one(SelectionList)
            count = len(switches_list.selected)
            toggle.append(
                await key_to_frame(
                    pilot, "space", lambda c=count, s=switches_list: len(s.selected) != c
                )
            )
            apply.append(
                await key_to_frame(
                    pilot,
                    "enter",
                    lambda b=before: app.screen is reading and view.hidden_labels != b,
                )
            )
        await key_to_frame(pilot, "escape", lambda: app.screen is library_screen)

        print("\n== Reading with entity highlights (key to painted frame, 120x40)")
        report(
            "open 10,000 words, entities cached: first paint with highlights",
            1000 * median(both[1] for both in cached),
            300,
            "ms",
            f"text first shown at {1000 * median(both[0] for both in cached):.0f} ms",
        )
        report(
            "open 10,000 words, uncached: text",
            1000 * median(both[0] for both in uncached[1:]),
            300,
            "ms",
            "budget: at once, taken as the cached first-paint budget",
        )
        report(
            "open 10,000 words, uncached: highlights",
            1000 * median(both[1] for both in uncached[1:]),
            1000,
            "ms",
            f"first uncached opening in the process (extractor loaded): text "
            f"{1000 * uncached[0][0]:.0f} ms, highlights {1000 * uncached[0][1]:.0f} ms",
        )
        report(
            "open 50,000 words, entities cached: first paint with highlights",
            1000 * median(both[1] for both in big),
            1500,
            "ms",
            f"text first shown at {1000 * median(both[0] for both in big):.0f} ms",
        )
        for name, values, extra in (
            ("] next mention", jumps, f"{mentions} mentions of the entity jumped through"),
            ("h highlights on/off", switches, ""),
            ("H opens the label switches", dialog, ""),
            ("  space switches a label", toggle, ""),
            ("  enter applies (the text redrawn without it)", apply, ""),
        ):
            detail = f"max {1000 * max(values):.1f} ms" + (f"; {extra}" if extra else "")
            report(name, 1000 * median(values), 50, "ms", detail)
        await pilot.press("q")


def main() -> None:
    """Build the data, run every benchmark, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    parser.add_argument("--data", type=Path, help="keep the generated data here")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--index-runs", type=int, default=3, help="cold index builds (~1 min)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--only",
        default="usable,index,list,reading",
        help="comma-separated parts to run: usable, index, list, reading (default: all)",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    import reader

    if not reader.__file__ or not reader.__file__.startswith(str(REPO)):
        raise SystemExit(f"reader is imported from {reader.__file__}, not from {REPO}")
    compileall.compile_dir(REPO / "reader", quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-reading-") as temporary:
        root = args.data or Path(temporary)
        started = time.perf_counter()
        data = build(root, args.bbc, args.articles)
        print(f"data: {data.root} ({time.perf_counter() - started:.1f} s to build or check)")
        if "usable" in parts:
            asyncio.run(bench_while_indexing(data, args.runs))
        if "index" in parts:
            bench_index(data, args.index_runs)
        else:
            ensure_index(data)
        if "list" in parts:
            bench_list_entity(data, args.runs)
        if "reading" in parts:
            asyncio.run(bench_reading(data, args.runs))
    print(f"\nmissed: {', '.join(MISSED) if MISSED else 'none'}")


if __name__ == "__main__":
    main()
