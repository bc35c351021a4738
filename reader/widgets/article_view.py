"""ArticleView: an article's text, drawn line by line.

A line-API widget: the document is laid out once per width (line breaks
only) and each visible line is styled when drawn, so a 50,000-word article
opens quickly and highlights change without a new layout.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.rendering.document import Document
from reader.rendering.layout import Layout, layout
from reader.rendering.styling import LocalHighlights, StyleMap, line_text

MAX_TEXT_WIDTH = 96
"""Lines are wrapped at most this wide, for comfortable reading."""

_ROLES = (
    "title",
    "heading",
    "meta",
    "rule",
    "prefix",
    "quote",
    "code",
    "row",
    "header_row",
    "strong",
    "em",
    "strike",
    "link",
    "code_inline",
    "image",
)


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one :class:`Document`; scrolls with the reading keys."""

    COMPONENT_CLASSES = {f"article-view--{role.replace('_', '-')}" for role in _ROLES}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
        Binding(
            "space,pagedown", "page_down", "Page down", key_display="space", id="article.page_down"
        ),
        Binding(
            "b,pageup", "page_up", "Page up", key_display="b", show=False, id="article.page_up"
        ),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
    ]

    highlights: reactive[LocalHighlights] = reactive(dict, layout=False, always_update=True)
    """Extra styles over the text, by block (entity highlights, the selected passage)."""

    class Scrolled(Message):
        """The view scrolled (the screen updates its position display)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document: Document | None = None
        self.text_layout: Layout | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: StyleMap | None = None

    # -- content ---------------------------------------------------------------
    def show_document(self, document: Document, scroll_to_line: int = 0) -> None:
        """Replace the article shown and scroll to a line (0 for the top)."""
        self.document = document
        self.highlights = {}
        self._relayout()
        self.scroll_to(0, scroll_to_line, animate=False, immediate=True)

    def _text_width(self) -> int:
        return max(min(self.scrollable_content_region.width, MAX_TEXT_WIDTH), 20)

    def _relayout(self) -> None:
        self._strips.clear()
        if self.document is None:
            self.text_layout = None
            self.virtual_size = Size(0, 0)
        else:
            self.text_layout = layout(self.document, self._text_width())
            self.virtual_size = Size(self.text_layout.width, len(self.text_layout.lines))
        self.refresh()

    def on_resize(self) -> None:
        """Lay the text out again when the width changes, keeping the same passage in view."""
        if self.document is None or self.text_layout is None:
            return
        if self.text_layout.width == self._text_width():
            return
        anchor = self.offset_at_line(int(self.scroll_y))
        self._relayout()
        if anchor is not None:
            line, _ = self.text_layout.line_of(anchor)
            self.scroll_to(0, line, animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Tell the screen when the view moved to another line."""
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Scrolled())

    # -- geometry helpers -------------------------------------------------------
    def offset_at_line(self, line_number: int) -> int | None:
        """The plain-text offset of the first character shown on a line, if any."""
        if self.text_layout is None or not self.text_layout.lines:
            return None
        block_index = self.text_layout.block_at(line_number)
        block = self.text_layout.document.blocks[block_index]
        line = self.text_layout.lines[min(line_number, len(self.text_layout.lines) - 1)]
        if block.start < 0:
            return None
        local = line.start if line.block == block_index else 0
        return block.start + local

    def scroll_to_offset(self, offset: int, *, center: bool = True) -> int:
        """Scroll so the plain-text ``offset`` is in view; return its line number."""
        if self.text_layout is None:
            return 0
        line, column = self.text_layout.line_of(offset)
        self.scroll_to_region(
            Region(column, line, 1, 1), animate=False, center=center, immediate=True
        )
        return line

    # -- drawing -----------------------------------------------------------------
    def notify_style_update(self) -> None:
        """Forget resolved styles and drawn lines when the theme or CSS changes."""
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def watch_highlights(self) -> None:
        """Re-draw the visible lines (the layout is unchanged)."""
        self._strips.clear()
        self.refresh()

    @property
    def styles_by_role(self) -> StyleMap:
        """The Rich style of each role, from the ``article-view--*`` component classes."""
        if self._styles is None:
            self._styles = {
                role: self.get_component_rich_style(
                    f"article-view--{role.replace('_', '-')}", partial=True
                )
                for role in _ROLES
            }
        return self._styles

    def extra_styles(self) -> dict[str, Style]:
        """Styles for highlight roles; subclasses and screens extend this."""
        return {}

    def render_line(self, y: int) -> Strip:
        """Draw one line of the view."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        line_number = scroll_y + y
        base = self.rich_style
        if self.text_layout is None or line_number >= len(self.text_layout.lines):
            return Strip.blank(width, base)
        strip = self._strips.get(line_number)
        if strip is None:
            styles = {**self.styles_by_role, **self.extra_styles()}
            text = line_text(self.text_layout, line_number, styles, self.highlights)
            segments = list(text.render(self.app.console))
            strip = Strip(segments, text.cell_len)
            self._strips[line_number] = strip
        left = max((width - self.text_layout.width) // 2, 0)
        if left:
            strip = Strip([Segment(" " * left), *strip], strip.cell_length + left)
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_style(base)
