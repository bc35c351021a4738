"""Plain text stored as Markdown reads exactly as the plain text did."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.importing.plaintext import text_to_markdown
from reader.library.identity import text_hash
from reader.library.parsing import parse_article
from reader.text.document import build_document


def shown(body: str, kind: str) -> str:
    article = parse_article("---\ntitle: T\n---\n" + body, "x.md", kind)
    return build_document(article).plain


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose *sharply* and _fast_ [see] <b>here</b> AT&T &amp; `x` ~~y~~ back\\slash",
        "1. first\n2) second\n# hash\n> quote\n- dash\n+ plus\n---\n|a|b|\n    indented",
        "Para one\nwraps here.\n\nPara two.",
    ],
)
def test_markdown_characters_are_escaped(text: str) -> None:
    assert shown(text_to_markdown(text), "markdown") == shown(text, "text")


# Characters Markdown cares about, plus ordinary ones, so that examples hit the edge cases.
MARKDOWNISH = st.text(
    alphabet=st.sampled_from([*"ab1 .)#>-+=*_`~[]()!<>&;|\\\n\t:'\"", "é", "\u00a0"]),
    max_size=80,
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(MARKDOWNISH, st.text(max_size=80)))
@example("&#65; &copy;")
@example("<!-- x -->")
def test_any_text_reads_the_same_after_conversion(text: str) -> None:
    markdown = text_to_markdown(text)
    assert shown(markdown, "markdown") == shown(text, "text")
    if "_" not in text:  # an escaped underscore splits a word (``_`` is a word character)
        assert text_hash(markdown) == text_hash(text)


def test_underscores_inside_words_are_left_alone() -> None:
    assert text_to_markdown("snake_case and __init__ and _em_") == (
        "snake_case and \\_\\_init\\_\\_ and \\_em\\_"
    )
    assert text_hash(text_to_markdown("a snake_case name")) == text_hash("a snake_case name")
