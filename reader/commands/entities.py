"""``broadsheet entities ID_OR_FILE [--json] [--ner BACKEND]``: an article's key entities."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.common import CommandError, open_library, paths_from, print_json
from reader.entities import BACKENDS, LABELS, EntityGroup, get_extractor_or_builtin, group_mentions
from reader.library import ArticleError, LookupFailed, load_article
from reader.rendering.document import build_document


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser] | None = None,
) -> None:
    """Add the ``entities`` command."""
    p = subparsers.add_parser(
        "entities",
        parents=parents or [],
        help="list an article's people, organisations, places, dates and figures",
        description="List the entities of an article (a library id or a .md/.txt file), "
        "grouped and ranked by salience. Offsets are into the article's plain text: "
        "the title, a blank line, then the body.",
    )
    p.add_argument("article", metavar="ID_OR_FILE", help="article id (or prefix), or a file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--ner", choices=BACKENDS, default="builtin", help="entity backend")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the grouped entities; 0 on success, 1 with a one-line error otherwise."""
    try:
        text, title_end = _load(args)
    except CommandError as exc:
        print(f"broadsheet: {exc}", file=sys.stderr)
        return exc.status
    extractor, note = get_extractor_or_builtin(args.ner)
    if note:
        print(f"broadsheet: {note}", file=sys.stderr)
    groups = group_mentions(text, extractor.extract(text), title_end=title_end)
    if args.json:
        print_json([_as_json(g) for g in groups])
    else:
        print(format_groups(groups))
    return 0


def _load(args: argparse.Namespace) -> tuple[str, int]:
    """The article's plain text and the end of its title: a file, else a library id."""
    ref = str(args.article)
    path = Path(ref)
    try:
        if path.is_file():
            article = load_article(path)
        elif path.suffix.lower() in (".md", ".txt", ".markdown") or "/" in ref:
            raise CommandError(f"no such file: {ref}")
        else:
            library, _ = open_library(paths_from(args), report=False)
            article = library.load(library.resolve(ref))
    except LookupFailed as error:
        raise CommandError(str(error)) from None
    except ArticleError as error:
        raise CommandError(f"{ref}: {error}") from None
    document = build_document(article)
    return document.plain, document.title_end


def _as_json(g: EntityGroup) -> dict[str, object]:
    first = g.mentions[0]
    return {
        "text": first.text,
        "name": g.name,
        "label": g.label,
        "start": first.start,
        "end": first.end,
        "count": g.count,
        "salience": g.salience,
        "mentions": [[m.start, m.end] for m in g.mentions],
    }


def format_groups(groups: list[EntityGroup]) -> str:
    """A readable table: one section per label, entities ranked by salience."""
    if not groups:
        return "no entities found"
    width = min(max(len(g.name) for g in groups), 48)
    lines: list[str] = []
    for label in LABELS:
        rows = [g for g in groups if g.label == label]
        if not rows:
            continue
        if lines:
            lines.append("")
        lines.append(label)
        for g in rows:
            name = _printable(g.name)
            name = name if len(name) <= width else name[: width - 1] + "…"
            lines.append(f"  {name:<{width}}  {g.count:>3}x  first at {g.mentions[0].start}")
    return "\n".join(lines)


def _printable(s: str) -> str:
    """Replace control characters so article text cannot drive the terminal."""
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in s)
