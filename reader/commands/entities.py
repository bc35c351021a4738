"""``broadsheet entities ID_OR_FILE [--json] [--ner BACKEND]``: an article's key entities."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.common import (
    CommandError,
    ensure_home,
    open_session,
    paths_from,
    print_json,
    resolve_article,
)
from reader.entities import BACKENDS, LABELS, EntityGroup, group_mentions
from reader.entities.bounds import note_for
from reader.entities.corrections import Correction, merge
from reader.entities.service import EntityService
from reader.library import ArticleError, LookupFailed, load_article
from reader.session.config import load_settings
from reader.store import AnnotationStore
from reader.text.document import Document, build_document
from reader.util.paths import Paths


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
    p.add_argument(
        "--ner",
        choices=BACKENDS,
        default=None,
        help="entity backend (default: [entities] backend in HOME/config.toml)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the grouped entities; 0 on success, 1 with a one-line error otherwise."""
    paths = paths_from(args)
    backend = args.ner or load_settings(paths.config_file, create=False).entity_backend
    document, corrections = _load(args, paths)
    text = document.entity_text  # code blanked out: no entities there
    service = EntityService(backend, paths.cache / "entities")
    raw = document.outside_code(service.raw_mentions(text))
    if service.notice:
        print(f"broadsheet: {service.notice}", file=sys.stderr)
    if note := note_for(text):
        print(f"broadsheet: note: {note}", file=sys.stderr)
    mentions = service.corrected(text, raw, corrections)
    groups = group_mentions(document.plain, mentions, title_end=document.title_end)
    if args.json:
        print_json([_as_json(g) for g in groups])
    else:
        print(format_groups(groups))
    return 0


def _load(args: argparse.Namespace, paths: Paths) -> tuple[Document, dict[str, Correction]]:
    """The article's document (its plain text, where its title ends) and the corrections
    in effect.

    A file gets the library-wide corrections; a library id also its own.
    """
    ref = str(args.article)
    path = Path(ref)
    try:
        if path.is_file():
            article = load_article(path)
            ensure_home(paths)
            store = AnnotationStore(paths.annotations, paths.cache)
            store.load()
            corrections = merge(store.library_corrections(), [])
        elif path.suffix.lower() in (".md", ".txt", ".markdown") or "/" in ref:
            raise CommandError(f"no such file: {ref}")
        else:
            session, _ = open_session(args)
            meta = resolve_article(session, ref)
            article = session.load(meta)
            corrections = session.store.corrections_for(meta.id)
    except LookupFailed as error:
        raise CommandError(str(error)) from None
    except ArticleError as error:
        raise CommandError(f"{ref}: {error}") from None
    return build_document(article), corrections


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
