"""Evaluating a :class:`~reader.query.syntax.Query` against the library, the store and the indexes.

The one place a query is evaluated: the app's ``/``, ``broadsheet list`` and
``broadsheet search`` all call :func:`evaluate`. Each clause gives a set of
article ids (the union of its terms; a negated term is the complement of its
positive form); the answer is their intersection, kept in the order given,
ranked by full-text score when the query has words, else by mentions when it
names an entity.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol

from reader.library.article import ArticleMeta
from reader.query.syntax import Query, Term
from reader.search.tokens import fold


class Annotations(Protocol):
    """What evaluation reads of the annotation store."""

    def ids_with_tag(self, tag: str) -> set[str]:
        """Articles carrying a tag."""
        ...

    def flags_of(self, article_id: str) -> Collection[str]:
        """The article's state words: ``read``, ``starred``, ``notes``, ``highlights``."""
        ...


class FullText(Protocol):
    """What evaluation reads of the full-text index."""

    def match(self, tokens: Sequence[str], phrase: bool) -> dict[str, float]:
        """Article id -> score for a word or phrase."""
        ...


MentionLookup = Callable[[str], Mapping[str, int]]
"""Entity name -> {article id: mentions}."""


@dataclass(slots=True)
class QueryResult:
    """The articles that match, in result order, with what ranked them."""

    articles: list[ArticleMeta]
    scores: dict[str, float] = field(default_factory=dict)
    """Full-text score per article (empty without words)."""
    mentions: dict[str, int] | None = None
    """Mentions of the named entity per article (None without ``@name``)."""
    ranked: bool = False
    """True when the order is by score or mentions rather than the order given."""


@dataclass(slots=True)
class Sources:
    """Everything a query can be evaluated against."""

    articles: Sequence[ArticleMeta]
    annotations: Annotations
    full_text: FullText
    mentions: MentionLookup
    marked: Collection[str] = ()
    positions: Mapping[str, int] | None = None
    """Article id -> its position in ``articles``, when the caller keeps one (the app,
    at every key typed): spares making the set of ids and walking every article."""


class _Evaluation:
    def __init__(self, sources: Sources, all_ids: AbstractSet[str] | None = None) -> None:
        self.sources = sources
        if all_ids is None:
            all_ids = (
                sources.positions.keys()
                if sources.positions is not None
                else {meta.id for meta in sources.articles}
            )
        self.all_ids: AbstractSet[str] = all_ids
        self.hits: list[dict[str, float]] = []
        """The scores of every positive word term, in the order evaluated."""
        self.mentions: dict[str, int] | None = None

    def scores_of(self, chosen: AbstractSet[str]) -> dict[str, float]:
        """The summed full-text scores of the chosen articles that some word matched
        (summed in the order the terms were evaluated)."""
        if not self.hits:
            return {}
        if len(self.hits) == 1:
            only = self.hits[0]
            return {key: only[key] for key in chosen if key in only}
        scores: dict[str, float] = {}
        for key in chosen:
            total, found = 0.0, False
            for hits in self.hits:
                if key in hits:
                    total += hits[key]
                    found = True
            if found:
                scores[key] = total
        return scores

    def ids(self, term: Term) -> set[str]:
        found = self._positive(term)
        return set(self.all_ids - found) if term.negated else found

    def _positive(self, term: Term) -> set[str]:
        sources = self.sources
        kind = term.kind
        if kind == "words":
            hits = sources.full_text.match(term.value, term.phrase)
            if not term.negated:
                self.hits.append(hits)  # Summed for the chosen articles only, at the end.
            return self.all_ids & hits.keys()
        if kind == "tag":
            return sources.annotations.ids_with_tag(term.value[0]) & self.all_ids
        if kind == "entity":
            counts = sources.mentions(term.value[0])
            if not term.negated:
                self.mentions = (
                    dict(counts)
                    if self.mentions is None
                    else {key: value for key, value in self.mentions.items() if key in counts}
                )
            return set(counts) & self.all_ids
        if kind == "flag":
            return self._flagged(term.value[0])
        if kind in ("source", "author"):
            wanted = fold(term.value[0])
            return {meta.id for meta in sources.articles if wanted in fold(getattr(meta, kind))}
        if kind == "date":
            start, end = term.value
            return {
                meta.id
                for meta in sources.articles
                if meta.date
                and (not start or meta.date[:10] >= start)
                and (not end or meta.date[:10] < end)
            }
        raise ValueError(f"unknown term kind {kind!r}")  # pragma: no cover - parser's kinds only

    def _flagged(self, flag: str) -> set[str]:
        sources = self.sources
        if flag == "marked":
            return set(sources.marked) & self.all_ids
        if flag == "unread":
            return {
                meta.id
                for meta in sources.articles
                if "read" not in sources.annotations.flags_of(meta.id)
            }
        return {
            meta.id for meta in sources.articles if flag in sources.annotations.flags_of(meta.id)
        }


def _chosen(query: Query, evaluation: _Evaluation) -> set[str]:
    chosen: set[str] | None = None
    # Cheap clauses first, so an empty intersection stops early.
    for clause in sorted(query.clauses, key=lambda c: any(t.kind == "words" for t in c)):
        found: set[str] = set()
        for term in clause:
            found |= evaluation.ids(term)
        chosen = found if chosen is None else chosen & found
        if not chosen:
            break
    assert chosen is not None
    return chosen


def only_words(query: Query) -> bool:
    """True when every term is words or a phrase (what :func:`evaluate_words` takes)."""
    return not query.is_empty and all(term.kind == "words" for term in query.terms())


def evaluate_words(
    query: Query, ids: Sequence[str], full_text: FullText
) -> tuple[list[str], dict[str, float]]:
    """A query of words and phrases only (see :func:`only_words`), on article ids alone:
    the matching ids, best first (ties in the order given), and their scores.

    The same evaluation as :func:`evaluate` (which it shares), for a caller
    that has the ids in list order but no article objects (``broadsheet
    search`` answered from the listing).
    """
    assert only_words(query)
    never: Annotations = _NoAnnotations()
    sources = Sources((), never, full_text, lambda _name: {})
    evaluation = _Evaluation(sources, set(ids))
    chosen = _chosen(query, evaluation)
    found = [key for key in ids if key in chosen]
    scores = evaluation.scores_of(chosen)
    found.sort(key=lambda key: -scores.get(key, 0.0))
    return found, scores


class _NoAnnotations:
    def ids_with_tag(self, tag: str) -> set[str]:
        return set()

    def flags_of(self, article_id: str) -> Collection[str]:
        return ()


def evaluate(query: Query, sources: Sources) -> QueryResult:
    """The articles of ``sources`` that match ``query``."""
    if query.is_empty:
        return QueryResult(list(sources.articles))
    evaluation = _Evaluation(sources)
    chosen = _chosen(query, evaluation)
    positions = sources.positions
    if positions is not None and len(chosen) * 8 < len(sources.articles):
        articles = [sources.articles[at] for at in sorted(positions[key] for key in chosen)]
    else:
        articles = [meta for meta in sources.articles if meta.id in chosen]
    scores = evaluation.scores_of(chosen)
    ranked = False
    if query.text_terms:
        articles.sort(key=lambda meta: -scores.get(meta.id, 0.0))
        ranked = True
    elif evaluation.mentions is not None:
        counts = evaluation.mentions
        articles.sort(key=lambda meta: -counts.get(meta.id, 0))
        ranked = True
    return QueryResult(articles, scores, evaluation.mentions, ranked)
