"""A cold process that starts an app headless, for the start-up and quit benchmarks.

Run by bench_library.py, never by hand. It imports only the standard library
before the app, so its wall time is that of the command:

    python app_child.py bare LAUNCHED
    python app_child.py broadsheet LAUNCHED HOME LIBRARY [--quit-after SECONDS] [--tracker]

``LAUNCHED`` is the parent's ``time.time()`` just before it started this
process. The app runs with ``App.run(headless=True)`` (the command's own
path, less the terminal driver); every frame the compositor produces is still
turned into terminal output (``render_segments``) and thrown away, so the
cost of drawing is counted. ``bare`` (a Textual app with one Static) exits at
its first frame. ``broadsheet`` exits at the first frame that shows the list
with its rows, or, with ``--quit-after``, that many seconds later by a ``q``
key. ``--tracker`` starts multiprocessing's resource tracker before the app
runs: without it, the entity indexer's process pool cannot start under
Textual (see bench_library.py, bench_quit). The last line of stdout is a JSON
object of timings (seconds since LAUNCHED unless said otherwise) and memory;
``worker_error`` names an exception that ended the app, if any;
``progress_frames`` counts the frames drawn before the list that showed the
first scan's progress bar (what a person sees on a first run). ``drawn`` is
the first frame that shows the list (with the first screen kept from the last
run, before the whole index is read), ``whole`` the first with every article
in the table; ``memory_mb`` is taken then, and the app exits.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

RESULT: dict[str, Any] = {}


def _since(launched: float) -> float:
    return time.time() - launched


def _memory() -> dict[str, float]:
    """VmRSS and VmHWM of this process, in MB."""
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key = line.split(":", 1)[0]
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(line.split()[1]) / 1024
    return values


def run_bare(launched: float) -> None:
    """A bare Textual app: one Static; exit once it is drawn."""
    started = time.perf_counter()
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    RESULT["import_textual"] = time.perf_counter() - started

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is None:
                return
            renderable.render_segments(self.console)
            if "drawn" not in RESULT:
                RESULT["drawn"] = _since(launched)
                RESULT["memory_mb"] = _memory()
                self.exit()

    Bare().run(headless=True, size=(120, 40))
    RESULT["app_returned"] = _since(launched)


def run_broadsheet(
    launched: float, home: str, library: str, quit_after: float | None, tracker: bool
) -> None:
    """Broadsheet as ``broadsheet --home HOME --library LIBRARY`` starts it; exit once drawn."""
    started = time.perf_counter()
    import textual.app  # noqa: F401 - timed on its own
    from textual import events

    RESULT["import_textual"] = time.perf_counter() - started
    started = time.perf_counter()
    import reader
    from reader.cli import build_parser
    from reader.commands.common import ensure_home, paths_from

    argv = ["--home", home, "--library", library]
    try:  # As cli.main: given the arguments, only the command named is registered (none).
        parser = build_parser(argv)  # type: ignore[call-arg,unused-ignore]
    except TypeError:  # (an older reader.cli, for comparisons: every command registered)
        parser = build_parser()
    args = parser.parse_args(argv)
    paths = paths_from(args)
    ensure_home(paths)
    from reader.library import Library
    from reader.store import AnnotationStore
    from reader.tui.app import BroadsheetApp
    from reader.tui.screens.library_screen import LibraryScreen
    from reader.tui.widgets.article_table import ArticleTable

    RESULT["import_reader"] = time.perf_counter() - started
    RESULT["reader_file"] = reader.__file__
    progress_frames = [0]

    def timed(owner: Any, name: str, key: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            begun = time.perf_counter()
            RESULT[key + "_start"] = _since(launched)
            try:
                return original(*args, **kwargs)
            finally:
                RESULT[key] = time.perf_counter() - begun

        setattr(owner, name, wrapper)

    timed(Library, "scan", "library_scan")
    timed(AnnotationStore, "load", "store_load")
    timed(LibraryScreen, "_show_articles", "list_build")
    timed(Library, "load_cached", "index_load")

    class Measured(BroadsheetApp):
        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is None:
                return
            renderable.render_segments(self.console)
            RESULT.setdefault("first_frame", _since(launched))
            current = self.screen
            # What the person sees while the first scan runs: the bar and its count.
            if (
                isinstance(current, LibraryScreen)
                and not current.loaded
                and current.query("#scan-progress.-active")
            ):
                progress_frames[0] += 1
            if "whole" in RESULT or not isinstance(current, LibraryScreen) or not current.loaded:
                return
            rows = len(current.query_one(ArticleTable).rows)
            if "drawn" not in RESULT:  # The list on screen (maybe only its first screen yet).
                RESULT["drawn"] = _since(launched)
                RESULT["rows_drawn"] = rows
                RESULT["memory_drawn_mb"] = _memory()
                RESULT["progress_frames"] = progress_frames[0]
            if not getattr(current, "whole_list_shown", True):  # (older versions: always)
                return
            RESULT["whole"] = _since(launched)  # Every article in the table.
            RESULT["rows"] = rows
            RESULT["memory_mb"] = _memory()
            if quit_after is None:
                self.exit()
            else:
                self.set_timer(quit_after, self._press_q)

        def _press_q(self) -> None:
            RESULT["index_progress_at_quit"] = self.index_progress
            RESULT["quit_pressed"] = _since(launched)
            assert self._driver is not None
            self._driver.send_message(events.Key("q", "q"))

    if tracker:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    started = time.perf_counter()
    app = Measured(home=paths.home, library=paths.library)
    RESULT["app_init"] = time.perf_counter() - started
    app.run(headless=True, size=(120, 40))
    RESULT["app_returned"] = _since(launched)
    for worker in app.workers:
        if worker.error is not None:
            RESULT["worker_error"] = f"{worker.name}: {type(worker.error).__name__}: {worker.error}"


def main() -> None:
    """Run the mode named on the command line; print the timings as JSON at exit."""
    import atexit

    mode, launched = sys.argv[1], float(sys.argv[2])
    RESULT["main"] = _since(launched)

    def report() -> None:
        # Registered first, so it runs last: after the thread pools are joined.
        RESULT["exit"] = _since(launched)
        print(json.dumps(RESULT), flush=True)

    atexit.register(report)
    if mode == "bare":
        run_bare(launched)
    else:
        options = sys.argv[5:]
        quit_after = (
            float(options[options.index("--quit-after") + 1]) if "--quit-after" in options else None
        )
        run_broadsheet(launched, sys.argv[3], sys.argv[4], quit_after, "--tracker" in options)


if __name__ == "__main__":
    main()
