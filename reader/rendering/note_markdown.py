"""A note's Markdown rendered to ``rich.text.Text``, always inert.

Notes are Markdown (lists, emphasis, links, code, quotes, headings). They are
parsed with markdown-it-py and built into a ``Text`` piece by piece: nothing
is ever parsed as Rich markup, HTML in a note shows as the characters typed,
a link shows its text and its address (never a clickable escape sequence),
and control characters are made visible (:func:`reader.util.safety.inert`).

Styles come in by role, like the article's (``strong``, ``em``, ``code``,
``link``, ``heading``, ``quote``, ``bullet``): the widgets resolve them from
their component classes in ``styles/app.tcss``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text

from reader.rendering.styling import StyleMap
from reader.util.safety import inert

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

NOTE_ROLES = ("strong", "em", "code", "link", "heading", "quote", "bullet")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # html off: raw HTML stays text; linkify off: no surprises.
    return MarkdownIt("commonmark", {"html": False}).enable(["strikethrough"])


class _Renderer:
    def __init__(self, styles: StyleMap) -> None:
        self.styles = styles
        self.out = Text(end="")
        self.lists: list[list[int]] = []
        """Open lists: [next number] for ordered, [] for bullets."""
        self.quote = 0
        self.line_start = True

    def style(self, role: str) -> Style:
        return self.styles.get(role, Style.null())

    def newline(self) -> None:
        self.out.append("\n")
        self.line_start = True

    def prefix(self) -> None:
        if self.line_start:
            if self.quote:
                self.out.append("│ " * self.quote, self.style("quote"))
            if self.lists:
                self.out.append("  " * (len(self.lists) - 1))
            self.line_start = False

    def blank(self) -> None:
        """Separate blocks by one blank line (none at the start, none inside lists)."""
        if self.out.plain and not self.lists:
            if not self.out.plain.endswith("\n"):
                self.newline()
            if not self.out.plain.endswith("\n\n"):
                self.newline()

    def inline(self, children: list[Any], base: Style) -> None:
        stack: list[Style] = [base]
        href: list[str] = []
        for token in children:
            kind = token.type
            if kind == "text":
                self.prefix()
                self.out.append(inert(token.content), stack[-1])
            elif kind == "code_inline":
                self.prefix()
                self.out.append(inert(token.content), stack[-1] + self.style("code"))
            elif kind in ("softbreak", "hardbreak"):
                self.newline()
                self.prefix()
            elif kind == "strong_open":
                stack.append(stack[-1] + self.style("strong"))
            elif kind == "em_open":
                stack.append(stack[-1] + self.style("em"))
            elif kind == "s_open":
                stack.append(stack[-1] + Style(strike=True))
            elif kind == "link_open":
                stack.append(stack[-1] + self.style("link"))
                href.append(str(token.attrs.get("href", "")))
            elif kind == "link_close":
                stack.pop()
                address = href.pop() if href else ""
                if address:
                    self.out.append(f" ({inert(address)})", stack[-1] + self.style("quote"))
            elif kind.endswith("_close"):
                if len(stack) > 1:
                    stack.pop()
            elif kind == "image":
                self.prefix()
                self.out.append(f"[image: {inert(token.content)}]", stack[-1])
            elif kind == "html_inline":
                self.prefix()
                self.out.append(inert(token.content), stack[-1])

    def render(self, text: str) -> Text:
        tokens = _parser().parse(text)
        heading = False
        for token in tokens:
            kind = token.type
            if kind in ("paragraph_open", "heading_open"):
                if not self.lists:
                    self.blank()
                heading = kind == "heading_open"
            elif kind == "inline":
                self.inline(token.children or [], self.style("heading") if heading else Style())
            elif kind in ("paragraph_close", "heading_close"):
                heading = False
                if self.lists:
                    self.newline()
            elif kind == "bullet_list_open":
                self.blank()
                self.lists.append([])
            elif kind == "ordered_list_open":
                self.blank()
                self.lists.append([int(token.attrs.get("start", 1) or 1)])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                if not self.out.plain.endswith("\n") and self.out.plain:
                    self.newline()
                self.prefix()
                current = self.lists[-1]
                if current:
                    self.out.append(f"{current[0]}. ", self.style("bullet"))
                    current[0] += 1
                else:
                    self.out.append("• ", self.style("bullet"))
            elif kind == "blockquote_open":
                self.blank()
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind in ("fence", "code_block"):
                self.blank()
                for line in token.content.rstrip("\n").split("\n"):
                    self.prefix()
                    self.out.append(inert(line), self.style("code"))
                    self.newline()
            elif kind == "hr":
                self.blank()
                self.out.append("───", self.style("quote"))
            elif kind == "html_block":
                self.blank()
                self.prefix()
                self.out.append(inert(token.content.rstrip("\n")))
        self.out.rstrip()
        return self.out


def render_note(text: str, styles: StyleMap | None = None) -> Text:
    """A note's Markdown as inert, styled text."""
    return _Renderer(styles or {}).render(text)
