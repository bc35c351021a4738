"""Search hits equal a plain scan of the files, on real news articles (the BBC set, research only).

The articles are written into a temporary library (nothing of them is kept),
indexed by a real Session, and every word and phrase query is checked against
a scan of every file tokenised with reader.search.tokens. Skipped where the
data set is not beside the repository.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.search.tokens import words
from reader.session.session import Session
from reader.util.paths import resolve_paths

BBC = Path(__file__).resolve().parents[3] / "shared" / "data" / "bbc"
QUERIES = [
    "economy",
    "mobile",
    "chelsea",
    "blair",
    "oil",
    "gr",
    '"interest rates"',
    '"prime minister"',
    '"mobile phone"',
    "oil -price",
    "chelsea OR arsenal",
    "£5bn",
    "e-mail",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc is not here"),
]


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    root = Path(tempfile.mkdtemp(prefix="bs-exact-"))
    library = root / "library"
    for source in sorted(BBC.rglob("*.txt")):
        if source.name.upper().startswith("README"):
            continue
        target = library / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    opened = Session(resolve_paths(root / "home", library))
    opened.open()
    opened.update_search_index()
    yield opened
    opened.close()
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("text", QUERIES)
def test_hits_equal_a_scan_of_the_files(session: Session, text: str) -> None:
    query = session.parse(text)
    hits = {meta.id for meta in session.query(query).articles}
    expected = set()
    for meta in session.articles:
        loaded = session.plain_text(meta)
        assert loaded is not None
        plain, title_end = loaded
        fields = [
            words(meta.title),
            words(f"{meta.source} {meta.author}"),
            words(plain[title_end:]),
        ]

        def has(tokens: tuple[str, ...], phrase: bool, fields: list[list[str]] = fields) -> bool:
            size = len(tokens)
            return any(
                all(field[i + k] == tokens[k] for k in range(size - 1))
                and (
                    field[i + size - 1] == tokens[-1]
                    or (not phrase and field[i + size - 1].startswith(tokens[-1]))
                )
                for field in fields
                for i in range(len(field) - size + 1)
            )

        if all(
            any(has(term.value, term.phrase) != term.negated for term in clause)
            for clause in query.clauses
        ):
            expected.add(meta.id)
    assert hits == expected
    assert len(session.articles) >= 290
