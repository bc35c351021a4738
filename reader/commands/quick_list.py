"""``broadsheet list --json`` answered from the listing, when nothing changed since a scan.

The listing (``reader.library.listing``) holds each article's part of its
JSON object, made by the scan; here they are checked against the folder,
joined with the annotations (from the store's summary, loaded the quick way)
and written out. Whenever that is not enough to be exact (no listing, a file
or folder changed, a store folder changed, damaged annotation files, an
article's front-matter tags not taken in yet), the caller lists the usual way.
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.commands.common import annotation_fields, report_problems, session_from
from reader.library import Problem
from reader.store.summary import LIBRARY_KEY


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def print_quick_listing(args: argparse.Namespace) -> bool:
    """Print the whole library as ``list --json`` does, if the listing can say it (True)."""
    session = session_from(args)
    session.ensure_home()
    if session.install_samples():
        return False
    listing = session.library.read_listing()
    if listing is None:
        return False
    store = session.store
    loaded = store.load(quick=True)
    if loaded.files_read or store.damaged:
        return False
    annotated = store.annotated_ids()
    if any(key not in annotated for key in listing.tagged):
        return False  # Front-matter tags to take in: the usual way does that.
    report_problems([Problem(path, message, fatal) for path, message, fatal in listing.problems])
    empty = "," + _encode(annotation_fields(store.summary("")))[1:]
    parts = {
        _encode(key): "," + _encode(annotation_fields(store.summary(key)))[1:]
        for key in annotated
        if key != LIBRARY_KEY
    }
    get = parts.get
    out = sys.stdout
    out.write("[")
    out.write(",".join(head + get(key, empty) for key, head in listing.heads))
    out.write("]\n")
    session.close()
    return True
