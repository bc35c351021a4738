"""``broadsheet eval-ner CONLL_FILE [--ner BACKEND]``: score the entity extractor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.entities import BACKENDS, get_extractor_or_builtin
from reader.entities.evaluation import evaluate, format_table, read_conll_file


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser] | None = None,
) -> None:
    """Add the ``eval-ner`` command."""
    p = subparsers.add_parser(
        "eval-ner",
        parents=parents or [],
        help="score the entity extractor on a CoNLL-2003 file",
        description="Score entity extraction on a CoNLL-format file (IOB1 or IOB2): "
        "per-label precision, recall, F1 and support, then 'micro F1: 0.xxx'.",
    )
    p.add_argument("conll_file", metavar="CONLL_FILE", type=Path)
    p.add_argument("--ner", choices=BACKENDS, default="builtin", help="entity backend")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the score table; 0 on success, 1 with a one-line error otherwise."""
    path: Path = args.conll_file
    try:
        docs = read_conll_file(path)
    except (OSError, UnicodeError) as exc:
        print(f"broadsheet eval-ner: cannot read {path}: {exc.__class__.__name__}", file=sys.stderr)
        return 1
    if not docs:
        print(f"broadsheet eval-ner: no sentences in {path}", file=sys.stderr)
        return 1
    extractor, note = get_extractor_or_builtin(args.ner)
    if note:
        print(f"broadsheet: {note}", file=sys.stderr)
    print(format_table(evaluate(docs, extractor)))
    return 0
