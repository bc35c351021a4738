"""Label the Wikinews corpus with a spaCy English pipeline (silver labels).

Run once per pipeline; each run writes one JSON file of documents and
entity spans (character offsets, spaCy labels). spaCy is used here, at
training time only; nothing of it ships.

Usage:
  python tools/ner/silver_label.py MODEL_NAME_OR_PATH OUT.json [--corpus DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared/data/wikinews-corpus"
HELD_OUT = Path(__file__).resolve().parents[3] / "shared/data/wikinews-gold/urls.txt"


def held_out(path: Path | None) -> set[str]:
    """URLs of the measuring set (wikinews-gold), never trained on."""
    if path is None or not path.is_file():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def load_corpus(folder: Path, exclude: set[str] | None = None) -> list[dict[str, str]]:
    """Articles as plain text the way Broadsheet shows them: title, blank line, body.

    Rows whose ``url`` is in ``exclude`` (the wikinews-gold dev set) are dropped.
    """
    csv.field_size_limit(10**8)
    docs = []
    for f in sorted(folder.glob("wikinews_*.csv")):
        with f.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if exclude and row["url"].strip() in exclude:
                    continue
                body = re.sub(r"[ \t]+\n", "\n", row["text"].strip())
                body = re.sub(r"\n{3,}", "\n\n", body)
                docs.append({"url": row["url"], "text": row["title"].strip() + "\n\n" + body})
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model")
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument(
        "--exclude",
        type=Path,
        default=HELD_OUT,
        help="file of URLs to leave out (default: the wikinews-gold dev set)",
    )
    args = ap.parse_args()
    import spacy

    docs = load_corpus(args.corpus, held_out(args.exclude))
    nlp = spacy.load(args.model)
    ents = [
        [[e.start_char, e.end_char, e.label_] for e in doc.ents]
        for doc in nlp.pipe([d["text"] for d in docs], batch_size=8)
    ]
    args.out.write_text(json.dumps({"model": args.model, "docs": docs, "ents": ents}))
    print(f"{args.model}: {len(docs)} documents, {sum(map(len, ents))} entities -> {args.out}")


if __name__ == "__main__":
    main()
