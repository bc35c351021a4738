"""Benchmark of the annotation side: the annotations view, filtering, re-anchoring, saving.

Run by hand: python tests/benchmarks/bench_annotations.py [--articles 10000 --annotations 20000]
Prints, against the budgets of issue 12:

- opening the annotations view (20,000 notes and highlights over 10,000
  articles) in the headless app: <= 300 ms (with the note index warm; the
  first opening ever reads every annotated file and is printed too);
- filtering it as you type: <= 50 ms per key (median and worst key);
- re-anchoring 200 annotations of an edited article: <= 20 ms;
- saving a highlight durably: median <= 5 ms (the budget of a tag).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from reader.session.session import Session  # noqa: E402
from reader.store.anchoring import context_of, reanchor  # noqa: E402
from reader.store.records import HIGHLIGHT_COLORS, Note  # noqa: E402
from reader.store.schema import SCHEMA_VERSION  # noqa: E402
from reader.store.storage import write_tables  # noqa: E402

WORDS = (
    "harbour",
    "council",
    "river",
    "market",
    "school",
    "budget",
    "storm",
    "election",
    "bridge",
    "museum",
    "railway",
    "festival",
    "hospital",
    "factory",
    "orchard",
    "library",
    "treaty",
    "summit",
    "voters",
    "farmers",
    "engineers",
    "doctors",
    "teachers",
    "ministers",
    "islands",
    "mountains",
)


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text.capitalize() + "."


def body(rng: random.Random, paragraphs: int = 6) -> str:
    return "\n\n".join(" ".join(sentence(rng) for _ in range(3)) for _ in range(paragraphs))


def build_library(library: Path, count: int, rng: random.Random) -> list[str]:
    ids = []
    for number in range(count):
        article_id = f"b{number:06d}"
        ids.append(article_id)
        path = library / f"{number // 500:03d}" / f"{article_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Article {number} on the {rng.choice(WORDS)}\nid: {article_id}\n"
            f"date: 20{number % 25:02d}-0{1 + number % 9}-1{number % 9}\n---\n\n{body(rng)}\n",
            encoding="utf-8",
        )
    return ids


def fill_store(session: Session, ids: list[str], total: int, rng: random.Random) -> None:
    """Write the annotation files directly (no fsync), quoting each article's real text."""
    per: dict[str, int] = {}
    for _ in range(total):
        key = rng.choice(ids)
        per[key] = per.get(key, 0) + 1
    folder = session.paths.annotations
    for article_id, count in per.items():
        meta = session.library.get(article_id)
        assert meta is not None
        plain = (session.plain_text(meta) or ("", 0))[0]
        notes = {}
        for n in range(count):
            start = rng.randrange(len(plain) // 2, len(plain) - 80)
            end = start + rng.randrange(20, 70)
            prefix, suffix = context_of(plain, start, end)
            highlight = n % 2 == 0
            note = Note.new(
                "" if highlight and n % 4 == 0 else f"thought {n} about {rng.choice(WORDS)}",
                plain[start:end],
                start,
                end,
                kind="highlight" if highlight else "note",
                color=rng.choice(HIGHLIGHT_COLORS) if highlight else "",
                prefix=prefix,
                suffix=suffix,
            )
            notes[str(n + 1)] = note.to_doc()
        tables = {
            "meta": {
                "1": {
                    "schema": SCHEMA_VERSION,
                    "article": article_id,
                    "title": meta.title,
                    "text_hash": meta.text_hash,
                }
            },
            "notes": notes,
        }
        path = folder / "articles" / article_id[:2] / f"{article_id}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_tables(path, tables, keep_backup=False)


def report(name: str, value: float, budget: float, detail: str = "") -> None:
    verdict = "ok" if value <= budget else "OVER BUDGET"
    print(
        f"{name}: {value:.1f} ms (budget {budget:g} ms, {verdict}){' ' + detail if detail else ''}"
    )


async def measure_view(home: Path, library: Path, typed: str) -> tuple[float, list[float], int]:
    from reader.tui.app import BroadsheetApp
    from reader.tui.screens.annotations_screen import AnnotationsScreen
    from reader.tui.widgets.annotation_list import AnnotationList

    app = BroadsheetApp(home=home, library=library, indexer=lambda session: _NoIndexer())
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.session.store_loaded and app.session.articles:
                break
        await app.workers.wait_for_complete()  # The list loaded, the note index warmed.
        await pilot.pause(0.5)
        started = time.perf_counter()
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        opened = 1000 * (time.perf_counter() - started)
        shown = len(screen.query_one(AnnotationList).entries)
        await pilot.press("escape", "escape")
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("A")
        await pilot.pause()
        reopened = 1000 * (time.perf_counter() - started)
        print(f"open the annotations view again (screen kept): {reopened:.0f} ms")
        keys = []
        for length in range(1, len(typed) + 1):
            started = time.perf_counter()
            screen.apply_filter(typed[:length])
            keys.append(1000 * (time.perf_counter() - started))
        return opened, keys, shown


class _NoIndexer:
    stopped = False

    def run(self, progress: object) -> str | None:
        return None

    def stop(self) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--annotations", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary) / "home"
        library = home / "articles"
        started = time.perf_counter()
        ids = build_library(library, args.articles, rng)
        session = Session.at(home, library)
        session.open()
        fill_store(session, ids, args.annotations, rng)
        session.close()
        session = Session.at(home, library)
        session.open()
        indexed = session.update_search_index()
        session.close()
        print(
            f"setup: {args.articles:,} articles, {args.annotations:,} notes and highlights, "
            f"{indexed:,} rows indexed, in {time.perf_counter() - started:.0f} s"
        )

        session = Session.at(home, library)
        session.open()
        started = time.perf_counter()
        catalog = session.annotations()
        print(
            f"first listing ever (reads every annotated file, fills the note index): "
            f"{1000 * (time.perf_counter() - started):.0f} ms ({len(catalog):,} annotations)"
        )
        session.close()  # Saves the note index, as closing the app does.

        typed = "has:highlights harbour"
        opened, keys, shown = asyncio.run(measure_view(home, library, typed))
        print(
            f"first start of the app on this HOME (its caches being built meanwhile): "
            f"open the view {opened:.0f} ms, worst key {max(keys):.0f} ms"
        )
        opened, keys, shown = asyncio.run(measure_view(home, library, typed))
        report(
            "open the annotations view",
            opened,
            300,
            f"({shown:,} annotations over {args.articles:,} articles)",
        )
        report(
            "filter as you type, worst key",
            max(keys),
            50,
            f"(median {statistics.median(keys):.1f} ms over {len(keys)} keys of {typed!r})",
        )

        session = Session.at(home, library)
        session.open()
        meta = session.library.get(ids[0])
        assert meta is not None
        plain = (session.plain_text(meta) or ("", 0))[0]
        notes = []
        for _ in range(200):
            start = rng.randrange(0, len(plain) - 60)
            end = start + rng.randrange(15, 50)
            prefix, suffix = context_of(plain, start, end)
            notes.append(
                Note.new(
                    "", plain[start:end], start, end, kind="highlight", prefix=prefix, suffix=suffix
                )
            )
        edited = "A new first paragraph, inserted above everything else.\n\n" + plain
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            moved = reanchor(notes, edited)
            timings.append(1000 * (time.perf_counter() - started))
        report(
            "re-anchor 200 annotations (paragraph inserted above)",
            statistics.median(timings),
            20,
            f"({len(moved)} moved)",
        )
        typo = edited.replace(" the", " teh")
        started = time.perf_counter()
        moved = reanchor(notes, typo)
        elapsed = 1000 * (time.perf_counter() - started)
        orphans = sum(1 for note in moved if note.orphan)
        print(
            f"re-anchor 200 annotations after 'the'->'teh' everywhere (tolerant match, worst "
            f"case): {elapsed:.1f} ms ({len(moved) - orphans} found, {orphans} orphans)"
        )

        saves = []
        for _ in range(args.saves):
            article_id = rng.choice(ids)
            start = rng.randrange(0, 200)
            started = time.perf_counter()
            outcome = session.highlight(article_id, plain, start, start + 30)
            saves.append(1000 * (time.perf_counter() - started))
            assert outcome.changed
        saves.sort()
        report(
            "save a highlight (durable), median",
            statistics.median(saves),
            5,
            f"(p99 {saves[int(len(saves) * 0.99) - 1]:.2f} ms over {len(saves)} saves)",
        )
        session.close()


if __name__ == "__main__":
    main()
