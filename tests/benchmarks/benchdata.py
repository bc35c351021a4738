"""Test data and measuring helpers shared by bench_library.py and bench_reading.py.

Not a benchmark itself. The library is built from the 300 BBC articles of
``../shared/data/bbc`` (research-only data: read where it lies, written only
into a temporary folder, never into the repository): each article repeated
with a varied title ("<title> (copy N)"), a date spread over 2000-2025 and a
unique source URL, plus two long articles (10,000 and 50,000 words) made by
concatenating bodies, dated newest so they are the first two rows of the list.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

AppT = TypeVar("AppT")
REPO = Path(__file__).resolve().parents[2]
DEFAULT_BBC = REPO.parent / "shared" / "data" / "bbc"
LONG_WORDS = (10_000, 50_000)
"""Word counts of the long articles added to the library."""
LONG_DATES = {10_000: "2026-01-02", 50_000: "2026-01-01"}
"""The long articles are the newest, so they are rows 0 (10,000 words) and 1 of the list."""
FORMAT = 1
"""Bump when the generated files change, so a kept ``--data`` folder is rebuilt."""


@dataclass(frozen=True, slots=True)
class Source:
    """One BBC article: its category, file number, title and body paragraphs."""

    category: str
    number: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BenchData:
    """Where the generated data lives."""

    root: Path

    @property
    def library(self) -> Path:
        """The 10,000 article files."""
        return self.root / "library"

    @property
    def home(self) -> Path:
        """The Broadsheet HOME (cache, annotations) used with ``--library``."""
        return self.root / "home"

    def long_title(self, words: int) -> str:
        """Title of the long article of ``words`` words."""
        return f"Long read: {words:,} words of BBC news"


def load_bbc(folder: Path) -> list[Source]:
    """The BBC articles (line 1 the title, then paragraphs separated by blank lines)."""
    sources = []
    for path in sorted(folder.rglob("*.txt")):
        if path.name.upper().startswith("README"):
            continue
        raw = path.read_text(encoding="utf-8", errors="replace").strip()
        title, _, body = raw.partition("\n")
        paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
        sources.append(Source(path.parent.name, path.stem, title.strip(), paragraphs))
    if not sources:
        raise SystemExit(f"no BBC articles under {folder}")
    return sources


def _front_matter(title: str, date: str, source: str, body: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        f"date: {date}\n"
        f"source: {json.dumps(source)}\n"
        'author: "BBC News"\n'
        "---\n\n"
        f"{body}\n"
    )


def long_body(sources: list[Source], words: int, shift: int = 0) -> str:
    """Paragraphs of the BBC bodies, in turn from ``shift``, until ``words`` words."""
    paragraphs: list[str] = []
    count = 0
    position = shift
    while count < words:
        source = sources[position % len(sources)]
        for paragraph in source.paragraphs:
            paragraph_words = paragraph.split()
            if count + len(paragraph_words) > words:
                paragraph_words = paragraph_words[: words - count]
            paragraphs.append(" ".join(paragraph_words))
            count += len(paragraph_words)
            if count >= words:
                break
        position += 1
    return "\n\n".join(paragraphs)


def build(root: Path, bbc: Path, articles: int = 10_000, seed: int = 11) -> BenchData:
    """Write the library under ``root`` (reused as is when already built the same way)."""
    data = BenchData(root)
    stamp = root / "built.json"
    wanted = {"format": FORMAT, "articles": articles, "seed": seed, "bbc": str(bbc)}
    if stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return data
    sources = load_bbc(bbc)
    rng = random.Random(seed)
    first, last = dt.date(2000, 1, 1).toordinal(), dt.date(2025, 12, 31).toordinal()
    data.library.mkdir(parents=True, exist_ok=True)
    data.home.mkdir(parents=True, exist_ok=True)
    copies = articles - len(LONG_WORDS)
    for number in range(copies):
        source = sources[number % len(sources)]
        copy = number // len(sources) + 1
        date = dt.date.fromordinal(rng.randint(first, last))
        url = f"https://news.bench.example/{source.category}/{source.number}/copy-{copy}?n={number}"
        text = _front_matter(
            f"{source.title} (copy {copy})",
            date.isoformat(),
            url,
            "\n\n".join(source.paragraphs),
        )
        folder = data.library / str(date.year)
        folder.mkdir(exist_ok=True)
        (folder / f"{source.category}-{source.number}-copy-{copy}.md").write_text(
            text, encoding="utf-8"
        )
    for words in LONG_WORDS:
        text = _front_matter(
            data.long_title(words),
            LONG_DATES[words],
            f"https://news.bench.example/long/{words}",
            long_body(sources, words),
        )
        (data.library / f"long-{words}.md").write_text(text, encoding="utf-8")
    stamp.write_text(json.dumps(wanted))
    return data


# -- measuring --------------------------------------------------------------------------
def median(values: Iterable[float]) -> float:
    """The median of the values."""
    return statistics.median(list(values))


def repeat(runs: int, measure: Callable[[], float]) -> list[float]:
    """Call ``measure`` ``runs`` times; its results."""
    return [measure() for _ in range(runs)]


def rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB, from /proc."""
    values = {"VmRSS": 0.0, "VmHWM": 0.0}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key = line.split(":", 1)[0]
            if key in values:
                values[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return values["VmRSS"], values["VmHWM"]


def children_rss_mb() -> float:
    """Resident memory of this process's child processes (e.g. index workers), in MB."""
    total = 0.0
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:
            total += rss_mb(entry.name)[0]
    return total


MISSED: list[str] = []
"""Names of the figures over budget in this run."""


def report(name: str, value: float, budget: float | None, unit: str, detail: str = "") -> None:
    """Print one figure: ``name  value unit  (budget <= b unit) ok|MISSED  [detail]``."""
    if value >= 100:
        shown = f"{value:,.0f}"
    elif value >= 10:
        shown = f"{value:.1f}"
    else:
        shown = f"{value:.2f}"
    verdict = ""
    if budget is not None:
        ok = value <= budget
        verdict = f"(budget <= {budget:g} {unit}) {'ok' if ok else 'MISSED'}"
        if not ok:
            MISSED.append(name)
    line = f"{name:<54} {shown:>8} {unit:<3} {verdict}"
    if detail:
        line += f"  [{detail}]"
    print(line.rstrip(), flush=True)


def now() -> float:
    """A monotonic clock in seconds (perf_counter)."""
    return time.perf_counter()


# -- timing key presses in a running app (in this process) ------------------------------
class FrameClock:
    """Notes when the app produces the first frame that satisfies each of some conditions.

    Installed by :func:`measured` on an app class: every frame the compositor
    produces is also turned into terminal output (``render_segments``), as a
    real terminal driver would, and thrown away; the time is taken after that.
    """

    def __init__(self) -> None:
        self.conditions: list[Callable[[], bool]] = []
        self.hits: list[float | None] = []
        self.event: asyncio.Event | None = None
        self.frames = 0

    def watch(self, conditions: list[Callable[[], bool]]) -> asyncio.Event:
        """Start looking for frames that satisfy ``conditions``; set when all have one."""
        self.conditions, self.hits = conditions, [None] * len(conditions)
        self.event = asyncio.Event()
        return self.event

    def frame(self) -> None:
        """Called after each frame is drawn."""
        self.frames += 1
        if not self.conditions:
            return
        for number, condition in enumerate(self.conditions):
            if self.hits[number] is None and condition():
                self.hits[number] = now()
        if all(hit is not None for hit in self.hits) and self.event is not None:
            self.event.set()


def measured(app_class: type[AppT]) -> type[AppT]:
    """A subclass of ``app_class`` whose frames are drawn to a string and noted by ``clock``."""

    class Measured(app_class):  # type: ignore[valid-type,misc]
        clock = FrameClock()

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is not None:
                renderable.render_segments(self.console)
                self.clock.frame()

    Measured.__name__ = f"Measured{app_class.__name__}"
    return Measured


def key_event(key: str) -> Any:
    """The ``events.Key`` a terminal sends for ``key`` (as ``Pilot.press`` builds it)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def key_to_frames(
    pilot: Any, key: str, *conditions: Callable[[], bool], timeout: float = 30.0
) -> list[float]:
    """Seconds from sending ``key`` to the first frame drawn once each condition holds.

    The key goes through the driver like a real key press; afterwards the app
    is left to settle (``pilot.pause()``) so the next press starts from idle.
    """
    app = pilot.app
    clock: FrameClock = app.clock
    event = clock.watch(list(conditions))
    started = now()
    app._driver.send_message(key_event(key))
    try:
        await asyncio.wait_for(event.wait(), timeout)
    except TimeoutError:
        message = f"no frame satisfied the conditions within {timeout} s of {key!r}"
        raise RuntimeError(message) from None
    finally:
        clock.conditions = []
    elapsed = [hit - started for hit in clock.hits if hit is not None]
    await pilot.pause()
    return elapsed


async def key_to_frame(
    pilot: Any, key: str, condition: Callable[[], bool], timeout: float = 30.0
) -> float:
    """Seconds from sending ``key`` to the first frame drawn once ``condition`` holds."""
    return (await key_to_frames(pilot, key, condition, timeout=timeout))[0]


async def wait_until(pilot: Any, condition: Callable[[], bool], timeout: float = 120.0) -> float:
    """Pause until ``condition`` holds; the seconds it took."""
    started = now()
    while not condition():
        if now() - started > timeout:
            raise RuntimeError(f"still waiting after {timeout} s")
        await asyncio.sleep(0.01)
    await pilot.pause()
    return now() - started


class CallCounter:
    """Counts calls of one method of one object (wraps the bound method in place)."""

    def __init__(self, target: object, name: str) -> None:
        self.count = 0
        original = getattr(target, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return original(*args, **kwargs)

        setattr(target, name, counted)

    def take(self) -> int:
        """The count since the last ``take``."""
        count, self.count = self.count, 0
        return count
