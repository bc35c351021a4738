"""Bounded work on hostile articles: the extractor reads a prefix; Markdown gives way to text."""

from __future__ import annotations

from reader.entities.bounds import MAX_CHARS, MAX_LINES, bounded, note_for
from reader.entities.cache import EntityCache
from reader.library import Article, ArticleMeta
from reader.text.document import MAX_MARKDOWN_BLOCKS, build_document, too_many_blocks


def test_short_texts_are_read_whole() -> None:
    text = "Vladimir Putin met Kim Jong Un.\n" * 100
    assert bounded(text) is text and note_for(text) == ""


def test_long_texts_are_cut_at_a_line_end_within_both_limits() -> None:
    long_lines = ("Word " * 20 + "\n") * 20_000  # 2 MB
    part = bounded(long_lines)
    assert len(part) <= MAX_CHARS and long_lines.startswith(part) and part.endswith("word ".title())
    many = "# Heading\n\n" * 50_000
    cut = bounded(many)
    assert cut.count("\n") < MAX_LINES + 1 and len(cut) < len(many)
    assert "first" in note_for(many) and f"{len(many):,}" in note_for(many)


def test_the_cache_extracts_only_the_bounded_part(tmp_path: object) -> None:
    seen: list[int] = []

    class Counting:
        name = "counting"
        version = "1"

        def extract(self, text: str) -> list[object]:
            seen.append(len(text))
            return []

    text = "Oslo.\n" * (MAX_LINES * 2)
    EntityCache(tmp_path).get(text, Counting())  # type: ignore[arg-type]
    assert seen and seen[0] == len(bounded(text)) < len(text)


def test_an_article_of_very_many_blocks_is_laid_out_as_plain_text() -> None:
    meta = ArticleMeta(id="h", path="h.md", title="Headings")
    many = Article(meta, "".join(f"# Heading {n}\n\n" for n in range(MAX_MARKDOWN_BLOCKS + 10)))
    assert too_many_blocks(many)
    document = build_document(many)
    assert "# Heading 5" in document.plain  # shown as it is written
    few = Article(meta, "# One\n\nText.")
    assert not too_many_blocks(few) and "# One" not in build_document(few).plain
