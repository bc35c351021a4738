"""``broadsheet list --json`` answered from the listing, when nothing changed since a scan.

The listing (``reader.library.listing``) holds every article's JSON object as
it is without annotations, made by the scan; the annotated articles' objects
get their annotations from the summary cache, and the whole is written out.
When the listing and the summaries cannot answer as they are
(``quick_open``), the caller lists the usual way, which prints the same.
"""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import summary_fields
from reader.commands.quick_open import open_quick_sources
from reader.library.listing import NO_ANNOTATIONS, annotation_tail


def print_quick_listing(args: argparse.Namespace) -> bool:
    """Print the whole library as ``list --json`` does, if the listing can say it (True)."""
    sources = open_quick_sources(args)
    if sources is None:
        return False
    sources.report_problems()
    tails = {}
    for key, summary in sources.summaries.items():
        tail = annotation_tail(summary_fields(summary))
        if tail != NO_ANNOTATIONS:
            tails[key] = tail
    out = sys.stdout
    out.write("[")
    out.write(sources.listing.with_annotations(tails))
    out.write("]\n")
    return True
