"""The query engine equals a brute-force scan of the files (property tests on generated libraries).

Each library is real article files in a temporary folder, opened by a real
Session (real TinyDB store, real SQLite full-text index). The brute force
tokenises each article's fields with :mod:`reader.search.tokens` and checks
every term by hand.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import ArticleMeta
from reader.query.syntax import Query, Term
from reader.search.tokens import fold, words
from reader.session.session import Session
from reader.store.summary import Summary
from reader.util.paths import resolve_paths

VOCABULARY = [
    "Zimbabwe",
    "zimbabwean",
    "Mugabe",
    "Mnangagwa",
    "café",
    "Cafe",
    "CAFÉS",
    "oil",
    "oilfield",
    "Kursk",
    "kursk",
    "Straße",
    "north",
    "korea",
    "Korean",
    "treaty",
    "the",
    "of",
    "vote",
    "votes",
    "COVID-19",
    "Ćosić",
    "naïve",
    "rates",
    "interest",
]
TAGS = ["africa", "energy", "long-read"]


def _article(rng: random.Random, number: int) -> tuple[str, list[str], str]:
    title = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 4)))
    body = "\n\n".join(
        " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 12)))
        + rng.choice([".", "!", "", " — fin."])
        for _ in range(rng.randint(1, 3))
    )
    tags = rng.sample(TAGS, rng.randint(0, 2))
    date = f"20{rng.randint(18, 21)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    source = rng.choice(["https://en.wikinews.org/x", "https://bbc.example/y", ""])
    author = rng.choice(["Jane Doe", "Kim Café", ""])
    front = [f'title: "{title}"', f"date: {date}", f"id: art{number}"]
    if source:
        front.append(f"source: {source}")
    if author:
        front.append(f'author: "{author}"')
    if tags:
        front.append(f"tags: [{', '.join(tags)}]")
    return f"a{number}.md", tags, "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"


def build_library(seed: int, count: int = 25) -> tuple[Path, Session]:
    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix="bs-engine-"))
    library = root / "library"
    library.mkdir()
    for number in range(count):
        name, _, text = _article(rng, number)
        (library / name).write_text(text, encoding="utf-8")
    session = Session(resolve_paths(root / "home", library))
    session.open()
    session.update_search_index()
    for meta in session.articles[::3]:
        session.set_flag([meta.id], "read", True)
    for meta in session.articles[::4]:
        session.set_flag([meta.id], "starred", True)
    return root, session


@pytest.fixture(scope="module")
def library() -> Iterator[Session]:
    root, session = build_library(7, 40)
    yield session
    session.close()
    shutil.rmtree(root, ignore_errors=True)


def _fields(session: Session, meta: ArticleMeta) -> list[list[str]]:
    loaded = session.plain_text(meta)
    assert loaded is not None
    plain, title_end = loaded
    return [words(meta.title), words(f"{meta.source} {meta.author}"), words(plain[title_end:])]


def _words_match(fields: list[list[str]], term: Term) -> bool:
    tokens = term.value
    for field in fields:
        for i in range(len(field) - len(tokens) + 1):
            head = all(field[i + k] == tokens[k] for k in range(len(tokens) - 1))
            last = field[i + len(tokens) - 1]
            if head and (last == tokens[-1] or (not term.phrase and last.startswith(tokens[-1]))):
                return True
    return False


def _positive(meta: ArticleMeta, summary: Summary, fields: list[list[str]], term: Term) -> bool:
    if term.kind == "words":
        return _words_match(fields, term)
    if term.kind == "tag":
        return term.value[0] in summary.tags
    if term.kind == "flag":
        states = {
            "read": summary.read,
            "unread": not summary.read,
            "starred": summary.starred,
            "notes": bool(summary.notes),
        }
        return states.get(term.value[0], False)
    if term.kind in ("source", "author"):
        return fold(term.value[0]) in fold(getattr(meta, term.kind))
    if term.kind == "date":
        start, end = term.value
        day = meta.date[:10]
        return bool(day) and (not start or day >= start) and (not end or day < end)
    raise AssertionError(term.kind)


def brute_force(session: Session, query: Query) -> set[str]:
    chosen = set()
    for meta in session.articles:
        summary = session.store.summary(meta.id)
        fields = _fields(session, meta)
        if all(
            any(_positive(meta, summary, fields, term) != term.negated for term in clause)
            for clause in query.clauses
        ):
            chosen.add(meta.id)
    return chosen


def _token_text() -> st.SearchStrategy[str]:
    pieces = st.sampled_from([*VOCABULARY, "zimb", "kor", "caf", "oi", "19", "xyz"])
    word = pieces.map(lambda w: w)
    phrase = st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=3).map(
        lambda ws: '"' + " ".join(ws) + '"'
    )
    tag = st.sampled_from(TAGS).map(lambda t: f"#{t}")
    flag = st.sampled_from(["is:read", "is:unread", "is:starred", "has:notes"])
    field = st.sampled_from(["source:wikinews", "source:bbc", "author:jane", "author:café"])
    date = st.sampled_from(
        ["date:2019", "date:2020-06", "date:2018-01..2019-06", "after:2020-03-01", "before:2019"]
    )
    term = st.one_of(word, word, phrase, tag, flag, field, date)
    signed = st.tuples(st.booleans(), term).map(lambda nt: ("-" if nt[0] else "") + nt[1])
    return signed


queries = st.lists(st.tuples(_token_text(), st.booleans()), min_size=1, max_size=4).map(
    lambda parts: " ".join(
        t + (" OR" if join and i < len(parts) - 1 else "") for i, (t, join) in enumerate(parts)
    )
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=queries)
def test_the_engine_equals_a_brute_force_scan(library: Session, text: str) -> None:
    query = library.parse(text)
    found = {meta.id for meta in library.query(query).articles}
    assert found == brute_force(library, query), text


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_on_other_libraries_too(seed: int) -> None:
    root, session = build_library(seed, 15)
    try:
        for text in ("zimb", '"north korea"', "-the OR #africa", "café is:unread", "kursk -19"):
            query = session.parse(text)
            found = {meta.id for meta in session.query(query).articles}
            assert found == brute_force(session, query), text
    finally:
        session.close()
        shutil.rmtree(root, ignore_errors=True)


def test_ranked_results_put_title_hits_first(library: Session) -> None:
    result = library.query("treaty")
    assert result.ranked
    titled = [meta for meta in result.articles if "treaty" in words(meta.title)]
    assert result.articles[: len(titled)] == titled
