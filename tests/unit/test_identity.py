"""Article ids: front matter, source URL, text; sketches for relinking."""

from __future__ import annotations

from reader.library.identity import (
    article_id,
    id_from_source,
    normalise_url,
    similarity,
    sketch,
)

TEXT = " ".join(f"word{i} and more text {i % 7}" for i in range(200))


def test_front_matter_id_wins() -> None:
    assert article_id("my-id", "https://x.org/a", "T", "B") == ("my-id", "front")


def test_front_matter_id_is_made_safe() -> None:
    assert article_id(" a/b c ", "", "T", "B") == ("a-b-c", "front")


def test_source_id_ignores_fragment_case_and_trailing_slash() -> None:
    assert id_from_source("HTTPS://Example.org/a/#top") == id_from_source("https://example.org/a")
    assert normalise_url("https://EXAMPLE.org/a/") == "https://example.org/a"


def test_text_id_changes_with_text_but_sketch_stays_close() -> None:
    original, origin = article_id("", "", "Title", TEXT)
    edited, _ = article_id("", "", "Title", TEXT.replace("word17", "wrod17"))
    assert origin == "text"
    assert original != edited
    assert similarity(sketch(TEXT), sketch(TEXT.replace("word17", "wrod17"))) >= 0.5


def test_different_texts_are_not_similar() -> None:
    other = " ".join(f"other{i} words entirely {i}" for i in range(200))
    assert similarity(sketch(TEXT), sketch(other)) < 0.2


def test_similarity_of_empty_sketches() -> None:
    assert similarity((), sketch(TEXT)) == 0.0
    assert sketch("") == ()
