"""``broadsheet list --json`` over 10,000 and 50,000 articles (issue 9 budgets). By hand only.

    PYTHONPATH=. python tests/benchmarks/bench_list.py [--runs 5] [--data DIR] [--big-data DIR]

Builds (or reuses) the libraries of benchdata.py from the BBC files of
../shared/data/bbc, warms them with one ``list --json`` (the scan that writes
the metadata index and the listing), then times the whole process of
``broadsheet list --json`` (stdout a pipe, as a script would read it), median
of ``--runs``, interleaved with the peers measured in the same run: the
interpreter alone (``python -c pass``), and ``find LIBRARY -type f`` listing
the same files. Also shown, measured after those: ``list --json --rescan``
(the whole open sequence, for comparison) and that both print the same bytes. The bytecode
of ``reader`` is compiled first, as ``pip install`` would have done.

Budgets: <= 0.15 s over 10,000 articles, <= 0.5 s over 50,000, warm.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdata import DEFAULT_BBC, MISSED, REPO, build, median, report

BUDGETS = {10_000: 0.15, 50_000: 0.5}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def broadsheet_command() -> list[str]:
    """The ``broadsheet`` console script beside this interpreter (what a person runs), or
    ``python -m reader`` without one."""
    script = Path(sys.executable).with_name("broadsheet")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "reader"]


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    return time.perf_counter() - started, done.stdout


def bench(root: Path, articles: int, runs: int, bbc: Path) -> None:
    data = build(root, bbc, articles=articles)
    env = _env()
    command = [
        *broadsheet_command(),
        "--home",
        str(data.home),
        "--library",
        str(data.library),
        "list",
        "--json",
    ]
    _timed(command, env)  # the scan that writes the index and the listing
    quick: list[float] = []
    whole: list[float] = []
    bare: list[float] = []
    find: list[float] = []
    same = True
    for _ in range(runs):  # interleaved with the peers, so that all see the same machine
        seconds, out = _timed(command, env)
        quick.append(seconds)
        bare.append(_timed([sys.executable, "-c", "pass"], env)[0])
        find.append(_timed(["find", str(data.library), "-type", "f"], env)[0])
    # The whole way apart: its burst of work slows the next process on this VM.
    for _ in range(min(runs, 3)):
        seconds, slow = _timed([*command, "--rescan"], env)
        whole.append(seconds)
        same = same and out == slow
    print(f"\n== broadsheet list --json, {articles:,} articles, warm (median of {runs})")
    report(
        f"list --json ({articles:,})",
        median(quick),
        BUDGETS.get(articles),
        "s",
        f"{len(out) / 1e6:.1f} MB of JSON",
    )
    report("  the whole open sequence (--rescan)", median(whole), None, "s")
    report("  peer: python -c pass", median(bare), None, "s")
    report("  peer: find LIBRARY -type f", median(find), None, "s")
    print(f"  same bytes with and without --rescan: {'yes' if same else 'NO'}")
    if not same:
        MISSED.append(f"list --json ({articles:,}) differs from --rescan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, help="keep the 10,000-article library here")
    parser.add_argument("--big-data", type=Path, help="keep the 50,000-article library here")
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    parser.add_argument("--only-small", action="store_true", help="skip the 50,000 articles")
    args = parser.parse_args()
    # As `pip install` would have (PYTHONDONTWRITEBYTECODE may be set here).
    compileall.compile_dir(REPO / "reader", quiet=1)
    small = args.data or Path(tempfile.mkdtemp(prefix="broadsheet-bench-list-"))
    bench(small, 10_000, args.runs, args.bbc)
    if not args.only_small:
        big = args.big_data or Path(tempfile.mkdtemp(prefix="broadsheet-bench-list-50k-"))
        bench(big, 50_000, args.runs, args.bbc)
    print(f"\nload average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    if MISSED:
        print("missed: " + ", ".join(MISSED))


if __name__ == "__main__":
    main()
