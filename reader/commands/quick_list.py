"""``broadsheet list --json`` answered from the listing, when nothing changed since a scan.

The listing (``reader.library.listing``) holds each article's part of its
JSON object, made by the scan; here it is checked against the folder, joined
with the annotations (the store's summary cache, believed only as
``reader.store.quick`` allows) and written out. Whenever that is not enough
to be exact (no listing, a file or folder changed, a store folder changed,
damaged annotation files or sync conflicts, an article's front-matter tags
not taken in yet, samples to install), the caller lists the usual way, which
does all of that. Only light modules are imported: no session, no TinyDB.
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.commands.common import (
    annotation_fields,
    check_library,
    ensure_home,
    paths_from,
    report_problems,
)
from reader.library.listing import NAME as LISTING_NAME
from reader.library.listing import read_listing
from reader.store.quick import trusted_summaries
from reader.store.summary import Summary
from reader.store.summary_cache import CACHE_NAME, SummaryCache


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _part(summary: Summary) -> str:
    """The annotations' part of an object: after the article's own fields, with the brace."""
    return "," + _encode(annotation_fields(summary))[1:]


def print_quick_listing(args: argparse.Namespace) -> bool:
    """Print the whole library as ``list --json`` does, if the listing can say it (True)."""
    paths = paths_from(args)
    ensure_home(paths)
    check_library(paths)
    if paths.uses_default_library:
        from reader.library.samples import MARKER

        if not (paths.library / MARKER).exists():
            return False  # The sample articles are installed the usual way.
    listing = read_listing(paths.cache / LISTING_NAME, paths.library)
    if listing is None:
        return False
    cache = SummaryCache(paths.cache / CACHE_NAME, paths.annotations)
    summaries = trusted_summaries(paths.annotations, cache)
    if summaries is None or any(key not in summaries for key in listing.tagged):
        return False  # (Front-matter tags not taken in yet: the usual way does that.)
    if listing.problems:
        from reader.library import Problem

        report_problems(
            [Problem(path, message, fatal) for path, message, fatal in listing.problems]
        )
    empty = _part(Summary())
    parts = {_encode(key): _part(summary) for key, summary in summaries.items()}
    get = parts.get
    out = sys.stdout
    out.write("[")
    out.write(",".join(head + get(key, empty) for key, head in listing.heads))
    out.write("]\n")
    return True
