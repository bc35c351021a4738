"""Benchmark of the annotation store at 10,000 articles, 50,000 tags, 20,000 notes.

Run by hand: python tests/benchmarks/bench_store.py [--articles 10000]
Prints: time to fill, to open (cold and with the summary cache), to save one
tag (median and p99 over many saves, each durable when the call returns),
and to filter the article list by a tag.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from reader.store import AnnotationStore
from reader.store.records import ArticleState, Note
from reader.store.schema import SCHEMA_VERSION
from reader.store.storage import write_tables

TAGS = [f"topic-{n}" for n in range(300)]


def fill(folder: Path, articles: int, tags: int, notes: int, rng: random.Random) -> list[str]:
    """Write the store files directly (no fsync) to build the test data quickly."""
    ids = [f"{rng.getrandbits(48):012x}" for _ in range(articles)]
    tags_per = [0] * articles
    notes_per = [0] * articles
    for _ in range(tags):
        tags_per[rng.randrange(articles)] += 1
    for _ in range(notes):
        notes_per[rng.randrange(articles)] += 1
    for index, article_id in enumerate(ids):
        chosen = rng.sample(TAGS, min(tags_per[index], len(TAGS)))
        tables = {
            "meta": {
                "1": {
                    "schema": SCHEMA_VERSION,
                    "article": article_id,
                    "title": f"Article {index}",
                    "sketch": [1, 2, 3],
                }
            },
            "tags": {
                str(n + 1): {"tag": tag, "added": "2026-01-01T00:00:00+00:00"}
                for n, tag in enumerate(chosen)
            },
            "notes": {
                str(n + 1): Note.new(f"note {n} " * 20, "a quoted passage " * 5, 10, 95).to_doc()
                for n in range(notes_per[index])
            },
            "state": {
                "1": ArticleState(
                    read=rng.random() < 0.5,
                    starred=rng.random() < 0.1,
                    position=rng.randrange(5000),
                ).to_doc()
            },
        }
        path = folder / "articles" / article_id[:2] / f"{article_id}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_tables(path, tables, keep_backup=False)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--tags", type=int, default=50_000)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary)
        folder, cache = home / "annotations", home / "cache"
        started = time.perf_counter()
        ids = fill(folder, args.articles, args.tags, args.notes, rng)
        print(
            f"fill: {args.articles:,} articles, {args.tags:,} tags requested, "
            f"{args.notes:,} notes in {time.perf_counter() - started:.1f} s"
        )

        started = time.perf_counter()
        store = AnnotationStore(folder, cache)
        report = store.load()
        print(
            f"open, cold (no summary cache): {1000 * (time.perf_counter() - started):.0f} ms "
            f"({report.files_read:,} files read)"
        )
        store.close()

        started = time.perf_counter()
        store = AnnotationStore(folder, cache)
        report = store.load()
        print(
            f"open, warm (summary cache): {1000 * (time.perf_counter() - started):.0f} ms "
            f"({report.files_read} files read, {len(store.annotated_ids()):,} articles, "
            f"{sum(store.all_tags().values()):,} tags)"
        )

        timings = []
        for number in range(args.saves):
            article_id = rng.choice(ids)
            started = time.perf_counter()
            store.edit_tags([article_id], add=[f"bench-{number}"])
            timings.append(1000 * (time.perf_counter() - started))
        timings.sort()
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
        print(
            f"save one tag (durable): median {statistics.median(timings):.2f} ms, "
            f"p99 {p99:.2f} ms, max {timings[-1]:.2f} ms over {len(timings)} saves"
        )

        started = time.perf_counter()
        runs = 20
        for _ in range(runs):
            wanted = store.ids_with_tag("topic-7")
            shown = [article_id for article_id in ids if article_id in wanted]
        elapsed = 1000 * (time.perf_counter() - started) / runs
        print(f"filter {len(ids):,} articles by a tag: {elapsed:.2f} ms ({len(shown)} shown)")

        started = time.perf_counter()
        changed = store.refresh()
        print(
            f"refresh (look for other writers' changes): "
            f"{1000 * (time.perf_counter() - started):.0f} ms ({len(changed)} changed)"
        )


if __name__ == "__main__":
    main()
