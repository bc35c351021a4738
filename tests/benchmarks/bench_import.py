"""Import benchmarks (run by hand, not part of the test suite).

    python tests/benchmarks/bench_import.py [--bbc DIR]

1. The 300 BBC articles of ../shared/data/bbc as .txt files (budget 10 s).
   The data is research-only: it is read where it lies, never copied into
   the repository.
2. A generated RSS feed of 500 entries with full HTML content, from a local
   file (budget 15 s).

Each is timed twice: ``broadsheet add`` run as a person would (a new
process, into a fresh HOME, durable writes), then a second import of the
same thing (everything skipped as already there). The in-process import
time is printed too.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_BBC = REPO.parent / "shared" / "data" / "bbc"
BUDGETS = {"bbc": 10.0, "feed": 15.0}
WORDS = [
    "harbour",
    "council",
    "bridge",
    "ferry",
    "island",
    "market",
    "storm",
    "tide",
    "library",
    "school",
    "budget",
    "minister",
    "fishing",
    "quota",
    "winter",
    "spring",
    "survey",
    "mayor",
    "residents",
    "engineers",
    "weather",
    "report",
    "vote",
    "decision",
    "museum",
    "lighthouse",
    "cottage",
    "volunteers",
    "record",
    "season",
]


def generated_feed(entries: int, seed: int = 5) -> str:
    """An RSS 2.0 feed of ``entries`` items, each with about 400 words of HTML content."""
    rng = random.Random(seed)
    items = []
    for number in range(entries):
        paragraphs = "".join(
            "<p>" + " ".join(rng.choice(WORDS) for _ in range(80)) + f" ({number}.{p})</p>"
            for p in range(5)
        )
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize() + f" {number}"
        items.append(
            f"<item><title>{title}</title>"
            f"<link>https://bench.example.org/{number}</link>"
            f"<guid>https://bench.example.org/{number}</guid>"
            f"<pubDate>Mon, 0{1 + number % 9} Sep 2024 10:00:00 +0000</pubDate>"
            f"<description>Summary {number}.</description>"
            f"<content:encoded><![CDATA[<h2>Part {number}</h2>{paragraphs}]]></content:encoded>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Benchmark feed</title><link>https://bench.example.org/</link>"
        + "".join(items)
        + "</channel></rss>"
    )


def cli(home: Path, *targets: str) -> tuple[float, str]:
    """Run ``broadsheet add -q`` in a new process; return seconds and its summary line."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "reader", "add", "-q", "--home", str(home), *targets],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    elapsed = time.perf_counter() - start
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    return elapsed, summary


def in_process(targets: list[str]) -> float:
    """The import alone (no process start, no library scan), into a fresh folder."""
    from reader.importing.runner import import_targets
    from reader.importing.store import LibraryWriter

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        report = import_targets(targets, LibraryWriter(Path(folder)))
        elapsed = time.perf_counter() - start
        assert report.added, report.summary()
    return elapsed


def bench(name: str, targets: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        first, summary = cli(home, *targets)
        again, again_summary = cli(home, *targets)
    inside = in_process(targets)
    verdict = "within" if first <= BUDGETS[name] else "OVER"
    print(f"{name}: broadsheet add {first:.2f} s ({verdict} the {BUDGETS[name]:g} s budget)")
    print(f"    {summary}")
    print(f"  import alone, in process: {inside:.2f} s")
    print(f"  again (all skipped): {again:.2f} s; {again_summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC, help="the BBC folder")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    if args.bbc.is_dir():
        bench("bbc", [str(args.bbc)])
    else:
        print(f"bbc: skipped ({args.bbc} not found)")
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.rss"
        feed.write_text(generated_feed(500), encoding="utf-8")
        print(f"(feed file: {feed.stat().st_size / 1_048_576:.1f} MB, 500 entries)")
        bench("feed", [str(feed)])


if __name__ == "__main__":
    main()
