"""Simulate a reader correcting entities, and measure what the extractor learns from it.

    python tools/ner/corrections_sim.py [CONLL_FILE] [--top 30]

The documents of a CoNLL file (default: CoNLL-2003 dev, measuring data) are
split in two halves. On the first half the built-in extractor's output is
compared with the gold labels, and a simulated reader corrects the ``--top``
most frequent wrong names, library-wide, the way the app records it:

- a name tagged with the wrong label is relabelled to its usual gold label;
- a name tagged where the gold has no entity is marked "not an entity";
- a name the extractor missed is marked (an "add" correction).

Then micro F1 on the second half (which the reader never saw) is printed
with no corrections, with corrections applied to their exact text only (the
behaviour before generalisation), and with generalised corrections (variants,
other contexts, document consistency). Nothing is trained on the data.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.entities.builtin import FROM_CONLL, BuiltinExtractor  # noqa: E402
from reader.entities.corrections import Correction, apply_corrections  # noqa: E402
from reader.entities.evaluation import (  # noqa: E402
    Document,
    Scores,
    predicted_spans,
    read_conll_file,
    score,
)
from reader.entities.names import normalise  # noqa: E402
from reader.entities.types import Mention  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "conll2003" / "dev.txt"


def wrong_names(
    docs: list[Document], predictions: list[list[Mention]]
) -> tuple[Counter[str], dict[str, Counter[str]], dict[str, str]]:
    """Errors per normalised name, the gold labels seen per name, and a surface form."""
    errors: Counter[str] = Counter()
    gold_labels: dict[str, Counter[str]] = {}
    surface: dict[str, str] = {}
    for doc, mentions in zip(docs, predictions, strict=True):
        gold = {(s, e): lab for s, e, lab in doc.gold}
        for (s, e), lab in gold.items():
            key = normalise(doc.text[s:e])
            gold_labels.setdefault(key, Counter())[lab] += 1
            surface.setdefault(key, doc.text[s:e])
        found = {(s, e): lab for s, e, lab in predicted_spans(mentions)}
        for (s, e), lab in found.items():
            key = normalise(doc.text[s:e])
            surface.setdefault(key, doc.text[s:e])
            if gold.get((s, e)) != lab:
                errors[key] += 1
        for s, e in gold:
            if not any(ps < e and s < pe for ps, pe in found):
                errors[normalise(doc.text[s:e])] += 1
    return errors, gold_labels, surface


def reader_corrections(
    docs: list[Document], predictions: list[list[Mention]], top: int
) -> list[Correction]:
    """What a reader would correct: the ``top`` most frequent wrong names."""
    errors, gold_labels, surface = wrong_names(docs, predictions)
    predicted_keys = {
        normalise(m.text)
        for mentions in predictions
        for m in mentions
        if m.label in FROM_CONLL.values()
    }
    out: list[Correction] = []
    for key, _ in errors.most_common(top):
        text = surface[key]
        labels = gold_labels.get(key)
        if not labels:
            out.append(Correction(text, "remove"))
            continue
        label = FROM_CONLL[labels.most_common(1)[0][0]]
        action = "relabel" if key in predicted_keys else "add"
        out.append(Correction(text, action, label))
    return out


def evaluate(
    docs: list[Document],
    predictions: list[list[Mention]],
    corrections: dict[str, Correction],
    generalise: bool,
) -> Scores:
    pairs = []
    for doc, mentions in zip(docs, predictions, strict=True):
        fixed = apply_corrections(doc.text, mentions, corrections, generalise=generalise)
        pairs.append((doc.gold, predicted_spans(fixed)))
    return score(pairs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("conll", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--show", action="store_true", help="print the corrections")
    args = ap.parse_args()
    docs = read_conll_file(args.conll)
    half = len(docs) // 2
    first, second = docs[:half], docs[half:]
    extractor = BuiltinExtractor()
    seen = [extractor.extract(d.text) for d in first]
    corrections = reader_corrections(first, seen, args.top)
    if args.show:
        for c in corrections:
            print("  ", c.describe())
    by_key = {c.key: c for c in corrections}
    unseen = [extractor.extract(d.text) for d in second]
    none = evaluate(second, unseen, {}, generalise=False)
    exact = evaluate(second, unseen, by_key, generalise=False)
    general = evaluate(second, unseen, by_key, generalise=True)
    actions = Counter(c.action for c in corrections)
    print(
        f"{args.conll.name}: {len(first)} documents seen, {len(second)} held out; "
        f"{len(corrections)} corrections ({dict(actions)})"
    )
    print(f"{'second half':<34} {'P':>6} {'R':>6} {'F1':>6}")
    for name, s in (
        ("no corrections", none),
        ("corrections, exact text only", exact),
        ("corrections, generalised", general),
    ):
        m = s.micro
        print(f"{name:<34} {m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f}")


if __name__ == "__main__":
    main()
