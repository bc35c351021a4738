"""Measure each document rule of the built-in extractor: scores with and without it.

    python tools/ner/ablation.py [--model FILE] [CONLL_FILE ...]

For every rule in ``spans.RULES`` plus "coherence" (mention-level
consistency) and "teams" (the sports-report rule), prints micro F1 with all
rules, with that rule left out, and the difference, per file (default:
CoNLL-2003 dev and wikinews-gold; measuring data only, nothing is trained).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.entities.builtin import BuiltinExtractor  # noqa: E402
from reader.entities.evaluation import Scores, evaluate, read_conll_file  # noqa: E402
from reader.entities.spans import RULE_NAMES  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DEFAULT = [DATA / "conll2003" / "dev.txt", DATA / "wikinews-gold" / "dev.conll"]


def line(scores: Scores) -> str:
    per = " ".join(f"{k}={v.f1:.3f}" for k, v in scores.labels.items())
    return f"{per}  micro={scores.micro.f1:.4f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--only", nargs="*", default=None, help="rules to measure")
    args = ap.parse_args()
    names = [*RULE_NAMES, "coherence", "teams"]
    if args.only:
        names = [n for n in names if n in args.only]
    docs = {f: read_conll_file(f) for f in args.files}
    full = {f: evaluate(d, BuiltinExtractor(args.model)) for f, d in docs.items()}
    for f, s in full.items():
        print(f"{f.parent.name}/{f.name} all rules: {line(s)}")
    print(f"{'rule':<14}" + "".join(f"{f.parent.name[:14]:>30}" for f in docs))
    for name in names:
        ex = BuiltinExtractor(args.model, disabled=frozenset({name}))
        cells = []
        for f, d in docs.items():
            without = evaluate(d, ex).micro.f1
            cells.append(
                f"{without:.4f} -> {full[f].micro.f1:.4f} ({full[f].micro.f1 - without:+.4f})"
            )
        print(f"{name:<14}" + "".join(f"{c:>30}" for c in cells))


if __name__ == "__main__":
    main()
