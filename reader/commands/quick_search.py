"""``broadsheet search`` answered from the listing and the full-text index alone.

A query of words and phrases only (``economy``, ``"interest rates"``, ``a OR
b``, ``-word``) needs no article objects: the listing (``reader.library.
listing``) has the articles' ids in list order and their ``list --json``
objects, the full-text index the hits, their scores and the texts for the
snippets, and the summary cache the annotations. So when no folder of the
library changed since the scan that wrote the listing, the full-text index
was found current against the metadata index written with it, and the
summary cache can be believed (``reader.store.quick``), the answer is made
from those, with the query evaluated by the one engine
(``reader.query.engine.evaluate_words``). Anything else (other terms, a
changed folder, an index to bring up to date, damaged annotation files...)
goes the usual way, which prints the same thing. Only light modules are
imported here: no session, no TinyDB.

Also here: what both ways print (:func:`print_results`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from reader.commands.common import CommandError, plain_line, print_json, summary_fields
from reader.util.safety import inert_line

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:
    from typing import Any

    from reader.query.syntax import Query
    from reader.search.index import Snippet


@dataclass(slots=True)
class Found:
    """One result as printed: its ``list --json`` object, its plain line, score, snippet."""

    row: dict[str, Any]
    line: str
    score: float
    snippet: Snippet | None


def parse(text: str) -> Query:
    """The query, or a :class:`CommandError` (status 2) explaining what is wrong with it."""
    from reader.query.syntax import QueryError, parse_query
    from reader.store.tags import normalise_tag

    try:
        return parse_query(text, normalise_tag)
    except QueryError as error:
        raise CommandError(f"query: {error}", status=2) from None


def print_results(results: Iterable[Found], *, as_json: bool) -> None:
    """The results: JSON objects (``list --json``'s, with ``score``, ``snippet`` and
    ``matches``), or a line each with the snippet under it."""
    if as_json:
        rows = []
        for found in results:
            row, snippet = found.row, found.snippet
            row["score"] = round(found.score, 4)
            row["snippet"] = snippet.text if snippet else ""
            row["matches"] = [list(span) for span in snippet.matches] if snippet else []
            rows.append(row)
        print_json(rows)
        return
    out = sys.stdout
    for found in results:
        out.write(found.line + "\n")
        if found.snippet and found.snippet.text:
            out.write(f"    {inert_line(found.snippet.text)}\n")


def print_quick_search(args: argparse.Namespace, text: str) -> bool:
    """Answer ``search`` from the listing and the indexes, if they can (True)."""
    from reader.query.engine import evaluate_words, only_words

    query = parse(text)
    if not only_words(query):
        return False
    from reader.commands.quick_open import open_quick_sources

    sources = open_quick_sources(args)
    if sources is None or sources.listing.index is None:
        return False
    listing, summaries = sources.listing, sources.summaries
    from reader.search.index import FILE_NAME, SearchIndex
    from reader.store.summary import Summary

    index = SearchIndex(sources.paths.cache / FILE_NAME)
    try:
        if index.synced_with() != listing.index:
            return False  # (The usual way brings it up to date, with progress.)
        found, scores = evaluate_words(query, listing.ids, index)
        if args.limit:
            found = found[: args.limit]
        try:
            rows = {key: json.loads(listing.object_of(key)) for key in found}
        except (ValueError, KeyError):
            return False  # (Not as the scan wrote it: the usual way answers.)
        terms = query.word_terms
        titles = {key: str(row["title"]) for key, row in rows.items()}
        snippets = index.snippets(titles, terms, every_match=args.json) if terms else {}
    finally:
        index.close()
    sources.report_problems()
    empty = Summary()
    results = []
    for key in found:
        row = rows[key]
        summary = summaries.get(key, empty)
        row.update(summary_fields(summary))
        words = f"{row['words']:>6}w"
        line = plain_line(key, row["date"], words, row["title"], summary.tags)
        results.append(Found(row, line, scores.get(key, 0.0), snippets.get(key)))
    print_results(results, as_json=args.json)
    return True
