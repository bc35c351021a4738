"""The listing: ``HOME/cache/library-listing.txt``, the articles' part of ``list --json``, made.

``broadsheet list --json`` over 50,000 articles has half a second: too little
to parse the metadata index, build an object per article and encode them all
again. So each scan that writes the index also writes this file, and the
command only checks it and joins it with the annotations:

- line 1, a JSON header: ``format``, ``library`` (the folder), ``folders``
  (each folder's modification time, as in the index), ``problems`` (``[path,
  message, fatal]`` for each file the scan could not use or read with a
  caveat) and ``tagged`` (ids of articles with front-matter tags);
- then one line per file the index knows: ``size<TAB>mtime_ns<TAB>path<TAB>id
  <TAB>head``, where path and id are JSON strings (so no tab or newline in a
  name can break a line) and head is the article's JSON object as ``list
  --json`` prints it up to its annotations, without the closing brace;
  articles in the list's order (newest first), then the files that are not
  articles, with an empty id and head.

Like the index, it answers only while nothing changed: every folder has the
time the header says and every file the size and time its line says. It is
derived, safe to delete, and never believed over the files.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.library.article import ArticleMeta
from reader.util.atomic import write_atomic

FORMAT = 1
NAME = "library-listing.txt"


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


def _encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class Listing:
    """What the listing holds, once checked against the folder."""

    heads: list[tuple[str, str]]
    """(id as JSON, the article's object without its closing brace), in list order."""
    problems: list[tuple[str, str, bool]]
    """(path, message, fatal) of each file the scan could not use or read with caveats."""
    tagged: list[str]
    """Ids of articles with front-matter tags."""


def write_listing(
    path: Path,
    root: Path,
    articles: Iterable[ArticleMeta],
    files: Mapping[str, list[Any]],
    folders: Mapping[str, int],
    problems: Iterable[tuple[str, str, bool]],
) -> None:
    """Replace the listing (only a cache: a failure to write it breaks nothing)."""
    articles = list(articles)
    prefix = f"{root}{os.sep}"
    header = {
        "format": FORMAT,
        "library": str(root),
        "folders": dict(folders),
        "problems": [list(problem) for problem in problems],
        "tagged": [meta.id for meta in articles if meta.tags],
    }
    lines = [_encode(header)]
    listed: set[str] = set()
    for meta in articles:
        entry = files.get(meta.path)
        if entry is None:
            return  # (Not as the index has it: write nothing rather than something wrong.)
        listed.add(meta.path)
        head = _encode(article_fields(meta, prefix))[:-1]
        lines.append(f"{entry[0]}\t{entry[1]}\t{_encode(meta.path)}\t{_encode(meta.id)}\t{head}")
    for relative, entry in files.items():
        if relative not in listed:
            lines.append(f"{entry[0]}\t{entry[1]}\t{_encode(relative)}\t\t")
    lines.append("")
    with contextlib.suppress(OSError):
        write_atomic(path, "\n".join(lines).encode("utf-8"), durable=False)


def read_listing(path: Path, root: Path) -> Listing | None:
    """The listing, if it is one for this folder and nothing changed since it was written."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    lines = text.split("\n")
    if len(lines) < 2 or lines[-1] != "":
        return None  # (Cut short: not one this module wrote.)
    try:
        header = json.loads(lines[0])
        if header["format"] != FORMAT or header["library"] != str(root):
            return None
        base = str(root)
        stat = os.stat
        for relative, mtime in header["folders"].items():
            if stat(f"{base}{os.sep}{relative}" if relative else base).st_mtime_ns != int(mtime):
                return None
        if not header["folders"]:
            return None
        heads: list[tuple[str, str]] = []
        prefix = f"{base}{os.sep}"
        native = os.sep == "/"
        for line in lines[1:-1]:
            size, mtime, name, key, head = line.split("\t")
            relative = json.loads(name) if "\\" in name else name[1:-1]
            if relative.startswith("/") or ".." in relative.split("/"):
                return None
            found = stat(prefix + (relative if native else relative.replace("/", os.sep)))
            if found.st_mtime_ns != int(mtime) or found.st_size != int(size):
                return None
            if key:
                heads.append((key, head))
        problems = [(str(p), str(m), bool(f)) for p, m, f in header["problems"]]
        tagged = [str(key) for key in header["tagged"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return Listing(heads, problems, tagged)
