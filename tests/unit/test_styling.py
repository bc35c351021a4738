"""Styled rich Text: inline styles and highlights land exactly on their characters."""

from __future__ import annotations

import pytest
from rich.style import Style

from reader.library import parse_article
from reader.rendering.layout import layout
from reader.rendering.styling import Highlight, line_text, localise, plain_text
from reader.text.document import build_document
from tests.conftest import front_matter

MARK = Style(bold=True, color="red")
STYLES = {"mark": MARK, "strong": Style(bold=True), "prefix": Style(dim=True)}


def styled_words(text: object, style: Style) -> list[str]:
    from rich.text import Text

    assert isinstance(text, Text)
    return [text.plain[span.start : span.end] for span in text.spans if span.style == style]


def test_highlight_spans_exactly_over_mentions_in_any_structure() -> None:
    body = "# Kim in a heading\n\n- a **Kim** item\n\n> quote with [Kim](http://x)\n\nText."
    document = build_document(parse_article(front_matter("Kim title", body), "a.md", "markdown"))
    starts = [i for i in range(len(document.plain)) if document.plain.startswith("Kim", i)]
    assert len(starts) == 4
    text = plain_text(document, STYLES, [Highlight(s, s + 3, "mark") for s in starts])
    assert text.plain == document.plain
    assert styled_words(text, MARK) == ["Kim"] * 4


def test_adjacent_and_overlapping_highlights() -> None:
    document = build_document(
        parse_article(front_matter("T", "North Korea Russia"), "a.md", "markdown")
    )
    base = document.plain.index("North")
    other = Style(italic=True)
    text = plain_text(
        document,
        {**STYLES, "other": other},
        [
            Highlight(base, base + 11, "mark"),
            Highlight(base + 12, base + 18, "other"),
            Highlight(base + 6, base + 14, "other"),
        ],
    )
    assert styled_words(text, MARK) == ["North Korea"]
    assert sorted(styled_words(text, other)) == ["Korea Ru", "Russia"]


def test_highlight_on_wrapped_line_is_cut_per_line() -> None:
    document = build_document(
        parse_article(front_matter("T", "aaa bbb Kim Jong Un ccc"), "a.md", "markdown")
    )
    text_layout = layout(document, 12)
    start = document.plain.index("Kim")
    local = localise(document, [Highlight(start, start + len("Kim Jong Un"), "mark")])
    pieces = []
    for number, line in enumerate(text_layout.lines):
        if line.block >= 0 and document.blocks[line.block].kind == "paragraph":
            pieces += styled_words(line_text(text_layout, number, STYLES, local), MARK)
    assert "".join(pieces).replace(" ", "") == "KimJongUn"


def test_bullet_prefix_is_not_highlighted() -> None:
    document = build_document(parse_article(front_matter("T", "- Kim"), "a.md", "markdown"))
    text_layout = layout(document, 20)
    start = document.plain.index("Kim")
    local = localise(document, [Highlight(start, start + 3, "mark")])
    number = next(i for i, line in enumerate(text_layout.lines) if line.prefix == "• ")
    text = line_text(text_layout, number, STYLES, local)
    assert text.plain == "• Kim"
    assert styled_words(text, MARK) == ["Kim"]


def test_markup_in_text_is_never_interpreted() -> None:
    document = build_document(
        parse_article(front_matter("[bold]T[/bold]", "[red]x[/red]"), "a.md", "markdown")
    )
    text = plain_text(document)
    assert text.plain == "[bold]T[/bold]\n\n[red]x[/red]"
    assert text.spans == []


@pytest.mark.parametrize(
    ("markdown", "mention"),
    [
        ("**Putin**, he said", "Putin"),
        ("_Kim_'s forces", "Kim"),
        ("the `KCNA` agency", "KCNA"),
        ("forces (Russia) moved", "Russia"),
        ("[North Korea](https://x.org)'s leader", "North Korea"),
        ("> “Kursk” region", "Kursk"),
        ("1. Moscow first", "Moscow"),
        ("### Ukraine today", "Ukraine"),
        ("***Vladimir Putin***", "Vladimir Putin"),
        ("half **bold Kim** Jong Un", "bold Kim"),
    ],
)
def test_mentions_touching_markdown_syntax(markdown: str, mention: str) -> None:
    document = build_document(parse_article(front_matter("T", markdown), "a.md", "markdown"))
    start = document.plain.index(mention)
    text = plain_text(document, STYLES, [Highlight(start, start + len(mention), "mark")])
    assert text.plain == document.plain
    assert styled_words(text, MARK) == [mention]
    text_layout = layout(document, 30)
    local = localise(document, [Highlight(start, start + len(mention), "mark")])
    shown = []
    for number, line in enumerate(text_layout.lines):
        if line.block >= 0:
            shown += styled_words(line_text(text_layout, number, STYLES, local), MARK)
    assert " ".join(shown) == mention
