"""Benchmark entity extraction (run by hand; not part of the test suite).

    python tests/benchmarks/bench_ner.py [--corpus ../shared/data/bbc] [--ner builtin|spacy]

Prints: load time, words per second over the corpus (single process), the
time for one 50,000-word article, and resident memory above the bare
interpreter. Budgets (issue 6): >= 50,000 words/s, load <= 200 ms,
50,000 words <= 1.5 s, memory <= 100 MB.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bbc"


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_corpus(folder: Path) -> list[str]:
    """Article texts: title, blank line, body (BBC files: first line is the title)."""
    texts = []
    for f in sorted(folder.rglob("*.txt")):
        if f.name.upper().startswith("README"):
            continue
        raw = f.read_text(encoding="utf-8", errors="replace").strip()
        title, _, body = raw.partition("\n")
        texts.append(title.strip() + "\n\n" + body.strip())
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--ner", default="builtin")
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()

    texts = load_corpus(args.corpus)[: args.limit]
    words = sum(len(t.split()) for t in texts)
    base = rss_mb()

    t0 = time.perf_counter()
    from reader.entities import get_extractor

    ex = get_extractor(args.ner)
    ex.extract("Warm up.")
    load = time.perf_counter() - t0

    t0 = time.perf_counter()
    n = 0
    for t in texts:
        n += len(ex.extract(t))
    elapsed = time.perf_counter() - t0

    big_words: list[str] = []
    i = 0
    while len(big_words) < 50_000:
        big_words.extend(texts[i % len(texts)].split())
        i += 1
    big = " ".join(big_words[:50_000])
    t0 = time.perf_counter()
    ex.extract(big)
    big_time = time.perf_counter() - t0
    mem = rss_mb() - base

    print(f"backend          {args.ner} ({ex.name} {ex.version})")
    print(f"articles         {len(texts)} ({words} words, {n} mentions)")
    print(f"load             {load * 1000:.0f} ms          (budget <= 200 ms)")
    print(f"throughput       {words / elapsed:,.0f} words/s   (budget >= 50,000)")
    print(f"50,000 words     {big_time:.2f} s           (budget <= 1.5 s)")
    print(f"memory           {mem:.0f} MB above start   (budget <= 100 MB)")


if __name__ == "__main__":
    main()
