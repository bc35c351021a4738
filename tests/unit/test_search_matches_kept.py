"""While typing, the full-text index answers a repeated word from memory, and never
with hits the rows no longer give (a real SQLite file in a temporary folder)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.library.article import ArticleMeta
from reader.search.index import SearchIndex

TEXTS = {
    "a1": "Interest rates rise\n\nThe bank raised interest rates again.",
    "a2": "Rain in Harare\n\nHeavy rain fell on the city.",
}


def meta(key: str, text: str) -> ArticleMeta:
    title = text.split("\n", 1)[0]
    return ArticleMeta(id=key, path=f"{key}.md", title=title, text_hash=str(hash(text)))


def load(texts: dict[str, str]) -> Callable[[ArticleMeta], tuple[str, int]]:
    def loader(m: ArticleMeta) -> tuple[str, int]:
        text = texts[m.id]
        return text, text.index("\n")

    return loader


def typing_index(tmp_path: Path, texts: dict[str, str]) -> SearchIndex:
    index = SearchIndex(tmp_path / "search.sqlite3")
    index.update([meta(k, t) for k, t in texts.items()], load(texts))
    index.stamps()  # as the app does: the rowid map in memory
    return index


def test_a_word_matched_again_is_answered_from_memory(tmp_path: Path) -> None:
    index = typing_index(tmp_path, TEXTS)
    first = index.match(("interest",), False)
    assert set(first) == {"a1"}
    assert index.match(("interest",), False) is first
    assert index.match(("interest", "rates"), True) is not first


def test_rows_written_here_are_seen_by_the_next_match(tmp_path: Path) -> None:
    index = typing_index(tmp_path, TEXTS)
    assert set(index.match(("rain",), False)) == {"a2"}
    more = {**TEXTS, "a3": "More rain\n\nRain again in Bulawayo."}
    index.update([meta(k, t) for k, t in more.items()], load(more))
    assert set(index.match(("rain",), False)) == {"a2", "a3"}


def test_rows_written_by_another_connection_are_seen(tmp_path: Path) -> None:
    index = typing_index(tmp_path, TEXTS)
    assert set(index.match(("rain",), False)) == {"a2"}
    other = SearchIndex(tmp_path / "search.sqlite3")
    other.update([meta("a1", TEXTS["a1"])], load(TEXTS))  # a2 has gone
    other.close()
    assert set(index.match(("rain",), False)) == set()
