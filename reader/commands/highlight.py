"""``broadsheet highlight ID QUOTE [--note TEXT] [--color NAME]``: highlight a passage."""

from __future__ import annotations

import argparse

from reader.commands.common import CommandError, open_session, resolve_article
from reader.store.records import DEFAULT_COLOR, HIGHLIGHT_COLORS
from reader.util.safety import inert_line


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``highlight`` command."""
    parser = subparsers.add_parser(
        "highlight",
        parents=parents,
        help="highlight the first occurrence of QUOTE in an article",
        description="Highlight the first occurrence of QUOTE in the article's plain text "
        "(as `broadsheet show` prints it), optionally with a note.",
    )
    parser.add_argument("id", metavar="ID")
    parser.add_argument("quote", metavar="QUOTE")
    parser.add_argument("--note", metavar="TEXT", default="", help="a note on the highlight")
    parser.add_argument(
        "--color", choices=HIGHLIGHT_COLORS, default=DEFAULT_COLOR, help="the highlight's colour"
    )
    parser.set_defaults(func=run)


def find_quote(plain: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` first occurs: exactly, else ignoring case and runs of spaces."""
    at = plain.find(quote)
    if at >= 0:
        return at, at + len(quote)
    wanted = " ".join(quote.split()).lower()
    squeezed = []
    positions = []
    previous_space = False
    for index, char in enumerate(plain):
        space = char.isspace()
        if space and previous_space:
            continue
        squeezed.append(" " if space else char.lower())
        positions.append(index)
        previous_space = space
    text = "".join(squeezed)
    if len(text) != len(positions) or not wanted:
        return None
    found = text.find(wanted)
    if found < 0:
        return None
    return positions[found], positions[found + len(wanted) - 1] + 1


def run(args: argparse.Namespace) -> int:
    """Highlight the quote."""
    if not args.quote.strip():
        raise CommandError("the quote is empty")
    session, _ = open_session(args)
    meta = resolve_article(session, args.id)
    found = session.plain_text(meta)
    if found is None:
        raise CommandError(f"cannot read the article {meta.id} ({meta.path})")
    plain = found[0]
    place = find_quote(plain, args.quote)
    if place is None:
        raise CommandError(f"the quote was not found in the text of {meta.id}")
    start, end = place
    outcome = session.highlight(meta.id, plain, start, end, args.color, args.note)
    session.close()
    if not outcome.ok:
        raise CommandError(outcome.error)
    print(inert_line(f"{meta.id} {meta.title[:60]}: highlighted {start}..{end} ({args.color})"))
    return 0
