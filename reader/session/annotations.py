"""Every note and highlight of the library, newest first, filtered by the query language.

One list for both front ends: ``broadsheet annotations [QUERY]`` prints it and
the app's annotations view shows it. A query filters it the way it filters
the article list (the same engine, :meth:`Session.query`), with two additions
that make sense for annotations: a word also matches the annotation's own
quote, note and tags, and ``has:highlights`` / ``has:notes`` keep only the
highlights / the annotations that carry a note.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.library import ArticleMeta
from reader.query.syntax import Query, Term
from reader.search.tokens import words
from reader.store.records import Note

if TYPE_CHECKING:
    from reader.session.session import Session


@dataclass(frozen=True, slots=True)
class Annotation:
    """One note or highlight, with what the lists show of its article."""

    article_id: str
    title: str
    note: Note
    tags: tuple[str, ...] = ()
    haystack: str = ""
    """The folded words of the quote, the note and the tags, space-separated, space-framed."""

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
    return " " + " ".join(words(" ".join((note.quote, note.text, *tags)))) + " "


def _text_has(annotation: Annotation, term: Term) -> bool:
    """True when the annotation's own text has the term's words (in order for a phrase)."""
    hay = annotation.haystack
    if term.phrase or len(term.value) > 1:
        return " " + " ".join(term.value) in hay
    return " " + term.value[0] in hay


class AnnotationCatalog:
    """The library's notes and highlights, read once; :meth:`filter` as often as typed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        store = session.store
        lookup: Callable[[str], ArticleMeta | None] = session.library.get
        titles: dict[str, str] = {}
        self.metas: dict[str, ArticleMeta] = {}
        entries: list[Annotation] = []
        for article_id, note in store.all_notes():
            title = titles.get(article_id)
            if title is None:
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
            tags = store.tags_of(article_id)
            entries.append(Annotation(article_id, title, note, tags, _haystack(note, tags)))
        entries.reverse()  # Files list notes oldest first: equal times then keep newest first.
        entries.sort(key=lambda entry: entry.note.created, reverse=True)
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def filter(self, query: Query | str) -> list[Annotation]:
        """The annotations matching a query, newest first (raises ``QueryError``)."""
        parsed = self.session.parse(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return list(self.entries)
        articles = list(self.metas.values())
        clauses: list[tuple[set[str], tuple[Term, ...]]] = []
        for clause in parsed.clauses:
            result = self.session.query(Query((clause,)), articles=articles)
            clauses.append(({meta.id for meta in result.articles}, clause))
        flags = {
            term.value[0]
            for term in parsed.terms()
            if term.kind == "flag" and not term.negated and term.value[0] in ("notes", "highlights")
        }
        found = []
        for entry in self.entries:
            if "highlights" in flags and not entry.note.is_highlight:
                continue
            if "notes" in flags and not entry.note.text.strip():
                continue
            if all(self._clause_matches(entry, ids, clause) for ids, clause in clauses):
                found.append(entry)
        return found

    @staticmethod
    def _clause_matches(entry: Annotation, ids: set[str], clause: tuple[Term, ...]) -> bool:
        if len(clause) == 1 and clause[0].kind == "words" and clause[0].negated:
            return entry.article_id in ids and not _text_has(entry, clause[0])
        if entry.article_id in ids:
            return True
        return any(
            term.kind == "words" and not term.negated and _text_has(entry, term) for term in clause
        )

    def meta_of(self, entry: Annotation) -> ArticleMeta:
        """The article an annotation is on."""
        return self.metas[entry.article_id]
