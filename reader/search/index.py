"""The full-text index: ``HOME/cache/search.sqlite3`` (SQLite FTS5, standard library).

Derived data, safe to delete: it is rebuilt on demand. Tables:

- ``docs``: one row per article: ``id``, ``stamp`` (what the row was built
  from: title, source, author and the text digest), ``plain`` (the article's
  plain text as ``broadsheet show`` prints it, for snippets and offsets);
  (``docs_stamps`` covers ``id`` and ``stamp``, so checking that the index
  is current reads that small index, not the texts);
- ``info``: ``format``, and ``synced``: the library index file the rows were
  last found current against (see :meth:`SearchIndex.synced_with`);
- ``fts``: FTS5 over ``title``, ``meta`` (source and author) and ``body``,
  holding the folded tokens of :mod:`reader.search.tokens`, so matching is
  case- and accent-insensitive and agrees exactly with a scan of the files
  tokenised the same way. Ranking is bm25, the title weighted highest.

No stemming: "run" does not find "ran". A word matches every token that
starts with it (``mugab`` finds Mugabe); a phrase matches its tokens in order,
exactly, within one field.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reader.library.article import ArticleMeta
from reader.search.tokens import indexed_text
from reader.text.find import fold_same_length

FILE_NAME = "search.sqlite3"
"""The index's file name in HOME/cache."""
FORMAT = "2"
BATCH = 200
"""Articles written per transaction while building."""
SNIPPET_CHARS = 160
START_CHARS = 2500
"""How much of each text a plain list of results reads first (see ``SearchIndex.snippets``)."""
_LAST_FIRST = START_CHARS - 3 * SNIPPET_CHARS
"""A first match after this may have its window, or its word, cut: the whole text is read."""
SHORT_PREFIX = 2
RECENT_TEXTS = 16
"""Words this short are matched but not ranked (see :meth:`SearchIndex.match`)."""
T = TypeVar("T")

Progress = Callable[[int, int], None]
Loader = Callable[[ArticleMeta], tuple[str, int] | None]
"""Gives an article's plain text and where its title ends (None when it cannot be read)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, stamp TEXT NOT NULL, plain TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_stamps ON docs(id, stamp);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, meta, body, tokenize = "unicode61 remove_diacritics 0", prefix = '1 2 3'
);
"""


def stamp_of(meta: ArticleMeta) -> str:
    """What an article's row depends on."""
    head = zlib.crc32("\x1f".join((meta.title, meta.source, meta.author)).encode("utf-8"))
    return f"{head:08x}{meta.text_hash}"


def fts_expression(tokens: Sequence[str], phrase: bool) -> str:
    """The FTS5 MATCH text for a word (a prefix) or a phrase (tokens in order)."""
    quoted = " ".join(f'"{token}"' for token in tokens)
    if phrase:
        return f"({quoted})" if len(tokens) == 1 else f'"{" ".join(tokens)}"'
    return f"{quoted}*"


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text around the best match, and every match as offsets into the plain text."""

    text: str
    marks: tuple[tuple[int, int], ...]
    """Matched words, as offsets into ``text``."""
    matches: tuple[tuple[int, int], ...]
    """Matched words, as offsets into the article's plain text."""


def find_matches(
    plain: str, terms: Iterable[tuple[tuple[str, ...], bool]], folded: str | None = None
) -> list[tuple[int, int]]:
    """Where the terms occur in ``plain``: (start, end) of each match, in text order.

    A term is (folded tokens, phrase): a one-token non-phrase term matches
    words that start with it (the whole word is marked); otherwise the tokens
    must follow each other, the last one matched as a prefix unless it is a
    quoted phrase. The text is folded one character for one, so the offsets
    are offsets into ``plain`` (for display: a word that folds to more
    letters, like ``ß``, is not marked).
    """
    folded = folded if folded is not None else fold_same_length(plain)
    found: set[tuple[int, int]] = set()
    for tokens, phrase in terms:
        if tokens:
            found.update(_word_matches(_term_pattern(tuple(tokens), phrase), folded))
    return sorted(found)


@functools.lru_cache(maxsize=64)
def _term_pattern(tokens: tuple[str, ...], phrase: bool) -> re.Pattern[str]:
    body = r"[\W_]+".join(re.escape(token) for token in tokens)
    return re.compile(body + (r"(?![^\W_])" if phrase else r"[^\W_]*"))


def matches_near_the_first(
    folded: str, terms: Iterable[tuple[tuple[str, ...], bool]], title_end: int
) -> list[tuple[int, int]]:
    """What a snippet shows, found without finding every match: the first match in the
    body (with none there, every match: they are in the title) and those around it.

    :func:`make_snippet` given these makes the window and marks it would make
    given :func:`find_matches`; only the snippet's ``matches`` are fewer.
    """
    patterns = [_term_pattern(tuple(tokens), phrase) for tokens, phrase in terms if tokens]
    firsts = [next(_word_matches(pattern, folded, title_end), None) for pattern in patterns]
    found = [span for span in firsts if span is not None]
    if not found:
        return sorted({span for pattern in patterns for span in _word_matches(pattern, folded)})
    first = min(found)
    low, high = max(0, first[0] - SNIPPET_CHARS), first[0] + 2 * SNIPPET_CHARS
    near = {span for pattern in patterns for span in _word_matches(pattern, folded, low, high)}
    return sorted(near | {first})


def _word_matches(
    pattern: re.Pattern[str], folded: str, position: int = 0, stop: int | None = None
) -> Iterator[tuple[int, int]]:
    """The spans ``re.finditer`` would give with a look-behind for a word start in front.

    The pattern starts with the term's letters, so the regex engine can skip
    ahead to them; a match inside a word is passed over here instead (and the
    search goes on one character after its start, as the engine's would).
    """
    search = pattern.search
    while (match := search(folded, position)) is not None:
        start, end = match.span()
        if stop is not None and start >= stop:
            return
        if start and folded[start - 1].isalnum():
            position = start + 1
            continue
        yield start, end
        position = end if end > start else end + 1


def make_snippet(
    plain: str, title_end: int, matches: list[tuple[int, int]], *, length: int | None = None
) -> Snippet:
    """A window of about :data:`SNIPPET_CHARS` around the first match in the body.

    ``length``: the whole text's, when ``plain`` is only its start (long enough
    to hold the window).
    """
    total = len(plain) if length is None else length
    in_body = [m for m in matches if m[0] >= title_end] or matches
    if not in_body:
        start, end = title_end, min(total, title_end + SNIPPET_CHARS)
    else:
        first = in_body[0][0]
        start = max(title_end if first >= title_end else 0, first - SNIPPET_CHARS // 3)
        end = min(total, start + SNIPPET_CHARS)
    while start > 0 and start < len(plain) and not plain[start - 1].isspace():
        start += 1
    window = plain[start:end]
    text = " ".join(window.split())
    marks: list[tuple[int, int]] = []
    if text:
        for a, b in matches:
            if a >= start and b <= end:
                marks.append((_collapsed(window, a - start), _collapsed(window, b - start)))
    prefix = "…" if start > title_end and start > 0 else ""
    suffix = "…" if end < total else ""
    shift = len(prefix)
    return Snippet(
        prefix + text + suffix,
        tuple((a + shift, b + shift) for a, b in marks),
        tuple(matches),
    )


def _collapsed(window: str, offset: int) -> int:
    """Offset ``offset`` of ``window`` as an offset into ``" ".join(window.split())``.

    Each character before it counts, except whitespace, of which each run
    counts once if something came before it.
    """
    before = window[:offset]
    joined = len(" ".join(before.split()))
    return joined + 1 if joined and before[-1].isspace() else joined


_MATCHES_KEPT = 32
"""Matches remembered while typing (the oldest goes first)."""


class SearchIndex:
    """The SQLite file, opened lazily; every method is safe against a missing file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._stamps: dict[str, str] | None = None
        self._ids: dict[int, str] | None = None
        self._recent: dict[str, tuple[str, str]] = {}
        """Plain and folded texts of the last articles snippets were made for."""
        self._version: int | None = None
        """``PRAGMA data_version`` when the stamps were read (it changes when
        another connection commits, so the copy here is known to be current)."""
        self._generation = 0
        """Counts changes to the rows, by this object or (seen through the data
        version) another connection: a remembered match is good for one generation."""
        self._matched: dict[tuple[tuple[str, ...], bool], tuple[int, dict[str, float]]] = {}
        """The last matches while typing: a query typed on repeats every earlier word."""

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(_SCHEMA)
                version = db.execute("SELECT value FROM info WHERE key='format'").fetchone()
                if version is None or version[0] != FORMAT:
                    db.executescript("DELETE FROM docs; DELETE FROM fts;")
                    db.execute("INSERT OR REPLACE INTO info VALUES ('format', ?)", (FORMAT,))
                    db.commit()
            except sqlite3.DatabaseError:
                db.close()
                # A damaged cache: it is derived data, so start it again.
                with contextlib.suppress(OSError):
                    self.path.unlink()
                for suffix in ("-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        self.path.with_name(self.path.name + suffix).unlink()
                db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                db.executescript(_SCHEMA)
                db.execute("INSERT OR REPLACE INTO info VALUES ('format', ?)", (FORMAT,))
                db.commit()
            self._db = db
        return self._db

    def close(self) -> None:
        """Close the file."""
        if self._db is not None:
            self._db.close()
            self._db = None
        self._stamps = None
        self._ids = None
        self._recent.clear()
        self._changed()

    def _changed(self) -> None:
        """The rows may differ from what earlier matches saw."""
        self._generation += 1
        self._matched.clear()

    # -- keeping it current ----------------------------------------------------------
    def stamps(self) -> dict[str, str]:
        """Article id -> the stamp its row was built from (kept in memory while current)."""
        db = self._connect()
        version = db.execute("PRAGMA data_version").fetchone()[0]
        if self._stamps is None or self._ids is None or version != self._version:
            self._changed()
            self._stamps, self._ids = {}, {}
            for rowid, key, stamp in db.execute("SELECT rowid, id, stamp FROM docs"):
                self._stamps[key] = stamp
                self._ids[rowid] = key
            self._version = version
        return self._stamps

    def synced_with(self) -> str | None:
        """The library index the rows were last found current against (None: unknown)."""
        try:
            row = self._connect().execute("SELECT value FROM info WHERE key='synced'").fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else str(row[0])

    def mark_synced(self, marker: str) -> None:
        """Record that the rows are current for the library index ``marker`` names.

        Any later change of the rows forgets it (see :meth:`update`).
        """
        db = self._connect()
        with contextlib.suppress(sqlite3.Error), db:
            db.execute("INSERT OR REPLACE INTO info VALUES ('synced', ?)", (marker,))

    def pending(self, articles: Iterable[ArticleMeta]) -> tuple[list[ArticleMeta], set[str]]:
        """Articles whose rows are missing or stale, and ids of rows to drop."""
        stamps = self.stamps()
        wanted = {meta.id: meta for meta in articles}
        stale = [meta for key, meta in wanted.items() if stamps.get(key) != stamp_of(meta)]
        return stale, set(stamps) - set(wanted)

    def update(
        self,
        articles: Sequence[ArticleMeta],
        load: Loader,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        synced_as: str | None = None,
    ) -> int:
        """Index new and changed articles, drop departed ones; how many rows were written.

        With ``synced_as`` (see :meth:`mark_synced`), a run that leaves nothing
        pending records it.
        """
        stale, gone = self.pending(articles)
        db = self._connect()
        if stale or gone:
            self._changed()
            with db:
                db.execute("DELETE FROM info WHERE key='synced'")
        if gone:
            with db:
                for chunk in _chunks(sorted(gone), 500):
                    marks = ",".join("?" * len(chunk))
                    rows = [
                        r[0]
                        for r in db.execute(f"SELECT rowid FROM docs WHERE id IN ({marks})", chunk)
                    ]
                    db.executemany("DELETE FROM fts WHERE rowid = ?", [(r,) for r in rows])
                    db.execute(f"DELETE FROM docs WHERE id IN ({marks})", chunk)
        if gone and self._stamps is not None:
            for key in gone:
                self._stamps.pop(key, None)
        done = 0
        whole = True  # (every text read: an unreadable one stays pending)
        for batch in _chunks(stale, BATCH):
            if cancelled():
                break
            rows = [(meta, load(meta)) for meta in batch]
            with db:
                for meta, loaded in rows:
                    self._put(db, meta, loaded)
                    whole = whole and loaded is not None
            done += len(batch)
            self._changed()
            if progress is not None:
                progress(done, len(stale))
        if synced_as is not None and whole and done == len(stale):
            self.mark_synced(synced_as)
        return done

    def _put(
        self, db: sqlite3.Connection, meta: ArticleMeta, loaded: tuple[str, int] | None
    ) -> None:
        plain, title_end = loaded if loaded is not None else (meta.title, len(meta.title))
        old = db.execute("SELECT rowid FROM docs WHERE id = ?", (meta.id,)).fetchone()
        if old is not None:
            db.execute("DELETE FROM fts WHERE rowid = ?", old)
            db.execute("DELETE FROM docs WHERE rowid = ?", old)
        stamp = stamp_of(meta) if loaded is not None else ""
        cursor = db.execute(
            "INSERT INTO docs(id, stamp, plain) VALUES (?, ?, ?)", (meta.id, stamp, plain)
        )
        if self._stamps is not None and self._ids is not None:
            self._stamps[meta.id] = stamp
            self._ids[int(cursor.lastrowid or 0)] = meta.id
        db.execute(
            "INSERT INTO fts(rowid, title, meta, body) VALUES (?, ?, ?, ?)",
            (
                cursor.lastrowid,
                indexed_text(meta.title),
                indexed_text(f"{meta.source} {meta.author}"),
                indexed_text(plain[title_end:]),
            ),
        )

    # -- asking it -----------------------------------------------------------------------
    def match(self, tokens: Sequence[str], phrase: bool) -> dict[str, float]:
        """Article id -> score (higher is better) of every article matching a word or phrase.

        A word of one or two letters (a search still being typed) matches most
        of the library: it is not scored (every hit scores 0), which is several
        times quicker.
        """
        if not tokens:
            return {}
        unscored = not phrase and len(tokens) == 1 and len(tokens[0]) <= SHORT_PREFIX
        score = "0.0" if unscored else "bm25(fts, 8.0, 2.0, 1.0)"
        expression = (fts_expression(tokens, phrase),)
        if self._stamps is None:
            # One question (a command): the ids come with the hits, by a join.
            sql = f"SELECT docs.id, {score} FROM fts JOIN docs ON docs.rowid = fts.rowid "
            try:
                found = self._connect().execute(sql + "WHERE fts MATCH ?", expression)
                return {str(key): -value for key, value in found.fetchall()}
            except sqlite3.OperationalError:
                return {}
        # Many (typing in the app): the rowid -> id map in memory is quicker than a join,
        # and the words typed before the last one were matched at the keys before.
        self.stamps()  # brings the map up to date
        generation = self._generation
        key = (tuple(tokens), phrase)
        kept = self._matched.get(key)
        if kept is not None and kept[0] == generation:
            return kept[1]
        ids = self._ids or {}
        try:
            rows = (
                self._connect()
                .execute(f"SELECT rowid, {score} FROM fts WHERE fts MATCH ?", expression)
                .fetchall()
            )
        except sqlite3.OperationalError:
            return {}
        hits = {ids[rowid]: -value for rowid, value in rows if rowid in ids}
        if len(self._matched) >= _MATCHES_KEPT:
            self._matched.pop(next(iter(self._matched)))
        self._matched[key] = (generation, hits)
        return hits

    def plain_text(self, article_id: str) -> str | None:
        """The plain text stored for an article."""
        row = (
            self._connect().execute("SELECT plain FROM docs WHERE id = ?", (article_id,)).fetchone()
        )
        return None if row is None else str(row[0])

    def snippets(
        self,
        titles: Mapping[str, str],
        terms: Sequence[tuple[tuple[str, ...], bool]],
        *,
        every_match: bool = True,
    ) -> dict[str, Snippet]:
        """The snippets of many articles (id -> title) at once, their texts read in a few
        queries.

        Without ``every_match`` only the matches the snippet shows are found
        (its ``matches`` then hold just those): for a plain list of results.
        """
        found: dict[str, Snippet] = {}
        db = self._connect()
        if not every_match:
            # The start of each text first: the first match is nearly always in it.
            whole = self._snippets_from_starts(titles, terms, found)
            titles = {key: titles[key] for key in whole}
        for chunk in _chunks(list(titles), 500):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, plain FROM docs WHERE id IN ({marks})"
            for key, plain in db.execute(query, chunk):
                text = str(plain)
                folded = fold_same_length(text)
                found[key] = _snippet_of(titles[key], text, folded, terms, every_match=every_match)
        return found

    def _snippets_from_starts(
        self,
        titles: Mapping[str, str],
        terms: Sequence[tuple[tuple[str, ...], bool]],
        found: dict[str, Snippet],
    ) -> list[str]:
        """Snippets made from the first :data:`START_CHARS` of each text where the first
        body match lies well inside them (into ``found``); the ids that need the whole."""
        whole: list[str] = []
        db = self._connect()
        for chunk in _chunks(list(titles), 500):
            marks = ",".join("?" * len(chunk))
            query = (
                f"SELECT id, substr(plain, 1, {START_CHARS}), length(plain) "
                f"FROM docs WHERE id IN ({marks})"
            )
            for key, start, length in db.execute(query, chunk):
                text = str(start)
                title_end = _title_end(text, titles[key])
                folded = fold_same_length(text)
                near = matches_near_the_first(folded, terms, title_end)
                first = next((span for span in near if span[0] >= title_end), None)
                if length > len(text) and (first is None or first[0] > _LAST_FIRST):
                    whole.append(key)  # (not in the start, or too near where it is cut)
                    continue
                found[key] = make_snippet(text, title_end, near, length=length)
        return whole

    def snippet(
        self, meta: ArticleMeta, terms: Sequence[tuple[tuple[str, ...], bool]]
    ) -> Snippet | None:
        """The snippet of an article for these terms (None when it is not indexed)."""
        texts = self._recent.pop(meta.id, None)
        if texts is None:
            plain = self.plain_text(meta.id)
            if plain is None:
                return None
            texts = (plain, fold_same_length(plain))
        self._recent[meta.id] = texts  # most recent last
        while len(self._recent) > RECENT_TEXTS:
            del self._recent[next(iter(self._recent))]
        return _snippet_of(meta.title, *texts, terms)


def _title_end(plain: str, title: str) -> int:
    """Where the title ends in an article's plain text (0 when the text does not start so)."""
    return len(title) if plain.startswith(title) else 0


def _snippet_of(
    title: str,
    plain: str,
    folded: str,
    terms: Sequence[tuple[tuple[str, ...], bool]],
    *,
    every_match: bool = True,
) -> Snippet:
    """The snippet of one text (see ``SearchIndex.snippets`` for ``every_match``)."""
    title_end = _title_end(plain, title)
    if every_match:
        return make_snippet(plain, title_end, find_matches(plain, terms, folded))
    return make_snippet(plain, title_end, matches_near_the_first(folded, terms, title_end))


def _chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
