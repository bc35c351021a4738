"""An article on its way into the library, and the text of its file.

The file is Markdown with a YAML front matter block (see DESIGN.md and the
README): ``title``, ``date`` (ISO 8601), ``source``, ``author``, ``id``, and
what else is known (``site``, ``feed``, ``license``, ``attribution``,
``tags``), plus ``imported`` (when). Every text field is made inert and
one-line before it is written; YAML quoting is left to PyYAML's dumper.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from reader.library.parsing import MAX_TITLE
from reader.util.safety import inert, inert_line, normalise_newlines

try:  # The C dumper is faster; fall back where libyaml is absent.
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Dumper = yaml.SafeDumper


def one_line(text: str, limit: int = 500) -> str:
    """A metadata value as one inert line with single spaces, at most ``limit`` characters."""
    return " ".join(inert_line(text).split())[:limit]


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article read from somewhere, not yet stored.

    ``body`` is Markdown. ``what`` names where it came from for the report.
    ``given_id`` is an id its own front matter carried (kept as is).
    """

    what: str
    title: str
    body: str
    date: str = ""
    source: str = ""
    author: str = ""
    site: str = ""
    feed: str = ""
    license: str = ""
    attribution: str = ""
    tags: tuple[str, ...] = ()
    given_id: str = ""

    def cleaned(self) -> NewArticle:
        """The same article with every field inert, one-line where it should be, trimmed."""
        body = inert(normalise_newlines(self.body)).strip("\n")
        title = one_line(self.title, MAX_TITLE) or "(untitled)"
        return NewArticle(
            what=self.what,
            title=title,
            body=body,
            date=one_line(self.date, 40),
            source=one_line(self.source, 2000),
            author=one_line(self.author, 200),
            site=one_line(self.site, 200),
            feed=one_line(self.feed, 300),
            license=one_line(self.license, 200),
            attribution=one_line(self.attribution, 1000),
            tags=tuple(tag for tag in (one_line(tag, 100) for tag in self.tags) if tag),
            given_id=one_line(self.given_id, 64),
        )


def _date_value(date: str) -> str | dt.date:
    """A day stays a YAML date (``2024-03-05``, read back as such); anything else a string."""
    try:
        return dt.date.fromisoformat(date) if len(date) == 10 else date
    except ValueError:
        return date


def article_text(article: NewArticle, article_id: str, imported: dt.datetime) -> str:
    """The whole file: front matter (empty fields left out), a blank line, the body."""
    fields: dict[str, Any] = {
        "title": article.title,
        "date": _date_value(article.date),
        "source": article.source,
        "author": article.author,
        "site": article.site,
        "feed": article.feed,
        "license": article.license,
        "attribution": article.attribution,
        "tags": list(article.tags),
        "id": article_id,
        "imported": imported.isoformat(timespec="seconds"),
    }
    kept = {key: value for key, value in fields.items() if value}
    header = yaml.dump(kept, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{header}---\n\n{article.body}\n"
