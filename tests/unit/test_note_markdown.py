"""Notes rendered from Markdown: structure kept, nothing interpreted."""

from __future__ import annotations

import pytest
from rich.style import Style

from reader.rendering.note_markdown import render_note

STYLES = {"strong": Style(bold=True), "em": Style(italic=True), "code": Style(reverse=True)}


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        ("plain text", "plain text"),
        ("*em* and **strong**", "em and strong"),
        ("- one\n- two", "• one\n• two"),
        ("1. first\n2. second", "1. first\n2. second"),
        ("> quoted", "│ quoted"),
        ("`[bold]x[/]`", "[bold]x[/]"),
        ("[bold]not markup[/bold]", "[bold]not markup[/bold]"),
        ("<b>html</b>", "<b>html</b>"),
        ("[a link](http://example.org)", "a link (http://example.org)"),
        ("evil \x1b]8;;http://x\x07", "evil ␛]8;;http://x␇"),
        ("```\n[red]code[/]\n```", "[red]code[/]"),
    ],
)
def test_rendered_text(note: str, shown: str) -> None:
    assert render_note(note, STYLES).plain == shown


def test_emphasis_is_styled_not_markup() -> None:
    text = render_note("*em* **strong** `code`", STYLES)
    styles = {text.plain[span.start : span.end]: span.style for span in text.spans}
    assert styles["em"] == Style(italic=True)
    assert styles["strong"] == Style(bold=True)
    assert styles["code"] == Style(reverse=True)
