"""Wrapping and the map from plain-text offsets to screen lines and columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.library import parse_article
from reader.rendering.layout import layout, wrap
from reader.text.document import build_document
from tests.conftest import front_matter


def test_wrap_breaks_at_spaces() -> None:
    text = "The quick brown fox jumps over the lazy dog"
    lines = [text[a:b].rstrip() for a, b in wrap(text, 15)]
    assert lines == ["The quick brown", "fox jumps over", "the lazy dog"]


def test_wrap_folds_long_words() -> None:
    text = "a " + "x" * 25
    assert [text[a:b] for a, b in wrap(text, 10)] == ["a ", "x" * 10, "x" * 10, "x" * 5]


def test_wrap_counts_wide_characters() -> None:
    text = "漢字漢字 漢字漢字"
    assert [text[a:b].rstrip() for a, b in wrap(text, 8)] == ["漢字漢字", "漢字漢字"]


def test_wrap_respects_hard_breaks() -> None:
    text = "one\ntwo three"
    assert [text[a:b] for a, b in wrap(text, 40)] == ["one", "two three"]


@given(st.text(alphabet=st.sampled_from("ab cé漢\n"), max_size=200), st.integers(1, 30))
def test_wrap_covers_text_in_order(text: str, width: int) -> None:
    ranges = wrap(text, width)
    covered = "".join(text[a:b] for a, b in ranges)
    assert covered == text.replace("\n", "")
    assert all(a <= b for a, b in ranges)


def test_offset_maps_to_line_and_column() -> None:
    body = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu."
    document = build_document(parse_article(front_matter("T", body), "a.md", "markdown"))
    text_layout = layout(document, 30)
    offset = document.plain.index("kappa")
    line_number, column = text_layout.line_of(offset)
    line = text_layout.lines[line_number]
    block = document.blocks[line.block]
    shown = line.prefix + block.text[line.start : line.end]
    assert shown[column:].startswith("kappa")


def test_offset_in_list_item_accounts_for_the_bullet() -> None:
    document = build_document(
        parse_article(front_matter("T", "- Kim Jong Un met"), "a.md", "markdown")
    )
    text_layout = layout(document, 40)
    line_number, column = text_layout.line_of(document.plain.index("Kim"))
    assert column == 2
    assert text_layout.lines[line_number].prefix == "• "


def test_blank_lines_between_blocks() -> None:
    document = build_document(parse_article(front_matter("T", "One.\n\nTwo."), "a.md", "markdown"))
    text_layout = layout(document, 40)
    kinds = [
        document.blocks[line.block].kind if line.block >= 0 else "blank"
        for line in text_layout.lines
    ]
    assert kinds == ["title", "blank", "rule", "blank", "paragraph", "blank", "paragraph"]
