"""Markdown to blocks: structure, inline spans and the plain-text offset map."""

from __future__ import annotations

import pytest

from reader.library import parse_article
from reader.text.document import Document, build_document
from tests.conftest import front_matter


def doc(body: str, title: str = "Title") -> Document:
    return build_document(parse_article(front_matter(title, body), "a.md", "markdown"))


def content(document: Document) -> list[tuple[str, str]]:
    return [(document.blocks[i].kind, document.blocks[i].text) for i in document.content_blocks]


def test_plain_text_is_title_then_blocks() -> None:
    document = doc("First *para*.\n\nSecond **para**.")
    assert document.plain == "Title\n\nFirst para.\n\nSecond para."
    assert document.title_end == len("Title")


def test_every_block_text_is_where_its_start_says() -> None:
    document = doc(
        "# Head\n\n- one\n- two\n\n> quoted\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    for index in document.content_blocks:
        block = document.blocks[index]
        assert document.plain[block.start : block.end] == block.text


def test_block_kinds_and_prefixes() -> None:
    document = doc("## Sub\n\n- one\n- two\n\n1. first\n2. second\n\n> quote\n\n```\nx = 1\n```")
    assert content(document)[1:] == [
        ("heading", "Sub"),
        ("item", "one"),
        ("item", "two"),
        ("item", "first"),
        ("item", "second"),
        ("quote", "quote"),
        ("code", "x = 1"),
    ]
    items = [
        document.blocks[i] for i in document.content_blocks if document.blocks[i].kind == "item"
    ]
    assert [item.first_prefix for item in items] == ["• ", "• ", "1. ", "2. "]
    quote = next(
        document.blocks[i] for i in document.content_blocks if document.blocks[i].kind == "quote"
    )
    assert quote.first_prefix == "▌ " and quote.rest_prefix == "▌ "


def test_nested_list_prefixes() -> None:
    document = doc("- outer\n  - inner")
    items = [document.blocks[i] for i in document.content_blocks][1:]
    assert [(b.text, b.first_prefix) for b in items] == [("outer", "• "), ("inner", "  • ")]


def test_inline_spans() -> None:
    document = doc("A **bold** and *em* [link](https://x.org) `code` ~~gone~~.")
    block = document.blocks[document.content_blocks[1]]
    assert block.text == "A bold and em link code gone."
    found = {(block.text[s.start : s.end], s.kind) for s in block.spans}
    assert found == {
        ("bold", "strong"),
        ("em", "em"),
        ("link", "link"),
        ("code", "code"),
        ("gone", "strike"),
    }
    link = next(s for s in block.spans if s.kind == "link")
    assert link.href == "https://x.org"


def test_heading_repeating_the_title_is_dropped() -> None:
    document = doc("# Title\n\nBody.")
    assert document.plain == "Title\n\nBody."


def test_html_and_markup_are_literal_text() -> None:
    document = doc("<script>alert(1)</script>\n\nText with <b>tag</b> and [bold]x[/bold].")
    assert "<script>alert(1)</script>" in document.plain
    assert "<b>tag</b>" in document.plain
    assert "[bold]x[/bold]" in document.plain


def test_hard_break_keeps_a_newline_inside_the_block() -> None:
    document = doc("line one  \nline two")
    assert document.blocks[document.content_blocks[1]].text == "line one\nline two"


def test_text_article_paragraphs() -> None:
    article = parse_article("Head\nPara one\nPara two\n", "a.txt", "text")
    assert build_document(article).plain == "Head\n\nPara one\n\nPara two"
    article = parse_article("Head\n\nWrapped\nline\n\nNext\n", "a.txt", "text")
    assert build_document(article).plain == "Head\n\nWrapped line\n\nNext"


@pytest.mark.parametrize("word", ["Title", "First", "para", "Second"])
def test_locate_maps_offsets_to_blocks(word: str) -> None:
    document = doc("First para.\n\nSecond para.")
    offset = document.plain.index(word)
    block_index, local = document.locate(offset)
    assert document.blocks[block_index].text[local:].startswith(word)


def test_header_has_date_source_and_attribution_as_decoration() -> None:
    document = doc("Body.", title="T")
    assert all(not block.in_plain_text for block in document.blocks if block.kind == "meta")
    article = parse_article(
        front_matter(
            "T",
            "Body.",
            date="2020-01-02",
            source="https://www.example.org/x",
            author="A. Writer",
            license="CC BY 2.5",
        ),
        "a.md",
        "markdown",
    )
    document = build_document(article)
    meta_lines = [block.text for block in document.blocks if block.kind == "meta"]
    assert meta_lines[0] == "2020-01-02  ·  A. Writer  ·  example.org"
    assert "Source: https://www.example.org/x" in meta_lines
    assert "Licence: CC BY 2.5" in meta_lines
    assert document.plain == "T\n\nBody."
