"""``broadsheet list --json`` answered from the listing, when nothing changed since a scan.

The listing (``reader.library.listing``) holds every article's JSON object as
it is without annotations, made by the scan; here it is checked against the
folder, the annotated articles' objects get their annotations (from the
store's summary cache, believed only as ``reader.store.quick`` allows), and
it is written out. Whenever that is not enough to be exact (no listing, a
file or folder changed, a store folder changed, damaged annotation files or
sync conflicts, front-matter tags not taken in yet, samples to install), the
caller lists the usual way, which does all of that. Only light modules are
imported: no session, no TinyDB.
"""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import (
    check_library,
    ensure_home,
    paths_from,
    report_problems,
    summary_fields,
)
from reader.library.listing import NAME as LISTING_NAME
from reader.library.listing import NO_ANNOTATIONS, annotation_tail, read_listing
from reader.store.quick import trusted_summaries
from reader.store.summary_cache import CACHE_NAME, SummaryCache


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

        report_problems([Problem(*problem) for problem in listing.problems])
    tails = {}
    for key, summary in summaries.items():
        tail = annotation_tail(summary_fields(summary))
        if tail != NO_ANNOTATIONS:
            tails[key] = tail
    out = sys.stdout
    out.write("[")
    out.write(listing.with_annotations(tails))
    out.write("]\n")
    return True
