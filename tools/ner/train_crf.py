"""Train the shipped CRF on silver-labelled Wikinews text.

Input: JSON files written by silver_label.py (one per spaCy pipeline; the
first is the primary labeller). Labels are mapped to CoNLL conventions
(PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, NORP/EVENT/LAW/PRODUCT/
WORK_OF_ART/LANGUAGE->MISC; everything else dropped; a leading "the"
dropped). With several labellers, ``--combine`` decides what a sentence's
labels are:
  primary  the first labeller's labels
  agree    sentences where all labellers agree; others are dropped
  vote     per entity span: kept if the majority of labellers has it
  union    the first labeller's spans, plus others' spans that overlap none

Hand-labelled CoNLL-format files (``--gold``, e.g. wikigold, CC BY 4.0) are
added as further training documents, ``--gold-repeat`` times each (their
labels are better than the silver ones). CoNLL-2003, BBC and wikinews-gold
files are refused: they are for measuring only.

Case augmentation adds an ALL-CAPS copy of each headline and of every
``--upper-every``-th sentence, so capitalised headlines are tagged well.

Usage:
  python tools/ner/train_crf.py work/silver_md.json work/silver_sm.json \
      --combine union --gold ../shared/data/wikigold/wikigold.conll.txt \
      --out reader/entities/data/ner.crfsuite
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.entities import gazetteer  # noqa: E402
from reader.entities.crf import Span, encode_bio  # noqa: E402
from reader.entities.evaluation import read_conll_file  # noqa: E402
from reader.entities.features import Featurizer  # noqa: E402
from reader.entities.tokenize import Token, sentences  # noqa: E402

LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LANGUAGE": "MISC",
}


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing possessives/punctuation."""
    span = text[start:end]
    for art in ("the ", "The ", "THE "):
        if span.startswith(art):
            start += len(art)
            span = span[len(art) :]
    while span and span[-1] in ",;:'\"\u2019\u2018)":
        end -= 1
        span = span[:-1]
    for poss in ("'s", "\u2019s", "\u2018s"):
        if span.endswith(poss):
            end -= len(poss)
            span = span[: -len(poss)]
    return start, end


def token_spans(toks: list[Token], ents: list[tuple[int, int, str]]) -> list[Span]:
    """Align character spans to the sentence's tokens."""
    out: list[Span] = []
    for cs, ce, lab in ents:
        idx = [k for k, t in enumerate(toks) if t.start >= cs and t.end <= ce]
        if idx and toks[idx[0]].start < ce:
            out.append((idx[0], idx[-1] + 1, lab))
    return out


def doc_labels(text: str, raw: list[list[object]]) -> list[tuple[int, int, str]]:
    """Mapped, cleaned character spans."""
    out = []
    for s, e, lab in raw:
        mapped = LABEL_MAP.get(str(lab))
        if mapped is None:
            continue
        cs, ce = clean_span(text, int(str(s)), int(str(e)))
        if ce > cs:
            out.append((cs, ce, mapped))
    return out


MEASURING_ONLY = ("conll2003", "bbc", "wikinews-gold")


def gold_documents(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, character spans) of each document of a hand-labelled CoNLL file."""
    if any(part in MEASURING_ONLY for part in path.resolve().parts):
        raise SystemExit(f"{path}: measuring data, never trained on")
    return [(d.text, [(s, e, lab) for s, e, lab in d.gold]) for d in read_conll_file(path)]


def build_examples(
    files: list[Path],
    combine: str,
    upper_every: int,
    featurizer: Featurizer,
    gold: list[Path] | None = None,
    gold_repeat: int = 1,
) -> tuple[list[list[list[str]]], list[list[str]], Counter[str]]:
    """Feature and tag sequences for training."""
    data = [json.loads(f.read_text()) for f in files]
    items: list[tuple[str, list[list[tuple[int, int, str]]], str, int]] = []
    for d_i, doc in enumerate(data[0]["docs"]):
        text = doc["text"]
        items.append((text, [doc_labels(text, dd["ents"][d_i]) for dd in data], "silver", 1))
    for path in gold or []:
        for text, spans in gold_documents(path):
            items.append((text, [spans], "gold", gold_repeat))
    xs: list[list[list[str]]] = []
    ys: list[list[str]] = []
    stats: Counter[str] = Counter()
    for text, labellings, kind, repeat in items:
        stats[kind + "_docs"] += 1
        sents = sentences(text)
        feats = featurizer.document(sents)
        up_sents = [
            s for k, s in enumerate(sents) if k == 0 or (upper_every and k % upper_every == 0)
        ]
        up_idx = {id(s) for s in up_sents}
        aug_sents = [
            [Token(t.text.upper(), t.start, t.end) for t in s] if id(s) in up_idx else s
            for s in sents
        ]
        aug_feats = featurizer.document(aug_sents)
        for k, toks in enumerate(sents):
            lo, hi = toks[0].start, toks[-1].end
            per = [
                sorted(token_spans(toks, [x for x in lab if x[0] >= lo and x[1] <= hi]))
                for lab in labellings
            ]
            chosen = choose(per, combine)
            stats["sentences"] += 1
            if chosen is None:
                stats["dropped"] += 1
                continue
            tags = encode_bio(len(toks), chosen)
            for _ in range(repeat):
                xs.append(feats[k])
                ys.append(tags)
                if id(toks) in up_idx:
                    xs.append(aug_feats[k])
                    ys.append(tags)
                    stats["upper"] += 1
    return xs, ys, stats


def choose(per: list[list[Span]], combine: str) -> list[Span] | None:
    """The training spans of one sentence, or None to drop it."""
    if combine == "primary" or len(per) == 1:
        return per[0]
    if combine == "union":
        chosen = list(per[0])
        for other in per[1:]:
            for s in other:
                if not any(s[0] < c[1] and c[0] < s[1] for c in chosen):
                    chosen.append(s)
        return sorted(chosen)
    if combine == "agree":
        return per[0] if all(p == per[0] for p in per[1:]) else None
    counts: Counter[Span] = Counter(s for p in per for s in set(p))
    need = len(per) // 2 + 1
    chosen = sorted(s for s, c in counts.items() if c >= need)
    # a span only the primary has, overlapping nothing chosen, is kept (ties go to it)
    if len(per) == 2:
        for s in per[0]:
            if s not in chosen and not any(s[0] < c[1] and c[0] < s[1] for c in chosen):
                partial = [q for q in per[1] if q[0] < s[1] and s[0] < q[1]]
                if not partial:
                    chosen.append(s)
        chosen.sort()
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("silver", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "reader/entities/data/ner.crfsuite")
    ap.add_argument("--combine", choices=("primary", "agree", "vote", "union"), default="primary")
    ap.add_argument("--upper-every", type=int, default=6)
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--gold", type=Path, action="append", default=[])
    ap.add_argument("--gold-repeat", type=int, default=1)
    args = ap.parse_args()
    import pycrfsuite

    t0 = time.perf_counter()
    featurizer = Featurizer(gazetteer.load())
    xs, ys, stats = build_examples(
        args.silver, args.combine, args.upper_every, featurizer, args.gold, args.gold_repeat
    )
    print(f"examples: {len(xs)} ({dict(stats)}) in {time.perf_counter() - t0:.1f}s", flush=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": args.minfreq,
        }
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    size = args.out.stat().st_size / 1e6
    print(f"model: {args.out} ({size:.2f} MB) in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
