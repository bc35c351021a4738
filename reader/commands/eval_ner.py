"""``broadsheet eval-ner CONLL_FILE [--ner BACKEND]``: score the entity extractor."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from reader.entities import BACKENDS, get_extractor_or_builtin
from reader.entities.evaluation import evaluate, format_table, read_conll
from reader.util.files import FileReadError, read_limited
from reader.util.safety import inert_line

MAX_CONLL_BYTES = 256 * 1024 * 1024
_TAG = re.compile(r"\A(?:O|[BIES]-[A-Za-z][\w-]*)\Z")


class NotConll(ValueError):
    """A file that does not look like CoNLL; the message says where and why."""


def check_conll(lines: list[str]) -> None:
    """Raise :class:`NotConll` unless every token line ends with an IOB tag (O, B-X, I-X)."""
    tokens = 0
    for number, raw in enumerate(lines, start=1):
        columns = raw.split()
        if not columns or columns[0] == "-DOCSTART-":
            continue
        if len(columns) < 2 or not _TAG.match(columns[-1]):
            shown = inert_line(raw.strip())[:40]
            raise NotConll(
                f"line {number} ({shown!r}) is not 'WORD ... TAG' with a tag like O, B-PER or I-LOC"
            )
        tokens += 1
    if not tokens:
        raise NotConll("it has no token lines")


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
    shown = inert_line(str(path))
    try:
        lines = read_limited(path, MAX_CONLL_BYTES).decode("utf-8", "replace").splitlines()
        check_conll(lines)
    except FileReadError as error:
        reason = "no such file" if str(error) == "file not found" else str(error)
        print(f"broadsheet eval-ner: cannot read {shown}: {reason}", file=sys.stderr)
        return 1
    except NotConll as error:
        print(f"broadsheet eval-ner: {shown} is not a CoNLL file: {error}", file=sys.stderr)
        return 1
    docs = list(read_conll(lines))
    if not docs:
        print(f"broadsheet eval-ner: no sentences in {path}", file=sys.stderr)
        return 1
    extractor, note = get_extractor_or_builtin(args.ner)
    if note:
        print(f"broadsheet: {note}", file=sys.stderr)
    print(format_table(evaluate(docs, extractor)))
    return 0
