"""The first screen of the list, kept between runs (``HOME/cache/first-screen.json``).

Reading the library index of 10,000 articles takes longer than everything
else the app does before its first frame, and the frame shows a page of it.
So the app keeps the first rows of the list (newest first, as it opens) and
how many articles there were, stamped with the index file they came from;
while that file is unchanged, the list is drawn from them, and the index is
read once the list is on screen (the scan then checks the files, as ever).

It is only a cache: a file that is missing, of another format, or stamped
with another version of the index is ignored, and failing to write it is
harmless.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from reader.library import ArticleMeta
from reader.util.atomic import write_atomic
from reader.util.files import file_identity, read_json

FILE_NAME = "first-screen.json"
FORMAT = 2
ROWS = 150
"""Rows kept: more than a tall terminal shows."""


@dataclass(frozen=True, slots=True)
class FirstScreen:
    """The first rows of the list and how many articles it had in all."""

    rows: list[ArticleMeta]
    total: int


def read_first_screen(path: Path, index: Path) -> FirstScreen | None:
    """The first screen kept for this version of ``index`` (None when there is none)."""
    stamp = file_identity(index)
    if stamp is None:
        return None
    data = read_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("index") != stamp:
        return None
    total, rows = data.get("total"), data.get("rows")
    if type(total) is not int or not isinstance(rows, list) or not rows or len(rows) > total:
        return None
    try:
        metas = [ArticleMeta.from_row(relative, row) for relative, row in rows]
    except (TypeError, ValueError):
        return None
    return FirstScreen(metas, total)


def write_first_screen(path: Path, index: Path, articles: list[ArticleMeta]) -> None:
    """Keep the first rows of ``articles`` (as the index ``index`` now lists them)."""
    stamp = file_identity(index)
    if stamp is None or not articles:
        return
    payload = {
        "format": FORMAT,
        "index": stamp,
        "total": len(articles),
        "rows": [[meta.path, meta.to_row()] for meta in articles[:ROWS]],
    }
    with contextlib.suppress(OSError):
        write_atomic(path, json.dumps(payload, separators=(",", ":")).encode(), durable=False)
