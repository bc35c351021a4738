"""Benchmark entity extraction (run by hand; not part of the test suite).

    python tests/benchmarks/bench_ner.py [--corpus ../shared/data/bbc] [--ner builtin|spacy]
        [--no-accuracy] [--no-command] [--peer CHECKOUT [--rounds N]]

Prints: load time, words per second over the corpus (single process), the
time for one 50,000-word article, resident memory above the bare
interpreter, the size of the shipped model and word lists; accuracy on
CoNLL-2003 dev (per label, and the sports-report rule's share) and on
wikinews-gold; and the wall-clock time of ``broadsheet entities`` on a
2 MB article and on an article of 100,000 headings (fresh HOME, so nothing
is cached). Budgets (issues 6 and 11): >= 50,000 words/s, load <= 200 ms,
50,000 words <= 1.5 s, memory <= 100 MB, model + data <= 10 MB, CoNLL dev
micro F1 >= 0.82, 2 MB article <= 10 s, 100,000 headings <= 5 s.

``--peer CHECKOUT`` (the root of another checkout, e.g. ``git worktree add
/tmp/main main``) also measures that version's built-in extractor, in fresh
processes taking turns with this one (``--rounds`` each, best kept), so that
both figures come from the same conditions on a shared machine: wall-clock
and CPU words/s, and load time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
DEFAULT_CORPUS = DATA / "bbc"
CONLL_DEV = DATA / "conll2003" / "dev.txt"
WIKINEWS_GOLD = DATA / "wikinews-gold" / "dev.conll"


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
    ap.add_argument("--no-accuracy", action="store_true")
    ap.add_argument("--no-command", action="store_true")
    ap.add_argument("--peer", type=Path, default=None, help="another checkout to compare with")
    ap.add_argument("--rounds", type=int, default=3)
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
    if args.ner == "builtin":
        data = ROOT / "reader" / "entities" / "data"
        sizes = {f.name: f.stat().st_size / 1e6 for f in sorted(data.iterdir()) if f.is_file()}
        listed = ", ".join(f"{name} {mb:.2f}" for name, mb in sizes.items())
        print(f"data files       {sum(sizes.values()):.2f} MB ({listed})   (budget <= 10 MB)")
    if args.peer is not None:
        compare(args.peer, args.corpus, args.limit, args.rounds)
    if not args.no_accuracy:
        accuracy(args.ner)
    if not args.no_command:
        command_timings(texts)


_TURN = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from reader.entities.builtin import BuiltinExtractor
ex = BuiltinExtractor()
ex.extract("Warm up.")
load = time.perf_counter() - t0
sys.path.insert(0, sys.argv[2])
from bench_ner import load_corpus
texts = load_corpus(__import__("pathlib").Path(sys.argv[3]))[: int(sys.argv[4])]
words = sum(len(t.split()) for t in texts)
w0, c0 = time.perf_counter(), time.process_time()
for t in texts:
    ex.extract(t)
wall, cpu = time.perf_counter() - w0, time.process_time() - c0
print(json.dumps({"load": load, "wall": words / wall, "cpu": words / cpu}))
"""


def compare(peer: Path, corpus: Path, limit: int, rounds: int) -> None:
    """Words/s and load time of this checkout and of ``peer``, taking turns."""
    best: dict[str, dict[str, float]] = {}
    for _ in range(max(rounds, 1)):
        for name, root in (("this", ROOT), ("peer", peer.resolve())):
            here = str(Path(__file__).parent)
            done = subprocess.run(
                [sys.executable, "-c", _TURN, str(root), here, str(corpus), str(limit)],
                capture_output=True,
                text=True,
                check=True,
                cwd=tempfile.gettempdir(),
            )
            got = json.loads(done.stdout)
            mine = best.setdefault(name, {"load": 1e9, "wall": 0.0, "cpu": 0.0})
            mine["load"] = min(mine["load"], got["load"])
            mine["wall"] = max(mine["wall"], got["wall"])
            mine["cpu"] = max(mine["cpu"], got["cpu"])
    for name, label in (("this", str(ROOT)), ("peer", str(peer))):
        b = best[name]
        print(
            f"{name:<16} {b['wall']:,.0f} words/s wall, {b['cpu']:,.0f} CPU, load"
            f" {b['load'] * 1000:.0f} ms (best of {rounds}; {label})"
        )
    print(f"this / peer      {best['this']['wall'] / best['peer']['wall']:.2f}x words/s wall")
    print("load average     " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


def accuracy(backend: str) -> None:
    """CoNLL-2003 dev per label (and the sports rule's share), wikinews-gold micro F1."""
    from reader.entities import get_extractor
    from reader.entities.evaluation import evaluate, read_conll_file

    ex = get_extractor(backend)
    if CONLL_DEV.is_file():
        docs = read_conll_file(CONLL_DEV)
        scores = evaluate(docs, ex)
        print("CoNLL-2003 dev   label      P      R     F1  support")
        for s in [*scores.labels.values(), scores.micro]:
            print(
                f"                 {s.label:<6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                f" {s.support:8d}"
            )
        if backend == "builtin":
            from reader.entities.builtin import BuiltinExtractor

            without = evaluate(docs, BuiltinExtractor(disabled=frozenset({"teams"}))).micro.f1
            share = scores.micro.f1 - without
            print(f"sports rule      {without:.3f} without it, {share:+.3f} from it")
    if WIKINEWS_GOLD.is_file():
        micro = evaluate(read_conll_file(WIKINEWS_GOLD), ex).micro
        print(
            f"wikinews-gold    micro F1 {micro.f1:.3f}"
            f" (P {micro.precision:.3f} R {micro.recall:.3f})"
        )


def command_timings(texts: list[str]) -> None:
    """Wall-clock ``broadsheet entities FILE --json`` on a 2 MB article and 100,000 headings."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        body: list[str] = []
        size = 0
        i = 0
        while size < 2_000_000:
            piece = texts[i % len(texts)]
            body.append(piece)
            size += len(piece) + 2
            i += 1
        big = folder / "big.md"
        big.write_text("---\ntitle: Two megabytes\n---\n\n" + "\n\n".join(body), "utf-8")
        heads = folder / "headings.md"
        heads.write_text(
            "---\ntitle: Headings\n---\n\n" + "".join(f"# Heading {n}\n\n" for n in range(100_000)),
            "utf-8",
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        for name, path, budget in (("2 MB article", big, 10), ("100,000 headings", heads, 5)):
            home = folder / ("home-" + path.stem)
            t0 = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "reader",
                    "--home",
                    str(home),
                    "entities",
                    str(path),
                    "--json",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                check=False,
            )
            elapsed = time.perf_counter() - t0
            status = "" if done.returncode == 0 else f" (exit {done.returncode})"
            print(f"{name:<16} {elapsed:.1f} s{status}          (budget <= {budget} s)")


if __name__ == "__main__":
    main()
