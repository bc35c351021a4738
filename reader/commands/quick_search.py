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
from typing import TYPE_CHECKING, Any

from reader.commands.common import (
    CommandError,
    check_library,
    ensure_home,
    paths_from,
    plain_line,
    print_json,
    report_problems,
    summary_fields,
)
from reader.util.safety import inert_line

if TYPE_CHECKING:
    from reader.query.syntax import Query
    from reader.search.index import Snippet

SEARCH_INDEX_NAME = "search.sqlite3"


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
    paths = paths_from(args)
    ensure_home(paths)
    check_library(paths)
    if paths.uses_default_library:
        from reader.library.samples import MARKER

        if not (paths.library / MARKER).exists():
            return False
    from reader.library.listing import NAME as LISTING_NAME
    from reader.library.listing import read_listing

    listing = read_listing(paths.cache / LISTING_NAME, paths.library)
    if listing is None or listing.index is None:
        return False
    from reader.store.quick import trusted_summaries
    from reader.store.summary import Summary
    from reader.store.summary_cache import CACHE_NAME, SummaryCache

    summaries = trusted_summaries(
        paths.annotations, SummaryCache(paths.cache / CACHE_NAME, paths.annotations)
    )
    if summaries is None or any(key not in summaries for key in listing.tagged):
        return False
    from reader.search.index import SearchIndex

    index = SearchIndex(paths.cache / SEARCH_INDEX_NAME)
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
        terms = [(term.value, term.phrase) for term in query.text_terms]
        titles = {key: str(row["title"]) for key, row in rows.items()}
        snippets = index.snippets(titles, terms, every_match=args.json) if terms else {}
    finally:
        index.close()
    if listing.problems:
        from reader.library import Problem

        report_problems([Problem(*problem) for problem in listing.problems])
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
