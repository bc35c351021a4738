"""The listing: ``HOME/cache/library-listing.txt``, what ``list --json`` prints, made by the scan.

``broadsheet list --json`` over 50,000 articles has half a second: too little
to parse the metadata index, build an object per article and encode them all
again. So each scan that writes the index also writes this file, and the
command only checks it and puts in the annotations of the few articles that
have any:

- line 1, a JSON header: ``format``; ``library`` (the folder); ``folders``
  (each folder's modification time, as in the index); ``index`` (which index
  file was written with it, see ``Library.as_indexed``); ``problems``
  (``[path, message, fatal]`` of each file the scan could not use or read
  with a caveat); ``tagged`` (ids of articles with front-matter tags);
  ``ids`` (the articles in list order, newest first) and ``ends`` (where each
  one's object ends in the body);
- line 2, the body: every article's ``list --json`` object as an article
  without annotations has it, joined by commas, in list order.

Like the index, it answers only while no folder changed (see
``Library.load_unchanged`` for what that covers). It is derived, safe to
delete, and rewritten by the next scan that finds a change.

This module also says what a ``list --json`` object is (:func:`article_fields`
and :func:`annotation_fields`), so that the listing and the command that
prints objects one by one cannot drift apart.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import ge
from pathlib import Path

from reader.util.atomic import write_atomic

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:
    from typing import Any

    from reader.library.article import ArticleMeta

FORMAT = 3
NAME = "library-listing.txt"


def listing_path(index_path: Path) -> Path:
    """Where the listing of the library whose metadata index is ``index_path`` is kept."""
    return index_path.with_name(NAME)


def article_fields(meta: ArticleMeta, prefix: str) -> dict[str, Any]:
    """The article's own fields of a ``list --json`` object (``prefix``: the library
    folder and a separator, to make the full path)."""
    return {
        "id": meta.id,
        "title": meta.title,
        "date": meta.date,
        "source": meta.source,
        "author": meta.author,
        "path": prefix + meta.path.replace("/", os.sep),
        "words": meta.words,
    }


def annotation_fields(
    tags: Sequence[str] = (), read: bool = False, starred: bool = False, notes: int = 0
) -> dict[str, Any]:
    """The annotations' fields of a ``list --json`` object (after the article's own)."""
    return {"tags": list(tags), "read": read, "starred": starred, "notes": notes}


def encode(value: Any) -> str:
    """Compact JSON, non-ASCII kept as is (as ``list --json`` prints to a pipe)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def annotation_tail(fields: Mapping[str, Any]) -> str:
    """The end of an object: ``,`` and the annotation fields, with the closing brace."""
    return "," + encode(fields)[1:]


NO_ANNOTATIONS = annotation_tail(annotation_fields())
"""How the object of an article without annotations ends."""


@dataclass(slots=True)
class Listing:
    """What the listing holds, once checked against the folder."""

    body: str
    """The objects, joined by commas, as if no article had annotations."""
    ids: list[str]
    ends: list[int]
    """Where each article's object ends in ``body`` (its closing brace, exclusive)."""
    problems: list[tuple[str, str, bool]]
    """(path, message, fatal) of each file the scan could not use or read with caveats."""
    tagged: list[str]
    """Ids of articles with front-matter tags."""
    index: str | None
    """The metadata index file written with it (``Library.as_indexed``), if known."""
    _positions: dict[str, int] | None = None

    def object_of(self, article_id: str) -> str:
        """The JSON object of one article (as without annotations)."""
        if self._positions is None:
            self._positions = {key: number for number, key in enumerate(self.ids)}
        number = self._positions[article_id]
        start = self.ends[number - 1] + 1 if number else 0
        return self.body[start : self.ends[number]]

    def with_annotations(self, tails: Mapping[str, str]) -> str:
        """The body with the given articles' tails (id -> :func:`annotation_tail`) put in."""
        if not tails:
            return self.body
        position = {key: number for number, key in enumerate(self.ids)}
        cut = len(NO_ANNOTATIONS)
        places = sorted(
            (self.ends[position[key]], tail) for key, tail in tails.items() if key in position
        )
        pieces: list[str] = []
        done = 0
        for end, tail in places:
            pieces.append(self.body[done : end - cut])
            pieces.append(tail)
            done = end
        pieces.append(self.body[done:])
        return "".join(pieces)


def write_listing(
    path: Path,
    root: Path,
    articles: Iterable[ArticleMeta],
    files: Mapping[str, list[Any]],
    folders: Mapping[str, int],
    problems: Iterable[tuple[str, str, bool]],
    index: str | None,
) -> None:
    """Replace the listing (only a cache: a failure to write it breaks nothing).

    ``index`` names the metadata index file written by the same scan (see
    ``Library.as_indexed``), so that the full-text index's record of what it
    was last found current against can be checked without reading the index.
    """
    articles = list(articles)
    if any(meta.path not in files for meta in articles):
        return  # (Not as the index has it: write nothing rather than something wrong.)
    prefix = f"{root}{os.sep}"
    objects = [encode(article_fields(meta, prefix))[:-1] + NO_ANNOTATIONS for meta in articles]
    ends: list[int] = []
    length = 0
    for text in objects:
        length += len(text)
        ends.append(length)
        length += 1  # (the comma)
    header = {
        "format": FORMAT,
        "library": str(root),
        "folders": dict(folders),
        "index": index,
        "problems": [list(problem) for problem in problems],
        "tagged": [meta.id for meta in articles if meta.tags],
        "ids": [meta.id for meta in articles],
        "ends": ends,
    }
    text = f"{encode(header)}\n{','.join(objects)}\n"
    with contextlib.suppress(OSError):
        write_atomic(path, text.encode("utf-8"), durable=False)


def _objects_end_where_said(body: str, ends: Sequence[int]) -> bool:
    """True when each end is after a ``}`` and before a ``,`` (or the end), in order."""
    if any(type(end) is not int for end in ends) or any(map(ge, ends, ends[1:])):
        return False
    if ends and ends[0] < 2:
        return False
    return all(body[end - 1] == "}" for end in ends) and all(body[end] == "," for end in ends[:-1])


def is_current_format(path: Path) -> bool:
    """True when the file at ``path`` is a listing in this module's format."""
    try:
        with path.open("rb") as handle:
            start = handle.read(len(_FORMAT_PREFIX))
    except OSError:
        return False
    return start == _FORMAT_PREFIX


_FORMAT_PREFIX = f'{{"format":{FORMAT},'.encode()


def read_listing(path: Path, root: Path) -> Listing | None:
    """The listing, if it is one for this folder and nothing changed since it was written."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    first = text.find("\n")
    if first < 0 or not text.endswith("\n"):
        return None  # (Cut short: not one this module wrote.)
    try:
        header = json.loads(text[:first])
        if header["format"] != FORMAT or header["library"] != str(root) or not header["folders"]:
            return None
        base = str(root)
        stat = os.stat
        for relative, mtime in header["folders"].items():
            if stat(f"{base}{os.sep}{relative}" if relative else base).st_mtime_ns != mtime:
                return None
        body = text[first + 1 : -1]
        ids, ends = header["ids"], header["ends"]
        if len(ids) != len(ends) or (ends and ends[-1] != len(body)):
            return None
        if not _objects_end_where_said(body, ends):
            return None  # (A hand edit, or another program's file: not believed.)
        problems = [(str(p), str(m), bool(f)) for p, m, f in header["problems"]]
        index = header["index"]
        listing = Listing(
            body,
            [str(key) for key in ids],
            ends,
            problems,
            header["tagged"],
            str(index) if index is not None else None,
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return listing
