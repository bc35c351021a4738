"""Every note and highlight of the library, newest first, filtered by the query language.

One list for both front ends: ``broadsheet annotations [QUERY]`` prints it and
the app's annotations view shows it. A query is the search language: its
article terms (``#tag``, ``@name``, ``is:``, ``has:``, ``source:``, ``date:``
…) are evaluated by the same engine as the article list
(:meth:`Session.query`, each clause once per catalog); its words match the
annotation's own text (quote, note, tags and its article's title), as typed
so far, so that filtering 20,000 annotations costs a few milliseconds a key;
``has:highlights`` / ``has:notes`` keep only the highlights / the annotations
that carry a note.

No Textual here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from reader.library import ArticleMeta
from reader.query.syntax import Query, Term
from reader.store.records import Note

if TYPE_CHECKING:
    from reader.library import Library
    from reader.query.engine import QueryResult
    from reader.store import AnnotationStore


class AnnotationSource(Protocol):
    """What the catalog needs of the session (the session, without importing it)."""

    store: AnnotationStore
    library: Library

    def parse(self, text: str) -> Query:
        """Parse a query (raises ``QueryError``)."""
        ...

    def query(
        self, query: Query | str, *, articles: list[ArticleMeta] | None = None
    ) -> QueryResult:
        """The articles matching a query."""
        ...


@dataclass(frozen=True, slots=True)
class Annotation:
    """One note or highlight, with what the lists show of its article."""

    article_id: str
    title: str
    note: Note
    tags: tuple[str, ...] = ()
    haystack: str = ""
    """The quote, the note, the tags and the title, case- and accent-folded (for word matches)."""

    @property
    def kind(self) -> str:
        """``note`` or ``highlight``."""
        return self.note.kind

    def to_json(self) -> dict[str, Any]:
        """The object ``broadsheet annotations --json`` prints (DESIGN.md)."""
        note = self.note
        return {
            "article": self.article_id,
            "title": self.title,
            "kind": note.kind,
            "quote": note.quote,
            "start": note.start,
            "end": note.end,
            "note": note.text,
            "color": note.color or None,
            "created": note.created,
            "updated": note.updated,
            "orphan": note.orphan,
        }


def _haystack(note: Note, tags: Iterable[str]) -> str:
    """The annotation's own text (quote, note, tags), case- and accent-folded."""
    text = " ".join((note.quote, note.text, *tags))
    if text.isascii():
        return " " + text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return " " + "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


class AnnotationCatalog:
    """The library's notes and highlights, read once; :meth:`filter` as often as typed."""

    def __init__(self, session: AnnotationSource) -> None:
        self.session = session
        store = session.store
        lookup: Callable[[str], ArticleMeta | None] = session.library.get
        titles: dict[str, str] = {}
        tags_of: dict[str, tuple[str, ...]] = {}
        self.metas: dict[str, ArticleMeta] = {}
        entries: list[Annotation] = []
        for article_id, note in store.all_notes():
            title = titles.get(article_id)
            if title is None:
                tags_of[article_id] = store.tags_of(article_id)
                meta = lookup(article_id)
                if meta is None:
                    record = store.record(article_id)
                    meta = ArticleMeta(
                        id=article_id,
                        path=record.path,
                        title=record.title or article_id,
                        source=record.source,
                    )
                self.metas[article_id] = meta
                title = titles[article_id] = meta.title
            tags = tags_of[article_id]
            hay = _haystack(note, (*tags, title))
            entries.append(Annotation(article_id, title, note, tags, hay))
        entries.reverse()  # Files list notes oldest first: equal times then keep newest first.
        entries.sort(key=lambda entry: entry.note.created, reverse=True)
        self.entries = entries
        self._articles: list[str] | None = None
        self._hays: list[str] = []
        self._clauses: dict[tuple[Term, ...], set[str]] = {}
        self._implied: set[Term] = set()

    def __len__(self) -> int:
        return len(self.entries)

    def filter(self, query: Query | str) -> list[Annotation]:
        """The annotations matching a query, newest first (raises ``QueryError``).

        Set-based and in tight loops: it runs on every key typed in the view.
        """
        parsed = self.session.parse(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return list(self.entries)
        entries = self.entries
        if self._articles is None:
            self._articles = [entry.article_id for entry in entries]
            self._hays = [entry.haystack for entry in entries]
        articles, hays = self._articles, self._hays
        metas = list(self.metas.values())
        implied = [
            term
            for term in parsed.terms()
            if term.kind == "flag" and not term.negated and term.value[0] in ("notes", "highlights")
        ]
        self._implied = set(implied)
        flags = {term.value[0] for term in implied}
        chosen: list[int] = list(range(len(entries)))
        if "highlights" in flags:
            chosen = [i for i in chosen if entries[i].note.is_highlight]
        if "notes" in flags:
            chosen = [i for i in chosen if entries[i].note.text.strip()]
        for clause in parsed.clauses:
            if len(clause) == 1 and clause[0] in self._implied:
                continue  # has:highlights / has:notes: already applied to the annotations.
            others = tuple(term for term in clause if term.kind != "words")
            ids = self._article_ids(others, metas) if others else set()
            words = [term for term in clause if term.kind == "words"]
            needles = [" ".join(term.value) for term in words if not term.negated]
            if len(clause) == 1 and words and words[0].negated:
                needle = " ".join(words[0].value)
                chosen = [i for i in chosen if needle not in hays[i]]
            elif len(needles) == 1:
                needle = needles[0]
                chosen = [i for i in chosen if articles[i] in ids or needle in hays[i]]
            elif needles:
                chosen = [
                    i
                    for i in chosen
                    if articles[i] in ids or any(needle in hays[i] for needle in needles)
                ]
            else:
                chosen = [i for i in chosen if articles[i] in ids]
            if not chosen:
                break
        return [entries[i] for i in chosen]

    def _article_ids(self, terms: tuple[Term, ...], metas: list[ArticleMeta]) -> set[str]:
        """The articles matching any of these terms (the query engine; kept per clause)."""
        found = self._clauses.get(terms)
        if found is None:
            result = self.session.query(Query((terms,)), articles=metas)
            found = self._clauses[terms] = {meta.id for meta in result.articles}
        return found

    def meta_of(self, entry: Annotation) -> ArticleMeta:
        """The article an annotation is on."""
        return self.metas[entry.article_id]
