"""What the quick answers of ``list --json`` and ``search`` both open, without the session.

The listing (``reader.library.listing``), checked against the library's
folders, and the annotation summaries, believed only as ``reader.store.quick``
allows. None whenever the usual way must answer instead: no listing, a folder
changed, a store folder changed, damaged annotation files or sync conflicts,
front-matter tags not taken in yet, or the sample articles still to install.
Only light modules are imported: no session, no TinyDB.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from reader.commands.common import report_problems, usable_paths
from reader.library.listing import Listing, listing_path, read_listing
from reader.store.quick import trusted_summaries
from reader.store.summary import Summary
from reader.store.summary_cache import CACHE_NAME, SummaryCache
from reader.util.paths import Paths


@dataclass(slots=True)
class QuickSources:
    """The folders, the listing and the annotation summaries (by article id)."""

    paths: Paths
    listing: Listing
    summaries: dict[str, Summary]

    def report_problems(self) -> None:
        """The files the scan could not use, one line each on stderr (as the usual way)."""
        if self.listing.problems:
            from reader.library import Problem

            report_problems([Problem(*problem) for problem in self.listing.problems])


def open_quick_sources(args: argparse.Namespace) -> QuickSources | None:
    """The listing and the summaries, if they can answer as they are (see the module)."""
    paths = usable_paths(args)
    if paths.uses_default_library:
        from reader.library.samples import MARKER

        if not (paths.library / MARKER).exists():
            return None  # The sample articles are installed the usual way.
    listing = read_listing(listing_path(paths.library_index), paths.library)
    if listing is None:
        return None
    cache = SummaryCache(paths.cache / CACHE_NAME, paths.annotations)
    summaries = trusted_summaries(paths.annotations, cache)
    if summaries is None or any(key not in summaries for key in listing.tagged):
        return None  # (Front-matter tags not taken in yet: the usual way does that.)
    return QuickSources(paths, listing, summaries)
